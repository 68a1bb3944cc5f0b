/**
 * Internet hops: the internet gateway (1:1 NAT of public IPv4, IPv6 untranslated), the egress-only
 * gateway (outbound-initiated IPv6 only), ingress routing, VPC Block Public Access, and the internet
 * itself (public addresses of the model, AWS service endpoints, other hosts).
 */

import type { AddressOwner, GatewayAttachment, NetworkInterface } from '../../model/index.js';
import { isAttachedTo } from '../../model/index.js';
import { formatIp, type Ip } from '../../net/index.js';
import { isInternetRoutable } from '../addresses.js';
import { lookupRoute, routeMatched } from '../evaluate/route-table.js';
import type { Packet } from '../packet.js';
import type { ComponentRef, FixAction, Step } from '../types.js';
import { MAX_HOPS } from '../walk-types.js';
import type { Walker } from '../walker.js';

/**
 * VPC Block Public Access overrides routes, SGs and NACLs for internet gateway traffic
 * (aws-semantics §4.1.6): `block-bidirectional` stops all IGW and egress-only gateway traffic;
 * `block-ingress` lets only NAT gateways and egress-only gateways through. The subnet's reported
 * state (which reflects exclusions) wins over the VPC's. Returns true when it blocked.
 */
export function publicAccessBlocked(
  w: Walker,
  eni: NetworkInterface,
  gateway: ComponentRef,
  viaEgressOnly: boolean,
): boolean {
  const subnet = w.net.subnets.get(eni.subnetId);
  const mode = subnet?.internetGatewayBlockMode ?? w.net.vpcs.get(eni.vpcId)?.internetGatewayBlockMode;
  if (mode !== 'block-bidirectional' && mode !== 'block-ingress') return false;
  if (mode === 'block-ingress' && (viaEgressOnly || eni.interfaceType === 'nat_gateway')) return false;
  w.stop(gateway, 'gateway', 'VPC_BLOCK_PUBLIC_ACCESS', {
    code: 'VPC_BLOCK_PUBLIC_ACCESS',
    facts: { mode, subnetId: eni.subnetId },
  });
  return true;
}

/** A gateway used by a route of a VPC it is not attached to drops the traffic. */
function notAttached(
  w: Walker,
  steps: Step[],
  gw: { readonly attachments: readonly GatewayAttachment[] },
  vpcId: string,
  comp: ComponentRef,
  fix: FixAction | null,
): void {
  if (isAttachedTo(gw, vpcId)) return;
  steps.push({ kind: 'state', result: 'deny', matched: [], note: 'GATEWAY_NOT_ATTACHED', blocking: true });
  w.block({ code: 'BAD_STATE_ATTACHMENT', component: comp, direction: null, rule: null, fix });
}

export function internetGatewayOut(w: Walker, eni: NetworkInterface, pkt: Packet, igwId: string): void {
  const igw = w.net.internetGateways.get(igwId);
  const comp = w.ref('internet-gateway', igwId, igw?.tags);
  if (!igw) return w.missingTarget('InternetGateways', 'internet-gateway', igwId);
  publicAccessBlocked(w, eni, comp, false);
  const steps: Step[] = [];
  notAttached(w, steps, igw, eni.vpcId, comp, {
    action: 'attach-internet-gateway',
    vpcId: eni.vpcId,
    internetGatewayId: igwId,
  });
  let out = pkt;
  if (pkt.src.family === 4) {
    const ng =
      eni.interfaceType === 'nat_gateway' ? w.net.natGatewayOfInterface(eni.networkInterfaceId) : undefined;
    if (ng?.connectivityType === 'private') {
      // A private NAT gateway's traffic routed to an internet gateway is dropped by the IGW (§5.1.1).
      steps.push({
        kind: 'gateway',
        result: 'deny',
        matched: [],
        note: 'PRIVATE_NAT_GATEWAY_TO_IGW',
        blocking: true,
      });
      w.block({
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
        w.block({
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
    w.block({
      code: 'IGW_DENY_ALL_TRAFFIC',
      component: w.eniRef(eni),
      direction: 'outbound',
      rule: null,
      fix: null,
    });
  }
  w.hop(comp, steps);
  onInternet(w, out, comp);
}

export function egressOnlyOut(w: Walker, eni: NetworkInterface, pkt: Packet, id: string): void {
  const eigw = w.net.egressOnlyInternetGateways.get(id);
  if (!eigw) return w.missingTarget('EgressOnlyInternetGateways', 'egress-only-internet-gateway', id);
  const comp = w.ref('egress-only-internet-gateway', id, eigw.tags);
  publicAccessBlocked(w, eni, comp, true);
  const steps: Step[] = [];
  notAttached(w, steps, eigw, eni.vpcId, comp, null);
  if (pkt.dst.family === 4) {
    // Egress-only internet gateways carry IPv6 only (§4.2.1).
    steps.push({ kind: 'gateway', result: 'deny', matched: [], note: 'EIGW_IPV6_ONLY', blocking: true });
    w.block({
      code: 'EIGW_IPV4_NOT_SUPPORTED',
      component: comp,
      direction: 'outbound',
      rule: null,
      fix: null,
    });
    w.hop(comp, steps);
    w.end = { kind: 'dropped' };
    return;
  }
  if (w.opts.reply && !w.opts.conntrack.has(`eigw:${eni.vpcId}`)) {
    // The reply of an internet-initiated connection would leave through the egress-only gateway,
    // which "prevents hosts outside of your VPC from initiating an IPv6 connection" (aws-semantics §4.2.1).
    steps.push({
      kind: 'gateway',
      result: 'deny',
      matched: [],
      note: 'EIGW_BLOCKS_INBOUND_INITIATED',
      blocking: true,
    });
    w.hop(comp, steps);
    w.block({
      code: 'EIGW_INBOUND_INITIATED',
      component: comp,
      direction: 'inbound',
      rule: null,
      fix: null,
    });
    onInternet(w, pkt, comp);
    return;
  }
  steps.push({ kind: 'gateway', result: 'allow', matched: [], note: 'EIGW_OUTBOUND', blocking: false });
  w.hop(comp, steps);
  if (!w.opts.reply)
    w.opts.conntrack.set(`eigw:${eni.vpcId}`, {
      kind: 'egress-only-internet-gateway',
      insideIp: pkt.src,
      insidePorts: pkt.srcPorts,
    });
  onInternet(w, pkt, comp);
}

/** The packet is on the internet: it reaches a public address of the model, an AWS service, or a host. */
export function onInternet(w: Walker, pkt: Packet, from?: ComponentRef): void {
  if (pkt.dst.family === 4 ? w.net.ownerOfPublicIp(pkt.dst) : publicIpv6Owner(w, pkt.dst)) {
    fromInternet(w, pkt);
    return;
  }
  if (!isInternetRoutable(pkt.dst)) {
    // The internet does not carry private or reserved destinations (Batfish's AWS backbone drops them too).
    const comp = w.ref('internet', 'internet');
    w.hop(comp, [
      {
        kind: 'delivery',
        result: 'deny',
        matched: [],
        note: 'PRIVATE_DESTINATION_ON_INTERNET',
        blocking: true,
      },
    ]);
    w.block({
      code: 'INTERNET_UNROUTABLE_DESTINATION',
      component: from ?? comp,
      direction: null,
      rule: null,
      fix: null,
      facts: { destination: formatIp(pkt.dst) },
    });
    w.end = { kind: 'dropped' };
    return;
  }
  if (w.opts.service && !w.opts.reply) {
    w.hop(w.ref('aws-service', w.opts.service), [
      { kind: 'delivery', result: 'allow', matched: [], note: 'SERVICE_PUBLIC_ENDPOINT', blocking: false },
    ]);
    w.end = { kind: 'service', service: w.opts.service, via: 'internet', pkt };
    return;
  }
  w.hop(w.ref('internet', 'internet'), [
    { kind: 'delivery', result: 'allow', matched: [], note: 'INTERNET_HOST', blocking: false },
  ]);
  w.end = { kind: 'internet', pkt };
}

/**
 * A packet from the internet addressed to a public IPv4/EIP or an IPv6 address of the model.
 * `assumePublic`: the reply to a flow whose source had no public IPv4 (already a blocker): it is
 * walked back to the private address as if it had one, so later blockers still show.
 */
export function fromInternet(w: Walker, pkt: Packet, assumePublic = false): void {
  if (++w.depth > MAX_HOPS) {
    w.end = { kind: 'insufficient-info' };
    return;
  }
  const owner =
    pkt.dst.family === 4
      ? (w.net.ownerOfPublicIp(pkt.dst) ?? (assumePublic ? w.net.ownersOfPrivateIp(pkt.dst)[0] : undefined))
      : publicIpv6Owner(w, pkt.dst);
  if (!owner) {
    onInternet(w, pkt);
    return;
  }
  const vpcId = owner.eni.vpcId;
  const igw = w.net.internetGatewayOf(vpcId);
  if (pkt.dst.family === 6) {
    const eigw = w.net.data.egressOnlyInternetGateways.find((g) => isAttachedTo(g, vpcId));
    if (w.opts.reply && eigw && w.opts.conntrack.has(`eigw:${vpcId}`)) {
      // The egress-only gateway is stateful: it lets the response back in (§4.2.2).
      const comp = w.ref('egress-only-internet-gateway', eigw.egressOnlyInternetGatewayId, eigw.tags);
      publicAccessBlocked(w, owner.eni, comp, true);
      w.hop(comp, [
        {
          kind: 'connection-tracking',
          result: 'allow',
          matched: [],
          note: 'EIGW_RETURN_TRAFFIC',
          blocking: false,
        },
      ]);
    } else if (igw) {
      const comp = w.ref('internet-gateway', igw.internetGatewayId, igw.tags);
      publicAccessBlocked(w, owner.eni, comp, false);
      w.hop(comp, [
        { kind: 'gateway', result: 'allow', matched: [], note: 'IPV6_NOT_TRANSLATED', blocking: false },
      ]);
    } else if (eigw) {
      const comp = w.ref('egress-only-internet-gateway', eigw.egressOnlyInternetGatewayId, eigw.tags);
      w.hop(comp, [
        {
          kind: 'gateway',
          result: 'deny',
          matched: [],
          note: 'EIGW_BLOCKS_INBOUND_INITIATED',
          blocking: true,
        },
      ]);
      w.block({
        code: 'EIGW_INBOUND_INITIATED',
        component: comp,
        direction: 'inbound',
        rule: null,
        fix: null,
      });
    } else if (!w.missingKind('InternetGateways', undefined, true)) {
      noGateway(w, vpcId);
    }
    if (owner.eni.denyAllIgwTraffic && !w.opts.reply) {
      w.block({
        code: 'IGW_DENY_ALL_TRAFFIC',
        component: w.eniRef(owner.eni),
        direction: 'inbound',
        rule: null,
        fix: null,
      });
    }
    if (igw && !ingressRouting(w, igw.internetGatewayId, pkt)) return;
    w.arrive(owner.eni, pkt, true);
    return;
  }
  if (!igw) {
    // Without the InternetGateways file the gateway may exist: go on as if it translated.
    if (!w.missingKind('InternetGateways', undefined, true)) noGateway(w, vpcId);
  } else {
    // Internet-bound traffic to a public IPv4 or Elastic IP is mapped to the private address (§4.1.2).
    const comp = w.ref('internet-gateway', igw.internetGatewayId, igw.tags);
    publicAccessBlocked(w, owner.eni, comp, false);
    w.hop(comp, [
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
  if (igw && !ingressRouting(w, igw.internetGatewayId, inside)) return;
  w.arrive(owner.eni, inside, true);
}

/**
 * Ingress routing: a route table associated with the internet gateway (an edge association) decides
 * where traffic entering from the internet goes (aws-semantics §1.1.6). Only its `local` routes are
 * modelled; a route to a middlebox makes the answer `unknown`. Returns false when the walk must stop.
 */
export function ingressRouting(w: Walker, igwId: string, pkt: Packet): boolean {
  const edge = w.net.data.routeTables.find((rt) =>
    rt.associations.some((a) => a.gatewayId === igwId && (a.state === undefined || a.state === 'associated')),
  );
  if (!edge) return true;
  const lookup = lookupRoute(w.net, edge, pkt.dst);
  const tableRef = w.ref('route-table', edge.routeTableId, edge.tags);
  if (lookup.kind === 'route' && lookup.choice.route.target.type === 'local') {
    w.hop(tableRef, [
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
  w.unsupported(tableRef, 'gateway route table (ingress routing through an appliance)', {
    kind: 'route',
    note: 'NOT_MODELLED_YET',
  });
  return false;
}

export function noGateway(w: Walker, vpcId: string): void {
  const comp = w.ref('vpc', vpcId, w.net.vpcs.get(vpcId)?.tags);
  w.hop(comp, [
    { kind: 'gateway', result: 'deny', matched: [], note: 'NO_INTERNET_GATEWAY', blocking: true },
  ]);
  w.block({
    code: 'BAD_STATE_ATTACHMENT',
    component: comp,
    direction: 'inbound',
    rule: null,
    fix: { action: 'attach-internet-gateway', vpcId, internetGatewayId: null },
  });
}

/** The interface holding an IPv6 address the internet can reach (global unicast only; ULA and other ranges are never advertised). */
function publicIpv6Owner(w: Walker, ip: Ip): AddressOwner | undefined {
  return isInternetRoutable(ip) ? w.net.ownersOfPrivateIp(ip)[0] : undefined;
}
