/**
 * aws_route_table_association (a subnet or an edge gateway) and aws_main_route_table_association
 * (the table becomes the VPC's main table; AWS keeps exactly one main association per VPC).
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';

export function readRouteTableAssociation(ctx: PlanContext, r: PlannedResource): void {
  const entry = ctx.referenced(r, 'route_table_id', ctx.routeTables);
  if (!entry) return;
  entry.assoc.push({
    routeTableAssociationId: ctx.rv.idOf(r),
    main: false,
    subnetId: ctx.rv.id(r, ['subnet_id']),
    gatewayId: ctx.rv.id(r, ['gateway_id']),
    state: 'associated',
  });
}

export function readMainRouteTableAssociation(ctx: PlanContext, r: PlannedResource): void {
  const tableId = ctx.rv.id(r, ['route_table_id']);
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  const entry = tableId ? ctx.routeTables.get(tableId) : undefined;
  if (!entry || !vpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'route_table_id', value: tableId });
    return;
  }
  for (const other of ctx.routeTables.values())
    if (other.rt.vpcId === vpcId) other.assoc = other.assoc.filter((a) => !a.main);
  entry.assoc.push({ routeTableAssociationId: ctx.rv.idOf(r), main: true, state: 'associated' });
}
