import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, mustParseCidr } from './cidr.js';
import { mustParseIp } from './ip.js';
import { LpmTrie } from './lpm.js';
import { clusteredCidrsArb, probeArb } from './test-arbitraries.js';
import { fc, prop } from './test-prop.js';
import type { Cidr, Family, Ip } from './types.js';

function build(family: Family, routes: readonly Cidr[]): LpmTrie<number> {
  const trie = new LpmTrie<number>(family);
  routes.forEach((c, i) => {
    trie.insert(c, i);
  });
  return trie;
}

/** Brute force: group values by prefix (insertion order), keep matching prefixes, longest first. */
function linearMatches(routes: readonly Cidr[], ip: Ip): Array<{ cidr: string; values: number[] }> {
  const groups = new Map<string, { cidr: Cidr; values: number[] }>();
  routes.forEach((c, i) => {
    const key = formatCidr(c);
    const g = groups.get(key) ?? { cidr: c, values: [] };
    g.values.push(i);
    groups.set(key, g);
  });
  return [...groups.values()]
    .filter((g) => cidrContains(g.cidr, ip))
    .sort((a, b) => b.cidr.prefix - a.cidr.prefix)
    .map((g) => ({ cidr: formatCidr(g.cidr), values: g.values }));
}

const view = <T>(e: { cidr: Cidr; values: readonly T[] }) => ({
  cidr: formatCidr(e.cidr),
  values: [...e.values],
});

describe('LpmTrie', () => {
  it('finds the longest prefix and all matches', () => {
    const trie = new LpmTrie<string>(4);
    trie.insert(mustParseCidr('0.0.0.0/0'), 'igw');
    trie.insert(mustParseCidr('10.0.0.0/16'), 'local');
    trie.insert(mustParseCidr('10.0.1.0/24'), 'pcx');
    trie.insert(mustParseCidr('10.0.1.0/24'), 'pcx-2');
    expect(trie.size).toBe(4);
    expect(trie.lookup(mustParseIp('10.0.1.9'))?.values).toEqual(['pcx', 'pcx-2']);
    expect(trie.lookup(mustParseIp('10.0.2.9'))?.values).toEqual(['local']);
    expect(formatCidr(trie.lookup(mustParseIp('8.8.8.8'))!.cidr)).toBe('0.0.0.0/0');
    expect(trie.matches(mustParseIp('10.0.1.1')).map(view)).toEqual([
      { cidr: '10.0.1.0/24', values: ['pcx', 'pcx-2'] },
      { cidr: '10.0.0.0/16', values: ['local'] },
      { cidr: '0.0.0.0/0', values: ['igw'] },
    ]);
    expect(trie.entries().map((e) => formatCidr(e.cidr))).toEqual([
      '0.0.0.0/0',
      '10.0.0.0/16',
      '10.0.1.0/24',
    ]);
  });
  it('handles host routes, empty tables and other-family lookups', () => {
    const trie = new LpmTrie<number>(6);
    expect(trie.lookup(mustParseIp('::1'))).toBeUndefined();
    expect(trie.matches(mustParseIp('::1'))).toEqual([]);
    trie.insert(mustParseCidr('::1/128'), 1);
    trie.insert(mustParseCidr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'), 2);
    expect(trie.lookup(mustParseIp('::1'))?.values).toEqual([1]);
    expect(trie.lookup(mustParseIp('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))?.values).toEqual([2]);
    expect(trie.lookup(mustParseIp('::2'))).toBeUndefined();
    expect(trie.lookup(mustParseIp('0.0.0.1'))).toBeUndefined();
  });
  it('rejects other-family and non-canonical prefixes', () => {
    const trie = new LpmTrie<number>(4);
    expect(() => trie.insert(mustParseCidr('::/0'), 1)).toThrow();
    expect(() => trie.insert({ family: 4, base: 1n, prefix: 24 }, 1)).toThrow(RangeError);
    expect(trie.size).toBe(0);
  });

  for (const family of [4, 6] as const) {
    const scenario = clusteredCidrsArb(family, 40).chain((routes) =>
      fc.tuple(fc.constant(routes), fc.array(probeArb(family, routes), { minLength: 1, maxLength: 20 })),
    );
    prop(
      `v${family}: lookup/matches agree with a linear scan`,
      [scenario],
      ([routes, probes]) => {
        const trie = build(family, routes);
        expect(trie.size).toBe(routes.length);
        for (const ip of probes) {
          const expected = linearMatches(routes, ip);
          expect(trie.matches(ip).map(view)).toEqual(expected);
          const best = trie.lookup(ip);
          expect(best === undefined ? undefined : view(best)).toEqual(expected[0]);
        }
      },
      { numRuns: 200 },
    );
  }
});
