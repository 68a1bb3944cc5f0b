/**
 * aws_dx_private_virtual_interface (to `vpn_gateway_id` or `dx_gateway_id`) and
 * aws_dx_transit_virtual_interface (to `dx_gateway_id`) → VirtualInterface on `connection_id`.
 * BGP session status is telemetry a plan does not have: no BGP peers are listed, as when describe
 * output has none, so nothing is taken as down. A hosted virtual interface is created by the
 * connection's owner (aws_dx_hosted_private/transit_virtual_interface: on the connection, no
 * gateway) and attached by the account that accepts it (`_accepter`: `virtual_interface_id` to
 * `vpn_gateway_id` or `dx_gateway_id`); both halves in one plan make one virtual interface.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num, str } from '../values.js';

export const readDxPrivateVif = (ctx: PlanContext, r: PlannedResource): void => read(ctx, r, 'private');
export const readDxTransitVif = (ctx: PlanContext, r: PlannedResource): void => read(ctx, r, 'transit');
export const readDxHostedPrivateVif = (ctx: PlanContext, r: PlannedResource): void =>
  read(ctx, r, 'private', true);
export const readDxHostedTransitVif = (ctx: PlanContext, r: PlannedResource): void =>
  read(ctx, r, 'transit', true);
export const readDxHostedPrivateVifAccepter = (ctx: PlanContext, r: PlannedResource): void =>
  accept(ctx, r, 'private');
export const readDxHostedTransitVifAccepter = (ctx: PlanContext, r: PlannedResource): void =>
  accept(ctx, r, 'transit');

function accept(ctx: PlanContext, r: PlannedResource, type: 'private' | 'transit'): void {
  const vifId = ctx.rv.id(r, ['virtual_interface_id']);
  const vgwId = type === 'private' ? ctx.rv.id(r, ['vpn_gateway_id']) : undefined;
  const dxgwId = ctx.rv.id(r, ['dx_gateway_id']);
  if (!vifId || (!vgwId && !dxgwId)) {
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: vifId ? 'dx_gateway_id' : 'virtual_interface_id',
    });
    return;
  }
  const i = ctx.virtualInterfaces.findIndex((x) => x.virtualInterfaceId === vifId);
  const hosted = i >= 0 ? ctx.virtualInterfaces[i]! : undefined;
  const vif = {
    virtualInterfaceId: vifId,
    type,
    state: 'available',
    bgpPeers: [],
    ...hosted,
    virtualGatewayId: vgwId,
    directConnectGatewayId: dxgwId,
    origin: hosted?.origin ?? ctx.originOf(r),
  };
  if (hosted) ctx.virtualInterfaces[i] = vif;
  else ctx.virtualInterfaces.push(vif);
}

function read(ctx: PlanContext, r: PlannedResource, type: 'private' | 'transit', hosted = false): void {
  const v = r.values;
  const vgwId = type === 'private' && !hosted ? ctx.rv.id(r, ['vpn_gateway_id']) : undefined;
  const dxgwId = hosted ? undefined : ctx.rv.id(r, ['dx_gateway_id']);
  if (!hosted && !vgwId && !dxgwId)
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
