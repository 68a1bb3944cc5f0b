import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { FLOW_LOGS_DOC } from './coverage.js';

/** A flow log whose records are not reaching their destination (`DeliverLogsStatus: FAILED`). */
export const FL003: Rule = {
  meta: {
    id: 'FL003',
    area: 'FL',
    severity: 'warning',
    summary: 'A flow log fails to deliver its records to its destination.',
    rationale:
      'A flow log whose delivery status is FAILED exists and looks active, but its records do not arrive: AWS reports "Access error" when the IAM role (or bucket policy) does not let the service publish, "Rate limited" when CloudWatch Logs throttles it or the log-group quota is reached. The traffic it was meant to record is lost.',
    docs: [FLOW_LOGS_DOC, 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_FlowLog.html'],
    fix: "Fix the delivery: give the flow log's IAM role permission to publish to the log group (or the bucket policy to the service), or raise the CloudWatch Logs quota; then check DeliverLogsStatus again.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const f of net.flowLogs.values()) {
      if (f.deliverLogsStatus !== 'FAILED') continue;
      out.push({
        ruleId: 'FL003',
        level: 'warning',
        resources: [ref(f.flowLogId, f.origin), ref(f.resourceId)],
        data: {
          flowLog: f.flowLogId,
          resource: f.resourceId,
          error: f.deliverLogsErrorMessage ?? '',
          destination: f.logDestination ?? f.logGroupName ?? '',
        },
      });
    }
    return out;
  },
};
