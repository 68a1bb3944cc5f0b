/**
 * aws_vpn_connection → VpnConnection on a virtual private gateway (`vpn_gateway_id`) or a transit
 * gateway (`transit_gateway_id`: AWS creates a `vpn` attachment, associated with and propagating to
 * the gateway's default route table); aws_vpn_connection_route adds a static route.
 * Tunnel status is telemetry that a plan does not have: no tunnels are listed, as when describe
 * output has no VgwTelemetry, so nothing is taken as down.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, str, tagsOf } from '../values.js';
import { addAttachment } from './aws_ec2_transit_gateway.js';

export function readVpnConnection(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.idOf(r);
  const vgwId = ctx.rv.id(r, ['vpn_gateway_id']);
  const tgwId = ctx.rv.id(r, ['transit_gateway_id']);
  const cgwId = ctx.rv.id(r, ['customer_gateway_id']);
  if (!vgwId && !tgwId)
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpn_gateway_id' });
  ctx.vpnConnections.set(id, {
    vpnConnectionId: id,
    state: 'available',
    customerGatewayId: cgwId,
    vpnGatewayId: vgwId,
    transitGatewayId: tgwId,
    staticRoutesOnly: bool(v, 'static_routes_only') ?? false,
    routes: [],
    tunnels: [],
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
  if (tgwId)
    addAttachment(
      ctx,
      r,
      {
        transitGatewayAttachmentId:
          str(v, 'transit_gateway_attachment_id') ?? ctx.rv.attrId(r, 'transit_gateway_attachment_id'),
        transitGatewayId: tgwId,
        resourceType: 'vpn',
        resourceId: id,
        subnetIds: [],
        tags: {},
      },
      true,
      true,
    );
}

export function readVpnConnectionRoute(ctx: PlanContext, r: PlannedResource): void {
  const vpn = ctx.referenced(r, 'vpn_connection_id', ctx.vpnConnections);
  if (!vpn) return;
  const cidr = ctx.cidr(r, 'destination_cidr_block', r.values.destination_cidr_block);
  if (!cidr) {
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: 'destination_cidr_block', skipped: true });
    return;
  }
  vpn.routes = [...vpn.routes, { destination: cidr, state: 'available' }];
  ctx.extraDecisionCidrs.push(cidr);
}
