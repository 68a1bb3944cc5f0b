/**
 * aws_ec2_transit_gateway_peering_attachment (requester: `transit_gateway_id`,
 * `peer_transit_gateway_id`) and aws_ec2_transit_gateway_peering_attachment_accepter → a `peering`
 * attachment on each side. Peering attachments are never associated with or propagated to the
 * default route table: routes over them are static only (Transit Gateway guide, "Peering attachments").
 * Until accepted the attachment is `pendingAcceptance` and carries nothing.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { tagsOf } from '../values.js';
import { addAttachment } from './aws_ec2_transit_gateway.js';

export function readTgwPeeringAttachment(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.idOf(r);
  const tgwId = ctx.rv.id(r, ['transit_gateway_id']);
  const peerId = ctx.rv.id(r, ['peer_transit_gateway_id']);
  if (!tgwId || !peerId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'transit_gateway_id' });
    return;
  }
  for (const [mine, theirs] of [
    [tgwId, peerId],
    [peerId, tgwId],
  ] as const) {
    if (mine === peerId && !ctx.transitGateways.has(peerId)) continue;
    addAttachment(
      ctx,
      r,
      {
        transitGatewayAttachmentId: id,
        transitGatewayId: mine,
        resourceType: 'peering',
        resourceId: theirs,
        state: 'pendingAcceptance',
        subnetIds: [],
        tags: tagsOf(r.values),
      },
      false,
      false,
      `${id}|${mine}`,
    );
  }
}

export function readTgwPeeringAttachmentAccepter(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.id(r, ['transit_gateway_attachment_id']);
  const sides = [...ctx.tgwAttachments.values()].filter(
    (a) => a.transitGatewayAttachmentId === id && a.resourceType === 'peering',
  );
  if (!id || sides.length === 0) {
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: 'transit_gateway_attachment_id',
      value: id,
    });
    return;
  }
  for (const a of sides) a.state = 'available';
}
