import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { captured, FLOW_LOGS_DOC } from './coverage.js';

/**
 * A VPC without an active flow log where some subnet has no flow log of its own and holds an
 * interface without one either. Runs only when the snapshot holds describe-flow-logs for the
 * VPC's region and account. Detached interfaces (status `available`) carry no traffic and are
 * not counted.
 */
export const FL001: Rule = {
  meta: {
    id: 'FL001',
    area: 'FL',
    severity: 'warning',
    summary:
      'A VPC has no active flow log and some of its subnets hold interfaces that no subnet or interface flow log covers.',
    rationale:
      'Flow logs record which connections reached, or were refused by, each interface: without them a connectivity problem or a security incident cannot be investigated after the fact, and they cannot be turned on retroactively. A flow log on the VPC covers every interface in it, including ones created later; subnet and interface flow logs cover only what they name.',
    docs: [FLOW_LOGS_DOC],
    fix: 'Create a flow log on the VPC (`aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL ...`), or on each uncovered subnet.',
  },
  check({ net }: LintContext): Finding[] {
    if (!net.has('FlowLogs')) return [];
    const out: Finding[] = [];
    for (const vpc of net.data.vpcs) {
      if (!net.hasFor('FlowLogs', vpc.origin) || captured(net, vpc.vpcId)) continue;
      const subnets: string[] = [];
      const refs = [];
      let interfaces = 0;
      for (const s of net.subnetsOf(vpc.vpcId)) {
        if (captured(net, s.subnetId)) continue;
        const open = net
          .interfacesIn(s.subnetId)
          .filter((e) => e.status !== 'available' && !captured(net, e.networkInterfaceId));
        if (open.length === 0) continue;
        subnets.push(s.subnetId);
        refs.push(ref(s.subnetId, s.origin));
        interfaces += open.length;
      }
      if (subnets.length === 0) continue;
      const inactive = net
        .flowLogsOf(vpc.vpcId)
        .map((f) => `${f.flowLogId} (${f.flowLogStatus ?? 'unknown status'})`);
      out.push({
        ruleId: 'FL001',
        level: 'warning',
        resources: [ref(vpc.vpcId, vpc.origin), ...refs],
        data: { vpc: vpc.vpcId, subnets, interfaces, inactive },
      });
    }
    return out;
  },
};
