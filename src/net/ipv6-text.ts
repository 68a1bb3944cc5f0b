// IPv6 text forms (RFC 4291 section 2.2) and the canonical output form (RFC 5952).
// Accepts full and "::"-compressed forms, hex in any case, and a dotted IPv4 tail.
// Rejects zone ids ("%eth0"), prefixes, brackets and whitespace. Knows nothing else.

import { parseIpv4Number } from './ipv4-text.js';

const COLON = 58; // ':'
/** Longest accepted text: "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255". */
const MAX_TEXT_LENGTH = 45;

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Parses one group of 1-4 hex digits in `text[start, end)`. */
function parseGroup(text: string, start: number, end: number): number | undefined {
  if (end <= start || end - start > 4) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = hexDigit(text.charCodeAt(i));
    if (digit < 0) return undefined;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * Parses colon-separated groups in `text[start, end)` into 16-bit numbers. When `allowIpv4Tail`,
 * the last piece may be a dotted quad, which yields two groups. An empty range yields no groups.
 */
function parseGroups(text: string, start: number, end: number, allowIpv4Tail: boolean): number[] | undefined {
  const groups: number[] = [];
  if (start === end) return groups;
  let pieceStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== COLON) continue;
    const isLast = i === end;
    if (isLast && allowIpv4Tail && text.indexOf('.', pieceStart) !== -1) {
      const v4 = parseIpv4Number(text, pieceStart, end);
      if (v4 === undefined) return undefined;
      groups.push(v4 >>> 16, v4 & 0xffff);
    } else {
      const group = parseGroup(text, pieceStart, i);
      if (group === undefined) return undefined;
      groups.push(group);
    }
    pieceStart = i + 1;
  }
  return groups;
}

/** Parses IPv6 text into a 128-bit value, or undefined. */
export function parseIpv6Value(text: string): bigint | undefined {
  if (text.length < 2 || text.length > MAX_TEXT_LENGTH) return undefined;
  const gap = text.indexOf('::');
  let head: number[] | undefined;
  let tail: number[] = [];
  if (gap === -1) {
    head = parseGroups(text, 0, text.length, true);
    if (head === undefined || head.length !== 8) return undefined;
  } else {
    if (text.indexOf('::', gap + 1) !== -1) return undefined;
    head = parseGroups(text, 0, gap, false);
    const rest = parseGroups(text, gap + 2, text.length, true);
    if (head === undefined || rest === undefined) return undefined;
    tail = rest;
    // "::" stands for at least one zero group.
    if (head.length + tail.length > 7) return undefined;
  }
  let value = 0n;
  for (const group of head) value = (value << 16n) | BigInt(group);
  value <<= BigInt(16 * (8 - head.length - tail.length));
  for (const group of tail) value = (value << 16n) | BigInt(group);
  return value;
}

/** True when the text contains a character that can only appear in IPv6 text. */
export function looksLikeIpv6(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === COLON) return true;
  return false;
}

/** Formats a 128-bit value in RFC 5952 canonical form (always hex, no dotted IPv4 tail). */
export function formatIpv6Value(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  // Longest run of two or more zero groups; the first one wins a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
