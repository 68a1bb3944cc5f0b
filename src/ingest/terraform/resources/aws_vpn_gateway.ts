/**
 * aws_vpn_gateway (attached to `vpc_id` when given), aws_vpn_gateway_attachment → VpnGateway with
 * its VPC attachments; aws_vpn_gateway_route_propagation (and a route table's `propagating_vgws`)
 * → the table propagates the gateway's routes. AWS then lists, in the table, each static route of
 * the gateway's static VPN connections with origin EnableVgwRoutePropagation (VPN guide, "Route
 * tables and VPN route priority"); routes learned over BGP exist only once tunnels are up, so they
 * are not known before apply (UNKNOWN_UNTIL_APPLY on the propagation).
 */

import { formatCidr } from '../../../net/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num, tagsOf } from '../values.js';

export function readVpnGateway(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.idOf(r);
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  ctx.vpnGateways.set(id, {
    vpnGatewayId: id,
    state: 'available',
    amazonSideAsn: num(r.values, 'amazon_side_asn'),
    vpcAttachments: vpcId ? [{ vpcId, state: 'attached' }] : [],
    tags: tagsOf(r.values),
    origin: ctx.originOf(r),
  });
}

export function readVpnGatewayAttachment(ctx: PlanContext, r: PlannedResource): void {
  const vgw = ctx.referenced(r, 'vpn_gateway_id', ctx.vpnGateways);
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  if (!vgw) return;
  if (!vpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
    return;
  }
  if (vgw.vpcAttachments.some((a) => a.vpcId === vpcId)) return;
  ctx.vpnGateways.set(vgw.vpnGatewayId, {
    ...vgw,
    vpcAttachments: [...vgw.vpcAttachments, { vpcId, state: 'attached' }],
  });
}

export function readVpnGatewayRoutePropagation(ctx: PlanContext, r: PlannedResource): void {
  const table = ctx.referenced(r, 'route_table_id', ctx.routeTables);
  const vgwId = ctx.rv.id(r, ['vpn_gateway_id']);
  if (!table) return;
  if (!vgwId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpn_gateway_id' });
    return;
  }
  if (!table.rt.propagatingVgws.includes(vgwId))
    table.rt = { ...table.rt, propagatingVgws: [...table.rt.propagatingVgws, vgwId] };
}

/** `propagating_vgws` of an aws_route_table / aws_default_route_table. */
export function readPropagatingVgws(ctx: PlanContext, r: PlannedResource): void {
  const table = ctx.routeTables.get(ctx.rv.idOf(r));
  if (!table) return;
  const vgws = ctx.rv.ids(r, ['propagating_vgws']);
  if (vgws.length > 0)
    table.rt = { ...table.rt, propagatingVgws: [...new Set([...table.rt.propagatingVgws, ...vgws])] };
}

/** After every VPN is read: the propagated routes of each propagating table. */
export function addPropagatedVpnRoutes(ctx: PlanContext): void {
  for (const table of ctx.routeTables.values())
    for (const vgwId of table.rt.propagatingVgws) {
      const vgw = ctx.vpnGateways.get(vgwId);
      if (!vgw?.vpcAttachments.some((a) => a.vpcId === table.rt.vpcId)) continue;
      for (const vpn of ctx.vpnConnections.values()) {
        if (vpn.vpnGatewayId !== vgwId) continue;
        if (!vpn.staticRoutesOnly) {
          ctx.warn({
            code: 'UNKNOWN_UNTIL_APPLY',
            resourceId: table.rt.routeTableId,
            field: 'propagatingVgws',
            detail: `routes ${vpn.vpnConnectionId} learns over BGP (propagated by ${vgwId})`,
          });
          continue;
        }
        for (const r of vpn.routes)
          table.routes.push({
            destination: { kind: 'cidr', cidr: r.destination },
            target: { type: 'vpn-gateway', id: vgwId },
            state: 'active',
            origin: 'EnableVgwRoutePropagation',
            destinationText: formatCidr(r.destination),
          });
      }
    }
}
