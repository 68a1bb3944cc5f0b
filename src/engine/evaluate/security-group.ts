/**
 * Security-group evaluation for one interface and one direction: the union of every rule of every
 * group on the interface (allow-only; aws-semantics §2.1). Port ranges are evaluated as sets so the
 * answer says exactly which destination ports pass.
 * Knows rule matching; does not know connection tracking (the walker decides when a reply skips SGs).
 */

import type { Network, PeeringSide, SecurityGroupRule } from '../../model/index.js';
import {
  cidrContains,
  formatCidr,
  formatPortRange,
  ICMP,
  ICMPV6,
  type Ip,
  isPrivateIpv4,
  PortSet,
  protocolUsesPorts,
} from '../../net/index.js';
import type { Packet } from '../packet.js';
import type { MatchedRule } from '../types.js';

export interface SgEvaluation {
  /** Destination ports allowed (PortSet.all() stands for "the packet" when the protocol has no ports). */
  readonly allowed: PortSet;
  readonly matched: readonly MatchedRule[];
  /**
   * What could not be decided: a rule whose prefix list entries are unknown, a group missing from
   * the snapshot, or a group reference to members the snapshot cannot see.
   */
  readonly undecided: readonly Undecided[];
}

export interface Undecided {
  readonly code: 'PREFIX_LIST_ENTRIES_UNKNOWN' | 'MISSING_RESOURCE';
  readonly groupId: string;
  readonly missing: string;
}

export function peerText(rule: SecurityGroupRule): string {
  const p = rule.peer;
  if (p.kind === 'cidr') return formatCidr(p.cidr);
  if (p.kind === 'prefix-list') return p.prefixListId;
  return p.groupId;
}

function rulePorts(rule: SecurityGroupRule, pkt: Packet): PortSet | undefined {
  if (rule.ipProtocol === -1) return PortSet.all();
  if (rule.ipProtocol !== pkt.protocol) return undefined;
  if (protocolUsesPorts(pkt.protocol)) {
    const from = rule.fromPort ?? 0;
    const to = rule.toPort ?? 65535;
    if (from < 0 || to < 0) return PortSet.all();
    if (from > to || to > 65535) return undefined;
    return PortSet.of({ from, to });
  }
  if (pkt.protocol === ICMP || pkt.protocol === ICMPV6) {
    // SGs keep the ICMP type in FromPort and the code in ToPort; -1 (or absent) means any (aws-semantics §2.4).
    const type = rule.fromPort ?? -1;
    const code = rule.toPort ?? -1;
    if (type !== -1 && pkt.icmpType !== undefined && type !== pkt.icmpType) return undefined;
    if (code !== -1 && pkt.icmpCode !== undefined && code !== pkt.icmpCode) return undefined;
    if (type !== -1 && pkt.icmpType === undefined) return undefined;
    return PortSet.all();
  }
  // Any other protocol number: ports do not apply (aws-semantics §2.4).
  return PortSet.all();
}

/** Does an SG-reference rule match this peer? Only private addresses of interfaces holding the group (§2.3.3). */
function groupMatches(net: Network, groupId: string, peer: Ip, localVpcId: string): boolean {
  for (const owner of net.ownersOfPrivateIp(peer)) {
    if (!owner.eni.groupIds.includes(groupId)) continue;
    // Referenced groups work in the same VPC or across an active same-region peering (§2.7).
    if (owner.eni.vpcId === localVpcId || peeredActive(net, owner.eni.vpcId, localVpcId)) return true;
  }
  return false;
}

/** describe-vpc-peering-connections names each side's Region; without it, the VPC's own. */
function peeringSideRegion(net: Network, side: PeeringSide): string | undefined {
  const vpc = net.vpcs.get(side.vpcId);
  return side.region ?? vpc?.region ?? vpc?.origin.region;
}

/** An active peering between the two VPCs in one region: only then may SGs reference across it (§2.7). */
export function peeredActive(net: Network, a: string, b: string): boolean {
  for (const p of net.data.vpcPeeringConnections) {
    if (p.status !== 'active') continue;
    const ra = peeringSideRegion(net, p.requester);
    const rb = peeringSideRegion(net, p.accepter);
    if (ra && rb && ra !== rb) continue;
    if (
      (p.requester.vpcId === a && p.accepter.vpcId === b) ||
      (p.requester.vpcId === b && p.accepter.vpcId === a)
    )
      return true;
  }
  return false;
}

/**
 * Evaluate the SGs `groupIds` of an interface in VPC `vpcId`. For egress the peer is the packet's
 * destination, for ingress its source.
 */
export function evaluateSecurityGroups(
  net: Network,
  groupIds: readonly string[],
  vpcId: string,
  egress: boolean,
  pkt: Packet,
): SgEvaluation {
  const peer = egress ? pkt.dst : pkt.src;
  const wanted = protocolUsesPorts(pkt.protocol) ? pkt.dstPorts : PortSet.all();
  let allowed = PortSet.empty();
  const matched: MatchedRule[] = [];
  const undecided: Undecided[] = [];
  for (const gid of groupIds) {
    const group = net.securityGroups.get(gid);
    if (!group) {
      undecided.push({ code: 'MISSING_RESOURCE', groupId: gid, missing: gid });
      continue;
    }
    for (const rule of egress ? group.egress : group.ingress) {
      const ports = rulePorts(rule, pkt);
      if (!ports) continue;
      const hit = ports.intersect(wanted);
      if (hit.isEmpty()) continue;
      // With a middlebox in the path, SG references do not work (aws-semantics §2.3.3).
      const m =
        pkt.viaAppliance && rule.peer.kind === 'security-group' ? false : peerMatches(net, rule, peer, vpcId);
      if (m === 'unknown') {
        const p = rule.peer;
        undecided.push(
          p.kind === 'prefix-list'
            ? { code: 'PREFIX_LIST_ENTRIES_UNKNOWN', groupId: gid, missing: p.prefixListId }
            : {
                code: 'MISSING_RESOURCE',
                groupId: gid,
                missing: p.kind === 'security-group' ? p.groupId : '',
              },
        );
        continue;
      }
      if (!m) continue;
      allowed = allowed.union(hit);
      matched.push(toMatched(rule, protocolUsesPorts(pkt.protocol) ? hit.toString() : null));
    }
  }
  return { allowed, matched, undecided };
}

function peerMatches(net: Network, rule: SecurityGroupRule, peer: Ip, vpcId: string): boolean | 'unknown' {
  const p = rule.peer;
  if (p.kind === 'cidr') return cidrContains(p.cidr, peer);
  if (p.kind === 'prefix-list') {
    const pl = net.prefixLists.get(p.prefixListId);
    if (!pl?.cidrs) return 'unknown';
    return pl.cidrs.some((c) => cidrContains(c, peer));
  }
  if (groupMatches(net, p.groupId, peer, vpcId)) return true;
  // A private peer address the snapshot does not hold, referenced through a group the snapshot
  // lacks (another account's, say): its membership cannot be known.
  if (
    !net.securityGroups.has(p.groupId) &&
    net.ownersOfPrivateIp(peer).length === 0 &&
    !isInternetCarried(peer)
  )
    return 'unknown';
  return false;
}

function isInternetCarried(ip: Ip): boolean {
  return ip.family === 4 ? !isPrivateIpv4(ip) : ip.value >> 125n === 1n;
}

export function toMatched(rule: SecurityGroupRule, ports: string | null): MatchedRule {
  return {
    type: 'security-group-rule',
    groupId: rule.groupId,
    egress: rule.egress,
    permissionIndex: rule.permissionIndex,
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort ?? null,
    toPort: rule.toPort ?? null,
    peer: peerText(rule),
    description: rule.description ?? null,
    ports,
  };
}

export function portsText(set: PortSet): string {
  return set.ranges().map(formatPortRange).join(', ') || 'none';
}
