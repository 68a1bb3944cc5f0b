/**
 * Transit gateway hops: from a VPC into the gateway through its attachment (the attachment must
 * have a subnet in the source's Availability Zone), routing by the attachment's associated route
 * table, and out through the target attachment: into a VPC (through the attachment subnet's NACL
 * and route table), to a VPN (on-premises), or to a peered transit gateway.
 * Sources: AWS Transit Gateway guide ("How transit gateways work", "Transit gateway attachments to
 * a VPC"); aws-semantics §7.7.
 */
import type { NetworkInterface, TransitGatewayAttachment } from '../../model/index.js';
import { cidrContains, formatIp } from '../../net/index.js';
import { lookupTgwRoute } from '../evaluate/transit-gateway.js';
import type { Packet } from '../packet.js';
import type { ComponentRef, MatchedRule } from '../types.js';
import { MAX_HOPS } from '../walk-types.js';
import type { Walker } from '../walker.js';
import { dxToOnPrem, transitVifsOn, vifDown } from './direct-connect.js';
import { vpnToOnPrem } from './vpn.js';

export function toTransitGateway(w: Walker, eni: NetworkInterface, pkt: Packet, tgwId: string): void {
  const tgw = w.net.transitGateways.get(tgwId);
  if (!tgw) return w.missingTarget('TransitGateways', 'transit-gateway', tgwId);
  const att = w.net.transitGatewayAttachmentOf(tgwId, eni.vpcId);
  const tgwRef = w.ref('transit-gateway', tgwId, tgw.tags);
  if (!att) {
    w.stop(tgwRef, 'state', 'TGW_NOT_ATTACHED', { code: 'BAD_STATE_ATTACHMENT' });
    w.end = { kind: 'dropped' };
    return;
  }
  w.hop(tgwRef);
  const attRef = attachmentRef(w, att);
  const srcAz = w.net.subnets.get(eni.subnetId)?.availabilityZone;
  const subnets = att.subnetIds.map((id) => w.net.subnets.get(id)).filter((s) => s !== undefined);
  const attSubnet = subnets.find((s) => s.availabilityZone === srcAz);
  if (subnets.length > 0 && srcAz && !attSubnet) {
    // Resources in an Availability Zone with no attachment subnet cannot reach the transit gateway.
    w.block({
      code: 'TGW_ATTACHMENT_NO_SUBNET_IN_AZ',
      component: attRef,
      direction: null,
      rule: null,
      fix: null,
      facts: { availabilityZone: srcAz },
    });
  }
  // Entering the attachment's interface in another subnet crosses that subnet's NACL inbound.
  if (attSubnet && attSubnet.subnetId !== eni.subnetId)
    w.naclStep(attSubnet, pkt, false, w.isInternetPeer(pkt.src));
  attachmentState(w, att, attRef);
  tgwForward(w, att, pkt, 0, srcAz);
}

function attachmentRef(w: Walker, att: TransitGatewayAttachment): ComponentRef {
  return w.ref('transit-gateway-attachment', att.transitGatewayAttachmentId, att.tags);
}

function attachmentState(w: Walker, att: TransitGatewayAttachment, ref: ComponentRef): void {
  const ok = att.state === 'available';
  w.hop(ref, [
    {
      kind: 'state',
      result: ok ? 'info' : 'deny',
      matched: [],
      note: ok ? undefined : 'ATTACHMENT_NOT_AVAILABLE',
      blocking: !ok,
    },
  ]);
  if (!ok)
    w.block({
      code: 'BAD_STATE_ATTACHMENT',
      component: ref,
      direction: null,
      rule: null,
      fix: null,
      facts: { state: att.state },
    });
}

/**
 * Route a packet that entered the transit gateway through `att` (from Availability Zone `az` when
 * it came from a VPC: the gateway keeps traffic in that zone when the target attachment has it).
 */
export function tgwForward(
  w: Walker,
  att: TransitGatewayAttachment,
  pkt: Packet,
  depth: number,
  az?: string,
): void {
  if (depth > MAX_HOPS) {
    w.end = { kind: 'insufficient-info' };
    return;
  }
  const attRef = attachmentRef(w, att);
  const table = att.associatedRouteTableId
    ? w.net.transitGatewayRouteTables.get(att.associatedRouteTableId)
    : undefined;
  if (!table) {
    // The association is printed by describe-transit-gateway-attachments: without that file it is unknown.
    if (!att.associatedRouteTableId && w.missingKind('TransitGatewayAttachments', attRef)) {
      w.end = { kind: 'insufficient-info' };
      return;
    }
    if (w.missingKind('TransitGatewayRouteTables', attRef)) {
      w.end = { kind: 'insufficient-info' };
      return;
    }
    w.stop(attRef, 'route', 'TGW_NO_ASSOCIATION', {
      code: 'NO_ROUTE_TO_DESTINATION',
      facts: { destination: formatIp(pkt.dst) },
    });
    w.end = { kind: 'no-route' };
    return;
  }
  const tableRef = w.ref('transit-gateway-route-table', table.transitGatewayRouteTableId, table.tags);
  const look = lookupTgwRoute(w.net, table, pkt.dst);
  if (look.kind === 'unknown') {
    w.hop(tableRef, [
      { kind: 'route', result: 'unknown', matched: [], note: 'ONPREM_PREFIXES_UNKNOWN', blocking: false },
    ]);
    w.unknown({
      code: 'ONPREM_PREFIXES_UNKNOWN',
      missing: look.attachmentIds.join(', '),
      component: tableRef,
    });
    w.end = { kind: 'insufficient-info' };
    return;
  }
  if (look.kind === 'none') {
    w.stop(tableRef, 'route', 'NO_MATCHING_ROUTE', {
      code: 'NO_ROUTE_TO_DESTINATION',
      facts: { destination: formatIp(pkt.dst) },
    });
    w.end = { kind: 'no-route' };
    return;
  }
  const r = look.route;
  const matched: MatchedRule = {
    type: 'route',
    routeTableId: table.transitGatewayRouteTableId,
    destination: r.destinationText,
    target: { type: 'transit-gateway-attachment', id: r.attachmentIds[0] ?? '' },
    origin: r.type,
    state: r.state,
  };
  if (r.state !== 'active' || r.attachmentIds.length === 0) {
    w.hop(tableRef, [
      { kind: 'route', result: 'deny', matched: [matched], note: 'ROUTE_NOT_ACTIVE', blocking: true },
    ]);
    w.block({ code: 'BAD_STATE_ROUTE', component: tableRef, direction: null, rule: matched, fix: null });
    w.end = { kind: 'dropped' };
    return;
  }
  w.hop(tableRef, [
    { kind: 'route', result: 'allow', matched: [matched], note: 'TGW_ROUTE', blocking: false },
  ]);
  // A peering attachment has one id on both gateways: take the side of this table's gateway.
  const target =
    (w.net.data.transitGatewayAttachments ?? []).find(
      (a) =>
        a.transitGatewayAttachmentId === r.attachmentIds[0] && a.transitGatewayId === table.transitGatewayId,
    ) ?? w.net.transitGatewayAttachments.get(r.attachmentIds[0]!);
  if (!target)
    return w.missingTarget('TransitGatewayAttachments', 'transit-gateway-attachment', r.attachmentIds[0]!);
  const targetRef = attachmentRef(w, target);
  attachmentState(w, target, targetRef);
  switch (target.resourceType) {
    case 'vpc':
      return intoVpc(w, target, pkt, az);
    case 'vpn': {
      const vpn = w.net.vpnConnections.get(target.resourceId);
      if (!vpn) return w.missingTarget('VpnConnections', 'vpn-connection', target.resourceId);
      return vpnToOnPrem(w, vpn, pkt);
    }
    case 'direct-connect-gateway': {
      const network = w.net.onPremNetworkOf(pkt.dst);
      const vifs = transitVifsOn(w, target.resourceId).filter((v) =>
        network?.virtualInterfaceIds.includes(v.virtualInterfaceId),
      );
      const vif = vifs.find((v) => vifDown(w, v, pkt.dst.family) === undefined) ?? vifs[0];
      if (!network || !vif) {
        w.unknown({ code: 'ONPREM_PREFIXES_UNKNOWN', missing: target.resourceId, component: targetRef });
        w.end = { kind: 'insufficient-info' };
        return;
      }
      return dxToOnPrem(w, vif, network, pkt);
    }
    case 'peering': {
      // The peer transit gateway's side of the peering routes the packet on (static routes only).
      const peer = (w.net.data.transitGatewayAttachments ?? []).find(
        (a) =>
          a.resourceType === 'peering' &&
          a.transitGatewayId === target.resourceId &&
          a.resourceId === target.transitGatewayId,
      );
      if (!peer) {
        w.unknown({
          code: 'MISSING_RESOURCE',
          missing: `the peering attachment on ${target.resourceId}`,
          component: targetRef,
        });
        w.end = { kind: 'insufficient-info' };
        return;
      }
      attachmentState(w, peer, attachmentRef(w, peer));
      return tgwForward(w, peer, pkt, depth + 1);
    }
    default:
      w.unsupported(targetRef, `a ${target.resourceType} attachment`);
  }
}

/**
 * Out of the transit gateway into an attached VPC, through the attachment subnet of the zone the
 * packet came from, else the destination's zone, else the first. A destination outside the VPC (an
 * inspection VPC that sends traffic through an appliance and back) follows the attachment subnet's
 * route table.
 */
function intoVpc(w: Walker, att: TransitGatewayAttachment, pkt: Packet, az?: string): void {
  const vpcId = att.resourceId;
  const owner = w.net.ownersOfPrivateIp(pkt.dst, vpcId)[0];
  const inVpc = w.net.vpcCidrs(vpcId).some((c) => c.family === pkt.dst.family && cidrContains(c, pkt.dst));
  if (!owner && inVpc) return w.noInterface(pkt.dst, w.ref('vpc', vpcId, w.net.vpcs.get(vpcId)?.tags));
  // The gateway stays in the zone the packet came from when the attachment has it; otherwise it
  // uses another zone's attachment (AWS picks one; vpcsim takes the destination's zone, else the first).
  const dstAz = owner ? w.net.subnets.get(owner.eni.subnetId)?.availabilityZone : undefined;
  const subnets = att.subnetIds.map((id) => w.net.subnets.get(id)).filter((s) => s !== undefined);
  // Appliance mode: one zone of the attachment for the whole flow, both ways (Transit Gateway guide,
  // "Appliance in a shared services VPC"): the reply enters by the zone the request entered by. The
  // gateway picks that zone by a flow hash; a trace may fix it beforehand (trace.ts tries each).
  const zones = att.applianceModeSupport === true ? w.opts.applianceZones : undefined;
  const kept = zones?.get(att.transitGatewayAttachmentId);
  const subnet =
    subnets.find((s) => kept !== undefined && s.availabilityZone === kept) ??
    subnets.find((s) => az !== undefined && s.availabilityZone === az) ??
    subnets.find((s) => s.availabilityZone === dstAz) ??
    subnets[0];
  if (zones && !w.opts.reply && subnet?.availabilityZone)
    zones.set(att.transitGatewayAttachmentId, subnet.availabilityZone);
  if (!subnet) {
    if (owner) w.arrive(owner.eni, pkt, true);
    else w.noInterface(pkt.dst, w.ref('vpc', vpcId, w.net.vpcs.get(vpcId)?.tags));
    return;
  }
  const tgwEni =
    w.net.interfacesIn(subnet.subnetId).find((e) => e.interfaceType === 'transit_gateway') ??
    syntheticInterface(att, subnet.subnetId, vpcId);
  w.sendFrom(tgwEni, pkt);
}

/** The attachment's interface when describe-network-interfaces was not captured. */
function syntheticInterface(
  att: TransitGatewayAttachment,
  subnetId: string,
  vpcId: string,
): NetworkInterface {
  return {
    networkInterfaceId: `${att.transitGatewayAttachmentId}@${subnetId}`,
    subnetId,
    vpcId,
    interfaceType: 'transit_gateway',
    requesterManaged: true,
    sourceDestCheck: false,
    groupIds: [],
    privateAddresses: [],
    ipv6Addresses: [],
    delegatedPrefixes: [],
    denyAllIgwTraffic: false,
    tags: {},
    origin: att.origin,
  };
}
