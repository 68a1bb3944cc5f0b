/** describe-subnets → Subnet: one IPv4 block (absent for IPv6-only subnets), associated IPv6 blocks, AZ. */

import type { Subnet } from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { cidrValue, eachResource, type ReadContext, required } from './context.js';
import { bool, obj, objs, str, tagsOf } from './json.js';
import { isAssociated } from './vpcs.js';

export function readSubnets(items: readonly unknown[], ctx: ReadContext): Subnet[] {
  return eachResource(items, ctx, 'Subnets', 'SubnetId', (o, subnetId) => {
    const vpcId = required(ctx, o, 'VpcId', subnetId);
    if (vpcId === undefined) return undefined;
    const cidrBlock =
      o.CidrBlock === undefined
        ? undefined
        : cidrValue(ctx, o.CidrBlock, { resourceId: subnetId, field: 'CidrBlock' }, 'CIDR block', 4);
    const ipv6CidrBlocks: Cidr[] = [];
    objs(o, 'Ipv6CidrBlockAssociationSet').forEach((a, i) => {
      if (!isAssociated(a, 'Ipv6CidrBlockState')) return;
      const field = `Ipv6CidrBlockAssociationSet[${i}].Ipv6CidrBlock`;
      const c = cidrValue(ctx, a.Ipv6CidrBlock, { resourceId: subnetId, field }, 'IPv6 CIDR block', 6);
      if (c) ipv6CidrBlocks.push(c);
    });
    const ownerId = str(o, 'OwnerId');
    const availabilityZone = str(o, 'AvailabilityZone');
    return {
      subnetId,
      vpcId,
      cidrBlock,
      ipv6CidrBlocks,
      availabilityZone,
      mapPublicIpOnLaunch: bool(o, 'MapPublicIpOnLaunch') ?? false,
      internetGatewayBlockMode: str(obj(o, 'BlockPublicAccessStates'), 'InternetGatewayBlockMode'),
      ownerId,
      tags: tagsOf(o),
      origin: ctx.originFor(ownerId, availabilityZone),
    };
  });
}
