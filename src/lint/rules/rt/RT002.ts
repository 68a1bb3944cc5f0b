import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { targetMissing } from './RT003.js';

/** A route in the blackhole state: matching traffic is dropped. */
export const RT002: Rule = {
  meta: {
    id: 'RT002',
    area: 'RT',
    severity: 'warning',
    summary: 'A route is in the blackhole state: traffic it matches is dropped.',
    rationale:
      'A route becomes a blackhole when its target (NAT gateway, network interface, instance, peering connection, gateway) is deleted or detached. AWS does not fall back to a less specific route: traffic matching the blackhole route is silently dropped.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html'],
    fix: 'Delete the route, or replace it with a route to a target that exists (aws ec2 replace-route).',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const t of net.data.routeTables)
      for (const r of t.routes) {
        if (r.state !== 'blackhole') continue;
        out.push({
          ruleId: 'RT002',
          level: 'warning',
          resources: [ref(t.routeTableId, t.origin)],
          data: {
            table: t.routeTableId,
            destination: r.destinationText,
            target: r.target.id || 'unknown',
            why: targetMissing(net, t, r) ?? '',
          },
        });
      }
    return out;
  },
};
