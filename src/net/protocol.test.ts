import { describe, expect, it } from 'vitest';
import {
  ALL_PROTOCOLS,
  ICMP,
  ICMPV6,
  parseProtocol,
  protocolEntry,
  protocolName,
  protocolUsesPorts,
  TCP,
  UDP,
} from './protocol.js';
import { PROTOCOL_TABLE } from './protocol-table.js';

describe('protocol table', () => {
  it('covers 0-146 and 253-255 exactly once, in order', () => {
    const numbers = PROTOCOL_TABLE.map((e) => e.number);
    const expected = [...Array.from({ length: 147 }, (_, i) => i), 253, 254, 255];
    expect(numbers).toEqual(expected);
  });
  it('has unique keywords (case-insensitive)', () => {
    const names = PROTOCOL_TABLE.flatMap((e) => [e.keyword, ...(e.aliases ?? [])]).filter(
      (n) => n !== undefined,
    );
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
  it.each([
    [0, 'HOPOPT'],
    [1, 'ICMP'],
    [2, 'IGMP'],
    [4, 'IPv4'],
    [6, 'TCP'],
    [17, 'UDP'],
    [41, 'IPv6'],
    [47, 'GRE'],
    [50, 'ESP'],
    [51, 'AH'],
    [58, 'IPv6-ICMP'],
    [84, 'TTP'],
    [132, 'SCTP'],
    [145, 'NSH'],
    [61, 'proto-61'],
    [200, 'proto-200'],
    [255, 'Reserved'],
    [-1, 'all'],
  ])('protocolName(%i) = %s', (n, name) => {
    expect(protocolName(n)).toBe(name);
  });
  it('exposes entries', () => {
    expect(protocolEntry(13)).toEqual({ number: 13, keyword: 'ARGUS', deprecated: true });
    expect(protocolEntry(99)?.note).toBe('any private encryption scheme');
    expect(protocolEntry(200)).toBeUndefined();
  });
});

describe('parseProtocol', () => {
  it.each([
    ['tcp', 6],
    ['TCP', 6],
    ['udp', 17],
    ['icmp', 1],
    ['icmpv6', 58],
    ['ICMPv6', 58],
    ['ipv6-icmp', 58],
    ['all', -1],
    ['ALL', -1],
    ['-1', -1],
    ['0', 0],
    ['6', 6],
    ['255', 255],
    ['gre', 47],
    ['esp', 50],
    ['3pc', 34],
    ['iptm', 84],
    ['ttp', 84],
    ['mobility header', 135],
    ['TP++', 39],
  ])('%s -> %i', (text, n) => {
    expect(parseProtocol(text)).toBe(n);
  });
  it.each(['', '256', '-2', '+6', '06', ' tcp', 'tcp ', 'tcpx', '6.0', 'proto-6', 'icmp6'])(
    'rejects %j',
    (text) => {
      expect(parseProtocol(text)).toBeUndefined();
    },
  );
  it('round-trips every keyword and number', () => {
    for (const e of PROTOCOL_TABLE) {
      if (e.keyword !== undefined) expect(parseProtocol(protocolName(e.number))).toBe(e.number);
    }
    for (let n = 0; n <= 255; n++) expect(parseProtocol(String(n))).toBe(n);
  });
});

describe('constants and ports', () => {
  it('matches IANA numbers', () => {
    expect([TCP, UDP, ICMP, ICMPV6, ALL_PROTOCOLS]).toEqual([6, 17, 1, 58, -1]);
  });
  it('only TCP and UDP use ports', () => {
    const users = Array.from({ length: 257 }, (_, i) => i - 1).filter(protocolUsesPorts);
    expect(users).toEqual([6, 17]);
  });
});
