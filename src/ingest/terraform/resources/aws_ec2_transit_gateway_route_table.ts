/**
 * aws_ec2_transit_gateway_route_table → TransitGatewayRouteTable; _association sets an
 * attachment's route table (an attachment has one: it replaces the default association);
 * _propagation adds a propagating attachment (its routes are computed by the engine);
 * aws_ec2_transit_gateway_route adds a static route (or a blackhole).
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, str, tagsOf } from '../values.js';

export function readTgwRouteTable(ctx: PlanContext, r: PlannedResource): void {
  const tgwId = ctx.rv.id(r, ['transit_gateway_id']);
  if (!tgwId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'transit_gateway_id' });
    return;
  }
  const id = ctx.rv.idOf(r);
  ctx.tgwRouteTables.set(id, {
    transitGatewayRouteTableId: id,
    transitGatewayId: tgwId,
    state: 'available',
    routes: [],
    routesComplete: false,
    propagatingAttachmentIds: [],
    tags: tagsOf(r.values),
    origin: ctx.originOf(r),
  });
}

function attachmentsOf(ctx: PlanContext, r: PlannedResource, tgwId: string) {
  const id = ctx.rv.id(r, ['transit_gateway_attachment_id']);
  const found = [...ctx.tgwAttachments.values()].filter(
    (a) => a.transitGatewayAttachmentId === id && a.transitGatewayId === tgwId,
  );
  if (found.length === 0)
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: 'transit_gateway_attachment_id',
      value: id,
    });
  return { id, found };
}

export function readTgwRouteTableAssociation(ctx: PlanContext, r: PlannedResource): void {
  const table = ctx.referenced(r, 'transit_gateway_route_table_id', ctx.tgwRouteTables);
  if (!table) return;
  for (const a of attachmentsOf(ctx, r, table.transitGatewayId).found)
    a.associatedRouteTableId = table.transitGatewayRouteTableId;
}

export function readTgwRouteTablePropagation(ctx: PlanContext, r: PlannedResource): void {
  const table = ctx.referenced(r, 'transit_gateway_route_table_id', ctx.tgwRouteTables);
  if (!table) return;
  const { id, found } = attachmentsOf(ctx, r, table.transitGatewayId);
  if (id && found.length > 0 && !table.propagatingAttachmentIds.includes(id))
    table.propagatingAttachmentIds = [...table.propagatingAttachmentIds, id];
}

export function readTgwRoute(ctx: PlanContext, r: PlannedResource): void {
  const table = ctx.referenced(r, 'transit_gateway_route_table_id', ctx.tgwRouteTables);
  if (!table) return;
  const text = str(r.values, 'destination_cidr_block');
  const cidr = ctx.cidr(r, 'destination_cidr_block', text);
  if (!cidr || !text) {
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: 'destination_cidr_block', skipped: true });
    return;
  }
  const blackhole = bool(r.values, 'blackhole') ?? false;
  const attachmentId = blackhole ? undefined : ctx.rv.id(r, ['transit_gateway_attachment_id']);
  if (!blackhole && !attachmentId) {
    ctx.warn({ code: 'ROUTE_TARGET_MISSING', resourceId: r.address, skipped: true });
    return;
  }
  table.routes = [
    ...table.routes,
    {
      destination: cidr,
      destinationText: text,
      type: 'static',
      state: blackhole ? 'blackhole' : 'active',
      attachmentIds: attachmentId ? [attachmentId] : [],
    },
  ];
  ctx.extraDecisionCidrs.push(cidr);
}
