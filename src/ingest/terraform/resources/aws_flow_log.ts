/**
 * aws_flow_log → FlowLog on the VPC, subnet, interface, transit gateway or TGW attachment it names
 * (`vpc_id`, `subnet_id`, `eni_id`, `transit_gateway_id`, `transit_gateway_attachment_id`).
 */
import type { FlowLogTrafficType } from '../../../model/index.js';
import { FLOW_LOG_TRAFFIC_TYPES } from '../../../model/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num, str, tagsOf } from '../values.js';

const TARGETS = ['vpc_id', 'subnet_id', 'eni_id', 'transit_gateway_id', 'transit_gateway_attachment_id'];

export function readFlowLog(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  let resourceId: string | undefined;
  for (const f of TARGETS) resourceId ??= ctx.rv.id(r, [f]);
  if (!resourceId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id', skipped: true });
    return;
  }
  const traffic = str(v, 'traffic_type');
  const trafficType = (FLOW_LOG_TRAFFIC_TYPES as readonly string[]).includes(traffic ?? '')
    ? (traffic as FlowLogTrafficType)
    : undefined;
  if (traffic && !trafficType)
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: 'traffic_type', value: traffic });
  ctx.flowLogs.push({
    flowLogId: ctx.rv.idOf(r),
    resourceId,
    trafficType,
    logDestinationType: str(v, 'log_destination_type') ?? 'cloud-watch-logs',
    logDestination: str(v, 'log_destination') ?? ctx.rv.id(r, ['log_destination']),
    logGroupName: str(v, 'log_group_name'),
    logFormat: str(v, 'log_format'),
    maxAggregationInterval: num(v, 'max_aggregation_interval'),
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
}
