import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { endpointsFor, GATEWAY_SERVICES, natRoutedTables } from './services.js';

/** Private subnets reach S3/DynamoDB through a NAT gateway because no endpoint serves the service. */
export const EP001: Rule = {
  meta: {
    id: 'EP001',
    area: 'EP',
    severity: 'note',
    summary:
      'Private subnets reach S3 or DynamoDB through a NAT gateway: no gateway or interface endpoint for the service exists in the VPC.',
    rationale:
      'Without a VPC endpoint, traffic to S3 and DynamoDB from private subnets goes through the NAT gateway and the internet gateway: it pays NAT data-processing charges per GB and leaves the VPC. Gateway endpoints for S3 and DynamoDB are free and keep the traffic on the AWS network, where endpoint policies can restrict it.',
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-pricing.html',
    ],
    fix: "Create a gateway endpoint for the service and associate it with the private subnets' route tables (aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --route-table-ids ...).",
  },
  check({ net }: LintContext): Finding[] {
    if (!net.has('VpcEndpoints')) return [];
    const out: Finding[] = [];
    for (const { table, nat, subnets } of natRoutedTables(net)) {
      const missing = GATEWAY_SERVICES.filter((svc) => endpointsFor(net, table.vpcId, svc).length === 0);
      if (missing.length === 0) continue;
      out.push({
        ruleId: 'EP001',
        level: 'note',
        resources: [ref(table.routeTableId, table.origin)],
        data: { table: table.routeTableId, nat, services: missing, subnets },
      });
    }
    return out;
  },
};
