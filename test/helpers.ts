/**
 * Shared test helpers: load a built-in example once, run a trace, and validate every trace
 * against the published JSON Schema (docs/trace.schema.json) so the contract cannot drift.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { type TraceQuery, trace } from '../src/engine/trace.js';
import type { Hop, Trace } from '../src/engine/types.js';
import { loadSnapshot } from '../src/ingest/index.js';
import type { Network } from '../src/model/index.js';
import { TCP } from '../src/net/index.js';

const schemaPath = fileURLToPath(new URL('../docs/trace.schema.json', import.meta.url));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

export function expectValidTrace(t: unknown): void {
  // Round-trip through JSON: the schema describes what `--json` prints.
  const json = JSON.parse(JSON.stringify(t));
  const ok = validate(json);
  if (!ok) throw new Error(`trace does not match docs/trace.schema.json: ${ajv.errorsText(validate.errors)}`);
}

const cache = new Map<string, Promise<Network>>();

export function examplePath(name: string): string {
  return fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
}

export function loadExample(name: string): Promise<Network> {
  let p = cache.get(name);
  if (!p) {
    p = loadSnapshot(examplePath(name));
    cache.set(name, p);
  }
  return p;
}

export function tcp(from: string, to: string, port: number, extra: Partial<TraceQuery> = {}): TraceQuery {
  return { from, to, protocol: TCP, port: { from: port, to: port }, ...extra };
}

export function run(net: Network, q: TraceQuery): Trace {
  const t = trace(net, q);
  expectValidTrace(t);
  return t;
}

export const ids = (hops: readonly Hop[]) => hops.map((h) => h.component.id);

/** The NACL rules (as `acl:direction:rule`) that decided, in path order. */
export function aclRules(hops: readonly Hop[]): string[] {
  const out: string[] = [];
  for (const h of hops)
    for (const s of h.steps)
      for (const m of s.matched)
        if (m.type === 'network-acl-entry')
          out.push(`${m.networkAclId}:${m.egress ? 'out' : 'in'}:${m.ruleNumberText}`);
  return out;
}

export function blockerSummary(t: Trace) {
  return t.blockers.map((b) => ({
    code: b.code,
    component: b.component.id,
    direction: b.direction,
    path: b.path,
    rule:
      b.rule === null
        ? null
        : b.rule.type === 'network-acl-entry'
          ? `rule ${b.rule.ruleNumberText}`
          : b.rule.type === 'route'
            ? b.rule.destination
            : b.rule.groupId,
  }));
}

export function expectVerdict(t: Trace, verdict: Trace['verdict']): void {
  expect(
    t.verdict,
    JSON.stringify(t.blockers.map((b) => b.message).concat(t.unknowns.map((u) => u.message))),
  ).toBe(verdict);
}
