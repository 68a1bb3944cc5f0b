import { internetRouteOfSubnet } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A subnet whose internet traffic goes to a NAT gateway in another Availability Zone. */
export const NAT003: Rule = {
  meta: {
    id: 'NAT003',
    area: 'NAT',
    severity: 'warning',
    summary: 'A subnet sends its internet traffic to a NAT gateway in another Availability Zone.',
    rationale:
      'A NAT gateway is redundant only within its Availability Zone. Subnets routed to a NAT gateway in another zone lose internet access when that zone fails, and pay cross-AZ data transfer. AWS recommends one NAT gateway per zone, each serving the subnets of its own zone.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html#nat-gateway-basics'],
    fix: "Create a NAT gateway in the subnet's Availability Zone and route the subnet (through its own route table) to it.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const s of net.data.subnets) {
      const r = internetRouteOfSubnet(net, s.subnetId);
      if (r?.target.type !== 'nat-gateway') continue;
      const ng = net.natGateways.get(r.target.id);
      const natAz = ng ? net.subnets.get(ng.subnetId)?.availabilityZone : undefined;
      if (!ng || !natAz || !s.availabilityZone || natAz === s.availabilityZone) continue;
      out.push({
        ruleId: 'NAT003',
        level: 'warning',
        resources: [ref(s.subnetId, s.origin), ref(ng.natGatewayId, ng.origin)],
        data: { subnet: s.subnetId, subnetAz: s.availabilityZone, nat: ng.natGatewayId, natAz },
      });
    }
    return out;
  },
};
