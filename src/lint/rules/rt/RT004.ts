import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** An IPv4 route whose target is an egress-only internet gateway (IPv6 only). */
export const RT004: Rule = {
  meta: {
    id: 'RT004',
    area: 'RT',
    severity: 'error',
    summary: 'An IPv4 route points at an egress-only internet gateway, which carries IPv6 only.',
    rationale:
      'An egress-only internet gateway handles IPv6 traffic only. IPv4 traffic sent to it is dropped; private IPv4 subnets reach the internet through a NAT gateway instead.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html'],
    fix: 'Route the IPv4 destination to a NAT gateway (or an internet gateway for a public subnet), and keep the egress-only gateway for ::/0.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const t of net.data.routeTables)
      for (const r of t.routes) {
        if (r.target.type !== 'egress-only-internet-gateway') continue;
        if (r.destination.kind !== 'cidr' || r.destination.cidr.family !== 4) continue;
        out.push({
          ruleId: 'RT004',
          level: 'error',
          resources: [ref(t.routeTableId, t.origin)],
          data: { table: t.routeTableId, destination: r.destinationText, target: r.target.id },
        });
      }
    return out;
  },
};
