/**
 * Fuzzing the readers with random bytes and with mutated valid inputs (plain text, gzip, CloudWatch
 * JSON): reading never throws, and every line is accounted for. For plain text the number of lines
 * is also counted independently.
 */

import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadOptions } from './read/read.js';
import {
  DEFAULT_HEADER,
  DOC_ALB,
  DOC_ALB_CONN,
  DOC_CLB,
  DOC_DEFAULT,
  DOC_NLB,
  TGW_HEADER,
  TGW_RECORD,
} from './test-fixtures.js';
import { collectText, fieldsOf } from './test-helpers.js';

const VALID = [
  [DEFAULT_HEADER, ...Object.values(DOC_DEFAULT)].join('\n'),
  [TGW_HEADER, TGW_RECORD].join('\n'),
  Object.values(DOC_ALB).join('\n'),
  Object.values(DOC_CLB).join('\n'),
  Object.values(DOC_NLB).join('\n'),
  Object.values(DOC_ALB_CONN).join('\n'),
].map((t) => Buffer.from(`${t}\n`));

const OPTIONS: ReadOptions[] = [
  {},
  { type: 'vpc' },
  { type: 'alb' },
  { type: 'nlb' },
  { type: 'clb' },
  { type: 'alb-conn' },
  { fields: fieldsOf(DEFAULT_HEADER) },
  { strict: true },
  { maxLine: 64 },
];

/** Lines as the readers count them: newline-terminated, plus a last line without one. */
function countLines(b: Buffer): number {
  let n = 0;
  for (const c of b) if (c === 10) n++;
  return b.length > 0 && b[b.length - 1] !== 10 ? n + 1 : n;
}

function isPlainText(b: Buffer): boolean {
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return false;
  for (const c of b) {
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    return c !== 123 && c !== 91;
  }
  return true;
}

async function check(bytes: Buffer, opts: ReadOptions): Promise<void> {
  const { result } = await collectText(bytes, opts);
  const acc = result.acc;
  expect(acc.balanced()).toBe(true);
  if (!result.fatal && !acc.strictFailure && isPlainText(bytes))
    expect(acc.counts.lines).toBe(countLines(bytes));
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(input: Buffer, ms: readonly Mutation[]): Buffer {
  let b = Buffer.from(input);
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] = m.byte;
    else if (m.kind === 'insert')
      b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else b = b.subarray(0, at);
  }
  return b;
}

describe('fuzz', () => {
  it('random bytes, with every reading option', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          fc.stringMatching(/^[ -~\n\t"]{0,400}$/).map((s) => new TextEncoder().encode(s)),
        ),
        fc.constantFrom(...OPTIONS),
        async (bytes, opts) => check(Buffer.from(bytes), opts),
      ),
      { numRuns: 300 },
    );
  });

  it('mutated valid logs: plain, gzip and CloudWatch JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...VALID),
        fc.constantFrom('plain', 'gzip', 'json'),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...OPTIONS),
        async (valid, wrap, ms, opts) => {
          const base =
            wrap === 'plain'
              ? valid
              : wrap === 'gzip'
                ? gzipSync(valid)
                : Buffer.from(
                    JSON.stringify({
                      logEvents: valid
                        .toString()
                        .trimEnd()
                        .split('\n')
                        .map((message) => ({ message })),
                    }),
                  );
          await check(mutate(base, ms), opts);
        },
      ),
      { numRuns: 300 },
    );
  });
});
