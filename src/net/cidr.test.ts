import { containsCidr, parseCidr as oracleParse, overlapCidr } from 'cidr-tools';
import { describe, expect, it } from 'vitest';
import {
  ANY_IPV4,
  ANY_IPV6,
  cidrContains,
  cidrContainsCidr,
  cidrEquals,
  cidrFirst,
  cidrLast,
  cidrOf,
  cidrOverlaps,
  cidrSize,
  formatCidr,
  hostCidr,
  mustParseCidr,
  parseCidr,
} from './cidr.js';
import { formatIp, mustParseIp } from './ip.js';
import { cidrArb, ipArb, nearArb } from './test-arbitraries.js';
import { fc, prop } from './test-prop.js';
import type { Cidr, Family } from './types.js';

describe('parseCidr: valid', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', true],
    ['10.0.0.5/24', '10.0.0.0/24', false],
    ['0.0.0.0/0', '0.0.0.0/0', true],
    ['1.2.3.4/0', '0.0.0.0/0', false],
    ['255.255.255.255/32', '255.255.255.255/32', true],
    ['1.2.3.4', '1.2.3.4/32', true],
    ['::/0', '::/0', true],
    ['::1', '::1/128', true],
    ['2001:DB8::/32', '2001:db8::/32', true],
    ['2001:db8::1/64', '2001:db8::/64', false],
    ['::ffff:10.0.0.0/104', '::ffff:a00:0/104', true],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128', true],
  ])('%s', (text, canonicalText, canonical) => {
    const parsed = parseCidr(text);
    expect(parsed).toBeDefined();
    expect(formatCidr(parsed!.cidr)).toBe(canonicalText);
    expect(parsed!.canonical).toBe(canonical);
  });
});

describe('parseCidr: invalid', () => {
  it.each([
    '',
    '/8',
    '/33',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/+8',
    '10.0.0.0/',
    '10.0.0.0/08',
    '10.0.0.0/8/8',
    '10.0.0.0/ 8',
    '10.0.0.0 /8',
    '10.0.0.0/8 ',
    '10.0.0.0/8a',
    '10.0.0.0/255.0.0.0',
    '10.0.0/8',
    '::/129',
    '::/-0',
    'fe80::/10%eth0',
    'fe80::1%eth0/64',
  ])('%j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('cidr helpers', () => {
  it('first/last/size/equals/host', () => {
    const c = mustParseCidr('10.1.2.0/23');
    expect(formatIp(cidrFirst(c))).toBe('10.1.2.0');
    expect(formatIp(cidrLast(c))).toBe('10.1.3.255');
    expect(cidrSize(c)).toBe(512n);
    expect(cidrSize(ANY_IPV4)).toBe(1n << 32n);
    expect(cidrSize(ANY_IPV6)).toBe(1n << 128n);
    expect(formatIp(cidrLast(ANY_IPV6))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(formatCidr(ANY_IPV4)).toBe('0.0.0.0/0');
    expect(formatCidr(ANY_IPV6)).toBe('::/0');
    expect(cidrEquals(c, mustParseCidr('10.1.2.0/23'))).toBe(true);
    expect(cidrEquals(c, mustParseCidr('10.1.2.0/24'))).toBe(false);
    expect(cidrEquals(ANY_IPV4, ANY_IPV6)).toBe(false);
    expect(formatCidr(hostCidr(mustParseIp('::1')))).toBe('::1/128');
    expect(cidrOf(mustParseIp('10.9.8.7'), 16)).toEqual(mustParseCidr('10.9.0.0/16'));
    expect(() => cidrOf(mustParseIp('10.9.8.7'), 33)).toThrow(RangeError);
    expect(() => mustParseCidr('10.0.0.1/8')).toThrow();
  });
  it('never matches across families', () => {
    expect(cidrContains(ANY_IPV4, mustParseIp('::1'))).toBe(false);
    expect(cidrContains(ANY_IPV6, mustParseIp('1.2.3.4'))).toBe(false);
    expect(cidrContainsCidr(ANY_IPV6, mustParseCidr('0.0.0.0/32'))).toBe(false);
    expect(cidrOverlaps(ANY_IPV4, ANY_IPV6)).toBe(false);
  });
});

const pairArb = (family: Family) =>
  cidrArb(family).chain((a) =>
    fc.tuple(
      fc.constant(a),
      fc.oneof(
        cidrArb(family),
        fc
          .tuple(nearArb(family, a.base), fc.integer({ min: 0, max: family === 4 ? 32 : 128 }))
          .map(([ip, prefix]) => cidrOf(ip, prefix)),
      ),
    ),
  );

describe('against cidr-tools', () => {
  for (const family of [4, 6] as const) {
    prop(
      `v${family} contains/overlaps`,
      [pairArb(family)],
      ([a, b]: [Cidr, Cidr]) => {
        const ta = formatCidr(a);
        const tb = formatCidr(b);
        expect(cidrContainsCidr(a, b)).toBe(containsCidr(ta, tb));
        expect(cidrOverlaps(a, b)).toBe(overlapCidr(ta, tb));
        expect(cidrContains(a, cidrFirst(b))).toBe(containsCidr(ta, formatIp(cidrFirst(b))));
        expect(cidrContains(a, cidrLast(b))).toBe(containsCidr(ta, formatIp(cidrLast(b))));
        const parsed = oracleParse(ta);
        expect(cidrFirst(a).value).toBe(parsed.start);
        expect(cidrLast(a).value).toBe(parsed.end);
      },
      { numRuns: 300 },
    );
  }
});

describe('properties', () => {
  for (const family of [4, 6] as const) {
    prop(`v${family}: parse(format(c)) == c, canonical`, [cidrArb(family)], (c) => {
      expect(parseCidr(formatCidr(c))).toEqual({ cidr: c, canonical: true });
    });
    prop(
      `v${family}: cidrOf contains its address and first/last bound it`,
      [ipArb(family), fc.integer({ min: 0, max: family === 4 ? 32 : 128 })],
      (ip, prefix) => {
        const c = cidrOf(ip, prefix);
        expect(cidrContains(c, ip)).toBe(true);
        expect(cidrFirst(c).value <= ip.value && ip.value <= cidrLast(c).value).toBe(true);
        expect(cidrLast(c).value - cidrFirst(c).value + 1n).toBe(cidrSize(c));
        const parsed = parseCidr(`${formatIp(ip)}/${prefix}`);
        expect(parsed).toEqual({ cidr: c, canonical: c.base === ip.value });
      },
    );
  }
});
