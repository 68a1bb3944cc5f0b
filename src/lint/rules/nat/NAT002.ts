import { internetRouteOfSubnet } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A private NAT gateway whose subnet routes internet-bound traffic to an internet gateway. */
export const NAT002: Rule = {
  meta: {
    id: 'NAT002',
    area: 'NAT',
    severity: 'error',
    summary: "A private NAT gateway's subnet routes internet traffic to an internet gateway.",
    rationale:
      'A private NAT gateway has no Elastic IP: traffic it sends to an internet gateway is dropped by the internet gateway. Private NAT gateways are for reaching other VPCs or on-premises networks through a transit gateway or virtual private gateway.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html#nat-gateway-basics'],
    fix: "Use a public NAT gateway for internet access, or route the private NAT gateway subnet's traffic to a transit gateway or virtual private gateway.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const ng of net.data.natGateways) {
      if (ng.connectivityType !== 'private' || ng.state !== 'available') continue;
      const r = internetRouteOfSubnet(net, ng.subnetId);
      if (r?.target.type !== 'internet-gateway') continue;
      out.push({
        ruleId: 'NAT002',
        level: 'error',
        resources: [ref(ng.natGatewayId, ng.origin)],
        data: { nat: ng.natGatewayId, subnet: ng.subnetId, route: `${r.destinationText} -> ${r.target.id}` },
      });
    }
    return out;
  },
};
