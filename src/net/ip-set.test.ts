import { excludeCidr, mergeCidr } from 'cidr-tools';
import { describe, expect, it } from 'vitest';
import { cidrOf, cidrSize, formatCidr, mustParseCidr, parseCidr } from './cidr.js';
import { rangeToCidrs } from './cidr-cover.js';
import { formatIp, mustParseIp } from './ip.js';
import { IpRangeSet } from './ip-set.js';
import { clusteredCidrsArb } from './test-arbitraries.js';
import { fc, prop } from './test-prop.js';
import type { Cidr } from './types.js';

const V6_MAX = (1n << 128n) - 1n;
const texts = (cidrs: readonly Cidr[]) => cidrs.map(formatCidr);

describe('IpRangeSet basics', () => {
  it('adds, merges adjacent ranges and subtracts', () => {
    const set = IpRangeSet.of(4, mustParseCidr('10.0.0.0/25'));
    expect(set.isEmpty()).toBe(false);
    set.addCidr(mustParseCidr('10.0.0.128/25'));
    expect(set.ranges()).toEqual([{ start: 0x0a000000n, end: 0x0a0000ffn }]);
    expect(texts(set.toCidrs())).toEqual(['10.0.0.0/24']);
    set.subtractCidr(mustParseCidr('10.0.0.5/32'));
    expect(texts(set.toCidrs())).toEqual(excludeCidr(['10.0.0.0/24'], ['10.0.0.5/32']));
    expect(set.has(mustParseIp('10.0.0.5'))).toBe(false);
    expect(set.has(mustParseIp('10.0.0.6'))).toBe(true);
    expect(set.has(mustParseIp('::1'))).toBe(false);
    expect(formatIp(set.first()!)).toBe('10.0.0.0');
    expect(set.count()).toBe(255n);
    set.subtractRange(0n, 0xffffffffn);
    expect(set.isEmpty()).toBe(true);
    expect(set.first()).toBeUndefined();
    expect(set.toCidrs()).toEqual([]);
  });
  it('clone branches; ranges() snapshots do not change', () => {
    const a = IpRangeSet.of(4, mustParseCidr('10.0.0.0/8'));
    const snapshot = a.ranges();
    const b = a.clone().subtractCidr(mustParseCidr('10.0.0.0/9'));
    expect(texts(a.toCidrs())).toEqual(['10.0.0.0/8']);
    expect(texts(b.toCidrs())).toEqual(['10.128.0.0/9']);
    a.addCidr(mustParseCidr('11.0.0.0/8'));
    expect(snapshot).toEqual([{ start: 0x0a000000n, end: 0x0affffffn }]);
  });
  it('works at the edges of the IPv6 space', () => {
    const set = IpRangeSet.of(6).addRange(0n, V6_MAX);
    expect(texts(set.toCidrs())).toEqual(['::/0']);
    expect(set.count()).toBe(1n << 128n);
    set.subtractRange(0n, 0n);
    expect(set.toCidrs()).toHaveLength(128);
    set.subtractCidr(mustParseCidr('8000::/1'));
    expect(set.has(mustParseIp('ffff::'))).toBe(false);
    expect(set.has(mustParseIp('7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))).toBe(true);
    expect(texts(rangeToCidrs(6, V6_MAX, V6_MAX))).toEqual(['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128']);
  });
  it('rejects bad input', () => {
    const set = IpRangeSet.of(4);
    expect(() => set.addCidr(mustParseCidr('::/0'))).toThrow();
    expect(() => set.addRange(5n, 4n)).toThrow(RangeError);
    expect(() => set.addRange(0n, 1n << 32n)).toThrow(RangeError);
    expect(() => set.subtractRange(-1n, 0n)).toThrow(RangeError);
    expect(() => rangeToCidrs(4, 2n, 1n)).toThrow(RangeError);
  });
});

// Reference model: a small IPv4 sub-universe 10.0.0.0/26 (64 addresses) as a boolean array,
// with probes one address outside on either side.
const BASE = 0x0a000000n;
const SIZE = 64;
const offset = fc.integer({ min: 0, max: SIZE - 1 });
const localCidr = fc
  .tuple(offset, fc.integer({ min: 26, max: 32 }))
  .map(([o, prefix]) => cidrOf({ family: 4, value: BASE + BigInt(o) }, prefix));
const op = fc.oneof(
  fc.record({ kind: fc.constant('addCidr' as const), cidr: localCidr }),
  fc.record({ kind: fc.constant('subtractCidr' as const), cidr: localCidr }),
  fc.record({ kind: fc.constant('addRange' as const), a: offset, b: offset }),
  fc.record({ kind: fc.constant('subtractRange' as const), a: offset, b: offset }),
);

describe('IpRangeSet against a boolean-array model', () => {
  prop(
    'random operation sequences',
    [fc.array(op, { maxLength: 25 })],
    (ops) => {
      const set = IpRangeSet.of(4);
      const model = new Array<boolean>(SIZE).fill(false);
      for (const o of ops) {
        if (o.kind === 'addCidr' || o.kind === 'subtractCidr') {
          const lo = Number(o.cidr.base - BASE);
          const n = Number(cidrSize(o.cidr));
          for (let i = lo; i < lo + n; i++) model[i] = o.kind === 'addCidr';
          set[o.kind](o.cidr);
        } else {
          const lo = Math.min(o.a, o.b);
          const hi = Math.max(o.a, o.b);
          for (let i = lo; i <= hi; i++) model[i] = o.kind === 'addRange';
          set[o.kind](BASE + BigInt(lo), BASE + BigInt(hi));
        }
      }
      for (let i = -1; i <= SIZE; i++) {
        expect(set.has({ family: 4, value: BASE + BigInt(i) })).toBe(model[i] === true);
      }
      // ranges(): sorted, disjoint and non-adjacent
      const ranges = set.ranges();
      for (let i = 0; i < ranges.length; i++) {
        expect(ranges[i]!.start <= ranges[i]!.end).toBe(true);
        if (i > 0) expect(ranges[i - 1]!.end + 1n < ranges[i]!.start).toBe(true);
      }
      expect(set.count()).toBe(BigInt(model.filter(Boolean).length));
      expect(set.isEmpty()).toBe(!model.includes(true));
      const firstIndex = model.indexOf(true);
      expect(set.first()?.value).toBe(firstIndex < 0 ? undefined : BASE + BigInt(firstIndex));
      // toCidrs(): exact cover by disjoint blocks, each maximal (its parent block is not inside the set)
      const covered = new Array<boolean>(SIZE).fill(false);
      for (const c of set.toCidrs()) {
        const lo = Number(c.base - BASE);
        const n = Number(cidrSize(c));
        for (let i = lo; i < lo + n; i++) {
          expect(covered[i]).toBe(false);
          covered[i] = true;
        }
        const parent = cidrOf({ family: 4, value: c.base }, c.prefix - 1);
        const plo = Number(parent.base - BASE);
        const pn = Number(cidrSize(parent));
        const parentInside = plo >= 0 && plo + pn <= SIZE && model.slice(plo, plo + pn).every(Boolean);
        expect(parentInside).toBe(false);
      }
      expect(covered).toEqual(model);
    },
    { numRuns: 300 },
  );
});

describe('IpRangeSet against cidr-tools', () => {
  for (const family of [4, 6] as const) {
    const scenario = fc.tuple(clusteredCidrsArb(family, 8), clusteredCidrsArb(family, 4));
    prop(
      `v${family}: toCidrs = mergeCidr / excludeCidr`,
      [scenario],
      ([add, remove]) => {
        const canon = (list: string[]) => list.map((t) => formatCidr(parseCidr(t)!.cidr));
        const set = IpRangeSet.of(family, ...add);
        expect(texts(set.toCidrs())).toEqual(add.length === 0 ? [] : canon(mergeCidr(texts(add))));
        if (add.length === 0 || remove.length === 0) return;
        for (const c of remove) set.subtractCidr(c);
        expect(texts(set.toCidrs())).toEqual(canon(excludeCidr(texts(add), texts(remove))));
      },
      { numRuns: 150 },
    );
  }
});
