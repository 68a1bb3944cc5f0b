// Well-known special-purpose address blocks and the "public unicast" test built on them.
// Knows the IANA/RFC special ranges listed below; knows nothing about AWS (e.g. which
// addresses a VPC reserves).

import { cidrContains, mustParseCidr } from './cidr.js';
import type { Cidr, Ip } from './types.js';

/** RFC 1918 private IPv4 space. */
export const PRIVATE_IPV4: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(
  mustParseCidr,
);

/** Every IPv4 block that is not public unicast. */
export const NON_PUBLIC_IPV4: readonly Cidr[] = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // RFC 1918
  '100.64.0.0/10', // shared address space (CGNAT), RFC 6598
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // RFC 1918
  '192.0.2.0/24', // documentation TEST-NET-1
  '192.168.0.0/16', // RFC 1918
  '198.18.0.0/15', // benchmarking, RFC 2544
  '198.51.100.0/24', // documentation TEST-NET-2
  '203.0.113.0/24', // documentation TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, incl. limited broadcast 255.255.255.255
].map(mustParseCidr);

/**
 * Every IPv6 block that is not public unicast. Only global unicast 2000::/3 counts as public, so
 * this is its complement (which holds ::, ::1, ::ffff:0:0/96, fc00::/7, fe80::/10, ff00::/8, ...)
 * plus the documentation block.
 */
export const NON_PUBLIC_IPV6: readonly Cidr[] = [
  '::/3', // unspecified, loopback, IPv4-mapped, NAT64, ... (all below 2000::)
  '2001:db8::/32', // documentation
  '4000::/2', // unallocated
  '8000::/1', // unallocated, ULA fc00::/7, link-local fe80::/10, multicast ff00::/8
].map(mustParseCidr);

export function isPrivateIpv4(ip: Ip): boolean {
  return ip.family === 4 && PRIVATE_IPV4.some((c) => cidrContains(c, ip));
}

/** True when no NON_PUBLIC_IPV4 / NON_PUBLIC_IPV6 block contains the address. */
export function isPublicUnicast(ip: Ip): boolean {
  const blocks = ip.family === 4 ? NON_PUBLIC_IPV4 : NON_PUBLIC_IPV6;
  return !blocks.some((c) => cidrContains(c, ip));
}
