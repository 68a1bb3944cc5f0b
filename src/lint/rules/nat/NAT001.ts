import { internetRouteOfSubnet } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A public NAT gateway in a subnet whose route table has no route to an internet gateway. */
export const NAT001: Rule = {
  meta: {
    id: 'NAT001',
    area: 'NAT',
    severity: 'error',
    summary: 'A public NAT gateway sits in a subnet with no route to an internet gateway.',
    rationale:
      "A public NAT gateway forwards traffic to the internet through the internet gateway of its own subnet's route table. It must be created in a public subnet (a subnet whose route table sends 0.0.0.0/0 to an internet gateway); otherwise every private subnet routed to it loses internet access.",
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html'],
    fix: "Create the NAT gateway in a public subnet, or add a 0.0.0.0/0 route to the internet gateway in the NAT gateway subnet's route table.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const ng of net.data.natGateways) {
      if (ng.connectivityType !== 'public' || ng.state !== 'available') continue;
      if (!net.subnets.has(ng.subnetId) || !net.routeTableFor(ng.subnetId)) continue;
      const r = internetRouteOfSubnet(net, ng.subnetId);
      if (r?.target.type === 'internet-gateway') continue;
      out.push({
        ruleId: 'NAT001',
        level: 'error',
        resources: [ref(ng.natGatewayId, ng.origin)],
        data: {
          nat: ng.natGatewayId,
          subnet: ng.subnetId,
          route: r ? `${r.destinationText} -> ${r.target.id}` : 'none',
        },
      });
    }
    return out;
  },
};
