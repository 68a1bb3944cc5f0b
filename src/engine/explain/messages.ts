/**
 * All wording of trace results: one sentence per blocker code, per fix, per unknown reason, per
 * step note. Everything else in the engine is codes and data; tests assert codes, not these words.
 */
import { protocolName } from '../../net/index.js';
import type { Blocker, ComponentRef, FixAction, MatchedRule, UnknownReason } from '../types.js';

export function componentText(c: ComponentRef): string {
  return c.name ? `${c.id} (${c.name})` : c.id;
}

function protoText(p: number): string {
  return p === -1 ? 'all traffic' : protocolName(p).toLowerCase();
}

export function ruleText(r: MatchedRule): string {
  switch (r.type) {
    case 'security-group-rule': {
      const ports =
        r.ipProtocol === 6 || r.ipProtocol === 17
          ? ` ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`
          : '';
      const dir = r.egress ? 'to' : 'from';
      const desc = r.description ? ` "${r.description}"` : '';
      return `${r.groupId} ${r.egress ? 'outbound' : 'inbound'} rule: ${protoText(r.ipProtocol)}${ports} ${dir} ${r.peer}${desc}`;
    }
    case 'network-acl-entry': {
      const ports = r.portRange ? ` ${r.portRange}` : '';
      return `${r.networkAclId} ${r.egress ? 'outbound' : 'inbound'} rule ${r.ruleNumberText}: ${r.ruleAction} ${protoText(r.protocol)}${ports} ${r.egress ? 'to' : 'from'} ${r.cidr}`;
    }
    case 'route':
      return `${r.routeTableId}: ${r.destination} -> ${r.target.id}${r.state !== 'active' ? ` (${r.state})` : ''}${r.origin === 'EnableVgwRoutePropagation' ? ' (propagated)' : ''}`;
  }
}

export function fixText(f: FixAction): string {
  switch (f.action) {
    case 'add-security-group-rule': {
      const ports =
        f.ipProtocol === 6 || f.ipProtocol === 17
          ? ` ${f.fromPort === f.toPort ? f.fromPort : `${f.fromPort}-${f.toPort}`}`
          : f.ipProtocol === 1 || f.ipProtocol === 58
            ? ` type ${f.fromPort === -1 ? 'all' : f.fromPort}`
            : '';
      return `add to ${f.groupId} ${f.direction}: ${protoText(f.ipProtocol)}${ports} ${f.direction === 'inbound' ? 'from' : 'to'} ${f.cidr}`;
    }
    case 'add-network-acl-entry': {
      const where =
        f.beforeRuleNumber >= 32767 ? 'before the default * rule' : `before rule ${f.beforeRuleNumber}`;
      const num = f.ruleNumber === null ? 'renumber first, then' : `as rule ${f.ruleNumber}`;
      const ports = f.portRange ? ` ${f.portRange}` : f.icmpType !== undefined ? ` type ${f.icmpType}` : '';
      return `add to ${f.networkAclId} ${f.egress ? 'outbound' : 'inbound'}, ${where} (${num}): allow ${protoText(f.protocol)}${ports} ${f.egress ? 'to' : 'from'} ${f.cidr}`;
    }
    case 'add-route':
      return `add to ${f.routeTableId} a route ${f.destination} -> ${f.target.id ?? `a ${f.target.type === 'unknown' ? 'gateway or connection that reaches the destination' : f.target.type}`}`;
    case 'replace-route':
      return `in ${f.routeTableId}, replace the route ${f.destination}: its target ${f.currentTarget} is not available`;
    case 'associate-public-ip':
      return `associate an Elastic IP (or a public IPv4 address) with ${f.networkInterfaceId} for ${f.privateIp}`;
    case 'disable-source-dest-check':
      return `disable the source/destination check on ${f.instanceId ?? f.networkInterfaceId}`;
    case 'attach-internet-gateway':
      return f.internetGatewayId
        ? `attach ${f.internetGatewayId} to ${f.vpcId}`
        : `create an internet gateway and attach it to ${f.vpcId}`;
    case 'enable-instance-metadata':
      return `turn the metadata service on: aws ec2 modify-instance-metadata-options --instance-id ${f.instanceId} --http-endpoint enabled${f.ipv6 ? ' --http-protocol-ipv6 enabled' : ''}`;
    case 'start-instance':
      return `start ${f.instanceId}`;
    case 'change-component-state':
      return f.componentId.startsWith('pcx-')
        ? `accept the peering connection ${f.componentId} (it must be ${f.wanted})`
        : `bring ${f.componentId} to state ${f.wanted}`;
    case 'use-different-path':
      return f.reason;
  }
}

export function blockerMessage(b: Blocker, facts: Readonly<Record<string, string>>): string {
  const c = componentText(b.component);
  const dir = b.direction ?? '';
  const ports = b.ports ? ` on port${/^\d+$/.test(b.ports) ? '' : 's'} ${b.ports}` : '';
  const on = b.path === 'return' ? 'the reply' : 'the packet';
  switch (b.code) {
    case 'ENI_SG_RULES_MISMATCH':
      return `no ${dir} rule of the interface's security groups (${c}) allows ${on}${ports}`;
    case 'SUBNET_ACL_RESTRICTION':
      return `network ACL ${c} ${dir} ${b.rule ? `rule ${(b.rule as { ruleNumberText?: string }).ruleNumberText ?? ''} denies` : 'denies'} ${on}${ports}`;
    case 'NO_ROUTE_TO_DESTINATION':
      if (b.component.type === 'on-premises')
        return `no VPN connection or Direct Connect interface of on-premises network ${c} leads to ${facts.destination ?? 'the destination'}`;
      return `route table ${c} has no route to ${facts.destination ?? 'the destination'}${facts.explicit === 'false' ? ` (${facts.subnetId} uses the VPC's main route table implicitly)` : ''}`;
    case 'BAD_STATE_ROUTE':
      return `the matching route in ${c} is not active (${b.rule?.type === 'route' ? b.rule.state : 'blackhole'}): its target is gone, and AWS does not fall back to a less specific route`;
    case 'BAD_STATE':
      return `${c} is not in a working state (${facts.state ?? 'unknown'})`;
    case 'INSTANCE_METADATA_DISABLED':
      return `${c} has the instance metadata service off for this address (${facts.setting ?? 'HttpEndpoint'} is disabled)`;
    case 'BAD_STATE_ATTACHMENT':
      return `${c} has no internet gateway attached for this traffic`;
    case 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS':
      return `${facts.privateIp ?? 'the source'} on ${facts.networkInterfaceId ?? 'the interface'} has no public IPv4 or Elastic IP, so the internet gateway cannot translate it`;
    case 'IGW_PUBLIC_IP_ASSOCIATION_FOR_INGRESS':
      return `${c} has no public IPv4 or Elastic IP, so nothing on the internet can address it`;
    case 'IGW_DENY_ALL_TRAFFIC':
      return `${c} is set to deny all internet gateway traffic`;
    case 'ENI_SOURCE_DEST_CHECK_RESTRICTION':
      return `${c} has source/destination check enabled, so it drops traffic not addressed to or from itself`;
    case 'EIGW_INBOUND_INITIATED':
      return `${c} is an egress-only internet gateway: it drops connections initiated from the internet`;
    case 'EIGW_IPV4_NOT_SUPPORTED':
      return `${c} is an egress-only internet gateway and carries IPv6 only`;
    case 'NAT_GATEWAY_INBOUND_INITIATED':
      return `${c} is a NAT gateway: it does not accept connections initiated towards it`;
    case 'NAT_GATEWAY_PROTOCOL_RESTRICTION':
      return `${c} is a NAT gateway: it translates TCP, UDP and ICMP only`;
    case 'PRIVATE_NAT_GATEWAY_TO_IGW':
      return `traffic of private NAT gateway ${facts.natGatewayId ?? ''} routed to ${c} is dropped: a private NAT gateway has no public address`;
    case 'PEERING_NOT_TRANSITIVE':
      return `${facts.destination ?? 'the destination'} is not in the peer VPC of ${c}: peering is not transitive`;
    case 'NO_INTERFACE_FOR_ADDRESS':
      return `no network interface in ${c} holds ${facts.address ?? 'the destination address'}`;
    case 'INTERNET_UNROUTABLE_DESTINATION':
      return `${facts.destination ?? 'the destination'} is a private or reserved address, which the internet does not carry`;
    case 'VPC_BLOCK_PUBLIC_ACCESS':
      return `VPC Block Public Access (${facts.mode ?? 'on'}) applies to ${facts.subnetId ?? 'this subnet'} and blocks this internet gateway traffic, whatever routes, security groups and network ACLs say`;
    case 'ASYMMETRIC_ROUTING':
      return `the reply is routed through ${c}, which the request did not cross; return traffic must come back through the same NAT or appliance`;
    case 'BAD_STATE_VPN':
      return `VPN connection ${c} has no tunnel up (${facts.tunnels ?? 'all DOWN'})`;
    case 'TGW_ATTACHMENT_NO_SUBNET_IN_AZ':
      return `${c} has no subnet in ${facts.availabilityZone ?? 'the source Availability Zone'}: resources in an Availability Zone without a transit gateway attachment subnet cannot reach the transit gateway`;
    case 'VGW_VPN_IPV4_ONLY':
      return `${c}: Site-to-Site VPN on a virtual private gateway carries IPv4 only`;
    case 'UNROUTABLE_LINK_LOCAL':
      return `destinations in 169.254.168.0/22 and fd00:ec2::/32 are never routed (${c})`;
  }
}

export function unknownMessage(u: Omit<UnknownReason, 'message'>): string {
  const where = u.component ? ` (${componentText(u.component)})` : '';
  switch (u.code) {
    case 'MISSING_RESOURCE_TYPE':
      return `the snapshot has no ${u.missing} at all, and the answer depends on them${where}; save \`aws ec2 describe-${kebab(u.missing)} --output json\` into the snapshot`;
    case 'MISSING_RESOURCE':
      return `${u.missing} is not in the snapshot${where}`;
    case 'UNSUPPORTED_COMPONENT':
      return `the path needs ${u.missing}${where}, which vpcsim does not model yet`;
    case 'PREFIX_LIST_ENTRIES_UNKNOWN':
      return `the entries of prefix list ${u.missing} are not in the snapshot${where}; save \`aws ec2 describe-prefix-lists\` (or get-managed-prefix-list-entries)`;
    case 'UNMODELLED_ADDRESS':
      return `${u.missing} is not in the snapshot and lies behind a transit gateway or VPN route: describe the on-premises network in an --onprem file`;
    case 'ONPREM_PREFIXES_UNKNOWN':
      return `which on-premises prefixes lie behind ${u.missing} is not known${where} (BGP-learned prefixes are not in describe-* output, and no static route covers the destination); describe the network in an --onprem file`;
    case 'NON_DETERMINISTIC_ROUTE':
      return `several prefix-list routes cover ${u.missing} with different targets${where}; AWS picks one at random`;
    case 'ADDRESS_UNKNOWN_UNTIL_APPLY':
      return addressUnknownMessage(u.missing, '');
    case 'INCOMPLETE_COMPONENT':
      return `the path crosses ${u.component ? componentText(u.component) : u.missing}, some of whose entries could not be read (see the load warnings: a value known only after apply, or a bad value); the answer may differ with them`;
    case 'APPLIANCE_ZONE_BY_FLOW_HASH':
      return applianceZoneMessage(u.missing, '');
  }
}

/** Appliance mode: the zone is picked per flow by a hash, and the zones answer differently (`outcomes`). */
export function applianceZoneMessage(attachments: string, outcomes: string): string {
  return `the answer depends on which zone of ${attachments} the transit gateway picks for the flow (appliance mode: by a flow hash)${outcomes ? `: ${outcomes}` : ''}; make the zones alike (routes, appliances, rules) so that every flow gets the same answer`;
}

/** The answer depends on addresses a Terraform plan leaves to AWS: `outcomes` lists each choice's verdict. */
export function addressUnknownMessage(missing: string, outcomes: string): string {
  return `the answer depends on the ${missing}, which AWS picks at apply${outcomes ? ` (${outcomes})` : ''}; set the address in the plan (private_ip) to decide`;
}

function kebab(kind: string): string {
  if (kind === 'Instances') return 'instances';
  return kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

export function traceWarningMessage(
  code:
    | 'MULTIPLE_INTERFACES'
    | 'SERVICE_RANGES_DIFFER'
    | 'VPN_TUNNEL_DOWN'
    | 'ONPREM_INFERRED'
    | 'ADDRESS_PICKED_AT_APPLY',
  f: Readonly<Record<string, string>>,
): string {
  switch (code) {
    case 'ONPREM_INFERRED':
      return `on-premises network ${f.id} was inferred from ${f.from}; describe it in an --onprem file to be sure`;
    case 'VPN_TUNNEL_DOWN':
      return `VPN connection ${f.id} has ${f.up} of ${f.total} tunnels up: it works, without redundancy`;
    case 'SERVICE_RANGES_DIFFER':
      return `the service's address ranges do not all give the same answer: shown for ${f.shown}; others: ${f.others}`;
    case 'ADDRESS_PICKED_AT_APPLY':
      return `an address is picked at apply; every part of the subnet that rules or routes tell apart gives the same answer (${f.outcomes})`;
    case 'MULTIPLE_INTERFACES':
      if (f.why === 'reply')
        return `${f.instanceId} has ${f.count} network interfaces; assumed it replies from ${f.networkInterfaceId}, the secondary interface the request arrived on (Amazon Linux routes replies so; an OS that answers from its primary interface breaks this flow)`;
      return `${f.instanceId} has ${f.count} network interfaces; assumed it sends from ${f.networkInterfaceId} ${
        f.why === 'on-link'
          ? "(in the destination's subnet)"
          : "(the primary; the instance's own routing table decides)"
      }`;
  }
}

/** Wording of step notes for the text renderer. */
export const NOTE_TEXT: Readonly<Record<string, string>> = {
  REPLY_ALLOWED_BY_CONNECTION_TRACKING: 'reply allowed: security groups are stateful',
  SERVICE_PORT_NOT_MODELLED:
    'AWS does not filter this traffic, but what the service answers on this protocol and port is not modelled',
  AWS_DOES_NOT_FILTER_THIS_TRAFFIC: 'AWS does not filter this traffic with security groups or network ACLs',
  SAME_SUBNET_NO_ROUTE_TABLE_OR_NACL: 'same subnet: delivered directly, no route table or network ACL',
  SOURCE_DEST_CHECK_ENABLED: 'source/destination check is enabled',
  PREFIX_LIST_ENTRIES_UNKNOWN: 'prefix list entries unknown',
  NO_MATCHING_ROUTE: 'no route matches',
  LINK_LOCAL_NOT_ROUTED: 'link-local destination is not routed',
  ROUTE_NOT_ACTIVE: 'matching route is not active',
  ROUTE_FILTERED: 'matching route is in state filtered, whose effect AWS does not document',
  ROUTE_WAITS_FOR_TARGET: 'matching route is a blackhole until its target works again',
  MAIN_ROUTE_TABLE_IMPLICIT: "subnet uses the VPC's main route table (no explicit association)",
  NOT_MODELLED_YET: 'not modelled yet',
  NO_INTERFACE_HAS_ADDRESS: 'no interface holds this address',
  INSTANCE_RUNNING: 'instance is running',
  INSTANCE_METADATA_DISABLED: "the instance's metadata options turn the service off for this address",
  INSTANCE_NOT_RUNNING: 'instance is not running',
  INTERFACE_DETACHED: 'interface is not attached to anything',
  INTERFACE_ENDPOINT: 'interface endpoint receives the traffic',
  NAT_GATEWAY_DROPS_INBOUND_INITIATED: 'NAT gateways drop connections initiated towards them',
  NAT_GATEWAY_NOT_AVAILABLE: 'NAT gateway is not available',
  NAT_GATEWAY_PROTOCOL: 'NAT gateways translate TCP, UDP and ICMP only',
  NAT_INSTANCE_ASSUMED_MASQUERADE: 'forwarded as a NAT instance (source translated to its own address)',
  TARGET_NOT_IN_SNAPSHOT: 'route target does not exist in the snapshot (blackhole)',
  GATEWAY_NOT_ATTACHED: 'gateway is not attached to this VPC',
  PRIVATE_NAT_GATEWAY_TO_IGW: 'private NAT gateway traffic is dropped by the internet gateway',
  NO_PUBLIC_IPV4: 'no public IPv4 or Elastic IP to translate to',
  IPV6_NOT_TRANSLATED: 'IPv6: no translation',
  DENY_ALL_IGW_TRAFFIC: 'interface denies all internet gateway traffic',
  EIGW_IPV6_ONLY: 'egress-only gateways carry IPv6 only',
  EIGW_OUTBOUND: 'outbound IPv6 allowed (stateful)',
  EIGW_RETURN_TRAFFIC: 'response to an outbound connection allowed (stateful)',
  EIGW_BLOCKS_INBOUND_INITIATED: 'egress-only gateway blocks internet-initiated connections',
  PRIVATE_DESTINATION_ON_INTERNET: 'private or reserved destination is not carried by the internet',
  SERVICE_PUBLIC_ENDPOINT: "reaches the service's public endpoint over the internet",
  INTERNET_HOST: 'reaches the internet host',
  NO_INTERNET_GATEWAY: 'VPC has no internet gateway attached',
  PEERING_NOT_ACTIVE: 'peering connection is not active',
  ENDPOINT_NOT_AVAILABLE: 'endpoint is not available',
  GATEWAY_ENDPOINT: 'gateway endpoint delivers to the service',
  VPC_BLOCK_PUBLIC_ACCESS: 'VPC Block Public Access blocks this internet gateway traffic',
  ASYMMETRIC_ROUTING: 'reply routed through a NAT or appliance the request did not cross',
  APPLIANCE_FORWARDS: 'forwarded unchanged (an appliance inside AWS; no translation)',
  NAT64: 'NAT64: the IPv4 destination embedded in 64:ff9b::/96',
  TGW_ROUTE: 'transit gateway route',
  VIF_UP: 'virtual interface available, BGP up',
  VIF_DOWN: 'virtual interface down: its routes are withdrawn',
  TGW_NOT_ATTACHED: 'the VPC is not attached to this transit gateway',
  TGW_NO_ASSOCIATION: 'the attachment is not associated with a route table',
  ATTACHMENT_NOT_AVAILABLE: 'attachment not available',
  VPN_TUNNEL_UP: 'VPN connection with a tunnel up',
  VPN_ONE_TUNNEL_DOWN: 'VPN connection: one tunnel is down (no redundancy)',
  ONPREM_NETWORK: 'on-premises network',
  ONPREM_INFERRED: 'on-premises network inferred from VPN static routes and propagated routes',
  ONPREM_TO_INTERNET: 'on-premises reaches the internet directly',
  GATEWAY_ROUTE_TABLE: "the internet gateway's own route table (edge association) routes it locally",
};
