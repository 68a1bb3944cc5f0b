/**
 * All lint wording: one message template per rule id over the finding's data, and the sentence
 * saying why a finding's level was raised. Rules produce data only.
 */
import type { Finding, MessageData } from './types.js';

type Template = (d: MessageData) => string;

const list = (v: MessageData[string] | undefined): string =>
  Array.isArray(v) ? v.join(', ') : String(v ?? '');
const s = (v: MessageData[string] | undefined): string => String(v ?? '');
/** The first `n` items of a list, and how many more. */
const firstOf = (v: MessageData[string] | undefined, n: number): string => {
  const items = Array.isArray(v) ? (v as readonly string[]) : [];
  return items.length > n ? `${items.slice(0, n).join(', ')} and ${items.length - n} more` : items.join(', ');
};
const cap = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

const MESSAGES: Readonly<Record<string, Template>> = {
  LINT000: (d) => `Rule ${s(d.rule)} failed with an internal error: ${s(d.error)}`,
  RT001: (d) =>
    `Main route table ${s(d.table)} has routes beyond local (${list(d.routes)}) and subnets use it implicitly: ${list(d.subnets)}.`,
  RT002: (d) =>
    `Route ${s(d.destination)} -> ${s(d.target)} in ${s(d.table)} is a blackhole${
      d.why === 'missing'
        ? ' (the target is not in the snapshot: deleted)'
        : d.why === 'detached'
          ? ' (the target is detached from the VPC)'
          : d.why === 'deleted'
            ? ' (the target is deleted or failed)'
            : d.why === 'inactive'
              ? ' (the peering connection is not active)'
              : ''
    }: matching traffic is dropped.`,
  RT003: (d) =>
    `Route ${s(d.destination)} in ${s(d.table)} points at ${s(d.target)}, which is ${
      d.why === 'missing'
        ? 'not in the snapshot (deleted?)'
        : d.why === 'detached'
          ? 'not attached to the VPC'
          : d.why === 'inactive'
            ? 'a peering connection that is not active'
            : 'deleted or failed'
    }.`,
  RT004: (d) =>
    `IPv4 route ${s(d.destination)} in ${s(d.table)} points at egress-only internet gateway ${s(d.target)}, which carries IPv6 only.`,
  NACL001: (d) =>
    `${cap(s(d.direction))} rule ${s(d.rule)} of ${s(d.acl)} can never match: earlier rule ${s(d.coveredBy)} covers all its traffic.`,
  NACL002: (d) =>
    `${cap(s(d.direction))} deny rule ${s(d.rule)} of ${s(d.acl)} comes after allow rule ${s(d.allowedBy)}, which ${
      d.whole
        ? 'already accepts everything it denies: the deny never applies'
        : 'already accepts part of what it denies: that part is not denied'
    }.`,
  NACL003: (d) =>
    `Network ACL ${s(d.acl)} accepts inbound ${s(d.rule)} but its outbound rules do not let replies reach these client ephemeral ports: ${list(d.gaps)} (subnets ${list(d.subnets)}).`,
  NACL004: (d) =>
    `Network ACL ${s(d.acl)} lets instances connect out (${s(d.rule)}) but its inbound rules do not let replies back to their ephemeral ports: ${list(d.gaps)} (subnets ${list(d.subnets)}).`,
  SG001: (d) =>
    `Security group ${s(d.group)} (${s(d.groupName)}) admits ${s(d.world)} on ${list(d.ports)}; ${
      (d.reachable as readonly string[]).length > 0
        ? `reachable from the internet end to end: ${list(d.reachable)}`
        : Number(d.users) > 0
          ? 'no instance using it is reachable from the internet end to end today'
          : 'no instance uses it today'
    }.`,
  SG002: (d) =>
    `Security group ${s(d.group)} (${s(d.groupName)}) is not used by any network interface${d.referenced ? ' (rules of other groups still reference it)' : ''}.`,
  SG003: (d) =>
    `Security group ${s(d.group)} has an ${s(d.direction)} rule referencing ${s(d.referenced)}, which is ${
      d.why === 'missing' ? 'not in the account (deleted?)' : `stale (${s(d.why)})`
    }: the rule matches nothing.`,
  NAT001: (d) =>
    `Public NAT gateway ${s(d.nat)} is in subnet ${s(d.subnet)}, whose internet route is ${s(d.route)}, not an internet gateway.`,
  NAT002: (d) =>
    `Private NAT gateway ${s(d.nat)} is in subnet ${s(d.subnet)}, whose internet route ${s(d.route)} goes to an internet gateway, which drops its traffic.`,
  NAT003: (d) =>
    `Subnet ${s(d.subnet)} (${s(d.subnetAz)}) sends internet traffic to NAT gateway ${s(d.nat)} in ${s(d.natAz)}.`,
  NAT004: (d) =>
    `${s(d.instance)} is the target of routes in ${list(d.tables)} but source/destination checking is enabled on ${s(d.eni)}: forwarded traffic is dropped.`,
  NAT005: (d) =>
    `NAT instance ${s(d.instance)} (groups ${list(d.groups)}) does not follow the NATSG pattern: ${[
      (d.missing as readonly string[]).length ? `missing inbound ${list(d.missing)}` : '',
      (d.extra as readonly string[]).length ? `admits ${list(d.extra)}` : '',
    ]
      .filter(Boolean)
      .join('; ')}.`,
  EC2002: (d) =>
    `${s(d.instance)} has an auto-assigned public address in public subnet ${s(d.subnet)} and its security groups open ${list(d.ports)} to 0.0.0.0/0.`,
  EC2001: (d) =>
    `${s(d.resource)} has a public IPv4 address but subnet ${s(d.subnet)} has no route to an internet gateway (internet route: ${s(d.route)}).`,
  EP001: (d) =>
    `Subnets ${list(d.subnets)} (route table ${s(d.table)}) reach ${list(d.services)} through NAT gateway ${s(d.nat)}: no VPC endpoint serves ${
      (d.services as readonly string[]).length > 1 ? 'them' : 'it'
    }.`,
  EP002: (d) =>
    `Gateway endpoint ${s(d.endpoint)} (${s(d.service)}) is not associated with route table ${s(d.table)}: subnets ${list(d.subnets)} reach ${s(d.service)} through NAT gateway ${s(d.nat)}.`,
  VPN001: (d) =>
    `VPN ${s(d.vpn)}: customer gateway ${s(d.cgw)} and the Amazon side ${s(d.vgw)} both use ASN ${s(d.asn)}.`,
  VPN002: (d) =>
    `Customer gateway ${s(d.cgw)} uses ASN ${s(d.asn)}, reserved by AWS in ${s(d.region)}${d.regionKnown ? '' : ' (the snapshot does not say the region)'}.`,
  VPN003: (d) =>
    `VPN ${s(d.vpn)} has ${(d.down as readonly string[]).length} of ${s(d.total)} tunnels down (${list(d.down)})${d.noneUp ? ': no tunnel is up' : ': no redundancy left'}.`,
  VPN004: (d) =>
    d.tgw !== undefined
      ? `Route table ${s(d.table)} (subnets ${list(d.subnets)}) has no route for ${list(d.prefixes)} to transit gateway ${s(d.tgw)}, which reaches them over VPN ${list(d.vpns)}, though the subnets' security groups name those on-premises prefixes.`
      : `Route table ${s(d.table)} (subnets ${list(d.subnets)}) neither propagates ${s(d.vgw)} nor routes ${list(d.prefixes)} to it, though the subnets' security groups name those on-premises prefixes.`,
  DX001: (d) =>
    `On-premises network ${s(d.network)} (${s(d.file)}) advertises ${s(d.count)} ${s(d.family)} prefixes over private virtual interface ${s(d.vif)}; AWS accepts at most ${s(d.limit)} and drops the BGP session.`,
  DX002: (d) =>
    `Virtual interface ${s(d.vif)} (${s(d.state)}) has none of its ${s(d.sessions)} BGP session(s) up: it carries no routes.`,
  DX003: (d) =>
    `Virtual interfaces ${s(d.vif)} and ${s(d.other)} both use VLAN ${s(d.vlan)} on connection ${s(d.connection)}.`,
  DX004: (d) =>
    `${cap(s(d.type))} virtual interface ${s(d.vif)} has MTU ${s(d.mtu)}; supported: ${list(d.allowed)}.`,
  DX005: (d) =>
    `On-premises network ${s(d.network)} (${s(d.file)}): the Direct Connect router port uses ${
      d.setting === 'fibre' ? `${s(d.stated)} fibre` : `a ${s(d.stated)} transceiver at ${s(d.speed)}`
    }; AWS requires ${d.setting === 'fibre' ? 'single-mode fibre' : `${s(d.required)} on single-mode fibre`}.`,
  DX006: (d) =>
    d.setting === 'duplex'
      ? `On-premises network ${s(d.network)} (${s(d.file)}): the Direct Connect router port runs half duplex; AWS requires full duplex set manually.`
      : `On-premises network ${s(d.network)} (${s(d.file)}): the Direct Connect router port has auto-negotiation enabled (speed ${s(d.speed)}); ${
          d.speed === '1G'
            ? 'on 1 Gbps ports whether it must be on or off depends on the AWS device'
            : d.speed === 'not stated'
              ? 'AWS requires it disabled on ports faster than 1 Gbps'
              : 'AWS requires it disabled, with speed and full duplex set manually'
        }.`,
  DX007: (d) =>
    `On-premises network ${s(d.network)} (${s(d.file)}): 802.1Q VLAN encapsulation is not enabled towards Direct Connect; virtual interfaces ${list(d.vifs) || '(none listed)'} cannot come up.`,
  DX008: (d) =>
    `On-premises network ${s(d.network)} (${s(d.file)}): BGP over Direct Connect runs without MD5 authentication (virtual interfaces ${list(d.vifs) || '(none listed)'}).`,
  DX009: (d) =>
    `On-premises network ${s(d.network)} (${s(d.file)}): BFD is not configured; AWS's asynchronous BFD takes effect only once the router configures it, so failover waits for the BGP hold timer.`,
  TGW001: (d) =>
    `Transit gateway attachment ${s(d.attachment)} (VPC ${s(d.vpc)}, zones ${list(d.zones)}) has appliance mode off while ${list(d.tables)} route(s) traffic to ${list(d.appliances)}: a flow between two zones can cross a different appliance each way and be dropped.`,
  TGW002: (d) =>
    `Transit gateway attachment ${s(d.attachment)} (VPC ${s(d.vpc)}) treats its zones differently${
      (d.routes as readonly string[]).length ? `: routes ${firstOf(d.routes, 6)} (${list(d.tables)})` : ''
    }${(d.acls as readonly string[]).length ? `; network ACLs with different entries (${list(d.acls)})` : ''}; ${
      d.applianceMode
        ? 'with appliance mode the zone is picked per flow, so flows fail or pass by chance.'
        : 'traffic keeps the zone it came from, so the answer depends on the source zone.'
    }`,
  NET001: (d) => `VPC ${s(d.vpc)} overlaps ${s(d.other)} on ${list(d.prefixes)}.`,
  FL001: (d) =>
    `VPC ${s(d.vpc)} has no active flow log${
      (d.inactive as readonly string[]).length ? ` (its flow logs: ${list(d.inactive)})` : ''
    }: ${s(d.interfaces)} interface(s) in ${(d.subnets as readonly string[]).length > 1 ? 'subnets' : 'subnet'} ${list(d.subnets)} are covered by no subnet or interface flow log, so their traffic is not recorded.`,
  FL002: (d) =>
    `Flow log ${s(d.flowLog)} on ${s(d.resource)} records accepted traffic only, and no flow log on ${list(d.scopes)} records rejected traffic: refused connections leave no trace.`,
  FL003: (d) =>
    `Flow log ${s(d.flowLog)} on ${s(d.resource)} fails to deliver its records${d.destination ? ` to ${s(d.destination)}` : ''}${
      d.error ? ` (${s(d.error)})` : ''
    }: the traffic it captures is not recorded.`,
};

const RAISED: Readonly<Record<string, Template>> = {
  SG001: () => 'raised from warning: vpcsim traced the flow from the internet and it is reachable',
  VPN003: () => 'raised from warning: no tunnel is up',
};

export function messageOf(f: Finding): string {
  const t = MESSAGES[f.ruleId];
  return t ? t(f.data) : `${f.ruleId}: ${JSON.stringify(f.data)}`;
}

/** Why the level was raised above the rule's default, or undefined. */
export function raisedBecause(f: Finding): string | undefined {
  if (!f.raised) return undefined;
  return RAISED[f.ruleId]?.(f.data) ?? 'raised above the rule default';
}

/** Rule ids with a message template (a test checks every registered rule has one). */
export function hasMessage(ruleId: string): boolean {
  return ruleId in MESSAGES;
}
