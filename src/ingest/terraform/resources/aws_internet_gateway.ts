/** aws_internet_gateway → InternetGateway attached to `vpc_id` (none when unset). */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { tagsOf } from '../values.js';

export function readInternetGateway(ctx: PlanContext, r: PlannedResource): void {
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  ctx.igws.push({
    internetGatewayId: ctx.rv.idOf(r),
    attachments: vpcId ? [{ vpcId, state: 'available' }] : [],
    tags: tagsOf(r.values),
    origin: ctx.originOf(r),
  });
}
