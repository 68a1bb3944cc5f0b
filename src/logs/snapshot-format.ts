/**
 * The flow-log record format a snapshot's own flow logs use (describe-flow-logs `LogFormat`), as the
 * format of log files that carry no header line (CloudWatch Logs exports, Firehose). Knows only the
 * snapshot's FlowLogs; says nothing when the snapshot has none or its VPC flow logs disagree.
 */
import type { Network } from '../model/index.js';
import { isActiveFlowLog } from '../model/index.js';
import { parseFieldList } from './formats/flow-format.js';
import { DEFAULT_FLOW_FIELDS } from './formats/vpc-flow.js';

/** The one format the snapshot's active VPC flow logs share (and vpcsim can read), or undefined. */
export function snapshotFlowLogFormat(net: Network): string | undefined {
  const formats = new Set<string>();
  for (const f of net.flowLogs.values()) {
    // Transit gateway flow logs have their own (v6) records and are left out.
    if (!isActiveFlowLog(f) || f.resourceId.startsWith('tgw-')) continue;
    // No LogFormat in describe-flow-logs output means the default (version 2) format.
    formats.add((f.logFormat ?? DEFAULT_FLOW_FIELDS.map((n) => `\${${n}}`).join(' ')).trim());
  }
  const [only] = formats;
  // A format this version cannot read is no better than none: the caller's default applies.
  return formats.size === 1 && only !== undefined && parseFieldList(only).ok ? only : undefined;
}
