/** The smallest route to add when no route matches: towards the gateway, NAT, peering or endpoint that would carry it. */

import type { NetworkInterface } from '../../model/index.js';
import { isAttachedTo, serviceShortName } from '../../model/index.js';
import { cidrOf, formatCidr, type Ip } from '../../net/index.js';
import type { Walker } from '../walker.js';

export function routeFix(w: Walker, routeTableId: string, eni: NetworkInterface, dst: Ip) {
  const destination = formatCidr(
    w.isInternetPeer(dst)
      ? cidrOf(dst, 0)
      : (w.peerSubnetCidr(dst) ?? cidrOf(dst, dst.family === 4 ? 32 : 128)),
  );
  let target: { type: string; id: string | null } = { type: 'unknown', id: null };
  const endpoint = w.opts.service
    ? w.net.data.vpcEndpoints.find(
        (e) =>
          e.vpcId === eni.vpcId &&
          e.vpcEndpointType === 'Gateway' &&
          serviceShortName(e.serviceName) === w.opts.service,
      )
    : undefined;
  if (endpoint && w.opts.servicePrefixListId) {
    // The service has a gateway endpoint in this VPC: associate the route table with it.
    return {
      action: 'add-route' as const,
      routeTableId,
      destination: w.opts.servicePrefixListId,
      target: { type: 'vpc-endpoint', id: endpoint.vpcEndpointId },
    };
  }
  if (w.isInternetPeer(dst)) {
    // IPv6: an egress-only gateway gives outbound access without opening the subnet to inbound.
    const eigw =
      dst.family === 6
        ? w.net.data.egressOnlyInternetGateways.find((g) => isAttachedTo(g, eni.vpcId))
        : undefined;
    if (eigw)
      return {
        action: 'add-route' as const,
        routeTableId,
        destination,
        target: { type: 'egress-only-internet-gateway', id: eigw.egressOnlyInternetGatewayId },
      };
    // The reply to a connection from the internet goes back out of the internet gateway it came
    // in by (through a NAT it would leave from another address); a new connection needs a public
    // address for that, else a NAT.
    const hasPublic = eni.privateAddresses.some((a) => a.publicIp) || dst.family === 6 || w.opts.reply;
    const igw = w.net.internetGatewayOf(eni.vpcId);
    const nat = w.net.data.natGateways.find(
      (n) => n.vpcId === eni.vpcId && n.state === 'available' && n.connectivityType === 'public',
    );
    if (hasPublic && igw) target = { type: 'internet-gateway', id: igw.internetGatewayId };
    else if (nat && dst.family === 4) target = { type: 'nat-gateway', id: nat.natGatewayId };
    else if (dst.family === 4) target = natInstanceOf(w, eni.vpcId) ?? { type: 'nat-gateway', id: null };
    else if (igw) target = { type: 'internet-gateway', id: igw.internetGatewayId };
  } else {
    const owner = w.net.ownersOfPrivateIp(dst)[0];
    const pcx = owner
      ? w.net.data.vpcPeeringConnections.find(
          (p) =>
            ['active', 'pending-acceptance', 'provisioning'].includes(p.status) &&
            [p.requester.vpcId, p.accepter.vpcId].includes(owner.eni.vpcId) &&
            [p.requester.vpcId, p.accepter.vpcId].includes(eni.vpcId),
        )
      : undefined;
    if (pcx) target = { type: 'vpc-peering-connection', id: pcx.vpcPeeringConnectionId };
  }
  return { action: 'add-route' as const, routeTableId, destination, target };
}

/**
 * A NAT instance other subnets of the VPC already use: the target of an active 0.0.0.0/0 route to
 * an instance or interface whose source/destination check is off (it forwards; VPC_NAT_Instance.html).
 */
function natInstanceOf(w: Walker, vpcId: string): { type: string; id: string } | undefined {
  for (const rt of w.net.data.routeTables) {
    if (rt.vpcId !== vpcId) continue;
    for (const r of rt.routes) {
      if (
        r.state !== 'active' ||
        r.destination.kind !== 'cidr' ||
        formatCidr(r.destination.cidr) !== '0.0.0.0/0'
      )
        continue;
      const t = r.target;
      const forwards =
        t.type === 'instance'
          ? w.net.instances.get(t.id)?.sourceDestCheck === false
          : t.type === 'network-interface' && w.net.networkInterfaces.get(t.id)?.sourceDestCheck === false;
      if (forwards) return { type: t.type, id: t.id };
    }
  }
  return undefined;
}
