/**
 * describe-flow-logs → FlowLog. An item without `FlowLogId` or `ResourceId` is skipped with
 * BAD_VALUE; a `TrafficType` other than ACCEPT, REJECT or ALL gives BAD_VALUE and the log is kept
 * without one (it still says the resource is captured). Transit gateway flow logs print no
 * `TrafficType` at all.
 */
import { FLOW_LOG_TRAFFIC_TYPES, type FlowLog, type FlowLogTrafficType } from '../../model/index.js';
import { badValue, eachResource, type ReadContext, required } from './context.js';
import { num, str, tagsOf } from './json.js';

export function readFlowLogs(items: readonly unknown[], ctx: ReadContext): FlowLog[] {
  return eachResource(items, ctx, 'FlowLogs', 'FlowLogId', (o, flowLogId) => {
    const resourceId = required(ctx, o, 'ResourceId', flowLogId);
    if (resourceId === undefined) return undefined;
    const traffic = o.TrafficType;
    let trafficType: FlowLogTrafficType | undefined;
    if (typeof traffic === 'string' && (FLOW_LOG_TRAFFIC_TYPES as readonly string[]).includes(traffic))
      trafficType = traffic as FlowLogTrafficType;
    else if (traffic !== undefined)
      badValue(
        ctx,
        { resourceId: flowLogId, field: 'TrafficType' },
        traffic,
        undefined,
        `expected one of ${FLOW_LOG_TRAFFIC_TYPES.join(', ')}`,
      );
    return {
      flowLogId,
      resourceId,
      trafficType,
      logDestinationType: str(o, 'LogDestinationType'),
      logDestination: str(o, 'LogDestination'),
      logGroupName: str(o, 'LogGroupName'),
      logFormat: str(o, 'LogFormat'),
      flowLogStatus: str(o, 'FlowLogStatus'),
      deliverLogsStatus: str(o, 'DeliverLogsStatus'),
      deliverLogsErrorMessage: str(o, 'DeliverLogsErrorMessage'),
      maxAggregationInterval: num(o, 'MaxAggregationInterval'),
      creationTime: str(o, 'CreationTime'),
      tags: tagsOf(o),
      origin: ctx.originFor(),
    };
  });
}
