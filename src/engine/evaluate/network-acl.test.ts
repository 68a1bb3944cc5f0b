import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkAclEntry } from '../../model/index.js';
import { cidrContains, cidrOf, type Ip, type PortRange, PortSet } from '../../net/index.js';
import type { Packet } from '../packet.js';
import { evaluateNetworkAcl, freeRuleNumberBefore } from './network-acl.js';
import { criticalPorts, type EntrySpec, networkAcl, type PacketSpec, packet, ports } from './test-network.js';

const TCP = 6;
const UDP = 17;
const ICMP = 1;
const ICMPV6 = 58;
const ESP = 50;

const ANY4 = '0.0.0.0/0';
const ANY6 = '::/0';
const DEFAULT4: EntrySpec = { n: 32767, action: 'deny', proto: -1, cidr: ANY4 };
const DEFAULT6: EntrySpec = { n: 32768, action: 'deny', proto: -1, cidr: ANY6 };

const tcpIn = (dstPorts: PortSet, src = '198.18.0.1', dst = '10.0.1.10'): PacketSpec => ({
  src,
  dst,
  proto: TCP,
  dstPorts,
});
const icmpIn = (
  type: number,
  code: number,
  proto = ICMP,
  src = '198.18.0.1',
  dst = '10.0.1.10',
): PacketSpec => ({
  src,
  dst,
  proto,
  icmpType: type,
  icmpCode: code,
});

interface Case {
  name: string;
  entries: EntrySpec[];
  egress?: boolean;
  pkt: PacketSpec;
  allowed: PortSet | 'all' | 'none';
  /** Expected decisions as `rule:action:ports` (rule `*` when no entry decided). */
  decisions?: string[];
}

const cases: Case[] = [
  {
    name: 'first match by rule number, not array order (deny 90 before allow 100)',
    entries: [
      { n: 100, action: 'allow', proto: TCP, cidr: ANY4, ports: [22, 22] },
      { n: 90, action: 'deny', proto: TCP, cidr: ANY4, ports: [22, 22] },
      DEFAULT4,
    ],
    pkt: tcpIn(ports(22)),
    allowed: 'none',
    decisions: ['90:deny:22'],
  },
  {
    name: 'allow before deny',
    entries: [
      { n: 200, action: 'deny', proto: -1, cidr: ANY4 },
      { n: 100, action: 'allow', proto: TCP, cidr: ANY4, ports: [22, 22] },
    ],
    pkt: tcpIn(ports(22)),
    allowed: ports(22),
    decisions: ['100:allow:22'],
  },
  {
    name: 'deny before allow for a narrower source',
    entries: [
      { n: 100, action: 'deny', proto: TCP, cidr: '198.18.0.0/24', ports: [0, 65535] },
      { n: 110, action: 'allow', proto: TCP, cidr: ANY4, ports: [0, 65535] },
    ],
    pkt: tcpIn(ports(443)),
    allowed: 'none',
    decisions: ['100:deny:443'],
  },
  {
    name: 'a non-matching source falls through to the next rule',
    entries: [
      { n: 100, action: 'deny', proto: TCP, cidr: '198.18.1.0/24', ports: [0, 65535] },
      { n: 110, action: 'allow', proto: TCP, cidr: ANY4, ports: [0, 65535] },
    ],
    pkt: tcpIn(ports(443)),
    allowed: ports(443),
    decisions: ['110:allow:443'],
  },
  {
    name: 'the 32767 default deny decides what no rule matched',
    entries: [{ n: 100, action: 'allow', proto: TCP, cidr: ANY4, ports: [80, 80] }, DEFAULT4],
    pkt: tcpIn(ports(80, 443)),
    allowed: ports(80),
    decisions: ['100:allow:80', '32767:deny:443'],
  },
  {
    name: 'no entries at all: implicit deny',
    entries: [],
    pkt: tcpIn(ports(80)),
    allowed: 'none',
    decisions: ['*:deny:80'],
  },
  {
    name: 'no entries at all: implicit deny for ICMP',
    entries: [],
    pkt: icmpIn(8, 0),
    allowed: 'none',
  },
  {
    name: 'IPv4 entries are ignored for IPv6 packets',
    entries: [{ n: 100, action: 'allow', proto: -1, cidr: ANY4 }, DEFAULT4, DEFAULT6],
    pkt: tcpIn(ports(443), '2001:db8::1', '2001:db8::2'),
    allowed: 'none',
    decisions: ['32768:deny:443'],
  },
  {
    name: 'IPv6 entries decide IPv6 packets',
    entries: [
      { n: 100, action: 'deny', proto: -1, cidr: ANY4 },
      { n: 101, action: 'allow', proto: -1, cidr: ANY6 },
      DEFAULT4,
      DEFAULT6,
    ],
    pkt: tcpIn(ports(443), '2001:db8::1', '2001:db8::2'),
    allowed: ports(443),
    decisions: ['101:allow:443'],
  },
  {
    name: 'IPv6 entries are ignored for IPv4 packets',
    entries: [{ n: 100, action: 'allow', proto: -1, cidr: ANY6 }, DEFAULT4],
    pkt: tcpIn(ports(443)),
    allowed: 'none',
  },
  {
    name: 'inbound judges the source',
    entries: [{ n: 100, action: 'allow', proto: -1, cidr: '10.0.1.0/24' }],
    pkt: tcpIn(ports(22), '198.18.0.1', '10.0.1.10'),
    allowed: 'none',
  },
  {
    name: 'outbound judges the destination',
    egress: true,
    entries: [{ n: 100, egress: true, action: 'allow', proto: -1, cidr: '198.18.0.0/16' }],
    pkt: tcpIn(ports(22), '10.0.1.10', '198.18.0.1'),
    allowed: ports(22),
  },
  {
    name: 'inbound entries are not used outbound',
    egress: true,
    entries: [{ n: 100, action: 'allow', proto: -1, cidr: ANY4 }],
    pkt: tcpIn(ports(22), '10.0.1.10', '198.18.0.1'),
    allowed: 'none',
  },
  {
    name: 'protocol -1 matches tcp on every port',
    entries: [{ n: 100, action: 'allow', proto: -1, cidr: ANY4 }],
    pkt: tcpIn(ports([1, 1000], 8080)),
    allowed: ports([1, 1000], 8080),
  },
  {
    name: 'protocol -1 matches ESP',
    entries: [{ n: 100, action: 'allow', proto: -1, cidr: ANY4 }],
    pkt: { src: '198.18.0.1', dst: '10.0.1.10', proto: ESP },
    allowed: 'all',
  },
  {
    name: 'protocol 50 entry with a port range matches all ESP',
    entries: [{ n: 100, action: 'allow', proto: ESP, cidr: ANY4, ports: [1, 2] }],
    pkt: { src: '198.18.0.1', dst: '10.0.1.10', proto: ESP },
    allowed: 'all',
  },
  {
    name: 'udp entry does not match tcp',
    entries: [{ n: 100, action: 'allow', proto: UDP, cidr: ANY4, ports: [0, 65535] }],
    pkt: tcpIn(ports(53)),
    allowed: 'none',
  },
  {
    name: 'ICMP IcmpTypeCode -1/-1 matches any type',
    entries: [{ n: 100, action: 'allow', proto: ICMP, cidr: ANY4, icmp: [-1, -1] }],
    pkt: icmpIn(3, 4),
    allowed: 'all',
  },
  {
    name: 'ICMP type 8 code -1 matches echo request',
    entries: [{ n: 100, action: 'allow', proto: ICMP, cidr: ANY4, icmp: [8, -1] }],
    pkt: icmpIn(8, 0),
    allowed: 'all',
  },
  {
    name: 'ICMP type 8 code -1 does not match echo reply',
    entries: [{ n: 100, action: 'allow', proto: ICMP, cidr: ANY4, icmp: [8, -1] }],
    pkt: icmpIn(0, 0),
    allowed: 'none',
  },
  {
    name: 'ICMP 3/4 does not match 3/1; the later any-ICMP deny decides',
    entries: [
      { n: 100, action: 'allow', proto: ICMP, cidr: ANY4, icmp: [3, 4] },
      { n: 110, action: 'deny', proto: ICMP, cidr: ANY4, icmp: [-1, -1] },
      { n: 120, action: 'allow', proto: -1, cidr: ANY4 },
    ],
    pkt: icmpIn(3, 1),
    allowed: 'none',
    decisions: ['110:deny:0-65535'],
  },
  {
    name: 'ICMP entry does not match ICMPv6',
    entries: [{ n: 100, action: 'allow', proto: ICMP, cidr: ANY6, icmp: [-1, -1] }],
    pkt: icmpIn(128, 0, ICMPV6, '2001:db8::1', '2001:db8::2'),
    allowed: 'none',
  },
  {
    name: 'protocol 58 with an IPv6 CIDR checks the type',
    entries: [{ n: 100, action: 'allow', proto: ICMPV6, cidr: ANY6, icmp: [128, -1] }],
    pkt: icmpIn(129, 0, ICMPV6, '2001:db8::1', '2001:db8::2'),
    allowed: 'none',
  },
  {
    name: 'protocol 58 with an IPv6 CIDR allows the listed type',
    entries: [{ n: 100, action: 'allow', proto: ICMPV6, cidr: ANY6, icmp: [128, -1] }],
    pkt: icmpIn(128, 0, ICMPV6, '2001:db8::1', '2001:db8::2'),
    allowed: 'all',
  },
  {
    name: 'protocol 58 with an IPv4 CIDR means all ICMP types',
    entries: [{ n: 100, action: 'allow', proto: ICMPV6, cidr: ANY4, icmp: [128, 0] }],
    pkt: icmpIn(135, 3, ICMPV6),
    allowed: 'all',
  },
  {
    name: 'ephemeral set split across rules (with a catch-all allow)',
    entries: [
      { n: 120, action: 'allow', proto: TCP, cidr: ANY4, ports: [1024, 65535] },
      { n: 110, action: 'deny', proto: TCP, cidr: ANY4, ports: [1024, 5000] },
      { n: 100, action: 'allow', proto: TCP, cidr: ANY4, ports: [32768, 61000] },
      DEFAULT4,
    ],
    pkt: tcpIn(ports([1024, 65535])),
    allowed: ports([5001, 65535]),
    decisions: ['100:allow:32768-61000', '110:deny:1024-5000', '120:allow:5001-32767, 61001-65535'],
  },
  {
    name: 'ephemeral set split across rules (default deny takes the rest)',
    entries: [
      { n: 110, action: 'deny', proto: TCP, cidr: ANY4, ports: [1024, 5000] },
      { n: 100, action: 'allow', proto: TCP, cidr: ANY4, ports: [32768, 61000] },
      DEFAULT4,
    ],
    pkt: tcpIn(ports([1024, 65535])),
    allowed: ports([32768, 61000]),
    decisions: ['100:allow:32768-61000', '110:deny:1024-5000', '32767:deny:5001-32767, 61001-65535'],
  },
  {
    name: 'an overlapping later allow does not reopen ports an earlier deny took',
    entries: [
      { n: 100, action: 'deny', proto: TCP, cidr: ANY4, ports: [1024, 2048] },
      { n: 200, action: 'allow', proto: TCP, cidr: ANY4, ports: [1000, 3000] },
    ],
    pkt: tcpIn(ports([0, 65535])),
    allowed: ports([1000, 1023], [2049, 3000]),
  },
];

function decisionText(d: { entry: NetworkAclEntry | undefined; action: string; ports: PortSet }): string {
  return `${d.entry ? d.entry.ruleNumber : '*'}:${d.action}:${d.ports.toString()}`;
}

describe('evaluateNetworkAcl (table)', () => {
  it.each(cases)('$name', (c) => {
    const res = evaluateNetworkAcl(networkAcl(c.entries), c.egress ?? false, packet(c.pkt));
    const want = c.allowed === 'all' ? PortSet.all() : c.allowed === 'none' ? PortSet.empty() : c.allowed;
    expect(res.allowed.toString()).toBe(want.toString());
    if (c.decisions) expect(res.decisions.map(decisionText)).toEqual(c.decisions);
    // The decisions partition the evaluated ports: disjoint, and together all of them.
    const evaluated =
      c.pkt.proto === TCP || c.pkt.proto === UDP ? (c.pkt.dstPorts ?? PortSet.all()) : PortSet.all();
    let seen = PortSet.empty();
    for (const d of res.decisions) {
      expect(d.ports.intersect(seen).isEmpty()).toBe(true);
      seen = seen.union(d.ports);
    }
    expect(seen.equals(evaluated)).toBe(true);
  });
});

describe('freeRuleNumberBefore', () => {
  const inbound = (...ns: number[]) =>
    networkAcl(ns.map((n) => ({ n, action: 'allow' as const, proto: -1, cidr: ANY4 })));
  it.each([
    {
      name: 'before 32767 after 100..130',
      acl: inbound(100, 110, 120, 130, 32767),
      before: 32767,
      want: 140,
    },
    { name: 'before 200 after 100', acl: inbound(100, 200), before: 200, want: 110 },
    { name: 'no room between 100 and 101', acl: inbound(100, 101), before: 101, want: null },
    {
      name: 'no multiple of 10 free: first free number',
      acl: inbound(100, 110, 120),
      before: 120,
      want: 111,
    },
    { name: 'falls back to a non-multiple of 10', acl: inbound(100, 105), before: 105, want: 101 },
    { name: 'next multiple of 10 after 103', acl: inbound(103, 200), before: 200, want: 110 },
    { name: 'empty list', acl: inbound(), before: 32767, want: 10 },
    { name: 'before the first rule', acl: inbound(100), before: 100, want: 10 },
    { name: 'nothing below rule 1', acl: inbound(1), before: 1, want: null },
    { name: 'never a reserved number', acl: inbound(32760), before: 32767, want: 32761 },
    { name: 'no reserved 32767 even before 32768', acl: inbound(32766), before: 32768, want: null },
  ])('$name', ({ acl, before, want }) => {
    expect(freeRuleNumberBefore(acl, false, before)).toBe(want);
  });

  it('ignores the other direction', () => {
    const acl = networkAcl([
      { n: 100, action: 'allow', proto: -1, cidr: ANY4 },
      { n: 110, egress: true, action: 'allow', proto: -1, cidr: ANY4 },
      { n: 120, egress: true, action: 'allow', proto: -1, cidr: ANY4 },
    ]);
    expect(freeRuleNumberBefore(acl, false, 32767)).toBe(110);
    expect(freeRuleNumberBefore(acl, true, 32767)).toBe(130);
  });

  it('a returned number is free, sorts before `before`, and after every earlier rule', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 420 }),
        (ns, before) => {
          const acl = networkAcl(ns.map((n) => ({ n, action: 'deny' as const, proto: -1, cidr: ANY4 })));
          const got = freeRuleNumberBefore(acl, false, before);
          const earlier = ns.filter((n) => n < before);
          const prev = Math.max(0, ...earlier);
          if (got === null) {
            // No room: every number strictly between prev and before is taken.
            for (let n = prev + 1; n < before; n++) expect(ns).toContain(n);
          } else {
            expect(ns).not.toContain(got);
            expect(got).toBeGreaterThan(prev);
            expect(got).toBeLessThan(before);
          }
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test against a naive evaluator written from aws-semantics §3.3-3.10: for each port
// separately, walk the direction's entries by ascending rule number; the first matching entry
// decides; nothing matched means deny.

function refEntryMatches(e: NetworkAclEntry, pkt: Packet, peer: Ip, port: number | undefined): boolean {
  if (!cidrContains(e.cidr, peer)) return false;
  if (e.protocol === -1) return true;
  if (e.protocol !== pkt.protocol) return false;
  if (pkt.protocol === TCP || pkt.protocol === UDP) {
    return port !== undefined && (!e.portRange || (e.portRange.from <= port && port <= e.portRange.to));
  }
  const icmpChecked = pkt.protocol === ICMP || (pkt.protocol === ICMPV6 && e.cidr.family === 6);
  if (icmpChecked && e.icmpTypeCode) {
    const t = e.icmpTypeCode;
    return (t.type === -1 || t.type === pkt.icmpType) && (t.code === -1 || t.code === pkt.icmpCode);
  }
  return true;
}

function refAllows(
  entries: readonly NetworkAclEntry[],
  egress: boolean,
  pkt: Packet,
  port: number | undefined,
): boolean {
  const peer = egress ? pkt.dst : pkt.src;
  const ordered = entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const e of ordered) if (refEntryMatches(e, pkt, peer, port)) return e.ruleAction === 'allow';
  return false;
}

const v4 = (n: number): Ip => ({ family: 4, value: 0x0a000000n + BigInt(n) }); // 10.0.0.n
const v6 = (n: number): Ip => ({ family: 6, value: 0x20010db8n * (1n << 96n) + BigInt(n) }); // 2001:db8::n

const cidrArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.nat(255), fc.integer({ min: 24, max: 32 })).map(([n, p]) => cidrOf(v4(n), p)),
  },
  { weight: 1, arbitrary: fc.constant(cidrOf(v4(0), 0)) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.nat(255), fc.integer({ min: 120, max: 128 })).map(([n, p]) => cidrOf(v6(n), p)),
  },
  { weight: 1, arbitrary: fc.constant(cidrOf(v6(0), 0)) },
);
const portArb = fc.oneof(
  fc.integer({ min: 0, max: 65535 }),
  fc.constantFrom(0, 22, 1024, 5000, 32768, 61000, 65535),
);
const rangeArb: fc.Arbitrary<PortRange> = fc
  .tuple(portArb, portArb)
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));

const entryArb = (ruleNumber: number): fc.Arbitrary<NetworkAclEntry> =>
  fc
    .record({
      egress: fc.boolean(),
      allow: fc.boolean(),
      proto: fc.constantFrom(TCP, UDP, TCP, ICMP, ICMPV6, -1, ESP),
      cidr: cidrArb,
      range: fc.option(rangeArb, { freq: 4, nil: undefined }),
      type: fc.constantFrom(-1, 0, 3, 8, 128),
      code: fc.constantFrom(-1, 0, 4),
    })
    .map((r) => ({
      ruleNumber,
      egress: r.egress,
      ruleAction: r.allow ? 'allow' : 'deny',
      protocol: r.proto,
      cidr: r.cidr,
      portRange: r.proto === TCP || r.proto === UDP || r.proto === ESP ? r.range : undefined,
      icmpTypeCode: r.proto === ICMP || r.proto === ICMPV6 ? { type: r.type, code: r.code } : undefined,
    }));

const entriesArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 32766 }), { maxLength: 10 })
  .chain((ns) => fc.tuple(...ns.map(entryArb)))
  .map((es) => [...es]);

const packetArb: fc.Arbitrary<Packet> = fc
  .record({
    v6: fc.boolean(),
    src: fc.nat(255),
    dst: fc.nat(255),
    proto: fc.constantFrom(TCP, UDP, TCP, ICMP, ICMPV6, ESP),
    dstPorts: fc.array(rangeArb, { minLength: 1, maxLength: 3 }),
    icmpType: fc.constantFrom(0, 3, 8, 128),
    icmpCode: fc.constantFrom(0, 1, 4),
  })
  .map((r) => {
    const addr = r.v6 ? v6 : v4;
    const icmpish = r.proto === ICMP || r.proto === ICMPV6;
    return {
      src: addr(r.src),
      dst: addr(r.dst),
      protocol: r.proto,
      srcPorts: PortSet.all(),
      dstPorts: PortSet.of(...r.dstPorts),
      icmpType: icmpish ? r.icmpType : undefined,
      icmpCode: icmpish ? r.icmpCode : undefined,
    };
  });

describe('evaluateNetworkAcl (differential)', () => {
  it('agrees with a naive per-port first-match evaluator', () => {
    fc.assert(
      fc.property(entriesArb, fc.boolean(), packetArb, (entries, egress, pkt) => {
        const res = evaluateNetworkAcl(networkAcl(entries), egress, pkt);
        if (pkt.protocol === TCP || pkt.protocol === UDP) {
          const edges = criticalPorts([
            ...pkt.dstPorts.ranges(),
            ...entries.flatMap((e) => (e.portRange ? [e.portRange] : [])),
          ]);
          for (const p of edges) {
            const want = pkt.dstPorts.has(p) && refAllows(entries, egress, pkt, p);
            if (res.allowed.has(p) !== want)
              throw new Error(`port ${p}: engine ${res.allowed.has(p)}, reference ${want}`);
          }
        } else {
          const want = refAllows(entries, egress, pkt, undefined);
          expect(res.allowed.isAll()).toBe(want);
          expect(res.allowed.isEmpty()).toBe(!want);
        }
        // Decisions come in evaluation order and each names an entry of this direction.
        const numbers = res.decisions.flatMap((d) => (d.entry ? [d.entry.ruleNumber] : []));
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        for (const d of res.decisions) if (d.entry) expect(d.entry.egress).toBe(egress);
      }),
      { numRuns: 400 },
    );
  });

  it('the entry array order does not matter', () => {
    fc.assert(
      fc.property(entriesArb, fc.boolean(), packetArb, fc.nat(), (entries, egress, pkt, seed) => {
        const shuffled = [...entries];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seed + i * 7919) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const a = evaluateNetworkAcl(networkAcl(entries), egress, pkt);
        const b = evaluateNetworkAcl(networkAcl(shuffled), egress, pkt);
        expect(b.allowed.toString()).toBe(a.allowed.toString());
      }),
      { numRuns: 100 },
    );
  });
});

describe('freeRuleNumberBefore with the default rules present', () => {
  // A real snapshot of an IPv6 VPC lists both `*` rules: 32767 (IPv4) and 32768 (IPv6).
  const acl = networkAcl([{ n: 100, action: 'allow', proto: -1, cidr: ANY4 }, DEFAULT4, DEFAULT6]);
  it('before the IPv4 default', () => {
    expect(freeRuleNumberBefore(acl, false, 32767)).toBe(110);
  });
  // Regression: the IPv4 default 32767 once counted as an "earlier rule", so this returned null.
  it('before the IPv6 default 32768 (blocked IPv6 traffic)', () => {
    // Any free number in 101..32766 sorts before 32768 and after rule 100; 32767 never matches IPv6.
    expect(freeRuleNumberBefore(acl, false, 32768)).toBe(110);
  });
});

describe('protocol -1 ("all traffic") flows', () => {
  const pkt = (src: string) => packet({ src, dst: '10.0.0.9', proto: -1 });
  it('an earlier deny for one protocol means not all traffic passes', () => {
    const acl = networkAcl([
      { n: 90, action: 'deny', proto: 6, cidr: ANY4, ports: [0, 65535] },
      { n: 100, action: 'allow', proto: -1, cidr: ANY4 },
      DEFAULT4,
    ]);
    const r = evaluateNetworkAcl(acl, false, pkt('10.0.1.1'));
    expect(r.allowed.isEmpty()).toBe(true);
    expect(r.decisions.map((d) => d.entry?.ruleNumber)).toEqual([90]);
  });
  it('an earlier allow for one protocol leaves the rest to the all-protocol rule', () => {
    const acl = networkAcl([
      { n: 90, action: 'allow', proto: 6, cidr: ANY4, ports: [22, 22] },
      { n: 100, action: 'allow', proto: -1, cidr: ANY4 },
      DEFAULT4,
    ]);
    expect(evaluateNetworkAcl(acl, false, pkt('10.0.1.1')).allowed.isAll()).toBe(true);
  });
  it('no all-protocol allow: the default rule denies', () => {
    const acl = networkAcl([{ n: 90, action: 'allow', proto: 6, cidr: ANY4, ports: [0, 65535] }, DEFAULT4]);
    const r = evaluateNetworkAcl(acl, false, pkt('10.0.1.1'));
    expect(r.allowed.isEmpty()).toBe(true);
    expect(r.decisions.map((d) => d.entry?.ruleNumber)).toEqual([32767]);
  });
});
