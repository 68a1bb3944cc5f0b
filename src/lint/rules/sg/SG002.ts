import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A security group no network interface uses. */
export const SG002: Rule = {
  meta: {
    id: 'SG002',
    area: 'SG',
    severity: 'note',
    summary: 'A security group is not used by any network interface in the snapshot.',
    rationale:
      'Unused security groups accumulate rules nobody reviews; attaching one later silently grants whatever it allows. Security Hub control EC2.22 flags them. (Default groups cannot be deleted and are not reported.)',
    docs: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-22',
      'https://docs.aws.amazon.com/vpc/latest/userguide/working-with-security-groups.html',
    ],
    fix: 'Delete the group if nothing needs it (aws ec2 delete-security-group), or tag it with its intended use.',
  },
  check({ net }: LintContext): Finding[] {
    // Without describe-network-interfaces, use cannot be known.
    if (!net.has('NetworkInterfaces')) return [];
    // An instance whose interfaces are missing means the interface list is partial: use is unknowable.
    for (const i of net.instances.values())
      if (i.state !== 'terminated' && net.interfacesOfInstance(i.instanceId).length === 0) return [];
    const referenced = new Set<string>();
    for (const g of net.data.securityGroups)
      for (const r of [...g.ingress, ...g.egress])
        if (r.peer.kind === 'security-group') referenced.add(r.peer.groupId);
    const endpointGroups = new Set(net.data.vpcEndpoints.flatMap((e) => e.groupIds));
    const out: Finding[] = [];
    for (const g of net.data.securityGroups) {
      if (g.groupName === 'default') continue;
      if (g.vpcId && !net.vpcs.has(g.vpcId)) continue;
      if (net.interfacesWithGroup(g.groupId).length > 0 || endpointGroups.has(g.groupId)) continue;
      out.push({
        ruleId: 'SG002',
        level: 'note',
        resources: [ref(g.groupId, g.origin)],
        data: { group: g.groupId, groupName: g.groupName, referenced: referenced.has(g.groupId) },
      });
    }
    return out;
  },
};
