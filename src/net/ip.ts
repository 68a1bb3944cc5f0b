// IP addresses: construction, parsing, formatting and ordering for both families.
// Knows the text forms (via ipv4-text / ipv6-text) and value ranges; knows nothing about
// networks, routing or AWS.

import { formatIpv4Value, parseIpv4Number } from './ipv4-text.js';
import { formatIpv6Value, looksLikeIpv6, parseIpv6Value } from './ipv6-text.js';
import { bitsOf, type Family, type Ip, maxValueOf } from './types.js';

export { bitsOf };

/** Builds an IPv4 address from its 32-bit value. Throws RangeError outside 0..2^32-1. */
export function ipv4(value: number | bigint): Ip {
  if (typeof value === 'number' && !Number.isInteger(value)) throw new RangeError(`not an integer: ${value}`);
  const v = BigInt(value);
  if (v < 0n || v > maxValueOf(4)) throw new RangeError(`IPv4 value out of range: ${v}`);
  return { family: 4, value: v };
}

/** Builds an IPv6 address from its 128-bit value. Throws RangeError outside 0..2^128-1. */
export function ipv6(value: bigint): Ip {
  if (value < 0n || value > maxValueOf(6)) throw new RangeError(`IPv6 value out of range: ${value}`);
  return { family: 6, value };
}

/** Builds an address of the given family. Throws RangeError when the value does not fit. */
export function ipOf(family: Family, value: bigint): Ip {
  return family === 4 ? ipv4(value) : ipv6(value);
}

/** Parses a strict IPv4 dotted quad. */
export function parseIpv4(text: string): Ip | undefined {
  const n = parseIpv4Number(text);
  return n === undefined ? undefined : { family: 4, value: BigInt(n) };
}

/** Parses IPv6 text (RFC 4291 forms, no zone id). */
export function parseIpv6(text: string): Ip | undefined {
  const value = parseIpv6Value(text);
  return value === undefined ? undefined : { family: 6, value };
}

/** Parses either family: text containing ':' is IPv6, anything else IPv4. */
export function parseIp(text: string): Ip | undefined {
  return looksLikeIpv6(text) ? parseIpv6(text) : parseIpv4(text);
}

/** Parses an address or throws; for constants and tests. */
export function mustParseIp(text: string): Ip {
  const ip = parseIp(text);
  if (ip === undefined) throw new Error(`invalid IP address: ${JSON.stringify(text)}`);
  return ip;
}

/** Dotted quad for IPv4, RFC 5952 canonical text for IPv6. */
export function formatIp(ip: Ip): string {
  return ip.family === 4 ? formatIpv4Value(ip.value) : formatIpv6Value(ip.value);
}

export function ipEquals(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.value === b.value;
}

/** Orders by family (IPv4 first), then by value. Returns -1, 0 or 1. */
export function ipCompare(a: Ip, b: Ip): number {
  if (a.family !== b.family) return a.family < b.family ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
