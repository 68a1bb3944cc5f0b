/**
 * aws_ec2_transit_gateway_vpc_attachment → a `vpc` TransitGatewayAttachment: `subnet_ids` (one per
 * Availability Zone), `ipv6_support`, and the default route table association / propagation
 * (`transit_gateway_default_route_table_association` / `_propagation`, true unless set false).
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, str, tagsOf } from '../values.js';
import { addAttachment } from './aws_ec2_transit_gateway.js';

export function readTransitGatewayVpcAttachment(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const tgwId = ctx.rv.id(r, ['transit_gateway_id']);
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  if (!tgwId || !vpcId) {
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: tgwId ? 'vpc_id' : 'transit_gateway_id',
    });
    return;
  }
  const v6 = str(v, 'ipv6_support');
  const appliance = str(v, 'appliance_mode_support');
  addAttachment(
    ctx,
    r,
    {
      transitGatewayAttachmentId: ctx.rv.idOf(r),
      transitGatewayId: tgwId,
      resourceType: 'vpc',
      resourceId: vpcId,
      subnetIds: ctx.rv.ids(r, ['subnet_ids']),
      ipv6Support: v6 === undefined ? undefined : v6 === 'enable',
      applianceModeSupport: appliance === undefined ? undefined : appliance === 'enable',
      tags: tagsOf(v),
    },
    bool(v, 'transit_gateway_default_route_table_association') ?? true,
    bool(v, 'transit_gateway_default_route_table_propagation') ?? true,
  );
}
