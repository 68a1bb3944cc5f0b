import { subnetsOfTable } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** The main route table carries routes beyond `local` while subnets use it implicitly. */
export const RT001: Rule = {
  meta: {
    id: 'RT001',
    area: 'RT',
    severity: 'warning',
    summary: 'The main route table has routes beyond local and subnets use it implicitly.',
    rationale:
      'Every subnet without an explicit association silently uses the main route table, including subnets created later. A main table with a route to a gateway makes new subnets routable (often public) by accident. AWS recommends leaving the main table in its original state (local route only) and associating each subnet explicitly with a custom table.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html'],
    fix: 'Leave the main route table with only the local route; create a custom route table with the extra routes and associate each subnet with it explicitly.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const vpc of net.data.vpcs) {
      const main = net.mainRouteTableOf(vpc.vpcId);
      if (!main) continue;
      // Gateway-endpoint routes are harmless on any table; everything else makes implicit subnets routable.
      const extra = main.routes.filter((r) => r.target.type !== 'local' && r.target.type !== 'vpc-endpoint');
      if (extra.length === 0) continue;
      const implicit = subnetsOfTable(net, main).filter((s) => !net.routeTableFor(s.subnetId)?.explicit);
      if (implicit.length === 0) continue;
      out.push({
        ruleId: 'RT001',
        level: 'warning',
        resources: [ref(main.routeTableId, main.origin), ...implicit.map((s) => ref(s.subnetId, s.origin))],
        data: {
          table: main.routeTableId,
          routes: extra.map((r) => `${r.destinationText} -> ${r.target.id}`),
          subnets: implicit.map((s) => s.subnetId),
        },
      });
    }
    return out;
  },
};
