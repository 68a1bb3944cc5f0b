import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { endpointsFor, GATEWAY_SERVICES, natRoutedTables } from './services.js';

/** A gateway endpoint exists but the route table of subnets using the NAT gateway is not associated with it. */
export const EP002: Rule = {
  meta: {
    id: 'EP002',
    area: 'EP',
    severity: 'warning',
    summary:
      'A gateway endpoint for S3 or DynamoDB is not associated with the route table of private subnets, so their traffic to the service still goes through the NAT gateway.',
    rationale:
      'A gateway endpoint only serves subnets whose route table it is associated with (it adds a prefix-list route there). Private subnets on other route tables keep reaching the service through the NAT gateway: NAT charges, and the endpoint policy does not apply to them.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html'],
    fix: 'Associate the endpoint with the route table (aws ec2 modify-vpc-endpoint --vpc-endpoint-id <id> --add-route-table-ids <rtb>).',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const { table, nat, subnets } of natRoutedTables(net))
      for (const svc of GATEWAY_SERVICES) {
        const eps = endpointsFor(net, table.vpcId, svc);
        const gateways = eps.filter((e) => e.vpcEndpointType === 'Gateway');
        // An interface endpoint serves every subnet; a gateway endpoint on this table serves it.
        if (gateways.length === 0 || eps.length > gateways.length) continue;
        if (gateways.some((g) => g.routeTableIds.includes(table.routeTableId))) continue;
        const ep = gateways[0]!;
        out.push({
          ruleId: 'EP002',
          level: 'warning',
          resources: [ref(ep.vpcEndpointId, ep.origin), ref(table.routeTableId, table.origin)],
          data: { endpoint: ep.vpcEndpointId, service: svc, table: table.routeTableId, nat, subnets },
        });
      }
    return out;
  },
};
