/**
 * Loading never crashes on what AWS prints, even when it is not what the loader expects: every
 * built-in describe-* example is mutated at random (a field deleted, a value turned into null, a
 * number, a string, a boolean, an array or an object, an array item duplicated or dropped) and then
 * loaded, indexed and traced. The loader may warn and skip; the engine may answer anything; only
 * the errors that name bad input (InputError, ResolveError) may be thrown, never a crash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResolveError } from '../src/engine/resolve.js';
import { trace } from '../src/engine/trace.js';
import { buildNetworkData, InputError, type SnapshotDocument } from '../src/ingest/index.js';
import { Network } from '../src/model/index.js';
import { examplePath, tcp } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const EXAMPLES = [
  'nat-instance',
  'dual-stack-eigw',
  'endpoints',
  'partial-ephemeral',
  'vpn-vgw',
  'direct-connect',
  'transit-gateway',
];

function documents(name: string): SnapshotDocument[] {
  const dir = examplePath(name);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: join(dir, f), json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json }));
}

/** Every container in the tree with the key or index of each child: the places a mutation can hit. */
function places(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node))
      node.forEach((child, i) => {
        out.push({ parent: node, key: i });
        walk(child);
      });
    else if (node !== null && typeof node === 'object')
      for (const [k, child] of Object.entries(node)) {
        out.push({ parent: node, key: k });
        walk(child);
      }
  };
  walk(root);
  return out;
}

const REPLACEMENTS: readonly Json[] = [
  null,
  0,
  -1,
  42.5,
  '',
  'x',
  'vpc-00000000',
  true,
  [],
  {},
  [null],
  { a: 1 },
];

type Mutation = { readonly doc: number; readonly at: number; readonly op: number; readonly value: number };

function mutate(docs: SnapshotDocument[], ms: readonly Mutation[]): SnapshotDocument[] {
  const copy = docs.map((d) => ({ file: d.file, json: structuredClone(d.json) as Json }));
  for (const m of ms) {
    const doc = copy[m.doc % copy.length]!;
    const ps = places(doc.json);
    if (ps.length === 0) continue;
    const { parent, key } = ps[m.at % ps.length]!;
    const value = REPLACEMENTS[m.value % REPLACEMENTS.length]!;
    if (Array.isArray(parent)) {
      const i = key as number;
      if (m.op % 3 === 0) parent.splice(i, 1);
      else if (m.op % 3 === 1) parent.splice(i, 0, structuredClone(parent[i]!));
      else parent[i] = value;
    } else if (m.op % 2 === 0) delete parent[key as string];
    else parent[key as string] = value;
  }
  return copy;
}

const mutation = fc.record({
  doc: fc.nat(),
  at: fc.nat(),
  op: fc.nat(),
  value: fc.nat(),
});

describe('describe-* loading survives mutated AWS output', () => {
  for (const name of EXAMPLES) {
    it(`${name}: load, index and trace never crash`, () => {
      const docs = documents(name);
      const original = new Network(buildNetworkData(docs));
      const instances = [...original.instances.keys()];
      expect(instances.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
          const data = buildNetworkData(mutate(docs, ms));
          const net = new Network(data);
          for (const w of data.warnings) expect(typeof w.code).toBe('string');
          const [a, b] = [instances[0]!, instances[instances.length - 1]!];
          for (const q of [tcp(a, b, 22), tcp('internet', a, 443), tcp(a, '8.8.8.8', 443)]) {
            try {
              const t = trace(net, q);
              expect(['reachable', 'unreachable', 'partial', 'unknown']).toContain(t.verdict);
            } catch (e) {
              if (!(e instanceof ResolveError) && !(e instanceof InputError)) throw e;
            }
          }
        }),
        { numRuns: 60, seed: 20261127 },
      );
    });
  }
});
