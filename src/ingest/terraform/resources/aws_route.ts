/** aws_route → one route added to the table of `route_table_id`. */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { routeFrom } from '../routes.js';

export function readRoute(ctx: PlanContext, r: PlannedResource): void {
  const entry = ctx.referenced(r, 'route_table_id', ctx.routeTables);
  if (!entry) return;
  const route = routeFrom(ctx, r, r.values, [], '');
  if (route) entry.routes.push(route);
  else entry.rt = { ...entry.rt, incomplete: true };
}
