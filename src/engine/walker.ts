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

import type {
  Instance,
  Network,
  NetworkInterface,
  ResourceKind,
  RouteTarget,
  Subnet,
} from '../model/index.js';
import { nameOf } from '../model/index.js';
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
import { egressOnlyOut, internetGatewayOut } from './hops/internet.js';
import { natGateway, natInstance, toAppliance, toNatGateway, undoNat } from './hops/nat.js';
import { gatewayEndpoint, peering } from './hops/peering-endpoint.js';
import { routeFix } from './hops/route-fix.js';
import { toTransitGateway } from './hops/transit-gateway.js';
import { toVpnGateway } from './hops/vpn.js';
import type { Packet } from './packet.js';
import type { ComponentRef, Hop, MatchedRule, Step } from './types.js';
import {
  type BlockerDraft,
  type ConntrackEntry,
  MAX_HOPS,
  type UnknownDraft,
  type WalkEnd,
} from './walk-types.js';

/** Addresses AWS never filters with SGs or NACLs (aws-semantics §2.6, §3.12, §10.4-10.5). */
const UNFILTERED: ReadonlyArray<{ ip: Ip; service: string }> = [
  ['169.254.169.253', 'amazon-dns'],
  ['169.254.169.254', 'instance-metadata'],
  ['169.254.169.123', 'time-sync'],
  ['fd00:ec2::253', 'amazon-dns'],
  ['fd00:ec2::254', 'instance-metadata'],
  ['fd00:ec2::123', 'time-sync'],
].map(([a, s]) => ({ ip: parseIp(a!)!, service: s! }));

/** What each of those services answers: DNS on 53, the metadata service on tcp 80, NTP on udp 123. */
const SERVICE_PORTS: Readonly<Record<string, ReadonlyArray<{ protocol: number; port: number }>>> = {
  'amazon-dns': [
    { protocol: UDP, port: 53 },
    { protocol: TCP, port: 53 },
  ],
  'instance-metadata': [{ protocol: TCP, port: 80 }],
  'time-sync': [{ protocol: UDP, port: 123 }],
  'vpc-router': [],
};

/** Gateway interfaces that forward others' traffic by design (no source/destination check applies). */
const FORWARDING_INTERFACE_TYPES: ReadonlySet<string> = new Set([
  'nat_gateway',
  'transit_gateway',
  'gateway_load_balancer_endpoint',
]);

/** Interface types that terminate connections themselves (instances and interface endpoints). */
const ACCEPTING_INTERFACE_TYPES: ReadonlySet<string> = new Set([
  'interface',
  'efa',
  'efa-only',
  'trunk',
  'branch',
  'vpc_endpoint',
]);

export interface WalkOptions {
  readonly path: 'forward' | 'return';
  /** True on the return path: SGs admit the reply statefully, gateways undo their translations. */
  readonly reply: boolean;
  readonly conntrack: Map<string, ConntrackEntry>;
  /**
   * Transit gateway VPC attachments with appliance mode: the zone the request entered by, which the
   * reply keeps (shared by the forward and return walks of one trace).
   */
  readonly applianceZones?: Map<string, string> | undefined;
  /** Prefix list of the AWS service the packet is addressed to (`--to s3`), if any. */
  readonly servicePrefixListId?: string | undefined;
  readonly service?: string | undefined;
  /** Interfaces whose security groups the request crossed: only they can admit the reply statefully. */
  readonly seen?: Set<string> | undefined;
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
  /** Things worth knowing that do not block (worded by explain/). */
  readonly notes: Array<{
    readonly code: 'VPN_TUNNEL_DOWN' | 'ONPREM_INFERRED';
    readonly resourceId: string;
    readonly facts: Record<string, string>;
  }> = [];
  /** Destination ports (in the current port space) still getting through. */
  live: PortSet;
  /** True once a translation remapped ports while only part of them passed (cannot be mapped). */
  partialRemapped = false;
  fullyBlocked = false;
  end: WalkEnd = { kind: 'dropped' };
  depth = 0;

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

  /**
   * `comp` stops the packet: one denying step there (`kind`, `note`) and its blocker, which names no
   * direction and no rule (a state, a missing route or attachment, ...). The blocker is on `comp`
   * unless `blocker.component` names another (the instance behind a service, say).
   */
  stop(
    comp: ComponentRef,
    kind: Step['kind'],
    note: string,
    blocker: Pick<BlockerDraft, 'code'> & Partial<Pick<BlockerDraft, 'component' | 'fix' | 'facts'>>,
  ): void {
    this.hop(comp, [{ kind, result: 'deny', matched: [], note, blocking: true }]);
    this.block({
      code: blocker.code,
      component: blocker.component ?? comp,
      direction: null,
      rule: null,
      fix: blocker.fix ?? null,
      ...(blocker.facts ? { facts: blocker.facts } : {}),
    });
  }

  unknown(u: UnknownDraft, gate = false): void {
    this.unknowns.push(u);
    this.events.push({ kind: gate ? 'gate-unknown' : 'unknown', index: this.unknowns.length - 1 });
  }

  /** Records a missing resource type once; `gate` when the walk goes on along the same path. */
  missingKind(kind: ResourceKind, component?: ComponentRef, gate = false): boolean {
    if (this.net.has(kind)) return false;
    if (!this.unknowns.some((u) => u.code === 'MISSING_RESOURCE_TYPE' && u.missing === kind))
      this.unknown({ code: 'MISSING_RESOURCE_TYPE', missing: kind, component }, gate);
    return true;
  }

  /** Apply a filter result to the live port set; returns the step result. */
  filter(pkt: Packet, allowed: PortSet): { result: Step['result']; denied: PortSet } {
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

  ownsAddress(eni: NetworkInterface, ip: Ip): boolean {
    if (eni.delegatedPrefixes.some((c) => cidrContains(c, ip))) return true;
    if (ip.family === 4) return eni.privateAddresses.some((a) => a.ip.value === ip.value);
    return eni.ipv6Addresses.some((a) => a.value === ip.value);
  }

  /** Does this interface filter with security groups? (An ordinary one printed without any is unknown data.) */
  hasSecurityGroups(eni: NetworkInterface): boolean {
    // NAT gateways and gateway-owned interfaces have no security group (aws-semantics §2.1.5).
    return (
      eni.interfaceType !== 'nat_gateway' &&
      eni.interfaceType !== 'transit_gateway' &&
      eni.groupIds.length > 0
    );
  }

  /**
   * The path reaches something vpcsim does not model: record it (with a hop when `step` is given),
   * make the verdict unknown, and stop the walk here.
   */
  unsupported(
    component: ComponentRef,
    missing: string,
    step?: { kind: Step['kind']; note: string; matched?: MatchedRule[] },
  ): void {
    if (step)
      this.hop(component, [
        { kind: step.kind, result: 'unknown', matched: step.matched ?? [], note: step.note, blocking: false },
      ]);
    this.unknown({ code: 'UNSUPPORTED_COMPONENT', missing, component });
    this.end = { kind: 'unsupported' };
  }

  // ---- security groups and NACLs --------------------------------------------------------

  securityGroupStep(eni: NetworkInterface, pkt: Packet, egress: boolean): void {
    if (eni.groupIds.length === 0 && ACCEPTING_INTERFACE_TYPES.has(eni.interfaceType) && !this.opts.reply) {
      // Every such interface has at least one security group; none printed means we cannot know them.
      this.unknown(
        {
          code: 'MISSING_RESOURCE',
          missing: `security groups of ${eni.networkInterfaceId}`,
          component: this.eniRef(eni),
        },
        true,
      );
      return;
    }
    if (!this.hasSecurityGroups(eni)) return;
    const firstGroup = eni.groupIds[0]!;
    const direction = egress ? 'outbound' : 'inbound';
    if (!this.opts.reply) this.opts.seen?.add(eni.networkInterfaceId);
    if (this.opts.reply && this.opts.seen?.has(eni.networkInterfaceId) !== false) {
      // Security groups are stateful: the reply of an allowed flow passes whatever the rules say (§2.1.2).
      // An interface the request never crossed has no connection to match: its rules apply as to new traffic.
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
      this.unknown({ code: u.code, missing: u.missing, component: this.sgRef(u.groupId) }, true);
    if (
      ev.undecided.length > 0 &&
      !pkt.dstPorts
        .intersect(ev.allowed)
        .equals(protocolUsesPorts(pkt.protocol) ? pkt.dstPorts : PortSet.all())
    ) {
      // What the known rules do not allow, an undecided rule might: no blocker, the verdict is unknown.
      this.hop(this.sgRef(firstGroup), [
        {
          kind: 'security-group',
          result: 'unknown',
          direction,
          matched: ev.matched,
          groups: eni.groupIds,
          blocking: false,
        },
      ]);
      return;
    }
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
          cidr: this.fixCidr(peer, this.isInternetPeer(peer), false),
        },
      },
      result === 'deny',
    );
  }

  sgRef(groupId: string): ComponentRef {
    return this.ref('security-group', groupId, this.net.securityGroups.get(groupId)?.tags);
  }

  naclStep(subnet: Subnet, pkt: Packet, egress: boolean, peerIsInternet: boolean): void {
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
    const peerCidr = this.fixCidr(peer, peerIsInternet, true);
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

  /**
   * The peer range a fix should open: a named internet host gets a /32, while `internet` and reply
   * traffic (clients vary) open the whole family; an in-VPC peer gets its subnet for NACLs (which
   * work per subnet) and its own /32 for security groups.
   */
  fixCidr(peer: Ip, peerIsInternet: boolean, forNacl: boolean): string {
    const host = formatCidr(cidrOf(peer, peer.family === 4 ? 32 : 128));
    if (peerIsInternet) {
      if (!this.opts.reply && this.opts.namedInternetPeer) return host;
      return peer.family === 4 ? '0.0.0.0/0' : '::/0';
    }
    const subnet = forNacl ? this.peerSubnetCidr(peer) : undefined;
    return subnet ? formatCidr(subnet) : host;
  }

  peerSubnetCidr(ip: Ip) {
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
    const unfiltered = this.opts.reply ? undefined : this.unfilteredService(subnet, eni.vpcId, pkt.dst);
    if (unfiltered) {
      const comp = this.ref('aws-service', unfiltered);
      const served = SERVICE_PORTS[unfiltered]?.some(
        (s) => s.protocol === pkt.protocol && pkt.dstPorts.equals(PortSet.single(s.port)),
      );
      if (!served) {
        // Not filtered, but what the service answers on this protocol and port is not modelled.
        this.unsupported(comp, `${unfiltered} on this protocol and port`, {
          kind: 'not-filtered',
          note: 'SERVICE_PORT_NOT_MODELLED',
        });
        return;
      }
      if (unfiltered === 'instance-metadata' && !this.metadataOpen(eni, pkt, comp)) return;
      this.hop(comp, [
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
    if (
      !this.ownsAddress(eni, pkt.src) &&
      eni.sourceDestCheck &&
      !FORWARDING_INTERFACE_TYPES.has(eni.interfaceType)
    ) {
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
      if (owner && eni.interfaceType === 'transit_gateway') {
        // From a transit gateway to an instance in the attachment subnet the subnet's inbound NACL
        // rules still apply (Transit Gateway guide, "Network ACLs for transit gateways").
        this.arrive(owner.eni, pkt, true);
        return;
      }
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

  inSubnet(subnet: Subnet, ip: Ip): boolean {
    if (ip.family === 4) return subnet.cidrBlock !== undefined && cidrContains(subnet.cidrBlock, ip);
    return subnet.ipv6CidrBlocks.some((c) => cidrContains(c, ip));
  }

  isInternetPeer(ip: Ip): boolean {
    return isInternetRoutable(ip) && this.net.ownersOfPrivateIp(ip).length === 0;
  }

  /**
   * The instance metadata service answers only when the instance's `HttpEndpoint` is enabled (AWS
   * default), and on IPv6 only when `HttpProtocolIpv6` is enabled too (default disabled) (EC2 API
   * Reference, InstanceMetadataOptionsRequest). False after recording the block or the doubt.
   */
  private metadataOpen(eni: NetworkInterface, pkt: Packet, comp: ComponentRef): boolean {
    const id = eni.attachment?.instanceId;
    const instance = id ? this.net.instances.get(id) : undefined;
    const m = instance?.metadataOptions;
    const ipv6 = pkt.dst.family === 6;
    if (!instance || !m) {
      if (!ipv6) return true; // HttpEndpoint defaults to enabled
      this.unknown({
        code: 'MISSING_RESOURCE',
        missing: `MetadataOptions of ${id ?? eni.networkInterfaceId}`,
        component: comp,
      });
      this.end = { kind: 'insufficient-info' };
      return false;
    }
    const disabled = m.httpEndpoint === 'disabled' || (ipv6 && m.httpProtocolIpv6 !== 'enabled');
    if (!disabled) return true;
    const ref = this.ref('instance', instance.instanceId, instance.tags);
    this.stop(comp, 'state', 'INSTANCE_METADATA_DISABLED', {
      code: 'INSTANCE_METADATA_DISABLED',
      component: ref,
      fix: { action: 'enable-instance-metadata', instanceId: instance.instanceId, ipv6 },
      facts: { setting: m.httpEndpoint === 'disabled' ? 'HttpEndpoint' : 'HttpProtocolIpv6' },
    });
    return false;
  }

  unfilteredService(subnet: Subnet | undefined, vpcId: string, dst: Ip): string | undefined {
    for (const u of UNFILTERED) if (u.ip.family === dst.family && u.ip.value === dst.value) return u.service;
    const primary = this.net.vpcs.get(vpcId)?.cidrBlocks[0];
    // The Amazon DNS server is at the VPC's primary CIDR base + 2 (§10.2, §10.4).
    if (primary && dst.family === 4 && dst.value === primary.base + 2n) return 'amazon-dns';
    // Base + 1 of a subnet is the VPC router's reserved address (§10.2).
    if (subnet?.cidrBlock && dst.family === 4 && dst.value === subnet.cidrBlock.base + 1n)
      return 'vpc-router';
    return undefined;
  }

  sourceDestBlock(eni: NetworkInterface, direction: 'inbound' | 'outbound'): void {
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

  // ---- routing -------------------------------------------------------------------------------

  route(eni: NetworkInterface, subnet: Subnet, pkt: Packet): void {
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
        fix: lookup.kind === 'none' ? routeFix(this, table.routeTableId, eni, pkt.dst) : null,
        facts: { destination: formatIp(pkt.dst), subnetId: subnet.subnetId, explicit: String(rt.explicit) },
      });
      this.end = { kind: 'no-route' };
      return;
    }
    const { route } = lookup.choice;
    const matched = routeMatched(table, route);
    if (lookup.nonDeterministic)
      this.unknown({ code: 'NON_DETERMINISTIC_ROUTE', missing: route.destinationText, component: tableRef });
    if (route.state === 'filtered') {
      // AWS does not document what a `filtered` route does (aws-semantics §1.3): do not guess.
      this.unsupported(tableRef, 'a route in state filtered', {
        kind: 'route',
        note: 'ROUTE_FILTERED',
        matched: [matched],
      });
      return;
    }
    if (route.state !== 'active' && this.targetExplainsBlackhole(route.target)) {
      // The target still exists but is not working (a peering awaiting acceptance, a NAT gateway
      // not available, a stopped instance): AWS shows the route as blackhole until the target works
      // again, so the target is the cause to report; follow the route so it reports itself.
      this.hop(tableRef, [
        { kind: 'route', result: 'deny', matched: [matched], note: 'ROUTE_WAITS_FOR_TARGET', blocking: true },
      ]);
    } else if (route.state !== 'active') {
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
    } else {
      this.hop(tableRef, [
        {
          kind: 'route',
          result: 'allow',
          matched: [matched],
          note: rt.explicit ? undefined : 'MAIN_ROUTE_TABLE_IMPLICIT',
          blocking: false,
        },
      ]);
    }
    const t = route.target;
    switch (t.type) {
      case 'local':
        return this.local(eni, pkt);
      case 'internet-gateway':
        return internetGatewayOut(this, eni, pkt, t.id);
      case 'egress-only-internet-gateway':
        return egressOnlyOut(this, eni, pkt, t.id);
      case 'nat-gateway':
        return toNatGateway(this, eni, pkt, t.id);
      case 'instance':
      case 'network-interface':
        return toAppliance(this, eni, pkt, t.type, t.id, t.networkInterfaceId);
      case 'vpc-peering-connection':
        return peering(this, eni, pkt, t.id);
      case 'vpc-endpoint':
        return gatewayEndpoint(this, eni, pkt, t.id);
      case 'transit-gateway':
        return toTransitGateway(this, eni, pkt, t.id);
      case 'vpn-gateway':
        return toVpnGateway(this, eni, pkt, t.id);
      default:
        this.unsupported(this.ref(componentTypeOf(t.type), t.id), t.type, {
          kind: 'gateway',
          note: 'NOT_MODELLED_YET',
        });
    }
  }

  /** Does the route's target exist in a non-working state that itself explains a blackhole route? */
  targetExplainsBlackhole(t: RouteTarget): boolean {
    if (t.type === 'vpc-peering-connection') {
      const p = this.net.vpcPeeringConnections.get(t.id);
      return p !== undefined && p.status !== 'active';
    }
    if (t.type === 'nat-gateway') {
      const n = this.net.natGateways.get(t.id);
      return n !== undefined && n.state !== 'available';
    }
    if (t.type === 'instance') {
      const i = this.net.instances.get(t.id);
      return i !== undefined && i.state !== 'running';
    }
    return false;
  }

  local(eni: NetworkInterface, pkt: Packet): void {
    const owner = this.net.ownersOfPrivateIp(pkt.dst, eni.vpcId)[0];
    if (owner) {
      this.arrive(owner.eni, pkt, true);
      return;
    }
    this.noInterface(pkt.dst, this.ref('vpc', eni.vpcId, this.net.vpcs.get(eni.vpcId)?.tags));
  }

  noInterface(dst: Ip, component: ComponentRef): void {
    if (this.missingKind('NetworkInterfaces', component)) {
      this.end = { kind: 'insufficient-info' };
      return;
    }
    this.stop(component, 'delivery', 'NO_INTERFACE_HAS_ADDRESS', {
      code: 'NO_INTERFACE_FOR_ADDRESS',
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
      undoNat(this, eni, pkt, track);
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
      natGateway(this, eni, pkt);
      return;
    }
    if (!own) {
      // A packet not addressed to the interface: it is forwarded only with source/destination check off (§5.2).
      if (eni.sourceDestCheck) this.sourceDestBlock(eni, 'inbound');
      else this.hop(this.eniRef(eni));
      natInstance(this, eni, pkt);
      return;
    }
    this.deliver(eni, pkt);
  }

  /** The instance hop with its state: anything but `running` cannot send or answer. */
  instanceState(instance: Instance): void {
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
  }

  deliver(eni: NetworkInterface, pkt: Packet): void {
    this.hop(this.eniRef(eni));
    if (!this.opts.reply && !ACCEPTING_INTERFACE_TYPES.has(eni.interfaceType)) {
      // A load balancer, transit gateway, Lambda or other service-managed interface: whether it
      // accepts this connection depends on the service (listeners, ...), which is not modelled.
      this.unsupported(this.eniRef(eni), `connections to a ${eni.interfaceType} interface`);
      return;
    }
    const instanceId = eni.attachment?.instanceId;
    const instance = instanceId ? this.net.instances.get(instanceId) : undefined;
    if (!instance && instanceId && !this.opts.reply) {
      // The interface is attached to an instance the snapshot does not hold: its state is unknown.
      if (!this.missingKind('Instances', this.ref('instance', instanceId), true))
        this.unknown(
          { code: 'MISSING_RESOURCE', missing: instanceId, component: this.ref('instance', instanceId) },
          true,
        );
    }
    if (instance && this.opts.reply) {
      // Back at the source: its state was judged at the start of the forward path.
      this.hop(this.ref('instance', instance.instanceId, instance.tags));
    } else if (instance) {
      this.instanceState(instance);
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
    if (endpoint && !this.opts.reply && endpoint.state.toLowerCase() !== 'available') {
      // Only an available endpoint carries traffic (pendingAcceptance, rejected, failed... do not).
      const ref = this.ref('vpc-endpoint', endpoint.vpcEndpointId, endpoint.tags);
      this.stop(ref, 'state', 'ENDPOINT_NOT_AVAILABLE', {
        code: 'BAD_STATE',
        facts: { state: endpoint.state },
      });
      this.end = { kind: 'interface', eni, pkt };
      return;
    }
    if (!endpoint && eni.interfaceType === 'vpc_endpoint' && !this.opts.reply)
      this.missingKind('VpcEndpoints', this.eniRef(eni), true);
    if (endpoint)
      this.hop(this.ref('vpc-endpoint', endpoint.vpcEndpointId, endpoint.tags), [
        { kind: 'delivery', result: 'allow', matched: [], note: 'INTERFACE_ENDPOINT', blocking: false },
      ]);
    this.end = { kind: 'interface', eni, pkt };
  }

  // ---- NAT -----------------------------------------------------------------------------------

  missingTarget(kind: ResourceKind, type: ComponentRef['type'], id: string): void {
    const comp = this.ref(type, id);
    if (this.missingKind(kind, comp)) {
      this.end = { kind: 'insufficient-info' };
      return;
    }
    // The type was captured but this id is not in it: AWS blackholes routes to deleted targets (§1.3).
    this.stop(comp, 'state', 'TARGET_NOT_IN_SNAPSHOT', { code: 'BAD_STATE', facts: { state: 'missing' } });
    this.end = { kind: 'dropped' };
  }

  // ---- internet ------------------------------------------------------------------------------

  // ---- peering and endpoints -------------------------------------------------------------------
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
