// IP protocol numbers: names from the IANA table, parsing of user/AWS spellings ("tcp", "6",
// "-1"/"all"), and which protocols carry ports. Knows nothing about rules or AWS beyond the
// "-1 means all protocols" convention.

import { parseDecimal } from './decimal.js';
import { PROTOCOL_TABLE, type ProtocolEntry } from './protocol-table.js';

export const ICMP = 1;
export const TCP = 6;
export const UDP = 17;
export const ICMPV6 = 58;
/** Wildcard: every protocol (AWS spells it "-1"). */
export const ALL_PROTOCOLS = -1;

const byNumber = new Map<number, ProtocolEntry>();
const byName = new Map<string, number>();
for (const entry of PROTOCOL_TABLE) {
  byNumber.set(entry.number, entry);
  for (const name of [entry.keyword, ...(entry.aliases ?? [])]) {
    if (name !== undefined) byName.set(name.toLowerCase(), entry.number);
  }
}
byName.set('icmpv6', ICMPV6);
byName.set('all', ALL_PROTOCOLS);

/** The IANA table entry for a number, if IANA has assigned it. */
export function protocolEntry(n: number): ProtocolEntry | undefined {
  return byNumber.get(n);
}

/** IANA keyword, "all" for -1, or "proto-<n>" when the number has no keyword. */
export function protocolName(n: number): string {
  if (n === ALL_PROTOCOLS) return 'all';
  return byNumber.get(n)?.keyword ?? `proto-${n}`;
}

/**
 * Accepts "all" and "-1" (→ -1), "icmpv6", IANA keywords in any case, and decimal 0-255
 * (no sign, spaces or leading zeros).
 */
export function parseProtocol(text: string): number | undefined {
  if (text === '-1') return ALL_PROTOCOLS;
  const n = parseDecimal(text, 255);
  if (n !== undefined) return n;
  return byName.get(text.toLowerCase());
}

/** True only for TCP and UDP, the protocols whose rules take port ranges. */
export function protocolUsesPorts(n: number): boolean {
  return n === TCP || n === UDP;
}
