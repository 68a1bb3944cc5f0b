import { describe, expect, it } from 'vitest';
import { cidrContains, cidrOverlaps } from './cidr.js';
import { mustParseIp } from './ip.js';
import { isPrivateIpv4, isPublicUnicast, NON_PUBLIC_IPV4, NON_PUBLIC_IPV6 } from './special.js';
import { ipArb } from './test-arbitraries.js';
import { prop } from './test-prop.js';

describe('isPrivateIpv4', () => {
  it.each([
    ['10.0.0.1', true],
    ['10.255.255.255', true],
    ['172.16.0.0', true],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    ['172.15.255.255', false],
    ['192.168.1.1', true],
    ['192.169.0.0', false],
    ['100.64.0.1', false],
    ['8.8.8.8', false],
    ['::ffff:10.0.0.1', false],
  ])('%s -> %s', (text, expected) => {
    expect(isPrivateIpv4(mustParseIp(text))).toBe(expected);
  });
});

describe('isPublicUnicast', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['52.94.1.1', true],
    ['100.63.255.255', true],
    ['100.128.0.0', true],
    ['198.17.255.255', true],
    ['198.20.0.0', true],
    ['223.255.255.255', true],
    ['0.0.0.0', false],
    ['0.1.2.3', false],
    ['10.1.2.3', false],
    ['100.64.0.0', false],
    ['100.127.255.255', false],
    ['127.0.0.1', false],
    ['169.254.169.254', false],
    ['172.20.0.1', false],
    ['192.0.2.1', false],
    ['192.168.0.1', false],
    ['198.18.0.1', false],
    ['198.19.255.255', false],
    ['198.51.100.7', false],
    ['203.0.113.9', false],
    ['224.0.0.1', false],
    ['239.255.255.255', false],
    ['240.0.0.1', false],
    ['255.255.255.255', false],
    ['2600:1f18::1', true],
    ['2001:4860:4860::8888', true],
    ['3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['2001:db8::1', false],
    ['::', false],
    ['::1', false],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::808:808', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['fe80::1', false],
    ['ff02::1', false],
    ['4000::1', false],
  ])('%s -> %s', (text, expected) => {
    expect(isPublicUnicast(mustParseIp(text))).toBe(expected);
  });
  prop('v6: public iff in 2000::/3 and outside 2001:db8::/32', [ipArb(6)], (ip) => {
    const top3 = ip.value >> 125n;
    const top32 = ip.value >> 96n;
    expect(isPublicUnicast(ip)).toBe(top3 === 1n && top32 !== 0x20010db8n);
  });
  prop('v4: private implies not public', [ipArb(4)], (ip) => {
    if (isPrivateIpv4(ip)) expect(isPublicUnicast(ip)).toBe(false);
    expect(isPublicUnicast(ip)).toBe(!NON_PUBLIC_IPV4.some((c) => cidrContains(c, ip)));
  });
  it('lists blocks of the right family', () => {
    expect(NON_PUBLIC_IPV4.every((c) => c.family === 4)).toBe(true);
    expect(NON_PUBLIC_IPV6.every((c) => c.family === 6)).toBe(true);
    expect(
      NON_PUBLIC_IPV4.filter((a, i) => NON_PUBLIC_IPV4.some((b, j) => i !== j && cidrOverlaps(a, b))),
    ).toEqual([]);
  });
});
