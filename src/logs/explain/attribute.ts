/**
 * Attribution of one flow-log tuple (interface, source, destination, protocol, ports, direction)
 * to the component that rejects it, by running the engine on the packet as the interface saw it:
 * an inbound record at ENI X is traced from its source to X, an outbound one from X to its
 * destination. A record whose source port looks like a service port and whose destination port is
 * ephemeral is first read as the reply of a flow the other way: when that flow is allowed and its
 * reply stops at X's (stateless) network ACL, the cause is the ACL's ephemeral-port rules.
 */
import { fixText } from '../../engine/explain/messages.js';
import { trace } from '../../engine/trace.js';
import type { Blocker, Trace } from '../../engine/types.js';
import type { Network, NetworkInterface } from '../../model/index.js';
import { formatIp as formatIpText, protocolName } from '../../net/index.js';

export type Direction = 'ingress' | 'egress';

/** One distinct flow as logged at one interface. */
export interface Tuple {
  readonly interfaceId: string;
  readonly srcaddr: string;
  readonly dstaddr: string;
  readonly protocol: number;
  readonly srcport: number | null;
  readonly dstport: number | null;
  /** From `flow-direction`, or null to work it out from the interface's addresses. */
  readonly direction: Direction | null;
  /** `reject-reason` (v8). */
  readonly rejectReason: string | null;
  /** The record's action. */
  readonly action: 'ACCEPT' | 'REJECT';
}

export type CauseKind =
  /** The interface's own SG or its subnet's NACL blocks the packet in the logged direction. */
  | 'blocked'
  /** The reply of an allowed flow meets the interface's subnet NACL (stateless, ephemeral ports). */
  | 'reply-nacl'
  /** `reject-reason=BPA` or the engine's VPC Block Public Access blocker. */
  | 'bpa'
  /** The model allows what the log rejected. */
  | 'model-allows'
  /** The model blocks the flow, but not at this interface (before it, or elsewhere). */
  | 'blocked-elsewhere'
  /** --accepts: an ACCEPT record the model would block at this interface. */
  | 'accept-blocked'
  /** The record's interface is not in the snapshot (or the record names none). */
  | 'unknown-interface'
  /** Neither address of the record belongs to the interface and no flow-direction says which way. */
  | 'unknown-direction'
  /** The engine cannot trace it (an address it cannot place, an unknown verdict). */
  | 'untraceable';

/** A cause: records with the same key are one group. */
export interface Cause {
  readonly key: string;
  readonly kind: CauseKind;
  readonly title: string;
  /** The engine's blockers at the interface, in path order (empty for other kinds). */
  readonly blockers: readonly Blocker[];
  /** The smallest fix for the first tuple met (others differ by address). */
  readonly fix: string | null;
  readonly detail: string | null;
}

function portRange(p: number | null) {
  return p === null ? undefined : { from: p, to: p };
}

/** The direction at the interface, from flow-direction or its addresses. */
export function directionAt(eni: NetworkInterface, t: Tuple): Direction | null {
  if (t.direction) return t.direction;
  const own = ownAddresses(eni);
  if (own.has(t.dstaddr)) return 'ingress';
  if (own.has(t.srcaddr)) return 'egress';
  return null;
}

const ownCache = new WeakMap<NetworkInterface, Set<string>>();
function ownAddresses(eni: NetworkInterface): Set<string> {
  let s = ownCache.get(eni);
  if (!s) {
    s = new Set<string>();
    for (const a of eni.privateAddresses) s.add(formatIpText(a.ip));
    for (const a of eni.ipv6Addresses) s.add(formatIpText(a));
    ownCache.set(eni, s);
  }
  return s;
}

function sgOrNaclAt(net: Network, eni: NetworkInterface, b: Blocker, dir: 'inbound' | 'outbound'): boolean {
  if (b.direction !== dir) return false;
  if (b.code === 'ENI_SG_RULES_MISMATCH')
    return (
      (b.component.type === 'security-group' && eni.groupIds.includes(b.component.id)) ||
      (b.component.type === 'network-interface' && b.component.id === eni.networkInterfaceId)
    );
  if (b.code === 'SUBNET_ACL_RESTRICTION')
    return (
      b.component.type === 'network-acl' && net.networkAclFor(eni.subnetId)?.networkAclId === b.component.id
    );
  return false;
}

function ruleText(b: Blocker): string {
  return b.rule?.type === 'network-acl-entry' ? b.rule.ruleNumberText : '';
}

function nameOf(b: Blocker): string {
  return b.component.name ? `${b.component.id} (${b.component.name})` : b.component.id;
}

function blockerKey(b: Blocker): string {
  return `${b.code}|${b.component.id}|${b.direction}|${ruleText(b)}`;
}

function blockerTitle(b: Blocker): string {
  if (b.code === 'SUBNET_ACL_RESTRICTION')
    return `network ACL ${nameOf(b)} ${b.direction} rule ${ruleText(b)}`;
  if (b.code === 'ENI_SG_RULES_MISMATCH')
    return `security group ${nameOf(b)} ${b.direction}: no rule matches`;
  return b.message;
}

function fixOf(bs: readonly Blocker[]): string | null {
  const fixes = bs.map((b) => b.fix?.text).filter((t): t is string => !!t);
  return fixes.length > 0 ? fixes.join('; and ') : null;
}

/** A rejected reply is fixed for every client, not one port: allow the whole ephemeral range back. */
function ephemeralFix(bs: readonly Blocker[]): string | null {
  const texts = bs.map((b) => {
    const c = b.fix?.change;
    if (c?.action !== 'add-network-acl-entry' || c.portRange === null) return undefined;
    return fixText({ ...c, portRange: '1024-65535' });
  });
  return texts.every((t) => t !== undefined) && texts.length > 0 ? texts.join('; and ') : null;
}

function safeTrace(net: Network, q: Parameters<typeof trace>[1]): Trace | string {
  try {
    return trace(net, q);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function simple(kind: CauseKind, key: string, title: string, detail: string | null = null): Cause {
  return { key: `${kind}|${key}`, kind, title, blockers: [], fix: null, detail };
}

const TITLES = {
  modelAllows:
    'the model allows what the log rejected (packets after the connection closed, or configuration changed since the snapshot)',
  bpa: 'VPC Block Public Access',
};

/** The cause of one tuple. Pure: callers memoise by tuple. */
export function attribute(net: Network, t: Tuple): Cause {
  if (t.rejectReason === 'BPA' && t.action === 'REJECT')
    return {
      ...simple('bpa', '', TITLES.bpa),
      fix: 'exclude this VPC or subnet from VPC Block Public Access, or turn off its block mode',
    };
  const eni = net.networkInterfaces.get(t.interfaceId);
  if (!eni)
    return simple(
      'unknown-interface',
      t.interfaceId,
      `interface ${t.interfaceId || '-'} is not in the snapshot`,
      'the snapshot is older than the logs, or the logs come from another account or region',
    );
  const dir = directionAt(eni, t);
  if (!dir)
    return simple(
      'unknown-direction',
      t.interfaceId,
      `neither address belongs to ${t.interfaceId}, and the logs carry no flow-direction`,
      'add the flow-direction field (v5) to the log format',
    );
  const ruleDir = dir === 'ingress' ? 'inbound' : 'outbound';
  const id = eni.networkInterfaceId;
  const peer = dir === 'ingress' ? t.srcaddr : t.dstaddr;

  // The reply of a flow the other way: service port -> ephemeral port.
  const sp = t.srcport;
  const dp = t.dstport;
  if (sp !== null && dp !== null && dp >= 1024 && sp < dp) {
    const q =
      dir === 'egress'
        ? { from: peer, to: id, protocol: t.protocol, port: portRange(sp), sourcePort: portRange(dp) }
        : { from: id, to: peer, protocol: t.protocol, port: portRange(sp), sourcePort: portRange(dp) };
    const r = safeTrace(net, q);
    if (typeof r !== 'string' && !r.blockers.some((b) => b.path === 'forward')) {
      const at = r.blockers.filter((b) => b.path === 'return' && sgOrNaclAt(net, eni, b, ruleDir));
      // An accepted reply of an allowed flow: what the model says (the SG admits it statefully).
      if (t.action === 'ACCEPT' && at.length === 0)
        return simple('model-allows', 'accept', 'accepted, as the model says');
      if (at.length > 0)
        return {
          key: `reply-nacl|${at.map(blockerKey).join('+')}`,
          kind: 'reply-nacl',
          title: `reply of an allowed flow rejected by the stateless ${at.map(blockerTitle).join(' and ')} (ephemeral ports)`,
          blockers: at,
          fix: ephemeralFix(at) ?? fixOf(at),
          detail: `the flow ${dir === 'egress' ? `${peer} -> ${id}` : `${id} -> ${peer}`} ${protocolName(t.protocol)} ${sp} is allowed; its replies to port ${dp} are not`,
        };
    }
  }

  const q =
    dir === 'ingress'
      ? { from: t.srcaddr, to: id, protocol: t.protocol, port: portRange(dp), sourcePort: portRange(sp) }
      : { from: id, to: t.dstaddr, protocol: t.protocol, port: portRange(dp), sourcePort: portRange(sp) };
  const r = safeTrace(net, q);
  if (typeof r === 'string') return simple('untraceable', r, `the engine cannot trace it: ${r}`);
  const bpa = r.blockers.find((b) => b.code === 'VPC_BLOCK_PUBLIC_ACCESS');
  if (bpa) return { ...simple('bpa', '', TITLES.bpa), blockers: [bpa], fix: bpa.fix?.text ?? null };
  const at = r.blockers.filter((b) => b.path === 'forward' && sgOrNaclAt(net, eni, b, ruleDir));
  if (at.length > 0) {
    const kind: CauseKind = t.action === 'REJECT' ? 'blocked' : 'accept-blocked';
    return {
      key: `${kind}|${at.map(blockerKey).join('+')}`,
      kind,
      title:
        (kind === 'accept-blocked' ? 'logged ACCEPT, but the model blocks it: ' : '') +
        at.map(blockerTitle).join(' and '),
      blockers: at,
      fix: fixOf(at),
      detail: null,
    };
  }
  if (t.action === 'ACCEPT') return simple('model-allows', 'accept', 'accepted, as the model says');
  if (r.verdict === 'unknown')
    return simple(
      'untraceable',
      r.unknowns.map((u) => u.code).join(','),
      `the model cannot decide: ${r.unknowns.map((u) => u.message).join('; ')}`,
    );
  const other = r.blockers.filter((b) => b.path === 'forward');
  if (other.length > 0)
    return {
      key: `blocked-elsewhere|${other.map(blockerKey).join('+')}`,
      kind: 'blocked-elsewhere',
      title: `the model blocks this flow elsewhere, not at ${id}'s ${ruleDir} filters: ${other.map(blockerTitle).join(' and ')}`,
      blockers: other,
      fix: fixOf(other),
      detail: null,
    };
  return simple('model-allows', '', TITLES.modelAllows);
}
