/**
 * aws_dx_private_virtual_interface (to `vpn_gateway_id` or `dx_gateway_id`) and
 * aws_dx_transit_virtual_interface (to `dx_gateway_id`) → VirtualInterface on `connection_id`.
 * BGP session status is telemetry a plan does not have: no BGP peers are listed, as when describe
 * output has none, so nothing is taken as down.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num, str } from '../values.js';

export const readDxPrivateVif = (ctx: PlanContext, r: PlannedResource): void => read(ctx, r, 'private');
export const readDxTransitVif = (ctx: PlanContext, r: PlannedResource): void => read(ctx, r, 'transit');

function read(ctx: PlanContext, r: PlannedResource, type: 'private' | 'transit'): void {
  const v = r.values;
  const vgwId = type === 'private' ? ctx.rv.id(r, ['vpn_gateway_id']) : undefined;
  const dxgwId = ctx.rv.id(r, ['dx_gateway_id']);
  if (!vgwId && !dxgwId)
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'dx_gateway_id' });
  ctx.virtualInterfaces.push({
    virtualInterfaceId: ctx.rv.idOf(r),
    virtualInterfaceName: str(v, 'name'),
    type,
    state: 'available',
    connectionId: ctx.rv.id(r, ['connection_id']),
    vlan: num(v, 'vlan'),
    asn: num(v, 'bgp_asn'),
    amazonSideAsn: num(v, 'amazon_side_asn'),
    virtualGatewayId: vgwId,
    directConnectGatewayId: dxgwId,
    mtu: num(v, 'mtu'),
    bgpPeers: [],
    origin: ctx.originOf(r),
  });
}
