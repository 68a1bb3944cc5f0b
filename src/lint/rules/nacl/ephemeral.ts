/**
 * Return-traffic checks over port sets with the engine's NACL evaluator: which client types'
 * ephemeral ranges a NACL lets back through, for a service port it accepts (or a connection its
 * subnet opens).
 */
import { evaluateNetworkAcl, sortedEntries } from '../../../engine/evaluate/network-acl.js';
import type { Packet } from '../../../engine/packet.js';
import type { Network, NetworkAcl, NetworkAclEntry, Subnet } from '../../../model/index.js';
import {
  type ClientType,
  ephemeralRange,
  formatPortRange,
  type Ip,
  ipOf,
  PortSet,
} from '../../../net/index.js';
import { sampleIn } from '../../helpers.js';
import { type Finding, type Level, ref } from '../../types.js';
import { entryText, isDefaultRule } from './analysis.js';

/** A rule naming a service (a port or a small range), not an ephemeral range. */
export function isServiceEntry(e: NetworkAclEntry): boolean {
  if (e.ruleAction !== 'allow' || (e.protocol !== 6 && e.protocol !== 17) || isDefaultRule(e)) return false;
  const r = e.portRange;
  return r !== undefined && r.to - r.from < 1024;
}

export function subnetAddress(s: Subnet, family: 4 | 6): Ip | undefined {
  const c = family === 4 ? s.cidrBlock : s.ipv6CidrBlocks[0];
  return c ? ipOf(family, c.base + 4n) : undefined;
}

export interface Gap {
  readonly client: ClientType;
  readonly missing: string;
}

/** A service entry of `acl` and the client types whose return traffic it leaves out. */
export interface ReturnGaps {
  readonly entry: NetworkAclEntry;
  readonly accepted: PortSet;
  readonly gaps: Gap[];
}

/** The finding of NACL003 and its mirror NACL004: the ACL, the rule, its subnets and each gap. */
export function gapFinding(
  ruleId: 'NACL003' | 'NACL004',
  level: Level,
  acl: NetworkAcl,
  subnets: readonly Subnet[],
  g: ReturnGaps,
): Finding {
  return {
    ruleId,
    level,
    resources: [ref(acl.networkAclId, acl.origin), ...subnets.map((s) => ref(s.subnetId, s.origin))],
    data: {
      acl: acl.networkAclId,
      rule: entryText(g.entry),
      subnets: subnets.map((s) => s.subnetId),
      gaps: g.gaps.map((x) => `${x.client} ${x.missing}`),
    },
  };
}

/**
 * Service entries of one direction (`egress` = the direction the service traffic takes through the
 * NACL), each with the ports actually accepted and the gaps in the opposite direction for `clients`.
 */
export function returnGaps(
  net: Network,
  acl: NetworkAcl,
  subnet: Subnet,
  egress: boolean,
  clients: (entry: NetworkAclEntry, peer: Ip) => readonly ClientType[],
): ReturnGaps[] {
  const out: ReturnGaps[] = [];
  for (const entry of sortedEntries(acl, egress)) {
    if (!isServiceEntry(entry)) continue;
    const local = subnetAddress(subnet, entry.cidr.family);
    if (!local) continue;
    const peer = sampleIn(net, entry.cidr);
    const svc: Packet = {
      src: egress ? local : peer,
      dst: egress ? peer : local,
      protocol: entry.protocol,
      srcPorts: PortSet.all(),
      dstPorts: PortSet.of(entry.portRange!),
    };
    const accepted = evaluateNetworkAcl(acl, egress, svc).allowed;
    if (accepted.isEmpty()) continue;
    const gaps: Gap[] = [];
    for (const client of clients(entry, peer)) {
      const want = PortSet.of(ephemeralRange(client));
      const reply: Packet = {
        src: svc.dst,
        dst: svc.src,
        protocol: entry.protocol,
        srcPorts: accepted,
        dstPorts: want,
      };
      const missing = want.subtract(evaluateNetworkAcl(acl, !egress, reply).allowed);
      if (!missing.isEmpty())
        gaps.push({ client, missing: missing.ranges().map(formatPortRange).join(', ') });
    }
    if (gaps.length > 0) out.push({ entry, accepted, gaps });
  }
  return out;
}
