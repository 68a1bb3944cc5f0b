/**
 * Structural relations between NACL entries of one direction: does an earlier entry match every
 * packet a later one matches (covers), or some of them (overlaps)? Sure answers only: an entry
 * covers another only when its CIDR, protocol and ports (or ICMP type/code) all contain the other's.
 */
import { sortedEntries } from '../../../engine/evaluate/network-acl.js';
import type { NetworkAcl, NetworkAclEntry } from '../../../model/index.js';
import {
  cidrContainsCidr,
  cidrOverlaps,
  formatCidr,
  formatPortRange,
  PortSet,
  protocolUsesPorts,
} from '../../../net/index.js';

export function isDefaultRule(e: NetworkAclEntry): boolean {
  return e.ruleNumber >= 32767;
}

function ports(e: NetworkAclEntry): PortSet {
  return e.portRange ? PortSet.of(e.portRange) : PortSet.all();
}

/** The part of `later`'s port space that `earlier` also matches (protocols compatible), or undefined. */
export function portOverlap(earlier: NetworkAclEntry, later: NetworkAclEntry): PortSet | undefined {
  if (earlier.protocol !== -1 && later.protocol !== -1 && earlier.protocol !== later.protocol)
    return undefined;
  const proto = later.protocol === -1 ? earlier.protocol : later.protocol;
  if (proto === -1 || !protocolUsesPorts(proto)) {
    // ICMP: overlap unless both name different types/codes.
    const a = earlier.icmpTypeCode;
    const b = later.icmpTypeCode;
    if (earlier.protocol !== -1 && later.protocol !== -1 && a && b) {
      if (a.type !== -1 && b.type !== -1 && a.type !== b.type) return undefined;
      if (a.code !== -1 && b.code !== -1 && a.code !== b.code) return undefined;
    }
    return PortSet.all();
  }
  const ea = earlier.protocol === -1 ? PortSet.all() : ports(earlier);
  const la = later.protocol === -1 ? PortSet.all() : ports(later);
  const hit = ea.intersect(la);
  return hit.isEmpty() ? undefined : hit;
}

export function covers(earlier: NetworkAclEntry, later: NetworkAclEntry): boolean {
  if (earlier.cidr.family !== later.cidr.family || !cidrContainsCidr(earlier.cidr, later.cidr)) return false;
  if (earlier.protocol === -1) return true;
  if (later.protocol !== earlier.protocol) return false;
  if (protocolUsesPorts(later.protocol)) return ports(later).subtract(ports(earlier)).isEmpty();
  const a = earlier.icmpTypeCode;
  const b = later.icmpTypeCode;
  if (!a) return true;
  if (!b) return a.type === -1 && a.code === -1;
  return (a.type === -1 || a.type === b.type) && (a.code === -1 || a.code === b.code);
}

export function overlaps(earlier: NetworkAclEntry, later: NetworkAclEntry): PortSet | undefined {
  if (earlier.cidr.family !== later.cidr.family || !cidrOverlaps(earlier.cidr, later.cidr)) return undefined;
  return portOverlap(earlier, later);
}

/** Each non-default entry of one direction with the entries before it. */
export function* withEarlier(
  acl: NetworkAcl,
): Generator<{ entry: NetworkAclEntry; earlier: readonly NetworkAclEntry[] }> {
  for (const egress of [false, true]) {
    const list = sortedEntries(acl, egress).filter((e) => !isDefaultRule(e));
    for (let i = 0; i < list.length; i++) yield { entry: list[i]!, earlier: list.slice(0, i) };
  }
}

/** `110 allow tcp 1024-65535 0.0.0.0/0` */
export function entryText(e: NetworkAclEntry): string {
  const proto =
    e.protocol === -1
      ? 'all'
      : e.protocol === 6
        ? 'tcp'
        : e.protocol === 17
          ? 'udp'
          : e.protocol === 1
            ? 'icmp'
            : String(e.protocol);
  const p = e.portRange && protocolUsesPorts(e.protocol) ? ` ${formatPortRange(e.portRange)}` : '';
  return `${e.ruleNumber} ${e.ruleAction} ${proto}${p} ${formatCidr(e.cidr)}`;
}
