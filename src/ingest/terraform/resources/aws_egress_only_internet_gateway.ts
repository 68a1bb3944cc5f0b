/** aws_egress_only_internet_gateway → EgressOnlyInternetGateway attached to `vpc_id` (describe prints state `attached`). */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { tagsOf } from '../values.js';

export function readEgressOnlyInternetGateway(ctx: PlanContext, r: PlannedResource): void {
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  if (!vpcId) ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
  ctx.eigws.push({
    egressOnlyInternetGatewayId: ctx.rv.idOf(r),
    attachments: vpcId ? [{ vpcId, state: 'attached' }] : [],
    tags: tagsOf(r.values),
    origin: ctx.originOf(r),
  });
}
