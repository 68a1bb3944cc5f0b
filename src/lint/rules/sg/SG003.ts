import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A rule references a security group that does not exist (deleted) or a stale cross-VPC reference. */
export const SG003: Rule = {
  meta: {
    id: 'SG003',
    area: 'SG',
    severity: 'warning',
    summary: 'A security group rule references a group that is missing from the account or stale.',
    rationale:
      'A rule that references a deleted group, or a group in a peer VPC whose peering connection was deleted, matches nothing: it is a stale rule (describe-stale-security-groups). The access it was meant to grant silently stops working, and the rule misleads reviewers.',
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeStaleSecurityGroups.html',
    ],
    fix: "Remove the stale rule, or point it at an existing group (or the peer VPC's CIDR).",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const g of net.data.securityGroups)
      for (const r of [...g.ingress, ...g.egress]) {
        const p = r.peer;
        if (p.kind !== 'security-group') continue;
        const stalePeering =
          p.peeringStatus === 'deleted' || p.peeringStatus === 'rejected' || p.peeringStatus === 'expired';
        // A group of another account cannot be checked from this snapshot.
        const sameAccount = !p.userId || !g.ownerId || p.userId === g.ownerId;
        const missing = sameAccount && !p.vpcPeeringConnectionId && !net.securityGroups.has(p.groupId);
        if (!stalePeering && !missing) continue;
        out.push({
          ruleId: 'SG003',
          level: 'warning',
          resources: [ref(g.groupId, g.origin)],
          data: {
            group: g.groupId,
            direction: r.egress ? 'outbound' : 'inbound',
            referenced: p.groupId,
            why: stalePeering
              ? `peering ${p.vpcPeeringConnectionId ?? ''} ${p.peeringStatus}`.replace('  ', ' ')
              : 'missing',
          },
        });
      }
    return out;
  },
};
