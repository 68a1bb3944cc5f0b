/**
 * aws_ec2_transit_gateway → TransitGateway, and its default route table when
 * `default_route_table_association` or `_propagation` is `enable` (the provider's default): AWS
 * creates that table with the gateway and associates / propagates new attachments to it unless an
 * attachment opts out (Transit Gateway guide, "Default route table").
 * Also the shared helper that adds an attachment and applies those defaults.
 */
import type { TransitGatewayAttachment } from '../../../model/index.js';
import type { Mutable, PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num, str, tagsOf } from '../values.js';

export function readTransitGateway(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.idOf(r);
  const assoc = str(v, 'default_route_table_association') !== 'disable';
  const prop = str(v, 'default_route_table_propagation') !== 'disable';
  const table = assoc || prop ? defaultTableId(ctx, r) : undefined;
  ctx.transitGateways.set(id, {
    transitGatewayId: id,
    state: 'available',
    ownerId: str(v, 'owner_id'),
    amazonSideAsn: num(v, 'amazon_side_asn') ?? 64512,
    associationDefaultRouteTableId: assoc ? table : undefined,
    propagationDefaultRouteTableId: prop ? table : undefined,
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
  if (table)
    ctx.tgwRouteTables.set(table, {
      transitGatewayRouteTableId: table,
      transitGatewayId: id,
      state: 'available',
      routes: [],
      routesComplete: false,
      propagatingAttachmentIds: [],
      tags: {},
      origin: ctx.originOf(r),
    });
}

/** The default route table: its known id, else `tf:<address>.association_default_route_table_id`. */
function defaultTableId(ctx: PlanContext, r: PlannedResource): string {
  return (
    str(r.values, 'association_default_route_table_id') ??
    str(r.values, 'propagation_default_route_table_id') ??
    ctx.rv.attrId(r, 'association_default_route_table_id')
  );
}

/**
 * Adds an attachment of `transitGatewayId`, associated with and propagating to the gateway's default
 * route table unless `associate` / `propagate` say no.
 */
export function addAttachment(
  ctx: PlanContext,
  r: PlannedResource,
  a: Omit<TransitGatewayAttachment, 'state' | 'origin'> & { state?: string },
  associate: boolean,
  propagate: boolean,
  key = a.transitGatewayAttachmentId,
): Mutable<TransitGatewayAttachment> {
  const tgw = ctx.transitGateways.get(a.transitGatewayId);
  const att: Mutable<TransitGatewayAttachment> = {
    ...a,
    state: a.state ?? 'available',
    associatedRouteTableId: associate ? tgw?.associationDefaultRouteTableId : undefined,
    origin: ctx.originOf(r),
  };
  ctx.tgwAttachments.set(key, att);
  const table = propagate && tgw?.propagationDefaultRouteTableId;
  const t = table ? ctx.tgwRouteTables.get(table) : undefined;
  if (t) t.propagatingAttachmentIds = [...t.propagatingAttachmentIds, a.transitGatewayAttachmentId];
  return att;
}
