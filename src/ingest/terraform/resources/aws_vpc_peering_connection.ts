/**
 * aws_vpc_peering_connection (requester side: `vpc_id`, `peer_vpc_id`, `peer_owner_id`,
 * `peer_region`, `auto_accept`), aws_vpc_peering_connection_accepter (accepter side: accepts the
 * connection of `vpc_peering_connection_id`) and aws_vpc_peering_connection_options (DNS options
 * only: nothing to model) → VpcPeeringConnection.
 * Status: `accept_status` when known; else `active` when it is auto-accepted by either side (AWS
 * accepts at once a request within one account and region with auto_accept), else
 * `pending-acceptance`, which carries no traffic.
 */
import type { PeeringSide, VpcPeeringConnection } from '../../../model/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, str, tagsOf } from '../values.js';

function side(ctx: PlanContext, vpcId: string, ownerId?: string, region?: string): PeeringSide {
  const vpc = ctx.vpcs.get(vpcId);
  return {
    vpcId,
    ownerId,
    region: region ?? vpc?.region ?? ctx.origin.region,
    cidrBlocks: vpc?.cidrBlocks ?? [],
    ipv6CidrBlocks: vpc?.ipv6CidrBlocks ?? [],
  };
}

export function readVpcPeeringConnection(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.idOf(r);
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  const peerVpcId = ctx.rv.id(r, ['peer_vpc_id']);
  if (!vpcId || !peerVpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: vpcId ? 'peer_vpc_id' : 'vpc_id' });
    return;
  }
  const status = str(v, 'accept_status') ?? (bool(v, 'auto_accept') ? 'active' : 'pending-acceptance');
  ctx.peerings.set(id, {
    vpcPeeringConnectionId: id,
    status,
    requester: side(ctx, vpcId),
    accepter: side(ctx, peerVpcId, str(v, 'peer_owner_id'), str(v, 'peer_region')),
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
}

export function readVpcPeeringConnectionAccepter(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.id(r, ['vpc_peering_connection_id']);
  if (!id) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_peering_connection_id' });
    return;
  }
  const known = ctx.peerings.get(id);
  const accepted = str(v, 'accept_status') ?? (bool(v, 'auto_accept') ? 'active' : undefined);
  if (known) {
    if (accepted && known.status === 'pending-acceptance')
      ctx.peerings.set(id, { ...known, status: accepted });
    return;
  }
  // The request was made elsewhere (another account or plan): this side knows both VPCs once planned.
  const vpcId = str(v, 'vpc_id');
  const peerVpcId = str(v, 'peer_vpc_id');
  if (!vpcId || !peerVpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id', value: id });
    return;
  }
  const pcx: VpcPeeringConnection = {
    vpcPeeringConnectionId: id,
    status: accepted ?? 'pending-acceptance',
    requester: side(ctx, peerVpcId, str(v, 'peer_owner_id'), str(v, 'peer_region')),
    accepter: side(ctx, vpcId),
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  };
  ctx.peerings.set(id, pcx);
}

/** DNS resolution options of a peering: no effect on which packets pass. */
export function readVpcPeeringConnectionOptions(_ctx: PlanContext, _r: PlannedResource): void {}
