/** describe-vpcs → Vpc: associated IPv4 blocks (primary first) and associated IPv6 blocks. */

import type { Vpc } from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { cidrValue, eachResource, type ReadContext } from './context.js';
import { bool, type JsonObject, obj, objs, str, tagsOf } from './json.js';

/** Only blocks in state `associated` route traffic; missing state counts as associated. */
export function isAssociated(o: JsonObject, stateKey: string): boolean {
  const state = str(obj(o, stateKey), 'State');
  return state === undefined || state === 'associated';
}

export function readVpcs(items: readonly unknown[], ctx: ReadContext): Vpc[] {
  return eachResource(items, ctx, 'Vpcs', 'VpcId', (o, vpcId) => {
    const blocks: { text: unknown; cidr: Cidr }[] = [];
    const assoc = objs(o, 'CidrBlockAssociationSet');
    if (assoc.length > 0) {
      assoc.forEach((a, i) => {
        if (!isAssociated(a, 'CidrBlockState')) return;
        const field = `CidrBlockAssociationSet[${i}].CidrBlock`;
        const cidr = cidrValue(ctx, a.CidrBlock, { resourceId: vpcId, field }, 'CIDR block', 4);
        if (cidr) blocks.push({ text: a.CidrBlock, cidr });
      });
      // `CidrBlock` is the primary block: put it first.
      const at = blocks.findIndex((b) => b.text === o.CidrBlock);
      if (at > 0) blocks.unshift(...blocks.splice(at, 1));
    } else if (o.CidrBlock !== undefined) {
      const cidr = cidrValue(ctx, o.CidrBlock, { resourceId: vpcId, field: 'CidrBlock' }, 'CIDR block', 4);
      if (cidr) blocks.push({ text: o.CidrBlock, cidr });
    }
    const cidrBlocks = blocks.map((b) => b.cidr);
    const ipv6CidrBlocks: Cidr[] = [];
    objs(o, 'Ipv6CidrBlockAssociationSet').forEach((a, i) => {
      if (!isAssociated(a, 'Ipv6CidrBlockState')) return;
      const field = `Ipv6CidrBlockAssociationSet[${i}].Ipv6CidrBlock`;
      const c = cidrValue(ctx, a.Ipv6CidrBlock, { resourceId: vpcId, field }, 'IPv6 CIDR block', 6);
      if (c) ipv6CidrBlocks.push(c);
    });
    const ownerId = str(o, 'OwnerId');
    return {
      vpcId,
      ownerId,
      state: str(o, 'State'),
      isDefault: bool(o, 'IsDefault') ?? false,
      cidrBlocks,
      ipv6CidrBlocks,
      internetGatewayBlockMode: str(obj(o, 'BlockPublicAccessStates'), 'InternetGatewayBlockMode'),
      tags: tagsOf(o),
      origin: ctx.originFor(ownerId),
    };
  });
}
