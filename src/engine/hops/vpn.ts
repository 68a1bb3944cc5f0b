/**
 * Site-to-Site VPN hops: a VPC route to a virtual private gateway, the VPN connection (at least one
 * tunnel UP, else BAD_STATE_VPN; one tunnel down is only a note), the customer gateway and the
 * on-premises network behind it; and the way back in, from an on-premises network through its VPN
 * to a transit gateway or a virtual private gateway. Sources: aws-semantics §1.5 (VPN on a VGW is
 * IPv4 only), §7.3 (two tunnels, VgwTelemetry status).
 */
import type { NetworkInterface, OnPremNetwork, VirtualInterface, VpnConnection } from '../../model/index.js';
import { isAttachedTo } from '../../model/index.js';
import { cidrContains, formatIp } from '../../net/index.js';
import { isInternetRoutable } from '../addresses.js';
import { lookupTgwRoute } from '../evaluate/transit-gateway.js';
import type { Packet } from '../packet.js';
import type { ComponentRef, Step } from '../types.js';
import type { Walker } from '../walker.js';
import { dxToOnPrem, vifDown, vifHop, vifsForVgw } from './direct-connect.js';
import { ingressRouting, onInternet } from './internet.js';
import { tgwForward } from './transit-gateway.js';

/**
 * A VPC route to a virtual private gateway. The gateway knows the on-premises network holding the
 * destination through Direct Connect private VIFs and VPN connections; for the same prefix it
 * prefers Direct Connect BGP, then VPN static routes, then VPN BGP (aws-semantics §1.5.3, §8.10).
 * A path whose BGP session is down has withdrawn its routes, so the next one is used.
 */
export function toVpnGateway(w: Walker, eni: NetworkInterface, pkt: Packet, vgwId: string): void {
  const vgw = w.net.vpnGateways.get(vgwId);
  if (!vgw) return w.missingTarget('VpnGateways', 'vpn-gateway', vgwId);
  const ref = w.ref('vpn-gateway', vgwId, vgw.tags);
  const attached = isAttachedTo({ attachments: vgw.vpcAttachments }, eni.vpcId);
  const steps: Step[] = [];
  if (!attached || vgw.state !== 'available') {
    steps.push({ kind: 'state', result: 'deny', matched: [], note: 'GATEWAY_NOT_ATTACHED', blocking: true });
    w.block({ code: 'BAD_STATE_ATTACHMENT', component: ref, direction: null, rule: null, fix: null });
  }
  const network = w.net.onPremNetworkOf(pkt.dst);
  const paths = network ? vgwPaths(w, vgwId, network, pkt) : [];
  if (pkt.dst.family === 6 && !paths.some((p) => p.kind === 'dx')) {
    // Site-to-Site VPN on a virtual private gateway carries IPv4 only (§1.5.5).
    steps.push({ kind: 'gateway', result: 'deny', matched: [], note: 'VGW_VPN_IPV4_ONLY', blocking: true });
    w.block({ code: 'VGW_VPN_IPV4_ONLY', component: ref, direction: null, rule: null, fix: null });
  }
  w.hop(ref, steps);
  if (!network || paths.length === 0) {
    const vpns = w.net.vpnConnectionsOn(vgwId);
    w.unknown({
      code: 'ONPREM_PREFIXES_UNKNOWN',
      missing: vpns.map((v) => v.vpnConnectionId).join(', ') || vgwId,
      component: ref,
    });
    w.end = { kind: 'insufficient-info' };
    return;
  }
  const chosen = paths.find((p) => !p.withdrawn) ?? paths[0]!;
  if (chosen.kind === 'dx') return dxToOnPrem(w, chosen.vif, network, pkt);
  return vpnToOnPrem(w, chosen.vpn, pkt);
}

type VgwPath =
  | {
      readonly kind: 'dx';
      readonly vif: VirtualInterface;
      readonly rank: number;
      readonly withdrawn: boolean;
    }
  | { readonly kind: 'vpn'; readonly vpn: VpnConnection; readonly rank: number; readonly withdrawn: boolean };

/** The gateway's ways to an on-premises network, best first. */
function vgwPaths(w: Walker, vgwId: string, network: OnPremNetwork, pkt: Packet): VgwPath[] {
  const paths: VgwPath[] = [];
  // The gateway routes only prefixes it learned (aws-semantics §1.5.2): BGP paths need the network
  // to advertise the destination, static VPNs an available static route covering it.
  const advertised = network.advertised.some((c) => cidrContains(c, pkt.dst));
  for (const vif of vifsForVgw(w, vgwId))
    if (advertised && network.virtualInterfaceIds.includes(vif.virtualInterfaceId))
      paths.push({ kind: 'dx', vif, rank: 0, withdrawn: vifDown(w, vif, pkt.dst.family) !== undefined });
  if (pkt.dst.family === 4)
    for (const vpn of w.net.vpnConnectionsOn(vgwId))
      if (network.vpnConnectionIds.includes(vpn.vpnConnectionId)) {
        // A static VPN carries only the prefixes of its own static routes.
        if (
          vpn.staticRoutesOnly &&
          !vpn.routes.some((r) => r.state === 'available' && cidrContains(r.destination, pkt.dst))
        )
          continue;
        if (!vpn.staticRoutesOnly && !advertised) continue;
        // Static routes stay in place when the tunnels are down; BGP routes are withdrawn.
        const down = vpn.tunnels.length > 0 && !vpn.tunnels.some((t) => t.status === 'UP');
        paths.push({
          kind: 'vpn',
          vpn,
          rank: vpn.staticRoutesOnly ? 1 : 2,
          withdrawn: !vpn.staticRoutesOnly && down,
        });
      }
  return paths.sort((a, b) => a.rank - b.rank);
}

/** Through a VPN connection to the customer gateway and the on-premises network holding the destination. */
export function vpnToOnPrem(w: Walker, vpn: VpnConnection, pkt: Packet): void {
  vpnState(w, vpn);
  const network = w.net.onPremNetworkOf(pkt.dst);
  if (!network) {
    w.unknown({ code: 'ONPREM_PREFIXES_UNKNOWN', missing: vpn.vpnConnectionId, component: vpnRef(w, vpn) });
    w.end = { kind: 'insufficient-info' };
    return;
  }
  customerGatewayHop(w, vpn);
  deliverOnPrem(w, network, pkt);
}

function vpnRef(w: Walker, vpn: VpnConnection): ComponentRef {
  return w.ref('vpn-connection', vpn.vpnConnectionId, vpn.tags);
}

/** The hop at the VPN's customer gateway (the on-premises end of its tunnels), when it names one. */
function customerGatewayHop(w: Walker, vpn: VpnConnection): void {
  const id = vpn.customerGatewayId;
  if (id) w.hop(w.ref('customer-gateway', id, w.net.customerGateways.get(id)?.tags));
}

export function onPremRef(network: OnPremNetwork): ComponentRef {
  return { type: 'on-premises', id: network.name };
}

/** The last hop of every path that leaves AWS: the on-premises network holding the destination. */
export function deliverOnPrem(w: Walker, network: OnPremNetwork, pkt: Packet): void {
  noteInferred(w, network);
  w.hop(onPremRef(network), [
    {
      kind: 'delivery',
      result: 'allow',
      matched: [],
      note: network.source.kind === 'file' ? 'ONPREM_NETWORK' : 'ONPREM_INFERRED',
      blocking: false,
    },
  ]);
  w.end = { kind: 'onprem', network, pkt };
}

/** Say once per trace when an on-premises network was inferred rather than described by --onprem. */
export function noteInferred(w: Walker, network: OnPremNetwork): void {
  if (network.source.kind === 'inferred' && !w.notes.some((n) => n.code === 'ONPREM_INFERRED'))
    w.notes.push({ code: 'ONPREM_INFERRED', resourceId: network.name, facts: { from: network.source.from } });
}

/** All tunnels down (or the connection not available) blocks; one of two down is a note. */
function vpnState(w: Walker, vpn: VpnConnection): void {
  const ref = vpnRef(w, vpn);
  const up = vpn.tunnels.filter((t) => t.status === 'UP').length;
  const dead = vpn.state !== 'available' || (vpn.tunnels.length > 0 && up === 0);
  const note = dead ? 'BAD_STATE_VPN' : up < vpn.tunnels.length ? 'VPN_ONE_TUNNEL_DOWN' : 'VPN_TUNNEL_UP';
  w.hop(ref, [{ kind: 'state', result: dead ? 'deny' : 'info', matched: [], note, blocking: dead }]);
  if (!dead && up < vpn.tunnels.length && !w.notes.some((n) => n.resourceId === vpn.vpnConnectionId))
    w.notes.push({
      code: 'VPN_TUNNEL_DOWN',
      resourceId: vpn.vpnConnectionId,
      facts: { up: String(up), total: String(vpn.tunnels.length) },
    });
  if (dead)
    w.block({
      code: 'BAD_STATE_VPN',
      component: ref,
      direction: null,
      rule: null,
      fix: null,
      facts: {
        tunnels: vpn.tunnels.map((t) => `${t.outsideIpAddress ?? '?'} ${t.status}`).join(', ') || vpn.state,
      },
    });
}

/**
 * A packet leaving an on-premises network: to the internet directly when the network says so and
 * the destination is a public address, else through whichever of its VPN connections leads to the
 * destination (a transit gateway whose route table has a route for it, or a virtual private
 * gateway attached to the VPC holding it).
 */
export function fromOnPrem(w: Walker, network: OnPremNetwork, pkt: Packet): void {
  noteInferred(w, network);
  w.hop(onPremRef(network), [{ kind: 'origin', result: 'info', matched: [], blocking: false }]);
  const inAws = w.net.ownersOfPrivateIp(pkt.dst).length > 0;
  if (!inAws && isInternetRoutable(pkt.dst) && awsPublicAddress(w, pkt)) {
    // A public VIF reaches AWS public addresses (Elastic IPs, service endpoints), never VPC private ones (§8.4).
    const vif = network.virtualInterfaceIds
      .map((id) => w.net.virtualInterfaces.get(id))
      .find((v) => v?.type === 'public' && vifDown(w, v, pkt.dst.family) === undefined);
    if (vif) {
      vifHop(w, vif, pkt.dst.family);
      return onInternet(w, pkt);
    }
  }
  if (!inAws && isInternetRoutable(pkt.dst)) {
    if (network.internet) {
      w.hop(onPremRef(network), [
        { kind: 'gateway', result: 'info', matched: [], note: 'ONPREM_TO_INTERNET', blocking: false },
      ]);
      return onInternet(w, pkt);
    }
  }
  if (dxFromOnPrem(w, network, pkt)) return;
  // The customer router uses a connection with a tunnel up when it has one.
  const up = (id: string) => w.net.vpnConnections.get(id)?.tunnels.some((t) => t.status === 'UP') ?? false;
  const ordered = [...network.vpnConnectionIds].sort((a, b) => Number(up(b)) - Number(up(a)));
  for (const id of ordered) {
    const vpn = w.net.vpnConnections.get(id);
    if (!vpn) continue;
    if (vpn.transitGatewayId) {
      const att = w.net.transitGatewayAttachmentOf(vpn.transitGatewayId, id);
      const table = att?.associatedRouteTableId
        ? w.net.transitGatewayRouteTables.get(att.associatedRouteTableId)
        : undefined;
      if (!att || !table || lookupTgwRoute(w.net, table, pkt.dst).kind === 'none') continue;
      enterVpn(w, vpn);
      w.hop(
        w.ref('transit-gateway', vpn.transitGatewayId, w.net.transitGateways.get(vpn.transitGatewayId)?.tags),
      );
      w.hop(w.ref('transit-gateway-attachment', att.transitGatewayAttachmentId, att.tags));
      return tgwForward(w, att, pkt, 0);
    }
    if (vpn.vpnGatewayId) {
      const vgw = w.net.vpnGateways.get(vpn.vpnGatewayId);
      const vpcId = vgw?.vpcAttachments.find((a) => a.state === 'attached')?.vpcId;
      const owner = vpcId ? w.net.ownersOfPrivateIp(pkt.dst, vpcId)[0] : undefined;
      if (!vgw || !owner) continue;
      enterVpn(w, vpn);
      const ref = w.ref('vpn-gateway', vgw.vpnGatewayId, vgw.tags);
      if (pkt.dst.family === 6) {
        w.stop(ref, 'gateway', 'VGW_VPN_IPV4_ONLY', { code: 'VGW_VPN_IPV4_ONLY' });
      } else w.hop(ref);
      // Traffic from a virtual private gateway enters the VPC by its local route, unless a route
      // table associated with the gateway (an edge association) sends it elsewhere.
      if (!ingressRouting(w, vgw.vpnGatewayId, pkt)) return;
      return w.arrive(owner.eni, pkt, true);
    }
  }
  const ref = onPremRef(network);
  w.stop(ref, 'route', 'NO_MATCHING_ROUTE', {
    code: 'NO_ROUTE_TO_DESTINATION',
    facts: { destination: formatIp(pkt.dst) },
  });
  w.end = { kind: 'no-route' };
}

function enterVpn(w: Walker, vpn: VpnConnection): void {
  customerGatewayHop(w, vpn);
  vpnState(w, vpn);
}

/**
 * Into AWS over a Direct Connect VIF of the network that leads to the destination: a private VIF
 * to a virtual private gateway (directly or through a Direct Connect gateway) attached to the VPC
 * holding it, or a transit VIF whose Direct Connect gateway is attached to a transit gateway that
 * has a route for it. Returns false when no VIF leads there (the caller tries the VPNs).
 */
function dxFromOnPrem(w: Walker, network: OnPremNetwork, pkt: Packet): boolean {
  for (const id of network.virtualInterfaceIds) {
    const vif = w.net.virtualInterfaces.get(id);
    if (!vif || vifDown(w, vif, pkt.dst.family) !== undefined) continue;
    if (vif.type === 'private') {
      // Through a Direct Connect gateway, on-premises learns only the allowed prefixes of the
      // association (the VPC CIDRs when none are set): a destination outside them has no route in.
      const vgwIds = vif.virtualGatewayId
        ? [vif.virtualGatewayId]
        : w.net.directConnectGatewayAssociations
            .filter(
              (a) =>
                a.directConnectGatewayId === vif.directConnectGatewayId &&
                a.state === 'associated' &&
                a.gatewayType === 'virtualPrivateGateway' &&
                (a.allowedPrefixes.length === 0 || a.allowedPrefixes.some((c) => cidrContains(c, pkt.dst))),
            )
            .map((a) => a.gatewayId);
      for (const vgwId of vgwIds) {
        const vgw = w.net.vpnGateways.get(vgwId);
        const vpcId = vgw?.vpcAttachments.find((a) => a.state === 'attached')?.vpcId;
        const owner = vpcId ? w.net.ownersOfPrivateIp(pkt.dst, vpcId)[0] : undefined;
        if (!vgw || !owner) continue;
        vifHop(w, vif, pkt.dst.family);
        if (vif.directConnectGatewayId) w.hop(w.ref('direct-connect-gateway', vif.directConnectGatewayId));
        w.hop(w.ref('vpn-gateway', vgw.vpnGatewayId, vgw.tags));
        if (ingressRouting(w, vgw.vpnGatewayId, pkt)) w.arrive(owner.eni, pkt, true);
        return true;
      }
    } else if (vif.type === 'transit' && vif.directConnectGatewayId) {
      for (const a of w.net.directConnectGatewayAssociations) {
        if (
          a.directConnectGatewayId !== vif.directConnectGatewayId ||
          a.gatewayType !== 'transitGateway' ||
          // A transit gateway association advertises exactly its allowed prefixes.
          !a.allowedPrefixes.some((c) => cidrContains(c, pkt.dst)) ||
          a.state !== 'associated'
        )
          continue;
        const att = w.net.transitGatewayAttachmentOf(a.gatewayId, vif.directConnectGatewayId);
        const table = att?.associatedRouteTableId
          ? w.net.transitGatewayRouteTables.get(att.associatedRouteTableId)
          : undefined;
        if (!att || !table || lookupTgwRoute(w.net, table, pkt.dst).kind === 'none') continue;
        vifHop(w, vif, pkt.dst.family);
        w.hop(w.ref('direct-connect-gateway', vif.directConnectGatewayId));
        w.hop(w.ref('transit-gateway', a.gatewayId, w.net.transitGateways.get(a.gatewayId)?.tags));
        w.hop(w.ref('transit-gateway-attachment', att.transitGatewayAttachmentId, att.tags));
        tgwForward(w, att, pkt, 0);
        return true;
      }
    }
  }
  return false;
}

/** An address AWS owns that the snapshot knows: a public IPv4 or Elastic IP of an interface, or an AWS service prefix list range. */
function awsPublicAddress(w: Walker, pkt: Packet): boolean {
  if (pkt.dst.family === 4 && w.net.ownerOfPublicIp(pkt.dst)) return true;
  return w.net.data.prefixLists.some(
    (p) =>
      p.prefixListName.startsWith('com.amazonaws.') && (p.cidrs ?? []).some((c) => cidrContains(c, pkt.dst)),
  );
}
