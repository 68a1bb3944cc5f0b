import { isActiveFlowLog } from '../../../model/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { capturingScopes, FLOW_LOGS_DOC, rejectsLogged } from './coverage.js';

/**
 * An active flow log recording accepted traffic only, on a resource whose rejected traffic no other
 * flow log (on it, its subnet or its VPC) records.
 */
export const FL002: Rule = {
  meta: {
    id: 'FL002',
    area: 'FL',
    severity: 'note',
    summary: 'A flow log records accepted traffic only, and no other flow log records the rejected traffic.',
    rationale:
      'When a connection fails, the REJECT records are what show which security group or network ACL refused it. A flow log with traffic type ACCEPT leaves them out, and the traffic type of a flow log cannot be changed after it is created.',
    docs: [FLOW_LOGS_DOC],
    fix: 'Create a flow log with traffic type ALL (or REJECT) on the same resource, then delete the ACCEPT-only one.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const f of net.flowLogs.values()) {
      if (f.trafficType !== 'ACCEPT' || !isActiveFlowLog(f) || rejectsLogged(net, f.resourceId)) continue;
      out.push({
        ruleId: 'FL002',
        level: 'note',
        resources: [ref(f.flowLogId, f.origin), ref(f.resourceId)],
        data: { flowLog: f.flowLogId, resource: f.resourceId, scopes: capturingScopes(net, f.resourceId) },
      });
    }
    return out;
  },
};
