// Test-only builders for the evaluator tests: tiny `Network`s, rules, routes and packets.
// Not exported from any index; knows the model shapes, nothing about evaluation.

import type {
  NetworkAcl,
  NetworkAclEntry,
  NetworkData,
  NetworkInterface,
  PrefixList,
  Route,
  RouteOrigin,
  RouteTable,
  RouteTargetType,
  SecurityGroup,
  SecurityGroupRule,
  SgPeer,
  Vpc,
  VpcPeeringConnection,
} from '../../model/index.js';
import { Network } from '../../model/index.js';
import { type Ip, mustParseCidr, mustParseIp, type PortRange, PortSet } from '../../net/index.js';
import type { Packet } from '../packet.js';

export const ORIGIN = { file: 'test.json' } as const;

export const ip = mustParseIp;
export const cidr = mustParseCidr;

export function network(parts: Partial<NetworkData> = {}): Network {
  return new Network({
    vpcs: [],
    subnets: [],
    routeTables: [],
    securityGroups: [],
    networkAcls: [],
    instances: [],
    networkInterfaces: [],
    internetGateways: [],
    egressOnlyInternetGateways: [],
    natGateways: [],
    vpcEndpoints: [],
    vpcPeeringConnections: [],
    prefixLists: [],
    elasticIps: [],
    hybrid: [],
    present: new Set(['Vpcs', 'SecurityGroups', 'NetworkInterfaces', 'PrefixLists', 'VpcPeeringConnections']),
    warnings: [],
    files: [],
    ...parts,
  });
}

export function vpc(vpcId: string, cidrs: string[], ipv6: string[] = []): Vpc {
  return {
    vpcId,
    isDefault: false,
    cidrBlocks: cidrs.map(cidr),
    ipv6CidrBlocks: ipv6.map(cidr),
    tags: {},
    origin: ORIGIN,
  };
}

export function prefixList(
  prefixListId: string,
  cidrs: string[] | undefined,
  name = prefixListId,
): PrefixList {
  return { prefixListId, prefixListName: name, cidrs: cidrs?.map(cidr), origin: ORIGIN };
}

export function peering(id: string, a: string, b: string, status = 'active'): VpcPeeringConnection {
  const side = (vpcId: string) => ({ vpcId, cidrBlocks: [], ipv6CidrBlocks: [] });
  return {
    vpcPeeringConnectionId: id,
    status,
    requester: side(a),
    accepter: side(b),
    tags: {},
    origin: ORIGIN,
  };
}

export function eni(
  networkInterfaceId: string,
  vpcId: string,
  groupIds: string[],
  privateIp: string,
  opts: { publicIp?: string; ipv6?: string[] } = {},
): NetworkInterface {
  return {
    networkInterfaceId,
    subnetId: `subnet-${vpcId}`,
    vpcId,
    delegatedPrefixes: [],
    interfaceType: 'interface',
    requesterManaged: false,
    sourceDestCheck: true,
    groupIds,
    privateAddresses: [
      { ip: ip(privateIp), primary: true, publicIp: opts.publicIp ? ip(opts.publicIp) : undefined },
    ],
    ipv6Addresses: (opts.ipv6 ?? []).map(ip),
    denyAllIgwTraffic: false,
    tags: {},
    origin: ORIGIN,
  };
}

/** A rule peer from text: a CIDR, `pl-...` or `sg-...`. */
export function peerOf(text: string): SgPeer {
  if (text.startsWith('pl-')) return { kind: 'prefix-list', prefixListId: text };
  if (text.startsWith('sg-')) return { kind: 'security-group', groupId: text };
  return { kind: 'cidr', cidr: cidr(text) };
}

export interface RuleSpec {
  proto: number;
  from?: number | undefined;
  to?: number | undefined;
  peer: string | SgPeer;
}

export function sgRule(
  groupId: string,
  egress: boolean,
  spec: RuleSpec,
  permissionIndex = 0,
): SecurityGroupRule {
  return {
    groupId,
    egress,
    ipProtocol: spec.proto,
    fromPort: spec.from,
    toPort: spec.to,
    peer: typeof spec.peer === 'string' ? peerOf(spec.peer) : spec.peer,
    permissionIndex,
  };
}

export function securityGroup(
  groupId: string,
  vpcId: string,
  rules: { ingress?: RuleSpec[]; egress?: RuleSpec[] },
): SecurityGroup {
  return {
    groupId,
    groupName: groupId,
    vpcId,
    ingress: (rules.ingress ?? []).map((r, i) => sgRule(groupId, false, r, i)),
    egress: (rules.egress ?? []).map((r, i) => sgRule(groupId, true, r, i)),
    tags: {},
    origin: ORIGIN,
  };
}

export interface EntrySpec {
  n: number;
  egress?: boolean;
  action: 'allow' | 'deny';
  proto: number;
  cidr: string;
  ports?: [number, number];
  icmp?: [number, number];
}

export function aclEntry(s: EntrySpec): NetworkAclEntry {
  return {
    ruleNumber: s.n,
    egress: s.egress ?? false,
    ruleAction: s.action,
    protocol: s.proto,
    cidr: cidr(s.cidr),
    portRange: s.ports ? { from: s.ports[0], to: s.ports[1] } : undefined,
    icmpTypeCode: s.icmp ? { type: s.icmp[0], code: s.icmp[1] } : undefined,
  };
}

export function networkAcl(
  entries: readonly (EntrySpec | NetworkAclEntry)[],
  networkAclId = 'acl-1',
): NetworkAcl {
  return {
    networkAclId,
    vpcId: 'vpc-1',
    isDefault: false,
    entries: entries.map((e) => ('ruleNumber' in e ? e : aclEntry(e))),
    associations: [],
    tags: {},
    origin: ORIGIN,
  };
}

export interface RouteSpec {
  /** A CIDR or `pl-...`. */
  dst: string;
  /** `local`, or an id whose prefix gives the type (igw-, nat-, eni-, pcx-, vpce-, vgw-, tgw-, i-). */
  target: string;
  origin?: RouteOrigin;
  state?: Route['state'];
}

const TARGET_TYPES: [string, RouteTargetType][] = [
  ['igw-', 'internet-gateway'],
  ['eigw-', 'egress-only-internet-gateway'],
  ['nat-', 'nat-gateway'],
  ['eni-', 'network-interface'],
  ['pcx-', 'vpc-peering-connection'],
  ['vpce-', 'vpc-endpoint'],
  ['vgw-', 'vpn-gateway'],
  ['tgw-', 'transit-gateway'],
  ['i-', 'instance'],
];

export function route(s: RouteSpec): Route {
  const type: RouteTargetType =
    s.target === 'local' ? 'local' : (TARGET_TYPES.find(([p]) => s.target.startsWith(p))?.[1] ?? 'unknown');
  return {
    destination: s.dst.startsWith('pl-')
      ? { kind: 'prefix-list', prefixListId: s.dst }
      : { kind: 'cidr', cidr: cidr(s.dst) },
    target: { type, id: s.target },
    state: s.state ?? 'active',
    origin: s.origin ?? (s.target === 'local' ? 'CreateRouteTable' : 'CreateRoute'),
    destinationText: s.dst,
  };
}

export function routeTable(routes: readonly (RouteSpec | Route)[], routeTableId = 'rtb-1'): RouteTable {
  return {
    routeTableId,
    vpcId: 'vpc-1',
    routes: routes.map((r) => ('destinationText' in r ? r : route(r))),
    associations: [],
    propagatingVgws: [],
    tags: {},
    origin: ORIGIN,
  };
}

export function ports(...ranges: (number | [number, number])[]): PortSet {
  return PortSet.of(
    ...ranges.map((r): PortRange => (typeof r === 'number' ? { from: r, to: r } : { from: r[0], to: r[1] })),
  );
}

export interface PacketSpec {
  src: string | Ip;
  dst: string | Ip;
  proto: number;
  dstPorts?: PortSet;
  srcPorts?: PortSet;
  icmpType?: number;
  icmpCode?: number;
}

export function packet(s: PacketSpec): Packet {
  return {
    src: typeof s.src === 'string' ? ip(s.src) : s.src,
    dst: typeof s.dst === 'string' ? ip(s.dst) : s.dst,
    protocol: s.proto,
    srcPorts: s.srcPorts ?? ports([32768, 60999]),
    dstPorts: s.dstPorts ?? PortSet.all(),
    icmpType: s.icmpType,
    icmpCode: s.icmpCode,
  };
}

/**
 * Ports where a set built from the given ranges can change membership: 0, 65535 and every range edge
 * and its neighbours. Two functions that are constant between consecutive edges of all these ranges
 * agree everywhere iff they agree at these points, so checking them is a complete check.
 */
export function criticalPorts(ranges: readonly PortRange[]): number[] {
  const out = new Set<number>([0, 65535]);
  for (const r of ranges) {
    for (const p of [r.from - 1, r.from, r.to, r.to + 1]) if (p >= 0 && p <= 65535) out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}
