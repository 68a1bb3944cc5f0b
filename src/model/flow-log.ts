/**
 * A VPC flow log (describe-flow-logs): which resource it captures (a VPC, subnet, network interface,
 * transit gateway or transit gateway attachment), which traffic, and where the records go.
 */
import type { Origin, Tags } from './common.js';

/** What a flow log records: accepted traffic, rejected traffic, or both. */
export type FlowLogTrafficType = 'ACCEPT' | 'REJECT' | 'ALL';

export const FLOW_LOG_TRAFFIC_TYPES: readonly FlowLogTrafficType[] = ['ACCEPT', 'REJECT', 'ALL'];

export interface FlowLog {
  readonly flowLogId: string;
  /** The VPC, subnet, network interface, transit gateway or attachment the log captures. */
  readonly resourceId: string;
  /** Absent for transit gateway flow logs (they capture all traffic) or when the value was not understood. */
  readonly trafficType?: FlowLogTrafficType | undefined;
  /** `cloud-watch-logs`, `s3` or `kinesis-data-firehose`. */
  readonly logDestinationType?: string | undefined;
  readonly logDestination?: string | undefined;
  /** CloudWatch Logs group (older output names it here instead of `logDestination`). */
  readonly logGroupName?: string | undefined;
  /** The record format, `${version} ${account-id} ...`; absent means the default (version 2) format. */
  readonly logFormat?: string | undefined;
  /** `ACTIVE` when the log is capturing. */
  readonly flowLogStatus?: string | undefined;
  /** `SUCCESS` or `FAILED` (records are not reaching the destination). */
  readonly deliverLogsStatus?: string | undefined;
  readonly deliverLogsErrorMessage?: string | undefined;
  /** Seconds over which a record aggregates packets: 60 or 600. */
  readonly maxAggregationInterval?: number | undefined;
  readonly creationTime?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}

/** The flow log is capturing (AWS prints `FlowLogStatus: ACTIVE`; a missing status is taken as active). */
export function isActiveFlowLog(f: FlowLog): boolean {
  return f.flowLogStatus === undefined || f.flowLogStatus === 'ACTIVE';
}
