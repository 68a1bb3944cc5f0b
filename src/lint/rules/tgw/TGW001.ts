import type { Route } from '../../../model/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** Route targets that put a stateful middlebox in the path (an instance, an ENI, a Gateway Load Balancer endpoint). */
function applianceTarget(ctx: LintContext, r: Route): string | undefined {
  const t = r.target;
  if (t.type === 'instance' || t.type === 'network-interface') return t.id;
  if (t.type === 'vpc-endpoint' && ctx.net.vpcEndpoints.get(t.id)?.vpcEndpointType === 'GatewayLoadBalancer')
    return t.id;
  return undefined;
}

/**
 * A transit gateway VPC attachment in several Availability Zones whose subnets route traffic to an
 * appliance, without appliance mode: the two directions of a flow may cross different appliances.
 */
export const TGW001: Rule = {
  meta: {
    id: 'TGW001',
    area: 'TGW',
    severity: 'warning',
    summary:
      'A transit gateway attachment sends traffic to a stateful appliance in several Availability Zones without appliance mode.',
    rationale:
      "By default a transit gateway keeps traffic in the Availability Zone it came from: a flow between two zones enters the inspection VPC in one zone and its reply in the other, so each direction meets a different firewall or appliance, which drops what it has no state for. Appliance mode makes the transit gateway pick one zone of the attachment for the whole flow, both ways. A trace between two zones shows the drop (ASYMMETRIC_ROUTING at the other zone's appliance); this rule finds the setting without a flow to trace.",
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html',
      'https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html',
    ],
    fix: 'Enable appliance mode on the attachment: `aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id <id> --options ApplianceModeSupport=enable` (Terraform: appliance_mode_support = "enable").',
  },
  check(ctx: LintContext): Finding[] {
    const { net } = ctx;
    const out: Finding[] = [];
    for (const a of net.transitGatewayAttachments.values()) {
      // Not captured (no describe-transit-gateway-vpc-attachments): nothing to say.
      if (a.resourceType !== 'vpc' || a.applianceModeSupport !== false) continue;
      const zones = new Set<string>();
      for (const s of a.subnetIds) {
        const zone = net.subnets.get(s)?.availabilityZone;
        if (zone) zones.add(zone);
      }
      if (zones.size < 2) continue;
      const appliances = new Set<string>();
      const tables = new Set<string>();
      for (const s of a.subnetIds) {
        const rt = net.routeTableFor(s)?.table;
        if (!rt) continue;
        for (const r of rt.routes) {
          const t = applianceTarget(ctx, r);
          if (t === undefined) continue;
          appliances.add(t);
          tables.add(rt.routeTableId);
        }
      }
      if (appliances.size === 0) continue;
      out.push({
        ruleId: 'TGW001',
        level: 'warning',
        resources: [ref(a.transitGatewayAttachmentId, a.origin)],
        data: {
          attachment: a.transitGatewayAttachmentId,
          vpc: a.resourceId,
          zones: [...zones].sort(),
          appliances: [...appliances].sort(),
          tables: [...tables].sort(),
        },
      });
    }
    return out;
  },
};
