/**
 * aws_dx_gateway → DirectConnectGateway; aws_dx_gateway_association → its association with a
 * virtual private gateway or transit gateway (`associated_gateway_id`, `allowed_prefixes`). With a
 * transit gateway AWS creates a `direct-connect-gateway` attachment on it, associated with and
 * propagating to the default route table (Direct Connect guide, "Transit gateway associations").
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num, str, strs } from '../values.js';
import { addAttachment } from './aws_ec2_transit_gateway.js';

export function readDxGateway(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.idOf(r);
  ctx.dxGateways.set(id, {
    directConnectGatewayId: id,
    name: str(r.values, 'name'),
    state: 'available',
    amazonSideAsn: num(r.values, 'amazon_side_asn'),
    origin: ctx.originOf(r),
  });
}

export function readDxGatewayAssociation(ctx: PlanContext, r: PlannedResource): void {
  const dxgwId = ctx.rv.id(r, ['dx_gateway_id']);
  const target = ctx.rv.ref(r, ['associated_gateway_id']);
  const gatewayId = ctx.rv.id(r, ['associated_gateway_id']) ?? ctx.rv.id(r, ['vpn_gateway_id']);
  if (!dxgwId || !gatewayId) {
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: dxgwId ? 'associated_gateway_id' : 'dx_gateway_id',
    });
    return;
  }
  const isTgw =
    target?.res.type === 'aws_ec2_transit_gateway' ||
    str(r.values, 'associated_gateway_type') === 'transitGateway' ||
    gatewayId.startsWith('tgw-');
  const allowed = strs(r.values, 'allowed_prefixes')
    .map((t, i) => ctx.cidr(r, `allowed_prefixes[${i}]`, t))
    .filter((c) => c !== undefined);
  ctx.dxAssociations.push({
    directConnectGatewayId: dxgwId,
    state: 'associated',
    gatewayId,
    gatewayType: isTgw ? 'transitGateway' : 'virtualPrivateGateway',
    allowedPrefixes: allowed,
    origin: ctx.originOf(r),
  });
  ctx.extraDecisionCidrs.push(...allowed);
  if (isTgw)
    addAttachment(
      ctx,
      r,
      {
        transitGatewayAttachmentId:
          str(r.values, 'transit_gateway_attachment_id') ?? ctx.rv.attrId(r, 'transit_gateway_attachment_id'),
        transitGatewayId: gatewayId,
        resourceType: 'direct-connect-gateway',
        resourceId: dxgwId,
        subnetIds: [],
        tags: {},
      },
      true,
      true,
    );
}
