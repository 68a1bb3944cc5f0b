/**
 * aws_ec2_transit_gateway_vpc_attachment → a `vpc` TransitGatewayAttachment: `subnet_ids` (one per
 * Availability Zone), `ipv6_support`, `appliance_mode_support`, and the default route table
 * association / propagation (`transit_gateway_default_route_table_association` / `_propagation`,
 * true unless set false). aws_ec2_transit_gateway_vpc_attachment_accepter (the transit gateway
 * owner's side of a cross-account attachment) gives the same attachment, read from the attributes
 * it exports, with its own association / propagation settings.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, str, strs, tagsOf } from '../values.js';
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

export function readTransitGatewayVpcAttachmentAccepter(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.id(r, ['transit_gateway_attachment_id']);
  const tgwId = str(v, 'transit_gateway_id');
  const vpcId = str(v, 'vpc_id');
  if (!id || !tgwId || !vpcId) {
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: !id ? 'transit_gateway_attachment_id' : !tgwId ? 'transit_gateway_id' : 'vpc_id',
    });
    return;
  }
  // The requester's attachment may be in this plan too (another provider alias): the accepter's
  // settings are the ones AWS applies on the transit gateway's side.
  const known = ctx.tgwAttachments.get(id);
  const v6 = str(v, 'ipv6_support');
  const appliance = str(v, 'appliance_mode_support');
  addAttachment(
    ctx,
    r,
    {
      transitGatewayAttachmentId: id,
      transitGatewayId: tgwId,
      resourceType: 'vpc',
      resourceId: vpcId,
      subnetIds: known?.subnetIds ?? strs(v, 'subnet_ids'),
      ipv6Support: v6 === undefined ? known?.ipv6Support : v6 === 'enable',
      applianceModeSupport: appliance === undefined ? known?.applianceModeSupport : appliance === 'enable',
      tags: tagsOf(v),
    },
    bool(v, 'transit_gateway_default_route_table_association') ?? true,
    bool(v, 'transit_gateway_default_route_table_propagation') ?? true,
  );
}
