import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyReader, kthLargest, TopTable } from './top-table.js';

function feed(t: TopTable, stream: readonly [number, number][]): Map<number, number> {
  const exact = new Map<number, number>();
  for (const [key, w] of stream) {
    t.key().ipv4(key);
    t.commit(1, w, w * 10);
    exact.set(key, (exact.get(key) ?? 0) + w);
  }
  return exact;
}

describe('TopTable', () => {
  it('is exact within maxKeys, ranks by the metric asked, ties by key', () => {
    const t = new TopTable(64);
    feed(t, [
      [3, 5],
      [1, 5],
      [2, 9],
      [3, 1],
    ]);
    expect(t.approximate).toBe(false);
    const top = t.top(10, 1).map((e) => [new KeyReader(e.key).addr(), ...e.values]);
    expect(top).toEqual([
      ['0.0.0.2', 1, 9, 90],
      ['0.0.0.3', 2, 6, 60],
      ['0.0.0.1', 1, 5, 50],
    ]);
  });

  it('keys of any length: text, addresses, numbers, and long keys stored apart', () => {
    const t = new TopTable(64);
    const long = 'x'.repeat(100);
    for (const s of ['eni-1', long, 'eni-1', '2001:db8::1']) {
      t.key().text(s).word(-1);
      t.commit(1, 0, 0);
    }
    const got = t.top(10, 0).map((e) => {
      const r = new KeyReader(e.key);
      return [r.text(), r.int(), e.values[0]];
    });
    expect(got).toEqual([
      ['eni-1', null, 2],
      ['2001:db8::1', null, 1],
      [long, null, 1],
    ]);
  });

  it('past maxKeys: values are lower bounds within maxError, and heavy keys are never lost', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 1000 })), {
          minLength: 1,
          maxLength: 3000,
        }),
        fc.integer({ min: 16, max: 64 }),
        (stream, maxKeys) => {
          const t = new TopTable(maxKeys);
          const exact = feed(t, stream);
          const bound = t.maxError[1]!;
          const total = [...exact.values()].reduce((a, b) => a + b, 0);
          expect(bound).toBeLessThanOrEqual(total / (Math.floor(maxKeys / 16) + 1) + 1e-9);
          const seen = new Map(t.top(100000, 1).map((e) => [e.key[1]!, e.values[1]]));
          for (const [key, truth] of exact) {
            const got = seen.get(key | 0) ?? 0;
            expect(got).toBeLessThanOrEqual(truth);
            expect(got).toBeGreaterThanOrEqual(truth - bound);
          }
          if (!t.approximate) expect(bound).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('kthLargest finds the k-th largest among duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, k0) => {
          const k = (k0 % xs.length) + 1;
          const sorted = [...xs].sort((a, b) => b - a);
          expect(kthLargest(Float64Array.from(xs), xs.length, k)).toBe(sorted[k - 1]);
        },
      ),
    );
  });
});
