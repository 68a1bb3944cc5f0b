/**
 * aws_route_table and aws_default_route_table → RouteTable with the inline `route` blocks (the
 * local routes are added when the network is assembled).
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { routeFrom } from '../routes.js';
import { tagsOf } from '../values.js';

export function readRouteTable(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.idOf(r);
  const existing = ctx.routeTables.get(id);
  const vpcId = existing?.rt.vpcId ?? ctx.rv.id(r, ['vpc_id']);
  if (!vpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
    return;
  }
  // Terraform aws_default_route_table: adopts the main table and replaces its routes with the listed ones.
  const entry = existing ?? { rt: ctx.emptyTable(id, vpcId, {}, ctx.originOf(r)), routes: [], assoc: [] };
  entry.rt = { ...entry.rt, tags: tagsOf(r.values), origin: ctx.originOf(r) };
  entry.routes = [];
  ctx.blocks(r, 'route').forEach((b, i) => {
    const route = routeFrom(ctx, r, b.values, ['route', b.configIndex], `route[${i}]`);
    if (route) entry.routes.push(route);
    else entry.rt = { ...entry.rt, incomplete: true };
  });
  ctx.routeTables.set(id, entry);
}
