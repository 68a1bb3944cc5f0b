import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SecurityGroup, SecurityGroupRule } from '../../model/index.js';
import { cidrContains, cidrOf, type Ip, type PortRange, PortSet } from '../../net/index.js';
import type { Packet } from '../packet.js';
import { evaluateSecurityGroups } from './security-group.js';
import {
  criticalPorts,
  eni,
  network,
  type PacketSpec,
  packet,
  peering,
  ports,
  prefixList,
  type RuleSpec,
  securityGroup,
  vpc,
} from './test-network.js';

const TCP = 6;
const UDP = 17;
const ICMP = 1;
const ICMPV6 = 58;
const ESP = 50;
const GRE = 47;

/**
 * vpc-a (local) is peered (active) with vpc-b, not peered with vpc-c, and has a pending peering with
 * vpc-d. Each ENI holds one group that rules can reference.
 */
const baseData = {
  vpcs: [
    vpc('vpc-a', ['10.0.0.0/16']),
    vpc('vpc-b', ['10.1.0.0/16']),
    vpc('vpc-c', ['10.2.0.0/16']),
    vpc('vpc-d', ['10.3.0.0/16']),
  ],
  vpcPeeringConnections: [
    peering('pcx-ab', 'vpc-a', 'vpc-b'),
    peering('pcx-ad', 'vpc-d', 'vpc-a', 'pending-acceptance'),
  ],
  networkInterfaces: [
    eni('eni-a1', 'vpc-a', ['sg-web'], '10.0.1.10', { publicIp: '54.0.0.10' }),
    eni('eni-a2', 'vpc-a', ['sg-other'], '10.0.1.20'),
    eni('eni-b1', 'vpc-b', ['sg-peer'], '10.1.1.10'),
    eni('eni-c1', 'vpc-c', ['sg-far'], '10.2.1.10'),
    eni('eni-d1', 'vpc-d', ['sg-pend'], '10.3.1.10'),
  ],
  prefixLists: [
    prefixList('pl-known', ['203.0.113.0/24', '198.51.100.0/25']),
    prefixList('pl-unknown', undefined),
  ],
};

interface Case {
  name: string;
  /** Rules of sg-t1 (and sg-t2 if given); the evaluated interface holds `groupIds` (default: both). */
  t1: { ingress?: RuleSpec[]; egress?: RuleSpec[] };
  t2?: { ingress?: RuleSpec[]; egress?: RuleSpec[] };
  groupIds?: string[];
  egress?: boolean;
  pkt: PacketSpec;
  /** Allowed destination ports; 'all' / 'none' for protocols without ports too. */
  allowed: PortSet | 'all' | 'none';
  matched?: number;
  undecided?: number;
}

const ANY4 = '0.0.0.0/0';
const ANY6 = '::/0';
const tcpIn = (from: number, to: number, peer = ANY4): RuleSpec => ({ proto: TCP, from, to, peer });
const tcpTo = (dst: string, dstPorts: PortSet, src = '198.18.0.1'): PacketSpec => ({
  src,
  dst,
  proto: TCP,
  dstPorts,
});
const fromNet = (src: string, dstPorts: PortSet = ports(5432)): PacketSpec => ({
  src,
  dst: '10.0.1.99',
  proto: TCP,
  dstPorts,
});
const icmp = (
  type: number,
  code: number,
  proto = ICMP,
  src = '198.18.0.1',
  dst = '10.0.1.99',
): PacketSpec => ({
  src,
  dst,
  proto,
  icmpType: type,
  icmpCode: code,
});

const cases: Case[] = [
  // TCP/UDP port ranges
  {
    name: 'tcp port inside range',
    t1: { ingress: [tcpIn(20, 25)] },
    pkt: tcpTo('10.0.1.99', ports(22)),
    allowed: ports(22),
  },
  {
    name: 'tcp port outside range',
    t1: { ingress: [tcpIn(20, 25)] },
    pkt: tcpTo('10.0.1.99', ports(26)),
    allowed: 'none',
  },
  {
    name: 'tcp port set clipped to the rule range',
    t1: { ingress: [tcpIn(20, 25)] },
    pkt: tcpTo('10.0.1.99', ports([1, 100], 443)),
    allowed: ports([20, 25]),
  },
  {
    name: 'udp rule does not allow tcp',
    t1: { ingress: [{ proto: UDP, from: 53, to: 53, peer: ANY4 }] },
    pkt: tcpTo('10.0.1.99', ports(53)),
    allowed: 'none',
  },
  {
    name: 'udp rule allows udp',
    t1: { ingress: [{ proto: UDP, from: 53, to: 53, peer: ANY4 }] },
    pkt: { src: '198.18.0.1', dst: '10.0.1.99', proto: UDP, dstPorts: ports([50, 60]) },
    allowed: ports(53),
  },
  // protocol -1 and other numbers
  {
    name: '-1 allows every tcp port asked',
    t1: { ingress: [{ proto: -1, peer: ANY4 }] },
    pkt: tcpTo('10.0.1.99', ports([1000, 2000], 8080)),
    allowed: ports([1000, 2000], 8080),
  },
  { name: '-1 allows ICMP', t1: { ingress: [{ proto: -1, peer: ANY4 }] }, pkt: icmp(3, 4), allowed: 'all' },
  {
    name: '-1 allows ESP (50)',
    t1: { ingress: [{ proto: -1, peer: ANY4 }] },
    pkt: { src: '198.18.0.1', dst: '10.0.1.99', proto: ESP },
    allowed: 'all',
  },
  {
    name: '-1 with port values still allows everything',
    t1: { ingress: [{ proto: -1, from: 22, to: 22, peer: ANY4 }] },
    pkt: tcpTo('10.0.1.99', ports(80)),
    allowed: ports(80),
  },
  {
    name: 'protocol 50 rule ignores its port range',
    t1: { ingress: [{ proto: ESP, from: 10, to: 20, peer: ANY4 }] },
    pkt: { src: '198.18.0.1', dst: '10.0.1.99', proto: ESP },
    allowed: 'all',
  },
  {
    name: 'protocol 50 rule does not allow GRE (47)',
    t1: { ingress: [{ proto: ESP, peer: ANY4 }] },
    pkt: { src: '198.18.0.1', dst: '10.0.1.99', proto: GRE },
    allowed: 'none',
  },
  {
    name: 'protocol 50 rule does not allow tcp',
    t1: { ingress: [{ proto: ESP, peer: ANY4 }] },
    pkt: tcpTo('10.0.1.99', ports(22)),
    allowed: 'none',
  },
  // ICMP type in FromPort, code in ToPort
  {
    name: 'icmp type 8 any code: echo request',
    t1: { ingress: [{ proto: ICMP, from: 8, to: -1, peer: ANY4 }] },
    pkt: icmp(8, 0),
    allowed: 'all',
  },
  {
    name: 'icmp type 8 any code: echo reply refused',
    t1: { ingress: [{ proto: ICMP, from: 8, to: -1, peer: ANY4 }] },
    pkt: icmp(0, 0),
    allowed: 'none',
  },
  {
    name: 'icmp -1/-1 allows any type',
    t1: { ingress: [{ proto: ICMP, from: -1, to: -1, peer: ANY4 }] },
    pkt: icmp(3, 4),
    allowed: 'all',
  },
  {
    name: 'icmp 3/4 matches exactly',
    t1: { ingress: [{ proto: ICMP, from: 3, to: 4, peer: ANY4 }] },
    pkt: icmp(3, 4),
    allowed: 'all',
  },
  {
    name: 'icmp 3/4 refuses code 1',
    t1: { ingress: [{ proto: ICMP, from: 3, to: 4, peer: ANY4 }] },
    pkt: icmp(3, 1),
    allowed: 'none',
  },
  {
    name: 'icmp 3/4 refuses type 4 code 3 (type and code not swapped)',
    t1: { ingress: [{ proto: ICMP, from: 3, to: 4, peer: ANY4 }] },
    pkt: icmp(4, 3),
    allowed: 'none',
  },
  {
    name: 'icmp (1) rule does not allow icmpv6',
    t1: { ingress: [{ proto: ICMP, from: -1, to: -1, peer: ANY6 }] },
    pkt: icmp(128, 0, ICMPV6, '2001:db8::1', '2001:db8::2'),
    allowed: 'none',
  },
  {
    name: 'icmp rule does not allow tcp',
    t1: { ingress: [{ proto: ICMP, from: -1, to: -1, peer: ANY4 }] },
    pkt: tcpTo('10.0.1.99', ports(22)),
    allowed: 'none',
  },
  {
    name: 'icmpv6 with ports omitted allows all types',
    t1: { ingress: [{ proto: ICMPV6, peer: ANY6 }] },
    pkt: icmp(135, 0, ICMPV6, '2001:db8::1', '2001:db8::2'),
    allowed: 'all',
  },
  {
    name: 'icmpv6 128/-1 refuses type 129',
    t1: { ingress: [{ proto: ICMPV6, from: 128, to: -1, peer: ANY6 }] },
    pkt: icmp(129, 0, ICMPV6, '2001:db8::1', '2001:db8::2'),
    allowed: 'none',
  },
  {
    name: 'icmpv6 128/-1 allows echo request',
    t1: { ingress: [{ proto: ICMPV6, from: 128, to: -1, peer: ANY6 }] },
    pkt: icmp(128, 0, ICMPV6, '2001:db8::1', '2001:db8::2'),
    allowed: 'all',
  },
  // address families
  {
    name: 'IPv4 0.0.0.0/0 never matches an IPv6 peer',
    t1: { ingress: [tcpIn(0, 65535, ANY4)] },
    pkt: tcpTo('2001:db8::2', ports(443), '2001:db8::1'),
    allowed: 'none',
  },
  {
    name: '::/0 matches an IPv6 peer',
    t1: { ingress: [tcpIn(0, 65535, ANY6)] },
    pkt: tcpTo('2001:db8::2', ports(443), '2001:db8::1'),
    allowed: ports(443),
  },
  {
    name: '::/0 never matches an IPv4 peer',
    t1: { ingress: [tcpIn(0, 65535, ANY6)] },
    pkt: tcpTo('10.0.1.99', ports(443)),
    allowed: 'none',
  },
  // direction: egress peer = destination, ingress peer = source
  {
    name: 'egress rule judged on the destination (match)',
    t1: { egress: [tcpIn(443, 443, '10.0.5.0/24')] },
    egress: true,
    pkt: tcpTo('10.0.5.9', ports(443), '8.8.8.8'),
    allowed: ports(443),
  },
  {
    name: 'egress rule judged on the destination (source in range does not count)',
    t1: { egress: [tcpIn(443, 443, '10.0.5.0/24')] },
    egress: true,
    pkt: tcpTo('8.8.8.8', ports(443), '10.0.5.9'),
    allowed: 'none',
  },
  {
    name: 'ingress rule judged on the source (match)',
    t1: { ingress: [tcpIn(443, 443, '10.0.5.0/24')] },
    pkt: tcpTo('8.8.8.8', ports(443), '10.0.5.9'),
    allowed: ports(443),
  },
  {
    name: 'ingress rule judged on the source (destination in range does not count)',
    t1: { ingress: [tcpIn(443, 443, '10.0.5.0/24')] },
    pkt: tcpTo('10.0.5.9', ports(443), '8.8.8.8'),
    allowed: 'none',
  },
  {
    name: 'egress rules are not used for ingress',
    t1: { egress: [{ proto: -1, peer: ANY4 }] },
    pkt: tcpTo('10.0.1.99', ports(22)),
    allowed: 'none',
  },
  {
    name: 'ingress rules are not used for egress',
    t1: { ingress: [{ proto: -1, peer: ANY4 }] },
    egress: true,
    pkt: tcpTo('8.8.8.8', ports(22), '10.0.1.99'),
    allowed: 'none',
  },
  // several rules / groups
  {
    name: 'union of rules across two groups',
    t1: { ingress: [tcpIn(22, 22), tcpIn(3000, 3999, '192.0.2.0/24')] },
    t2: { ingress: [tcpIn(80, 90), tcpIn(88, 100, '10.9.0.0/16')] },
    pkt: tcpTo('10.0.1.99', PortSet.all(), '10.9.1.1'),
    allowed: ports(22, [80, 100]),
    matched: 3,
  },
  {
    name: 'a group the interface does not hold is ignored',
    t1: { ingress: [tcpIn(22, 22)] },
    t2: { ingress: [tcpIn(80, 80)] },
    groupIds: ['sg-t1'],
    pkt: tcpTo('10.0.1.99', ports(22, 80)),
    allowed: ports(22),
    matched: 1,
  },
  {
    name: 'an unknown group id is ignored',
    t1: { ingress: [tcpIn(22, 22)] },
    groupIds: ['sg-missing', 'sg-t1'],
    pkt: tcpTo('10.0.1.99', ports(22, 80)),
    allowed: ports(22),
  },
  { name: 'no rules allow nothing', t1: {}, pkt: tcpTo('10.0.1.99', ports(22)), allowed: 'none', matched: 0 },
  // prefix lists
  {
    name: 'prefix-list rule with known entries (first entry)',
    t1: { ingress: [tcpIn(443, 443, 'pl-known')] },
    pkt: tcpTo('10.0.1.99', ports(443), '203.0.113.7'),
    allowed: ports(443),
    undecided: 0,
  },
  {
    name: 'prefix-list rule with known entries (second entry)',
    t1: { ingress: [tcpIn(443, 443, 'pl-known')] },
    pkt: tcpTo('10.0.1.99', ports(443), '198.51.100.127'),
    allowed: ports(443),
  },
  {
    name: 'prefix-list rule: address outside every entry',
    t1: { ingress: [tcpIn(443, 443, 'pl-known')] },
    pkt: tcpTo('10.0.1.99', ports(443), '198.51.100.128'),
    allowed: 'none',
    undecided: 0,
  },
  {
    name: 'prefix-list with unknown entries is undecided',
    t1: { ingress: [tcpIn(443, 443, 'pl-unknown')] },
    pkt: tcpTo('10.0.1.99', ports(443), '203.0.113.7'),
    allowed: 'none',
    matched: 0,
    undecided: 1,
  },
  {
    name: 'prefix-list with unknown entries next to a matching CIDR rule',
    t1: { ingress: [tcpIn(443, 443, 'pl-unknown'), tcpIn(443, 443, '203.0.113.0/24')] },
    pkt: tcpTo('10.0.1.99', ports(443), '203.0.113.7'),
    allowed: ports(443),
    matched: 1,
    undecided: 1,
  },
  {
    name: 'unknown prefix list is not undecided when its ports cannot match',
    t1: { ingress: [tcpIn(443, 443, 'pl-unknown')] },
    pkt: tcpTo('10.0.1.99', ports(22), '203.0.113.7'),
    allowed: 'none',
    undecided: 0,
  },
  // security-group references
  {
    name: 'SG reference matches the private IP of an ENI holding the group (same VPC)',
    t1: { ingress: [tcpIn(5432, 5432, 'sg-web')] },
    pkt: fromNet('10.0.1.10'),
    allowed: ports(5432),
  },
  {
    name: 'SG reference does not match the public IP of that ENI',
    t1: { ingress: [tcpIn(5432, 5432, 'sg-web')] },
    pkt: fromNet('54.0.0.10'),
    allowed: 'none',
  },
  {
    name: 'SG reference does not match an ENI without the group',
    t1: { ingress: [tcpIn(5432, 5432, 'sg-web')] },
    pkt: fromNet('10.0.1.20'),
    allowed: 'none',
  },
  {
    name: 'SG reference does not match an unowned address',
    t1: { ingress: [tcpIn(5432, 5432, 'sg-web')] },
    pkt: fromNet('10.0.1.11'),
    allowed: 'none',
  },
  {
    name: 'SG reference does not match an ENI in an unpeered VPC',
    t1: { ingress: [tcpIn(5432, 5432, 'sg-far')] },
    pkt: fromNet('10.2.1.10'),
    allowed: 'none',
  },
  {
    name: 'SG reference matches across an active peering',
    t1: { ingress: [tcpIn(5432, 5432, 'sg-peer')] },
    pkt: fromNet('10.1.1.10'),
    allowed: ports(5432),
  },
  {
    name: 'SG reference does not match across a pending peering',
    t1: { ingress: [tcpIn(5432, 5432, 'sg-pend')] },
    pkt: fromNet('10.3.1.10'),
    allowed: 'none',
  },
  {
    name: 'egress SG reference is judged on the destination',
    t1: { egress: [tcpIn(5432, 5432, 'sg-web')] },
    egress: true,
    pkt: tcpTo('10.0.1.10', ports(5432), '10.0.1.99'),
    allowed: ports(5432),
  },
  {
    name: 'egress SG reference: the source holding the group does not count',
    t1: { egress: [tcpIn(5432, 5432, 'sg-web')] },
    egress: true,
    pkt: tcpTo('10.0.1.99', ports(5432), '10.0.1.10'),
    allowed: 'none',
  },
];

function run(c: Case) {
  const groups = [securityGroup('sg-t1', 'vpc-a', c.t1)];
  if (c.t2) groups.push(securityGroup('sg-t2', 'vpc-a', c.t2));
  const net = network({ ...baseData, securityGroups: groups });
  return evaluateSecurityGroups(
    net,
    c.groupIds ?? groups.map((g) => g.groupId),
    'vpc-a',
    c.egress ?? false,
    packet(c.pkt),
  );
}

describe('evaluateSecurityGroups (table)', () => {
  it.each(cases)('$name', (c) => {
    const res = run(c);
    const want = c.allowed === 'all' ? PortSet.all() : c.allowed === 'none' ? PortSet.empty() : c.allowed;
    expect(res.allowed.toString()).toBe(want.toString());
    if (c.matched !== undefined) expect(res.matched).toHaveLength(c.matched);
    else expect(res.matched.length > 0).toBe(!want.isEmpty());
    if (c.undecided !== undefined) expect(res.undecided).toHaveLength(c.undecided);
  });

  it('reports the matched rule with the ports it allowed', () => {
    const res = run({
      name: '',
      t1: { ingress: [tcpIn(20, 25)] },
      pkt: tcpTo('10.0.1.99', ports([1, 22])),
      allowed: 'none',
    });
    expect(res.matched).toEqual([
      expect.objectContaining({
        type: 'security-group-rule',
        groupId: 'sg-t1',
        fromPort: 20,
        toPort: 25,
        ports: '20-22',
      }),
    ]);
  });

  it('names the missing prefix list of an undecided rule', () => {
    const res = run({
      name: '',
      t1: { ingress: [tcpIn(443, 443, 'pl-unknown')] },
      pkt: tcpTo('10.0.1.99', ports(443)),
      allowed: 'none',
    });
    expect(res.undecided.map((u) => u.missing)).toEqual(['pl-unknown']);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test against a naive evaluator written straight from aws-semantics §2.1-2.4.

/** One port (undefined for protocols without ports): does this rule allow the packet? */
function refRuleAllows(rule: SecurityGroupRule, pkt: Packet, peer: Ip, port: number | undefined): boolean {
  if (rule.peer.kind !== 'cidr' || !cidrContains(rule.peer.cidr, peer)) return false;
  if (rule.ipProtocol === -1) return true; // all protocols, ports ignored
  if (rule.ipProtocol !== pkt.protocol) return false;
  if (pkt.protocol === TCP || pkt.protocol === UDP) {
    return port !== undefined && rule.fromPort! <= port && port <= rule.toPort!;
  }
  if (pkt.protocol === ICMP || pkt.protocol === ICMPV6) {
    const typeOk = rule.fromPort === undefined || rule.fromPort === -1 || rule.fromPort === pkt.icmpType;
    const codeOk = rule.toPort === undefined || rule.toPort === -1 || rule.toPort === pkt.icmpCode;
    return typeOk && codeOk;
  }
  return true; // other protocol numbers: any range given is ignored
}

const v4Universe = (n: number): Ip => ({ family: 4, value: 0x0a000000n + BigInt(n) }); // 10.0.0.n
const v6Universe = (n: number): Ip => ({ family: 6, value: 0x20010db8n * (1n << 96n) + BigInt(n) }); // 2001:db8::n

const peerArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.nat(255), fc.integer({ min: 24, max: 32 }))
      .map(([n, p]) => cidrOf(v4Universe(n), p)),
  },
  { weight: 1, arbitrary: fc.constant(cidrOf(v4Universe(0), 0)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(255), fc.integer({ min: 120, max: 128 }))
      .map(([n, p]) => cidrOf(v6Universe(n), p)),
  },
  { weight: 1, arbitrary: fc.constant(cidrOf(v6Universe(0), 0)) },
);

const portArb = fc.oneof(
  fc.integer({ min: 0, max: 65535 }),
  fc.constantFrom(0, 22, 80, 443, 1024, 32768, 65535),
);
const rangeArb: fc.Arbitrary<PortRange> = fc
  .tuple(portArb, portArb)
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const icmpTypeArb = fc.constantFrom(-1, 0, 3, 8);
const icmpCodeArb = fc.constantFrom(-1, 0, 4);

const ruleSpecArb: fc.Arbitrary<RuleSpec> = fc.oneof(
  fc.tuple(fc.constantFrom(TCP, UDP), rangeArb, peerArb).map(([proto, r, peer]) => ({
    proto,
    from: r.from,
    to: r.to,
    peer: { kind: 'cidr' as const, cidr: peer },
  })),
  fc.tuple(icmpTypeArb, icmpCodeArb, peerArb).map(([t, c, peer]) => ({
    proto: ICMP,
    from: t,
    to: t === -1 ? -1 : c, // FromPort -1 requires ToPort -1
    peer: { kind: 'cidr' as const, cidr: peer },
  })),
  fc
    .tuple(fc.constantFrom(-1, ESP), fc.option(rangeArb, { nil: undefined }), peerArb)
    .map(([proto, r, peer]) => ({
      proto,
      from: r?.from,
      to: r?.to,
      peer: { kind: 'cidr' as const, cidr: peer },
    })),
);

const groupsArb = fc.array(
  fc.record({
    ingress: fc.array(ruleSpecArb, { maxLength: 4 }),
    egress: fc.array(ruleSpecArb, { maxLength: 4 }),
  }),
  { minLength: 1, maxLength: 3 },
);

const packetArb: fc.Arbitrary<Packet> = fc
  .record({
    v6: fc.boolean(),
    src: fc.nat(255),
    dst: fc.nat(255),
    proto: fc.constantFrom(TCP, UDP, TCP, ICMP, ESP, GRE),
    dstPorts: fc.array(rangeArb, { minLength: 1, maxLength: 3 }),
    icmpType: fc.constantFrom(0, 3, 8, 11),
    icmpCode: fc.constantFrom(0, 1, 4),
  })
  .map((r) => {
    const addr = r.v6 ? v6Universe : v4Universe;
    const icmpish = r.proto === ICMP;
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

describe('evaluateSecurityGroups (differential)', () => {
  it('agrees with a naive per-port evaluator', () => {
    fc.assert(
      fc.property(groupsArb, fc.boolean(), packetArb, fc.nat(7), (specs, egress, pkt, pick) => {
        const groups: SecurityGroup[] = specs.map((s, i) => securityGroup(`sg-${i}`, 'vpc-a', s));
        // Which groups the interface holds: a bit mask over the groups, plus one unknown id.
        const groupIds = groups.filter((_, i) => pick & (1 << i)).map((g) => g.groupId);
        if (pick & 4) groupIds.push('sg-missing');
        const net = network({ securityGroups: groups });
        const res = evaluateSecurityGroups(net, groupIds, 'vpc-a', egress, pkt);

        const peer = egress ? pkt.dst : pkt.src;
        const rules = groups
          .filter((g) => groupIds.includes(g.groupId))
          .flatMap((g) => (egress ? g.egress : g.ingress));
        const usesPorts = pkt.protocol === TCP || pkt.protocol === UDP;
        let matchedRules = 0;
        if (usesPorts) {
          const edges = criticalPorts([
            ...pkt.dstPorts.ranges(),
            ...rules.flatMap((r) =>
              r.fromPort !== undefined && r.fromPort >= 0 ? [{ from: r.fromPort, to: r.toPort! }] : [],
            ),
          ]);
          for (const p of edges) {
            const want = pkt.dstPorts.has(p) && rules.some((r) => refRuleAllows(r, pkt, peer, p));
            if (res.allowed.has(p) !== want)
              throw new Error(`port ${p}: engine ${res.allowed.has(p)}, reference ${want}`);
          }
          // A rule whose range meets dstPorts does so at one of the edges (the left end of the overlap).
          matchedRules = rules.filter((r) =>
            edges.some((p) => pkt.dstPorts.has(p) && refRuleAllows(r, pkt, peer, p)),
          ).length;
        } else {
          const want = rules.some((r) => refRuleAllows(r, pkt, peer, undefined));
          expect(res.allowed.isAll()).toBe(want);
          expect(res.allowed.isEmpty()).toBe(!want);
          matchedRules = rules.filter((r) => refRuleAllows(r, pkt, peer, undefined)).length;
        }
        expect(res.matched).toHaveLength(matchedRules);
        // A group the interface holds but the snapshot lacks cannot be decided.
        expect(res.undecided).toEqual(
          pick & 4 ? [{ code: 'MISSING_RESOURCE', groupId: 'sg-missing', missing: 'sg-missing' }] : [],
        );
      }),
      { numRuns: 400 },
    );
  });
});
