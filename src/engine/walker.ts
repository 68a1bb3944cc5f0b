/**
 * The packet walker: moves one packet through the model hop by hop the way AWS forwards it, and
 * records every component it meets. It does not stop at the first block: a denied step is marked,
 * a blocker recorded, and the walk goes on with the packet as if it had passed ("blocked path"),
 * so every blocker on the way shows. It stops only where no next hop exists.
 *
 * Port sets: the packet carries a set of destination ports (one service port forward, the client's
 * whole ephemeral range on the way back); `live` keeps the subset that still gets through, which is
 * how `partial` verdicts arise. Knows forwarding; knows nothing about wording or CLI.
 */

import type { Network, NetworkInterface, ResourceKind, Subnet } from '../model/index.js';
import { isAttachedTo, nameOf, serviceShortName } from '../model/index.js';
import {
  cidrContains,
  cidrOf,
  formatCidr,
  formatIp,
  ICMP,
  ICMPV6,
  type Ip,
  PortSet,
  parseIp,
  protocolUsesPorts,
  TCP,
  UDP,
} from '../net/index.js';
import { isInternetRoutable } from './addresses.js';
import { aclMatched, evaluateNetworkAcl, freeRuleNumberBefore } from './evaluate/network-acl.js';
import { lookupRoute, routeMatched } from './evaluate/route-table.js';
import { evaluateSecurityGroups, portsText } from './evaluate/security-group.js';
import type { Packet } from './packet.js';
import type { ComponentRef, Hop, MatchedRule, Step, Translation } from './types.js';
import type { BlockerDraft, ConntrackEntry, UnknownDraft, WalkEnd } from './walk-types.js';

const MAX_HOPS = 64;

/** Addresses AWS never filters with SGs or NACLs (aws-semantics §2.6, §3.12, §10.4-10.5). */
const UNFILTERED: ReadonlyArray<{ ip: Ip; service: string }> = [
  ['169.254.169.253', 'amazon-dns'],
  ['169.254.169.254', 'instance-metadata'],
  ['169.254.169.123', 'time-sync'],
  ['fd00:ec2::253', 'amazon-dns'],
  ['fd00:ec2::254', 'instance-metadata'],
  ['fd00:ec2::123', 'time-sync'],
].map(([a, s]) => ({ ip: parseIp(a!)!, service: s! }));

export interface WalkOptions {
  readonly path: 'forward' | 'return';
  /** True on the return path: SGs admit the reply statefully, gateways undo their translations. */
  readonly reply: boolean;
  readonly conntrack: Map<string, ConntrackEntry>;
  /** Prefix list of the AWS service the packet is addressed to (`--to s3`), if any. */
  readonly servicePrefixListId?: string | undefined;
  readonly service?: string | undefined;
  /** The user named the internet address (not `internet`): fixes may then be as narrow as a /32. */
  readonly namedInternetPeer?: boolean | undefined;
}

/**
 * `unknown`: the path itself is uncertain (where the packet goes next); `gate-unknown`: a component
 * on a known path might block (so a definite block elsewhere on the path still decides).
 */
export interface WalkEvent {
  readonly kind: 'blocker' | 'unknown' | 'gate-unknown' | 'partial';
  readonly index: number;
}

export class Walker {
  readonly hops: Hop[] = [];
  readonly blockers: BlockerDraft[] = [];
  readonly unknowns: UnknownDraft[] = [];
  /** Order in which blockers/unknowns happened, to decide whether a block precedes any doubt. */
  readonly events: WalkEvent[] = [];
  /** Destination ports (in the current port space) still getting through. */
  live: PortSet;
  /** True once a translation remapped ports while only part of them passed (cannot be mapped). */
  partialRemapped = false;
  fullyBlocked = false;
  end: WalkEnd = { kind: 'dropped' };
  private depth = 0;

  constructor(
    readonly net: Network,
    readonly opts: WalkOptions,
    initialPorts: PortSet,
  ) {
    this.live = initialPorts;
  }

  // ---- recording -------------------------------------------------------------------------

  hop(component: ComponentRef, steps: Step[] = []): Hop {
    const h: Hop = { component, steps };
    this.hops.push(h);
    return h;
  }

  block(d: BlockerDraft, full = true): void {
    this.blockers.push(d);
    this.events.push({ kind: full ? 'blocker' : 'partial', index: this.blockers.length - 1 });
    if (full) this.fullyBlocked = true;
  }

  unknown(u: UnknownDraft, gate = false): void {
    this.unknowns.push(u);
    this.events.push({ kind: gate ? 'gate-unknown' : 'unknown', index: this.unknowns.length - 1 });
  }

  /** Records a missing resource type once; `gate` when the walk goes on along the same path. */
  private missingKind(kind: ResourceKind, component?: ComponentRef, gate = false): boolean {
    if (this.net.has(kind)) return false;
    if (!this.unknowns.some((u) => u.code === 'MISSING_RESOURCE_TYPE' && u.missing === kind))
      this.unknown({ code: 'MISSING_RESOURCE_TYPE', missing: kind, component }, gate);
    return true;
  }

  /** Apply a filter result to the live port set; returns the step result. */
  private filter(pkt: Packet, allowed: PortSet): { result: Step['result']; denied: PortSet } {
    const evaluated = protocolUsesPorts(pkt.protocol) ? pkt.dstPorts : PortSet.all();
    const pass = allowed.intersect(evaluated);
    const denied = evaluated.subtract(pass);
    this.live = this.live.intersect(pass);
    if (pass.isEmpty()) return { result: 'deny', denied };
    if (!denied.isEmpty()) return { result: 'partial', denied };
    return { result: 'allow', denied };
  }

  // ---- components --------------------------------------------------------------------------

  ref(type: ComponentRef['type'], id: string, tags?: Readonly<Record<string, string>>): ComponentRef {
    const name = tags ? nameOf(tags) : undefined;
    return name ? { type, id, name } : { type, id };
  }

  eniRef(eni: NetworkInterface): ComponentRef {
    return this.ref('network-interface', eni.networkInterfaceId, eni.tags);
  }

  private ownsAddress(eni: NetworkInterface, ip: Ip): boolean {
    if (ip.family === 4) return eni.privateAddresses.some((a) => a.ip.value === ip.value);
    return eni.ipv6Addresses.some((a) => a.value === ip.value);
  }

  private hasSecurityGroups(eni: NetworkInterface): boolean {
    // NAT gateways and gateway-owned interfaces have no security group (aws-semantics §2.1.5).
    return (
      eni.interfaceType !== 'nat_gateway' &&
      eni.interfaceType !== 'transit_gateway' &&
      eni.groupIds.length > 0
    );
  }

  // ---- security groups and NACLs --------------------------------------------------------

  private securityGroupStep(eni: NetworkInterface, pkt: Packet, egress: boolean): void {
    if (!this.hasSecurityGroups(eni)) return;
    const firstGroup = eni.groupIds[0]!;
    const direction = egress ? 'outbound' : 'inbound';
    if (this.opts.reply) {
      // Security groups are stateful: the reply of an allowed flow passes whatever the rules say (§2.1.2).
      this.hop(this.sgRef(firstGroup), [
        {
          kind: 'connection-tracking',
          result: 'allow',
          direction,
          matched: [],
          note: 'REPLY_ALLOWED_BY_CONNECTION_TRACKING',
          groups: eni.groupIds,
          blocking: false,
        },
      ]);
      return;
    }
    if (this.missingKind('SecurityGroups', this.sgRef(firstGroup), true)) return;
    const ev = evaluateSecurityGroups(this.net, eni.groupIds, eni.vpcId, egress, pkt);
    for (const u of ev.undecided)
      this.unknown(
        { code: 'PREFIX_LIST_ENTRIES_UNKNOWN', missing: u.missing, component: this.sgRef(u.rule.groupId) },
        true,
      );
    const { result, denied } = this.filter(pkt, ev.allowed);
    const deciding = ev.matched[0]?.type === 'security-group-rule' ? ev.matched[0].groupId : firstGroup;
    const component = this.sgRef(deciding);
    const uses = protocolUsesPorts(pkt.protocol);
    this.hop(component, [
      {
        kind: 'security-group',
        result,
        direction,
        matched: ev.matched,
        groups: eni.groupIds,
        ports: uses
          ? {
              evaluated: portsText(pkt.dstPorts),
              allowed: portsText(ev.allowed.intersect(pkt.dstPorts)),
              denied: portsText(denied),
            }
          : undefined,
        blocking: result !== 'allow',
      },
    ]);
    if (result === 'allow') return;
    const peer = egress ? pkt.dst : pkt.src;
    const range = uses ? hull(denied) : undefined;
    this.block(
      {
        code: 'ENI_SG_RULES_MISMATCH',
        component: this.sgRef(firstGroup),
        direction,
        rule: null,
        ports: uses ? denied.toString() : undefined,
        fix: {
          action: 'add-security-group-rule',
          groupId: firstGroup,
          direction,
          ipProtocol: pkt.protocol,
          fromPort: uses
            ? range!.from
            : pkt.protocol === ICMP || pkt.protocol === ICMPV6
              ? (pkt.icmpType ?? -1)
              : null,
          toPort: uses ? range!.to : pkt.protocol === ICMP || pkt.protocol === ICMPV6 ? -1 : null,
          cidr: formatCidr(cidrOf(peer, peer.family === 4 ? 32 : 128)),
        },
      },
      result === 'deny',
    );
  }

  sgRef(groupId: string): ComponentRef {
    return this.ref('security-group', groupId, this.net.securityGroups.get(groupId)?.tags);
  }

  private naclStep(subnet: Subnet, pkt: Packet, egress: boolean, peerIsInternet: boolean): void {
    const acl = this.net.networkAclFor(subnet.subnetId);
    const direction = egress ? 'outbound' : 'inbound';
    if (!acl) {
      if (!this.missingKind('NetworkAcls', this.ref('subnet', subnet.subnetId, subnet.tags), true))
        this.unknown(
          {
            code: 'MISSING_RESOURCE',
            missing: `network ACL of ${subnet.subnetId}`,
            component: this.ref('subnet', subnet.subnetId),
          },
          true,
        );
      return;
    }
    const ev = evaluateNetworkAcl(acl, egress, pkt);
    const uses = protocolUsesPorts(pkt.protocol);
    const matched: MatchedRule[] = ev.decisions.map((d) => aclMatched(acl, d, egress, pkt.dst.family, uses));
    const { result, denied } = this.filter(pkt, ev.allowed);
    const component = this.ref('network-acl', acl.networkAclId, acl.tags);
    this.hop(component, [
      {
        kind: 'network-acl',
        result,
        direction,
        matched,
        ports: uses
          ? { evaluated: portsText(pkt.dstPorts), allowed: portsText(ev.allowed), denied: portsText(denied) }
          : undefined,
        blocking: result !== 'allow',
      },
    ]);
    if (result === 'allow') return;
    const denyIdx = ev.decisions.findIndex((d) => d.action === 'deny');
    const denyRule = denyIdx >= 0 ? matched[denyIdx]! : null;
    const beforeRule = denyRule && denyRule.type === 'network-acl-entry' ? denyRule.ruleNumber : 32767;
    const peer = egress ? pkt.dst : pkt.src;
    // A named internet host gets a /32; "internet" and reply traffic (clients vary) open the whole
    // family; in-VPC peers get their subnet.
    const peerCidr =
      peerIsInternet && !this.opts.reply && this.opts.namedInternetPeer
        ? formatCidr(cidrOf(peer, peer.family === 4 ? 32 : 128))
        : peerIsInternet
          ? peer.family === 4
            ? '0.0.0.0/0'
            : '::/0'
          : formatCidr(this.peerSubnetCidr(peer) ?? cidrOf(peer, peer.family === 4 ? 32 : 128));
    const range = uses ? hull(denied) : undefined;
    this.block(
      {
        code: 'SUBNET_ACL_RESTRICTION',
        component,
        direction,
        rule: denyRule,
        ports: uses ? denied.toString() : undefined,
        fix: {
          action: 'add-network-acl-entry',
          networkAclId: acl.networkAclId,
          egress,
          ruleNumber: freeRuleNumberBefore(acl, egress, beforeRule),
          beforeRuleNumber: beforeRule,
          ruleAction: 'allow',
          protocol: pkt.protocol,
          cidr: peerCidr,
          portRange: range ? (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`) : null,
          icmpType: pkt.protocol === ICMP || pkt.protocol === ICMPV6 ? pkt.icmpType : undefined,
          icmpCode: pkt.protocol === ICMP || pkt.protocol === ICMPV6 ? -1 : undefined,
        },
      },
      result === 'deny',
    );
  }

  private peerSubnetCidr(ip: Ip) {
    for (const o of this.net.ownersOfPrivateIp(ip)) {
      const s = this.net.subnets.get(o.eni.subnetId);
      if (ip.family === 4 && s?.cidrBlock) return s.cidrBlock;
      const c6 = s?.ipv6CidrBlocks.find((c) => cidrContains(c, ip));
      if (c6) return c6;
    }
    return undefined;
  }

  // ---- leaving an interface ------------------------------------------------------------------

  /** The packet leaves `eni` (an instance, a NAT gateway, an appliance) towards `pkt.dst`. */
  sendFrom(eni: NetworkInterface, pkt: Packet): void {
    if (++this.depth > MAX_HOPS) {
      this.unknown({ code: 'UNSUPPORTED_COMPONENT', missing: 'routing loop (more than 64 hops)' });
      this.end = { kind: 'insufficient-info' };
      return;
    }
    const subnet = this.net.subnets.get(eni.subnetId);
    const unfiltered = subnet ? this.unfilteredService(subnet, pkt.dst) : undefined;
    if (unfiltered) {
      this.hop(this.ref('aws-service', unfiltered), [
        {
          kind: 'not-filtered',
          result: 'allow',
          matched: [],
          note: 'AWS_DOES_NOT_FILTER_THIS_TRAFFIC',
          blocking: false,
        },
      ]);
      this.end = { kind: 'not-filtered', service: unfiltered, pkt };
      return;
    }
    this.securityGroupStep(eni, pkt, true);
    if (!this.ownsAddress(eni, pkt.src) && eni.sourceDestCheck && eni.interfaceType !== 'nat_gateway') {
      this.sourceDestBlock(eni, 'outbound');
    }
    if (!subnet) {
      this.unknown({
        code: 'MISSING_RESOURCE',
        missing: eni.subnetId,
        component: this.ref('subnet', eni.subnetId),
      });
      this.end = { kind: 'insufficient-info' };
      return;
    }
    // Traffic to another address of the same subnet is delivered directly: no route table, no NACL (§1.1.7, §3.8).
    if (this.inSubnet(subnet, pkt.dst)) {
      const owner = this.net.ownersOfPrivateIp(pkt.dst, eni.vpcId)[0];
      if (owner) {
        this.hop(this.ref('subnet', subnet.subnetId, subnet.tags), [
          {
            kind: 'same-subnet',
            result: 'info',
            matched: [],
            note: 'SAME_SUBNET_NO_ROUTE_TABLE_OR_NACL',
            blocking: false,
          },
        ]);
        this.arrive(owner.eni, pkt, false);
        return;
      }
    }
    this.naclStep(subnet, pkt, true, this.isInternetPeer(pkt.dst));
    this.route(eni, subnet, pkt);
  }

  private inSubnet(subnet: Subnet, ip: Ip): boolean {
    if (ip.family === 4) return subnet.cidrBlock !== undefined && cidrContains(subnet.cidrBlock, ip);
    return subnet.ipv6CidrBlocks.some((c) => cidrContains(c, ip));
  }

  private isInternetPeer(ip: Ip): boolean {
    return isInternetRoutable(ip) && this.net.ownersOfPrivateIp(ip).length === 0;
  }

  private unfilteredService(subnet: Subnet, dst: Ip): string | undefined {
    for (const u of UNFILTERED) if (u.ip.family === dst.family && u.ip.value === dst.value) return u.service;
    const vpc = this.net.vpcs.get(subnet.vpcId);
    const primary = vpc?.cidrBlocks[0];
    // The Amazon DNS server is at the VPC's primary CIDR base + 2 (§10.2, §10.4).
    if (primary && dst.family === 4 && dst.value === primary.base + 2n) return 'amazon-dns';
    // Base + 1 of a subnet is the VPC router's reserved address (§10.2).
    if (subnet.cidrBlock && dst.family === 4 && dst.value === subnet.cidrBlock.base + 1n) return 'vpc-router';
    return undefined;
  }

  private sourceDestBlock(eni: NetworkInterface, direction: 'inbound' | 'outbound'): void {
    const instanceId = eni.attachment?.instanceId ?? null;
    this.hop(this.eniRef(eni), [
      {
        kind: 'source-dest-check',
        result: 'deny',
        direction,
        matched: [],
        note: 'SOURCE_DEST_CHECK_ENABLED',
        blocking: true,
      },
    ]);
    this.block({
      code: 'ENI_SOURCE_DEST_CHECK_RESTRICTION',
      component: this.eniRef(eni),
      direction,
      rule: null,
      fix: { action: 'disable-source-dest-check', networkInterfaceId: eni.networkInterfaceId, instanceId },
    });
  }

  /**
   * VPC Block Public Access overrides routes, SGs and NACLs for internet gateway traffic
   * (aws-semantics §4.1.6): `block-bidirectional` stops all IGW and egress-only gateway traffic;
   * `block-ingress` lets only NAT gateways and egress-only gateways through. The subnet's reported
   * state (which reflects exclusions) wins over the VPC's. Returns true when it blocked.
   */
  private publicAccessBlocked(eni: NetworkInterface, gateway: ComponentRef, viaEgressOnly: boolean): boolean {
    const subnet = this.net.subnets.get(eni.subnetId);
    const mode = subnet?.internetGatewayBlockMode ?? this.net.vpcs.get(eni.vpcId)?.internetGatewayBlockMode;
    if (mode !== 'block-bidirectional' && mode !== 'block-ingress') return false;
    if (mode === 'block-ingress' && (viaEgressOnly || eni.interfaceType === 'nat_gateway')) return false;
    this.hop(gateway, [
      { kind: 'gateway', result: 'deny', matched: [], note: 'VPC_BLOCK_PUBLIC_ACCESS', blocking: true },
    ]);
    this.block({
      code: 'VPC_BLOCK_PUBLIC_ACCESS',
      component: gateway,
      direction: null,
      rule: null,
      fix: null,
      facts: { mode, subnetId: eni.subnetId },
    });
    return true;
  }

  // ---- routing -------------------------------------------------------------------------------

  private route(eni: NetworkInterface, subnet: Subnet, pkt: Packet): void {
    const rt = this.net.routeTableFor(subnet.subnetId);
    if (!rt) {
      if (!this.missingKind('RouteTables', this.ref('subnet', subnet.subnetId)))
        this.unknown({
          code: 'MISSING_RESOURCE',
          missing: `route table of ${subnet.subnetId}`,
          component: this.ref('subnet', subnet.subnetId),
        });
      // Without route tables only the local route is certain; follow it for in-VPC destinations so the path still shows.
      const owner = this.net.ownersOfPrivateIp(pkt.dst, eni.vpcId)[0];
      if (owner) this.arrive(owner.eni, pkt, true);
      else this.end = { kind: 'insufficient-info' };
      return;
    }
    const table = rt.table;
    const tableRef = this.ref('route-table', table.routeTableId, table.tags);
    const lookup = lookupRoute(this.net, table, pkt.dst, this.opts.servicePrefixListId);
    if (lookup.kind === 'unknown') {
      this.hop(tableRef, [
        {
          kind: 'route',
          result: 'unknown',
          matched: [],
          note: 'PREFIX_LIST_ENTRIES_UNKNOWN',
          blocking: false,
        },
      ]);
      this.unknown({
        code: 'PREFIX_LIST_ENTRIES_UNKNOWN',
        missing: lookup.prefixListId,
        component: tableRef,
      });
      this.end = { kind: 'insufficient-info' };
      return;
    }
    if (lookup.kind === 'none' || lookup.kind === 'unroutable') {
      this.hop(tableRef, [
        {
          kind: 'route',
          result: 'deny',
          matched: [],
          note: lookup.kind === 'none' ? 'NO_MATCHING_ROUTE' : 'LINK_LOCAL_NOT_ROUTED',
          blocking: true,
        },
      ]);
      this.block({
        code: lookup.kind === 'none' ? 'NO_ROUTE_TO_DESTINATION' : 'UNROUTABLE_LINK_LOCAL',
        component: tableRef,
        direction: null,
        rule: null,
        fix: lookup.kind === 'none' ? this.routeFix(table.routeTableId, eni, pkt.dst) : null,
        facts: { destination: formatIp(pkt.dst), subnetId: subnet.subnetId, explicit: String(rt.explicit) },
      });
      this.end = { kind: 'no-route' };
      return;
    }
    const { route } = lookup.choice;
    const matched = routeMatched(table, route);
    if (lookup.nonDeterministic)
      this.unknown({ code: 'NON_DETERMINISTIC_ROUTE', missing: route.destinationText, component: tableRef });
    if (route.state !== 'active') {
      this.hop(tableRef, [
        { kind: 'route', result: 'deny', matched: [matched], note: 'ROUTE_NOT_ACTIVE', blocking: true },
      ]);
      this.block({
        code: 'BAD_STATE_ROUTE',
        component: tableRef,
        direction: null,
        rule: matched,
        fix: {
          action: 'replace-route',
          routeTableId: table.routeTableId,
          destination: route.destinationText,
          currentTarget: route.target.id,
        },
      });
      this.end = { kind: 'dropped' };
      return;
    }
    this.hop(tableRef, [
      {
        kind: 'route',
        result: 'allow',
        matched: [matched],
        note: rt.explicit ? undefined : 'MAIN_ROUTE_TABLE_IMPLICIT',
        blocking: false,
      },
    ]);
    const t = route.target;
    switch (t.type) {
      case 'local':
        return this.local(eni, pkt);
      case 'internet-gateway':
        return this.internetGatewayOut(eni, pkt, t.id);
      case 'egress-only-internet-gateway':
        return this.egressOnlyOut(eni, pkt, t.id);
      case 'nat-gateway':
        return this.toNatGateway(eni, pkt, t.id);
      case 'instance':
      case 'network-interface':
        return this.toAppliance(eni, pkt, t.type, t.id, t.networkInterfaceId);
      case 'vpc-peering-connection':
        return this.peering(eni, pkt, t.id);
      case 'vpc-endpoint':
        return this.gatewayEndpoint(eni, pkt, t.id);
      default:
        this.hop(this.ref(componentTypeOf(t.type), t.id), [
          { kind: 'gateway', result: 'unknown', matched: [], note: 'NOT_MODELLED_YET', blocking: false },
        ]);
        this.unknown({
          code: 'UNSUPPORTED_COMPONENT',
          missing: t.type,
          component: this.ref(componentTypeOf(t.type), t.id),
        });
        this.end = { kind: 'unsupported' };
    }
  }

  private routeFix(routeTableId: string, eni: NetworkInterface, dst: Ip) {
    const destination = formatCidr(
      this.isInternetPeer(dst)
        ? cidrOf(dst, 0)
        : (this.peerSubnetCidr(dst) ?? cidrOf(dst, dst.family === 4 ? 32 : 128)),
    );
    let target: { type: string; id: string | null } = { type: 'unknown', id: null };
    const endpoint = this.opts.service
      ? this.net.data.vpcEndpoints.find(
          (e) =>
            e.vpcId === eni.vpcId &&
            e.vpcEndpointType === 'Gateway' &&
            serviceShortName(e.serviceName) === this.opts.service,
        )
      : undefined;
    if (endpoint && this.opts.servicePrefixListId) {
      // The service has a gateway endpoint in this VPC: associate the route table with it.
      return {
        action: 'add-route' as const,
        routeTableId,
        destination: this.opts.servicePrefixListId,
        target: { type: 'vpc-endpoint', id: endpoint.vpcEndpointId },
      };
    }
    if (this.isInternetPeer(dst)) {
      const hasPublic = eni.privateAddresses.some((a) => a.publicIp) || dst.family === 6;
      const igw = this.net.internetGatewayOf(eni.vpcId);
      const nat = this.net.data.natGateways.find(
        (n) => n.vpcId === eni.vpcId && n.state === 'available' && n.connectivityType === 'public',
      );
      if (hasPublic && igw) target = { type: 'internet-gateway', id: igw.internetGatewayId };
      else if (nat && dst.family === 4) target = { type: 'nat-gateway', id: nat.natGatewayId };
      else if (dst.family === 4) target = { type: 'nat-gateway', id: null };
      else if (igw) target = { type: 'internet-gateway', id: igw.internetGatewayId };
    } else {
      const owner = this.net.ownersOfPrivateIp(dst)[0];
      const pcx = owner
        ? this.net.data.vpcPeeringConnections.find(
            (p) =>
              p.status === 'active' &&
              [p.requester.vpcId, p.accepter.vpcId].includes(owner.eni.vpcId) &&
              [p.requester.vpcId, p.accepter.vpcId].includes(eni.vpcId),
          )
        : undefined;
      if (pcx) target = { type: 'vpc-peering-connection', id: pcx.vpcPeeringConnectionId };
    }
    return { action: 'add-route' as const, routeTableId, destination, target };
  }

  private local(eni: NetworkInterface, pkt: Packet): void {
    const owner = this.net.ownersOfPrivateIp(pkt.dst, eni.vpcId)[0];
    if (owner) {
      this.arrive(owner.eni, pkt, true);
      return;
    }
    this.noInterface(pkt.dst, this.ref('vpc', eni.vpcId, this.net.vpcs.get(eni.vpcId)?.tags));
  }

  private noInterface(dst: Ip, component: ComponentRef): void {
    if (this.missingKind('NetworkInterfaces', component)) {
      this.end = { kind: 'insufficient-info' };
      return;
    }
    this.hop(component, [
      { kind: 'delivery', result: 'deny', matched: [], note: 'NO_INTERFACE_HAS_ADDRESS', blocking: true },
    ]);
    this.block({
      code: 'NO_INTERFACE_FOR_ADDRESS',
      component,
      direction: null,
      rule: null,
      fix: null,
      facts: { address: formatIp(dst) },
    });
    this.end = { kind: 'dropped' };
  }

  // ---- arriving at an interface --------------------------------------------------------------

  /** The packet reaches `eni`; `crossing` when it enters the subnet from outside (NACL inbound applies). */
  arrive(eni: NetworkInterface, pkt: Packet, crossing: boolean): void {
    const subnet = this.net.subnets.get(eni.subnetId);
    if (crossing && subnet) this.naclStep(subnet, pkt, false, this.isInternetPeer(pkt.src));
    this.securityGroupStep(eni, pkt, false);
    const own = this.ownsAddress(eni, pkt.dst);
    const track = this.opts.conntrack.get(eni.networkInterfaceId);
    if (own && this.opts.reply && track && track.kind !== 'egress-only-internet-gateway') {
      this.hop(this.eniRef(eni));
      this.undoNat(eni, pkt, track);
      return;
    }
    if (eni.interfaceType === 'nat_gateway') {
      if (own) {
        this.hop(this.eniRef(eni));
        const ng = this.net.natGatewayOfInterface(eni.networkInterfaceId);
        const comp = this.ref('nat-gateway', ng?.natGatewayId ?? eni.networkInterfaceId, ng?.tags);
        this.hop(comp, [
          {
            kind: 'gateway',
            result: 'deny',
            matched: [],
            note: 'NAT_GATEWAY_DROPS_INBOUND_INITIATED',
            blocking: true,
          },
        ]);
        this.block({
          code: 'NAT_GATEWAY_INBOUND_INITIATED',
          component: comp,
          direction: 'inbound',
          rule: null,
          fix: null,
        });
        this.end = { kind: 'dropped' };
        return;
      }
      this.hop(this.eniRef(eni));
      this.natGateway(eni, pkt);
      return;
    }
    if (!own) {
      // A packet not addressed to the interface: it is forwarded only with source/destination check off (§5.2).
      if (eni.sourceDestCheck) this.sourceDestBlock(eni, 'inbound');
      else this.hop(this.eniRef(eni));
      this.natInstance(eni, pkt);
      return;
    }
    this.deliver(eni, pkt);
  }

  private deliver(eni: NetworkInterface, pkt: Packet): void {
    this.hop(this.eniRef(eni));
    const instanceId = eni.attachment?.instanceId;
    const instance = instanceId ? this.net.instances.get(instanceId) : undefined;
    if (instance && this.opts.reply) {
      // Back at the source: its state was judged at the start of the forward path.
      this.hop(this.ref('instance', instance.instanceId, instance.tags));
    } else if (instance) {
      const ref = this.ref('instance', instance.instanceId, instance.tags);
      const running = instance.state === 'running';
      this.hop(ref, [
        {
          kind: 'state',
          result: running ? 'allow' : 'deny',
          matched: [],
          note: running ? 'INSTANCE_RUNNING' : 'INSTANCE_NOT_RUNNING',
          blocking: !running,
        },
      ]);
      if (!running)
        this.block({
          code: 'BAD_STATE',
          component: ref,
          direction: null,
          rule: null,
          fix: { action: 'start-instance', instanceId: instance.instanceId },
          facts: { state: instance.state },
        });
    } else if (!this.opts.reply && isDetached(eni)) {
      const ref = this.eniRef(eni);
      this.block({
        code: 'BAD_STATE',
        component: ref,
        direction: null,
        rule: null,
        fix: null,
        facts: { state: 'detached' },
      });
    }
    const endpoint = this.net.endpointOfInterface(eni.networkInterfaceId);
    if (endpoint)
      this.hop(this.ref('vpc-endpoint', endpoint.vpcEndpointId, endpoint.tags), [
        { kind: 'delivery', result: 'allow', matched: [], note: 'INTERFACE_ENDPOINT', blocking: false },
      ]);
    this.end = { kind: 'interface', eni, pkt };
  }

  // ---- NAT -----------------------------------------------------------------------------------

  private natGateway(eni: NetworkInterface, pkt: Packet): void {
    const ng = this.net.natGatewayOfInterface(eni.networkInterfaceId);
    const comp = this.ref('nat-gateway', ng?.natGatewayId ?? eni.networkInterfaceId, ng?.tags);
    const steps: Step[] = [];
    if (ng && ng.state !== 'available') {
      steps.push({
        kind: 'state',
        result: 'deny',
        matched: [],
        note: 'NAT_GATEWAY_NOT_AVAILABLE',
        blocking: true,
      });
      this.block({
        code: 'BAD_STATE',
        component: comp,
        direction: null,
        rule: null,
        fix: { action: 'change-component-state', componentId: ng.natGatewayId, wanted: 'available' },
        facts: { state: ng.state },
      });
    }
    // NAT gateways translate TCP, UDP and ICMP only (§5.1.2).
    if (![TCP, UDP, ICMP].includes(pkt.protocol)) {
      steps.push({
        kind: 'gateway',
        result: 'deny',
        matched: [],
        note: 'NAT_GATEWAY_PROTOCOL',
        blocking: true,
      });
      this.block({
        code: 'NAT_GATEWAY_PROTOCOL_RESTRICTION',
        component: comp,
        direction: null,
        rule: null,
        fix: null,
      });
    }
    const natIp = ng?.addresses.find((a) => a.isPrimary)?.privateIp ?? eni.privateAddresses[0]?.ip ?? pkt.src;
    // A NAT gateway picks source ports 1024-65535 (§5.1.5).
    const natPorts = PortSet.of({ from: 1024, to: 65535 });
    const t: Translation = {
      field: 'source',
      from: formatIp(pkt.src),
      to: formatIp(natIp),
      ports: protocolUsesPorts(pkt.protocol) ? '1024-65535' : undefined,
    };
    steps.push({ kind: 'translation', result: 'info', matched: [], translation: t, blocking: false });
    this.hop(comp, steps);
    this.opts.conntrack.set(eni.networkInterfaceId, {
      kind: 'nat-gateway',
      insideIp: pkt.src,
      insidePorts: pkt.srcPorts,
    });
    this.sendFrom(eni, {
      ...pkt,
      src: natIp,
      srcPorts: protocolUsesPorts(pkt.protocol) ? natPorts : pkt.srcPorts,
    });
  }

  /** An instance or ENI used as a route target: treated as a NAT instance that masquerades (§5.2). */
  private natInstance(eni: NetworkInterface, pkt: Packet): void {
    const instanceId = eni.attachment?.instanceId;
    const instance = instanceId ? this.net.instances.get(instanceId) : undefined;
    const natIp = eni.privateAddresses.find((a) => a.primary)?.ip ?? eni.privateAddresses[0]?.ip;
    if (!natIp || pkt.dst.family !== 4) {
      this.unknown({
        code: 'UNSUPPORTED_COMPONENT',
        missing: 'IPv6 forwarding through an instance',
        component: this.eniRef(eni),
      });
      this.end = { kind: 'unsupported' };
      return;
    }
    const ref = instance ? this.ref('instance', instance.instanceId, instance.tags) : this.eniRef(eni);
    const steps: Step[] = [];
    if (instance && instance.state !== 'running') {
      steps.push({
        kind: 'state',
        result: 'deny',
        matched: [],
        note: 'INSTANCE_NOT_RUNNING',
        blocking: true,
      });
      this.block({
        code: 'BAD_STATE',
        component: ref,
        direction: null,
        rule: null,
        fix: { action: 'start-instance', instanceId: instance.instanceId },
        facts: { state: instance.state },
      });
    }
    steps.push({
      kind: 'translation',
      result: 'info',
      matched: [],
      note: 'NAT_INSTANCE_ASSUMED_MASQUERADE',
      translation: { field: 'source', from: formatIp(pkt.src), to: formatIp(natIp) },
      blocking: false,
    });
    this.hop(ref, steps);
    this.opts.conntrack.set(eni.networkInterfaceId, {
      kind: 'nat-instance',
      insideIp: pkt.src,
      insidePorts: pkt.srcPorts,
    });
    this.sendFrom(eni, { ...pkt, src: natIp });
  }

  /** A reply reached a NAT's own address: map it back to the inside client (stateful NAT). */
  private undoNat(eni: NetworkInterface, pkt: Packet, track: ConntrackEntry): void {
    const ng = this.net.natGatewayOfInterface(eni.networkInterfaceId);
    const instanceId = eni.attachment?.instanceId;
    const comp =
      track.kind === 'nat-gateway'
        ? this.ref('nat-gateway', ng?.natGatewayId ?? eni.networkInterfaceId, ng?.tags)
        : instanceId
          ? this.ref('instance', instanceId, this.net.instances.get(instanceId)?.tags)
          : this.eniRef(eni);
    const uses = protocolUsesPorts(pkt.protocol);
    this.hop(comp, [
      {
        kind: 'translation',
        result: 'info',
        matched: [],
        translation: {
          field: 'destination',
          from: formatIp(pkt.dst),
          to: formatIp(track.insideIp),
          ports: uses ? portsText(track.insidePorts) : undefined,
        },
        blocking: false,
      },
    ]);
    if (uses && track.kind === 'nat-gateway') {
      // The outside ports were the NAT's own (1024-65535); if only some of them passed, which client
      // connections fail depends on the port the NAT picked, so it is partial for every client port.
      if (!this.live.isEmpty() && !this.live.equals(pkt.dstPorts)) this.partialRemapped = true;
      this.live = this.live.isEmpty() ? PortSet.empty() : track.insidePorts;
    }
    this.sendFrom(eni, { ...pkt, dst: track.insideIp, dstPorts: uses ? track.insidePorts : pkt.dstPorts });
  }

  private toNatGateway(eni: NetworkInterface, pkt: Packet, natGatewayId: string): void {
    const ng = this.net.natGateways.get(natGatewayId);
    if (!ng) return this.missingTarget('NatGateways', 'nat-gateway', natGatewayId);
    const natEniId =
      ng.addresses.find((a) => a.isPrimary)?.networkInterfaceId ?? ng.addresses[0]?.networkInterfaceId;
    const natEni = natEniId ? this.net.networkInterfaces.get(natEniId) : undefined;
    if (!natEni) {
      this.unknown({
        code: 'MISSING_RESOURCE',
        missing: `network interface of ${natGatewayId}`,
        component: this.ref('nat-gateway', natGatewayId),
      });
      this.end = { kind: 'insufficient-info' };
      return;
    }
    this.arrive(natEni, pkt, natEni.subnetId !== eni.subnetId);
  }

  private toAppliance(eni: NetworkInterface, pkt: Packet, type: string, id: string, eniId?: string): void {
    let target: NetworkInterface | undefined;
    if (type === 'network-interface') target = this.net.networkInterfaces.get(id);
    else {
      target = eniId ? this.net.networkInterfaces.get(eniId) : undefined;
      target ??= this.net.interfacesOfInstance(id)[0];
    }
    if (!target)
      return this.missingTarget(
        type === 'instance' ? 'Instances' : 'NetworkInterfaces',
        type === 'instance' ? 'instance' : 'network-interface',
        id,
      );
    this.arrive(target, pkt, target.subnetId !== eni.subnetId);
  }

  private missingTarget(kind: ResourceKind, type: ComponentRef['type'], id: string): void {
    const comp = this.ref(type, id);
    if (this.missingKind(kind, comp)) {
      this.end = { kind: 'insufficient-info' };
      return;
    }
    // The type was captured but this id is not in it: AWS blackholes routes to deleted targets (§1.3).
    this.hop(comp, [
      { kind: 'state', result: 'deny', matched: [], note: 'TARGET_NOT_IN_SNAPSHOT', blocking: true },
    ]);
    this.block({
      code: 'BAD_STATE',
      component: comp,
      direction: null,
      rule: null,
      fix: null,
      facts: { state: 'missing' },
    });
    this.end = { kind: 'dropped' };
  }

  // ---- internet ------------------------------------------------------------------------------

  private internetGatewayOut(eni: NetworkInterface, pkt: Packet, igwId: string): void {
    const igw = this.net.internetGateways.get(igwId);
    const comp = this.ref('internet-gateway', igwId, igw?.tags);
    if (!igw) return this.missingTarget('InternetGateways', 'internet-gateway', igwId);
    this.publicAccessBlocked(eni, comp, false);
    const steps: Step[] = [];
    if (!isAttachedTo(igw, eni.vpcId)) {
      steps.push({
        kind: 'state',
        result: 'deny',
        matched: [],
        note: 'GATEWAY_NOT_ATTACHED',
        blocking: true,
      });
      this.block({
        code: 'BAD_STATE_ATTACHMENT',
        component: comp,
        direction: null,
        rule: null,
        fix: { action: 'attach-internet-gateway', vpcId: eni.vpcId, internetGatewayId: igwId },
      });
    }
    let out = pkt;
    if (pkt.src.family === 4) {
      const ng =
        eni.interfaceType === 'nat_gateway'
          ? this.net.natGatewayOfInterface(eni.networkInterfaceId)
          : undefined;
      if (ng?.connectivityType === 'private') {
        // A private NAT gateway's traffic routed to an internet gateway is dropped by the IGW (§5.1.1).
        steps.push({
          kind: 'gateway',
          result: 'deny',
          matched: [],
          note: 'PRIVATE_NAT_GATEWAY_TO_IGW',
          blocking: true,
        });
        this.block({
          code: 'PRIVATE_NAT_GATEWAY_TO_IGW',
          component: comp,
          direction: null,
          rule: null,
          fix: null,
          facts: { natGatewayId: ng.natGatewayId },
        });
      } else {
        const pa = eni.privateAddresses.find((a) => a.ip.value === pkt.src.value);
        if (pa?.publicIp) {
          // 1:1 NAT: the private source becomes the public IPv4 or Elastic IP (§4.1.2).
          steps.push({
            kind: 'translation',
            result: 'info',
            matched: [],
            translation: { field: 'source', from: formatIp(pkt.src), to: formatIp(pa.publicIp) },
            blocking: false,
          });
          out = { ...pkt, src: pa.publicIp };
        } else {
          steps.push({
            kind: 'translation',
            result: 'deny',
            matched: [],
            note: 'NO_PUBLIC_IPV4',
            blocking: true,
          });
          this.block({
            code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
            component: comp,
            direction: 'outbound',
            rule: null,
            fix: {
              action: 'associate-public-ip',
              networkInterfaceId: eni.networkInterfaceId,
              privateIp: formatIp(pkt.src),
            },
            facts: { networkInterfaceId: eni.networkInterfaceId, privateIp: formatIp(pkt.src) },
          });
        }
      }
    } else {
      steps.push({
        kind: 'gateway',
        result: 'allow',
        matched: [],
        note: 'IPV6_NOT_TRANSLATED',
        blocking: false,
      });
    }
    if (eni.denyAllIgwTraffic) {
      steps.push({
        kind: 'gateway',
        result: 'deny',
        matched: [],
        note: 'DENY_ALL_IGW_TRAFFIC',
        blocking: true,
      });
      this.block({
        code: 'IGW_DENY_ALL_TRAFFIC',
        component: this.eniRef(eni),
        direction: 'outbound',
        rule: null,
        fix: null,
      });
    }
    this.hop(comp, steps);
    this.onInternet(out, comp);
  }

  private egressOnlyOut(eni: NetworkInterface, pkt: Packet, id: string): void {
    const eigw = this.net.egressOnlyInternetGateways.get(id);
    if (!eigw) return this.missingTarget('EgressOnlyInternetGateways', 'egress-only-internet-gateway', id);
    const comp = this.ref('egress-only-internet-gateway', id, eigw.tags);
    this.publicAccessBlocked(eni, comp, true);
    const steps: Step[] = [];
    if (!isAttachedTo(eigw, eni.vpcId)) {
      steps.push({
        kind: 'state',
        result: 'deny',
        matched: [],
        note: 'GATEWAY_NOT_ATTACHED',
        blocking: true,
      });
      this.block({ code: 'BAD_STATE_ATTACHMENT', component: comp, direction: null, rule: null, fix: null });
    }
    if (pkt.dst.family === 4) {
      // Egress-only internet gateways carry IPv6 only (§4.2.1).
      steps.push({ kind: 'gateway', result: 'deny', matched: [], note: 'EIGW_IPV6_ONLY', blocking: true });
      this.block({
        code: 'EIGW_IPV4_NOT_SUPPORTED',
        component: comp,
        direction: 'outbound',
        rule: null,
        fix: null,
      });
      this.hop(comp, steps);
      this.end = { kind: 'dropped' };
      return;
    }
    if (this.opts.reply && !this.opts.conntrack.has(`eigw:${eni.vpcId}`)) {
      // The reply of an internet-initiated connection would leave through the egress-only gateway,
      // which "prevents hosts outside of your VPC from initiating an IPv6 connection" (aws-semantics §4.2.1).
      steps.push({
        kind: 'gateway',
        result: 'deny',
        matched: [],
        note: 'EIGW_BLOCKS_INBOUND_INITIATED',
        blocking: true,
      });
      this.hop(comp, steps);
      this.block({
        code: 'EIGW_INBOUND_INITIATED',
        component: comp,
        direction: 'inbound',
        rule: null,
        fix: null,
      });
      this.onInternet(pkt, comp);
      return;
    }
    steps.push({ kind: 'gateway', result: 'allow', matched: [], note: 'EIGW_OUTBOUND', blocking: false });
    this.hop(comp, steps);
    if (!this.opts.reply)
      this.opts.conntrack.set(`eigw:${eni.vpcId}`, {
        kind: 'egress-only-internet-gateway',
        insideIp: pkt.src,
        insidePorts: pkt.srcPorts,
      });
    this.onInternet(pkt, comp);
  }

  /** The packet is on the internet: it reaches a public address of the model, an AWS service, or a host. */
  onInternet(pkt: Packet, from?: ComponentRef): void {
    if (pkt.dst.family === 4 ? this.net.ownerOfPublicIp(pkt.dst) : this.net.ownersOfPrivateIp(pkt.dst)[0]) {
      this.fromInternet(pkt);
      return;
    }
    if (!isInternetRoutable(pkt.dst)) {
      // The internet does not carry private or reserved destinations (Batfish's AWS backbone drops them too).
      const comp = this.ref('internet', 'internet');
      this.hop(comp, [
        {
          kind: 'delivery',
          result: 'deny',
          matched: [],
          note: 'PRIVATE_DESTINATION_ON_INTERNET',
          blocking: true,
        },
      ]);
      this.block({
        code: 'INTERNET_UNROUTABLE_DESTINATION',
        component: from ?? comp,
        direction: null,
        rule: null,
        fix: null,
        facts: { destination: formatIp(pkt.dst) },
      });
      this.end = { kind: 'dropped' };
      return;
    }
    if (this.opts.service && !this.opts.reply) {
      this.hop(this.ref('aws-service', this.opts.service), [
        { kind: 'delivery', result: 'allow', matched: [], note: 'SERVICE_PUBLIC_ENDPOINT', blocking: false },
      ]);
      this.end = { kind: 'service', service: this.opts.service, via: 'internet', pkt };
      return;
    }
    this.hop(this.ref('internet', 'internet'), [
      { kind: 'delivery', result: 'allow', matched: [], note: 'INTERNET_HOST', blocking: false },
    ]);
    this.end = { kind: 'internet', pkt };
  }

  /**
   * A packet from the internet addressed to a public IPv4/EIP or an IPv6 address of the model.
   * `assumePublic`: the reply to a flow whose source had no public IPv4 (already a blocker): it is
   * walked back to the private address as if it had one, so later blockers still show.
   */
  fromInternet(pkt: Packet, assumePublic = false): void {
    if (++this.depth > MAX_HOPS) {
      this.end = { kind: 'insufficient-info' };
      return;
    }
    const owner =
      pkt.dst.family === 4
        ? (this.net.ownerOfPublicIp(pkt.dst) ??
          (assumePublic ? this.net.ownersOfPrivateIp(pkt.dst)[0] : undefined))
        : this.net.ownersOfPrivateIp(pkt.dst)[0];
    if (!owner) {
      this.onInternet(pkt);
      return;
    }
    const vpcId = owner.eni.vpcId;
    const igw = this.net.internetGatewayOf(vpcId);
    if (pkt.dst.family === 6) {
      const eigw = this.net.data.egressOnlyInternetGateways.find((g) => isAttachedTo(g, vpcId));
      if (this.opts.reply && eigw && this.opts.conntrack.has(`eigw:${vpcId}`)) {
        // The egress-only gateway is stateful: it lets the response back in (§4.2.2).
        const comp = this.ref('egress-only-internet-gateway', eigw.egressOnlyInternetGatewayId, eigw.tags);
        this.publicAccessBlocked(owner.eni, comp, true);
        this.hop(comp, [
          {
            kind: 'connection-tracking',
            result: 'allow',
            matched: [],
            note: 'EIGW_RETURN_TRAFFIC',
            blocking: false,
          },
        ]);
      } else if (igw) {
        const comp = this.ref('internet-gateway', igw.internetGatewayId, igw.tags);
        this.publicAccessBlocked(owner.eni, comp, false);
        this.hop(comp, [
          { kind: 'gateway', result: 'allow', matched: [], note: 'IPV6_NOT_TRANSLATED', blocking: false },
        ]);
      } else if (eigw) {
        const comp = this.ref('egress-only-internet-gateway', eigw.egressOnlyInternetGatewayId, eigw.tags);
        this.hop(comp, [
          {
            kind: 'gateway',
            result: 'deny',
            matched: [],
            note: 'EIGW_BLOCKS_INBOUND_INITIATED',
            blocking: true,
          },
        ]);
        this.block({
          code: 'EIGW_INBOUND_INITIATED',
          component: comp,
          direction: 'inbound',
          rule: null,
          fix: null,
        });
      } else if (!this.missingKind('InternetGateways', undefined, true)) {
        this.noGateway(vpcId);
      }
      if (owner.eni.denyAllIgwTraffic && !this.opts.reply) {
        this.block({
          code: 'IGW_DENY_ALL_TRAFFIC',
          component: this.eniRef(owner.eni),
          direction: 'inbound',
          rule: null,
          fix: null,
        });
      }
      if (igw && !this.ingressRouting(igw.internetGatewayId, pkt)) return;
      this.arrive(owner.eni, pkt, true);
      return;
    }
    if (!igw) {
      // Without the InternetGateways file the gateway may exist: go on as if it translated.
      if (!this.missingKind('InternetGateways', undefined, true)) this.noGateway(vpcId);
    } else {
      // Internet-bound traffic to a public IPv4 or Elastic IP is mapped to the private address (§4.1.2).
      const comp = this.ref('internet-gateway', igw.internetGatewayId, igw.tags);
      this.publicAccessBlocked(owner.eni, comp, false);
      this.hop(comp, [
        {
          kind: 'translation',
          result: 'info',
          matched: [],
          translation: { field: 'destination', from: formatIp(pkt.dst), to: formatIp(owner.ip) },
          blocking: false,
        },
      ]);
    }
    const inside = { ...pkt, dst: owner.ip };
    if (igw && !this.ingressRouting(igw.internetGatewayId, inside)) return;
    this.arrive(owner.eni, inside, true);
  }

  /**
   * Ingress routing: a route table associated with the internet gateway (an edge association) decides
   * where traffic entering from the internet goes (aws-semantics §1.1.6). Only its `local` routes are
   * modelled; a route to a middlebox makes the answer `unknown`. Returns false when the walk must stop.
   */
  private ingressRouting(igwId: string, pkt: Packet): boolean {
    const edge = this.net.data.routeTables.find((rt) =>
      rt.associations.some(
        (a) => a.gatewayId === igwId && (a.state === undefined || a.state === 'associated'),
      ),
    );
    if (!edge) return true;
    const lookup = lookupRoute(this.net, edge, pkt.dst);
    const tableRef = this.ref('route-table', edge.routeTableId, edge.tags);
    if (lookup.kind === 'route' && lookup.choice.route.target.type === 'local') {
      this.hop(tableRef, [
        {
          kind: 'route',
          result: 'allow',
          matched: [routeMatched(edge, lookup.choice.route)],
          note: 'GATEWAY_ROUTE_TABLE',
          blocking: false,
        },
      ]);
      return true;
    }
    this.hop(tableRef, [
      { kind: 'route', result: 'unknown', matched: [], note: 'NOT_MODELLED_YET', blocking: false },
    ]);
    this.unknown({
      code: 'UNSUPPORTED_COMPONENT',
      missing: 'gateway route table (ingress routing through an appliance)',
      component: tableRef,
    });
    this.end = { kind: 'unsupported' };
    return false;
  }

  noGateway(vpcId: string): void {
    const comp = this.ref('vpc', vpcId, this.net.vpcs.get(vpcId)?.tags);
    this.hop(comp, [
      { kind: 'gateway', result: 'deny', matched: [], note: 'NO_INTERNET_GATEWAY', blocking: true },
    ]);
    this.block({
      code: 'BAD_STATE_ATTACHMENT',
      component: comp,
      direction: 'inbound',
      rule: null,
      fix: { action: 'attach-internet-gateway', vpcId, internetGatewayId: null },
    });
  }

  // ---- peering and endpoints -------------------------------------------------------------------

  private peering(eni: NetworkInterface, pkt: Packet, id: string): void {
    const pcx = this.net.vpcPeeringConnections.get(id);
    if (!pcx) return this.missingTarget('VpcPeeringConnections', 'vpc-peering-connection', id);
    const comp = this.ref('vpc-peering-connection', id, pcx.tags);
    const steps: Step[] = [];
    if (pcx.status !== 'active') {
      steps.push({ kind: 'state', result: 'deny', matched: [], note: 'PEERING_NOT_ACTIVE', blocking: true });
      this.block({
        code: 'BAD_STATE',
        component: comp,
        direction: null,
        rule: null,
        fix: null,
        facts: { state: pcx.status },
      });
    }
    const peer = pcx.requester.vpcId === eni.vpcId ? pcx.accepter : pcx.requester;
    this.hop(comp, steps);
    const inPeer = [...peer.cidrBlocks, ...peer.ipv6CidrBlocks].some((c) => cidrContains(c, pkt.dst));
    if (!inPeer) {
      // Peering is not transitive: the peer VPC never forwards to its gateways or other peers (§2.7).
      this.block({
        code: 'PEERING_NOT_TRANSITIVE',
        component: comp,
        direction: null,
        rule: null,
        fix: null,
        facts: { destination: formatIp(pkt.dst) },
      });
      this.end = { kind: 'dropped' };
      return;
    }
    if (!this.net.vpcs.has(peer.vpcId)) {
      this.unknown({ code: 'MISSING_RESOURCE', missing: peer.vpcId, component: this.ref('vpc', peer.vpcId) });
      this.end = { kind: 'insufficient-info' };
      return;
    }
    const owner = this.net.ownersOfPrivateIp(pkt.dst, peer.vpcId)[0];
    if (!owner)
      return this.noInterface(pkt.dst, this.ref('vpc', peer.vpcId, this.net.vpcs.get(peer.vpcId)?.tags));
    this.arrive(owner.eni, pkt, true);
  }

  private gatewayEndpoint(eni: NetworkInterface, pkt: Packet, id: string): void {
    const ep = this.net.vpcEndpoints.get(id);
    if (!ep) return this.missingTarget('VpcEndpoints', 'vpc-endpoint', id);
    const comp = this.ref('vpc-endpoint', id, ep.tags);
    if (ep.vpcEndpointType !== 'Gateway') {
      this.hop(comp, [
        { kind: 'gateway', result: 'unknown', matched: [], note: 'NOT_MODELLED_YET', blocking: false },
      ]);
      this.unknown({
        code: 'UNSUPPORTED_COMPONENT',
        missing: `${ep.vpcEndpointType} endpoint as a route target`,
        component: comp,
      });
      this.end = { kind: 'unsupported' };
      return;
    }
    const steps: Step[] = [];
    if (ep.state.toLowerCase() !== 'available') {
      steps.push({
        kind: 'state',
        result: 'deny',
        matched: [],
        note: 'ENDPOINT_NOT_AVAILABLE',
        blocking: true,
      });
      this.block({
        code: 'BAD_STATE',
        component: comp,
        direction: null,
        rule: null,
        fix: null,
        facts: { state: ep.state },
      });
    }
    steps.push({ kind: 'delivery', result: 'allow', matched: [], note: 'GATEWAY_ENDPOINT', blocking: false });
    this.hop(comp, steps);
    const service = serviceShortName(ep.serviceName);
    this.hop(this.ref('aws-service', service));
    this.end = { kind: 'service', service, via: 'endpoint', endpointId: id, pkt, from: eni };
  }
}

/** An ordinary interface not attached to anything cannot send or answer. */
export function isDetached(eni: NetworkInterface): boolean {
  return eni.interfaceType === 'interface' && !eni.attachment && eni.status === 'available';
}

function hull(set: PortSet): { from: number; to: number } | undefined {
  const r = set.ranges();
  if (r.length === 0) return undefined;
  return { from: r[0]!.from, to: r[r.length - 1]!.to };
}

function componentTypeOf(targetType: string): ComponentRef['type'] {
  switch (targetType) {
    case 'transit-gateway':
    case 'vpn-gateway':
    case 'local-gateway':
    case 'carrier-gateway':
    case 'core-network':
    case 'odb-network':
      return targetType;
    default:
      return 'external';
  }
}
