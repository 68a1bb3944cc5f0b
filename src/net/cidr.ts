// CIDR blocks: parsing ("a.b.c.d/n", "x::/n", bare address = host route), formatting and
// containment/overlap arithmetic on prefixes. Knows nothing about routes or AWS.

import { parseDecimal } from './decimal.js';
import { formatIp, ipOf, parseIp } from './ip.js';
import { bitsOf, type Cidr, type Family, type Ip, maxValueOf } from './types.js';

/** Mask of the host bits of a prefix (the low `bits - prefix` bits). */
export function hostMask(family: Family, prefix: number): bigint {
  return (1n << BigInt(bitsOf(family) - prefix)) - 1n;
}

/** Mask of the network bits of a prefix. */
export function netMask(family: Family, prefix: number): bigint {
  return maxValueOf(family) ^ hostMask(family, prefix);
}

function checkPrefix(family: Family, prefix: number): void {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bitsOf(family)) {
    throw new RangeError(`invalid /${prefix} for IPv${family}`);
  }
}

/** The block of the given length that contains `ip` (host bits cleared). Throws on a bad prefix. */
export function cidrOf(ip: Ip, prefix: number): Cidr {
  checkPrefix(ip.family, prefix);
  return { family: ip.family, base: ip.value & netMask(ip.family, prefix), prefix };
}

/** The /32 or /128 block of a single address. */
export function hostCidr(ip: Ip): Cidr {
  return { family: ip.family, base: ip.value, prefix: bitsOf(ip.family) };
}

export const ANY_IPV4: Cidr = Object.freeze({ family: 4, base: 0n, prefix: 0 });
export const ANY_IPV6: Cidr = Object.freeze({ family: 6, base: 0n, prefix: 0 });

/**
 * Parses "addr/len" or a bare address (a host route). `canonical` is false when the text had
 * host bits set ("10.0.0.5/24"); the returned base has them cleared either way.
 */
export function parseCidr(text: string): { cidr: Cidr; canonical: boolean } | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  if (slash === -1) return { cidr: hostCidr(ip), canonical: true };
  const prefix = parseDecimal(text, bitsOf(ip.family), slash + 1);
  if (prefix === undefined) return undefined;
  const cidr = cidrOf(ip, prefix);
  return { cidr, canonical: cidr.base === ip.value };
}

/** Parses a canonical CIDR or throws; for constants and tests. */
export function mustParseCidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (parsed === undefined || !parsed.canonical) throw new Error(`invalid CIDR: ${JSON.stringify(text)}`);
  return parsed.cidr;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp({ family: c.family, value: c.base })}/${c.prefix}`;
}

export function cidrFirst(c: Cidr): Ip {
  return ipOf(c.family, c.base);
}

export function cidrLast(c: Cidr): Ip {
  return ipOf(c.family, c.base | hostMask(c.family, c.prefix));
}

/** Number of addresses in the block. */
export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt(bitsOf(c.family) - c.prefix);
}

export function cidrEquals(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.prefix === b.prefix && a.base === b.base;
}

/** True when `ip` is inside the block; always false across families. */
export function cidrContains(c: Cidr, ip: Ip): boolean {
  return c.family === ip.family && (ip.value & netMask(c.family, c.prefix)) === c.base;
}

/** True when every address of `inner` is in `outer` (a block contains itself). */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    outer.prefix <= inner.prefix &&
    (inner.base & netMask(outer.family, outer.prefix)) === outer.base
  );
}

/** True when the blocks share at least one address. Prefix blocks either nest or are disjoint. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.prefix <= b.prefix ? cidrContainsCidr(a, b) : cidrContainsCidr(b, a);
}
