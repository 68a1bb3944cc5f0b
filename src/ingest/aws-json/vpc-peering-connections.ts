/** describe-vpc-peering-connections → VpcPeeringConnection with both sides' VPC, owner, region and CIDRs. */

import type { PeeringSide, VpcPeeringConnection } from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { cidrValue, eachResource, type ReadContext } from './context.js';
import { type JsonObject, obj, objs, str, tagsOf } from './json.js';

function side(ctx: ReadContext, o: JsonObject | undefined, pcxId: string, key: string): PeeringSide {
  const cidrBlocks: Cidr[] = [];
  const ipv6CidrBlocks: Cidr[] = [];
  const seen = new Set<string>();
  const add = (list: Cidr[], text: unknown, field: string, family: 4 | 6) => {
    if (typeof text === 'string' && seen.has(text)) return;
    const c = cidrValue(ctx, text, { resourceId: pcxId, field: `${key}.${field}` }, 'CIDR block', family);
    if (typeof text === 'string') seen.add(text);
    if (c) list.push(c);
  };
  if (o?.CidrBlock !== undefined) add(cidrBlocks, o.CidrBlock, 'CidrBlock', 4);
  objs(o, 'CidrBlockSet').forEach((c, i) => {
    add(cidrBlocks, c.CidrBlock, `CidrBlockSet[${i}].CidrBlock`, 4);
  });
  objs(o, 'Ipv6CidrBlockSet').forEach((c, i) => {
    add(ipv6CidrBlocks, c.Ipv6CidrBlock, `Ipv6CidrBlockSet[${i}].Ipv6CidrBlock`, 6);
  });
  return {
    vpcId: str(o, 'VpcId') ?? '',
    ownerId: str(o, 'OwnerId'),
    region: str(o, 'Region'),
    cidrBlocks,
    ipv6CidrBlocks,
  };
}

export function readVpcPeeringConnections(
  items: readonly unknown[],
  ctx: ReadContext,
): VpcPeeringConnection[] {
  return eachResource(items, ctx, 'VpcPeeringConnections', 'VpcPeeringConnectionId', (o, id) => {
    const requester = side(ctx, obj(o, 'RequesterVpcInfo'), id, 'RequesterVpcInfo');
    return {
      vpcPeeringConnectionId: id,
      status: str(obj(o, 'Status'), 'Code') ?? 'unknown',
      requester,
      accepter: side(ctx, obj(o, 'AccepterVpcInfo'), id, 'AccepterVpcInfo'),
      tags: tagsOf(o),
      origin: ctx.originFor(),
    };
  });
}
