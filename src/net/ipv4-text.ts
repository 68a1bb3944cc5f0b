// IPv4 text form: strict dotted quad ("a.b.c.d", four decimal octets 0-255, no leading zeros).
// Knows only the IPv4 text syntax; it does not accept the legacy shorthand, octal or hex forms
// that inet_aton() would, and knows nothing about what an address is used for.

import { parseDecimal } from './decimal.js';

const DOT = 46; // '.'

/** Parses `text[start, end)` as a dotted quad into a 32-bit number, or undefined. */
export function parseIpv4Number(text: string, start = 0, end = text.length): number | undefined {
  let value = 0;
  let parts = 0;
  let partStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== DOT) continue;
    const octet = parseDecimal(text, 255, partStart, i);
    if (octet === undefined || parts === 4) return undefined;
    value = value * 256 + octet;
    parts++;
    partStart = i + 1;
  }
  return parts === 4 ? value : undefined;
}

/** Formats a 32-bit value as a dotted quad. */
export function formatIpv4Value(value: bigint): string {
  const n = Number(value);
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
