// Test-only: load an example's data, change it, lint it with one rule.
import { join } from 'node:path';
import { loadSnapshotData } from '../ingest/snapshot.js';
import { Network, type NetworkData } from '../model/index.js';
import { RULES } from './registry.js';
import { createContext } from './run.js';
import type { Finding } from './types.js';

export const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

const cache = new Map<string, NetworkData>();

export function exampleData(name: string): NetworkData {
  let d = cache.get(name);
  if (!d) {
    d = loadSnapshotData(join(EXAMPLES, name));
    cache.set(name, d);
  }
  return d;
}

/** The example's network, with `change` applied to its data. */
export function example(
  name: string,
  change: (d: NetworkData) => Partial<NetworkData> = () => ({}),
): Network {
  const d = exampleData(name);
  return new Network({ ...d, ...change(d) });
}

export function check(ruleId: string, net: Network): Finding[] {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return [...rule.check(createContext(net))];
}

/** `ruleId level resource` of each finding, for table assertions. */
export function summary(ruleId: string, net: Network): string[] {
  return check(ruleId, net).map((f) => `${f.level} ${f.resources[0]?.id ?? ''}`);
}

/** Replace the item of `list` whose key is `id`. */
export function patch<T>(list: readonly T[], key: (t: T) => string, id: string, change: (t: T) => T): T[] {
  let hit = false;
  const out = list.map((t) => {
    if (key(t) !== id) return t;
    hit = true;
    return change(t);
  });
  if (!hit) throw new Error(`no ${id}`);
  return out;
}
