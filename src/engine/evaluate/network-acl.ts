/**
 * Network ACL evaluation: rules of one direction in ascending rule number, first match wins, and
 * an implicit final deny (the console's `*`, API rule 32767/32768) (aws-semantics §3.3-3.5).
 * Evaluated over a *set* of destination ports: each part of the set is decided by the first rule
 * that matches it, so one call answers for a whole ephemeral range.
 * Knows NACL matching; does not know when a packet crosses a subnet boundary (the walker does).
 */

import { type NetworkAcl, type NetworkAclEntry, ruleNumberText } from '../../model/index.js';
import {
  cidrContains,
  formatCidr,
  formatPortRange,
  ICMP,
  ICMPV6,
  type Ip,
  PortSet,
  protocolUsesPorts,
} from '../../net/index.js';
import type { Packet } from '../packet.js';
import type { MatchedRule } from '../types.js';

export interface AclDecision {
  readonly entry: NetworkAclEntry | undefined;
  readonly action: 'allow' | 'deny';
  readonly ports: PortSet;
}

export interface AclEvaluation {
  readonly allowed: PortSet;
  readonly decisions: readonly AclDecision[];
}

const sortedCache = new WeakMap<NetworkAcl, { in: NetworkAclEntry[]; out: NetworkAclEntry[] }>();

export function sortedEntries(acl: NetworkAcl, egress: boolean): readonly NetworkAclEntry[] {
  let c = sortedCache.get(acl);
  if (!c) {
    const by = (e: boolean) =>
      acl.entries.filter((x) => x.egress === e).sort((a, b) => a.ruleNumber - b.ruleNumber);
    c = { in: by(false), out: by(true) };
    sortedCache.set(acl, c);
  }
  return egress ? c.out : c.in;
}

function entryPorts(e: NetworkAclEntry, pkt: Packet): PortSet | undefined {
  if (e.protocol === -1) return PortSet.all();
  if (e.protocol !== pkt.protocol) return undefined;
  if (protocolUsesPorts(pkt.protocol)) return e.portRange ? PortSet.of(e.portRange) : PortSet.all();
  if (pkt.protocol === ICMP || (pkt.protocol === ICMPV6 && e.cidr.family === 6)) {
    // NACLs keep ICMP type/code in IcmpTypeCode; -1 means any. Protocol 58 with an IPv4 CIDR means
    // all ICMP types (aws-semantics §3.10).
    const t = e.icmpTypeCode;
    if (!t) return PortSet.all();
    if (t.type !== -1 && t.type !== pkt.icmpType) return undefined;
    if (t.code !== -1 && t.code !== pkt.icmpCode) return undefined;
    return PortSet.all();
  }
  return PortSet.all();
}

export function evaluateNetworkAcl(acl: NetworkAcl, egress: boolean, pkt: Packet): AclEvaluation {
  const peer: Ip = egress ? pkt.dst : pkt.src;
  if (pkt.protocol === -1) return evaluateAllTraffic(acl, egress, peer);
  let remaining = protocolUsesPorts(pkt.protocol) ? pkt.dstPorts : PortSet.all();
  let allowed = PortSet.empty();
  const decisions: AclDecision[] = [];
  for (const e of sortedEntries(acl, egress)) {
    if (remaining.isEmpty()) break;
    if (e.cidr.family !== peer.family || !cidrContains(e.cidr, peer)) continue;
    const ports = entryPorts(e, pkt);
    if (!ports) continue;
    const hit = remaining.intersect(ports);
    if (hit.isEmpty()) continue;
    decisions.push({ entry: e, action: e.ruleAction, ports: hit });
    if (e.ruleAction === 'allow') allowed = allowed.union(hit);
    remaining = remaining.subtract(hit);
  }
  // A hand-written snapshot may omit the default rules; AWS always has them, so deny what is left.
  if (!remaining.isEmpty()) decisions.push({ entry: undefined, action: 'deny', ports: remaining });
  return { allowed, decisions };
}

/**
 * "All traffic" (protocol -1) passes only if every protocol does: the first rule for all protocols
 * decides, unless an earlier rule denies some protocol (then not all traffic passes); earlier allow
 * rules for one protocol leave the rest to later rules.
 */
function evaluateAllTraffic(acl: NetworkAcl, egress: boolean, peer: Ip): AclEvaluation {
  for (const e of sortedEntries(acl, egress)) {
    if (e.cidr.family !== peer.family || !cidrContains(e.cidr, peer)) continue;
    if (e.protocol === -1 || e.ruleAction === 'deny') {
      const allowed = e.protocol === -1 && e.ruleAction === 'allow' ? PortSet.all() : PortSet.empty();
      return {
        allowed,
        decisions: [{ entry: e, action: allowed.isEmpty() ? 'deny' : 'allow', ports: PortSet.all() }],
      };
    }
  }
  return {
    allowed: PortSet.empty(),
    decisions: [{ entry: undefined, action: 'deny', ports: PortSet.all() }],
  };
}

export function aclMatched(
  acl: NetworkAcl,
  d: AclDecision,
  egress: boolean,
  family: 4 | 6,
  usesPorts: boolean,
): MatchedRule {
  const e = d.entry;
  const ruleNumber = e ? e.ruleNumber : family === 4 ? 32767 : 32768;
  return {
    type: 'network-acl-entry',
    networkAclId: acl.networkAclId,
    ruleNumber,
    ruleNumberText: ruleNumberText(ruleNumber),
    egress,
    ruleAction: d.action,
    protocol: e ? e.protocol : -1,
    cidr: e ? formatCidr(e.cidr) : family === 4 ? '0.0.0.0/0' : '::/0',
    portRange: e?.portRange ? formatPortRange(e.portRange) : null,
    ports: usesPorts ? d.ports.toString() : null,
  };
}

/**
 * A free rule number that sorts before `before` and after every earlier rule of that direction
 * (so the new rule is evaluated just where the blocking rule was), preferring the next multiple of
 * 10 as people number them; null when there is no room (renumber first).
 */
export function freeRuleNumberBefore(acl: NetworkAcl, egress: boolean, before: number): number | null {
  const used = new Set(acl.entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber));
  // The default rules (32767 IPv4, 32768 IPv6) are never "earlier rules": user rules are 1-32766.
  const limit = Math.min(before, 32767);
  const prev = Math.max(0, ...[...used].filter((n) => n < limit));
  for (let n = Math.ceil((prev + 1) / 10) * 10; n < limit; n += 10) if (!used.has(n)) return n;
  for (let n = prev + 1; n < limit; n++) if (!used.has(n)) return n;
  return null;
}
