/** describe-addresses → ElasticIp (the public IP is later put on its interface's private address). */
import type { ElasticIp } from '../../model/index.js';
import { eachResource, ipValue, type ReadContext } from './context.js';
import { str, tagsOf } from './json.js';

export function readAddresses(items: readonly unknown[], ctx: ReadContext): ElasticIp[] {
  return eachResource(items, ctx, 'Addresses', 'PublicIp', (o, text) => {
    const resourceId = str(o, 'AllocationId') ?? text;
    const publicIp = ipValue(ctx, text, { resourceId, field: 'PublicIp' }, resourceId, 4);
    if (!publicIp) return undefined;
    const privateIpAddress =
      o.PrivateIpAddress === undefined
        ? undefined
        : ipValue(ctx, o.PrivateIpAddress, { resourceId, field: 'PrivateIpAddress' }, undefined, 4);
    return {
      allocationId: str(o, 'AllocationId'),
      publicIp,
      associationId: str(o, 'AssociationId'),
      instanceId: str(o, 'InstanceId'),
      networkInterfaceId: str(o, 'NetworkInterfaceId'),
      privateIpAddress,
      tags: tagsOf(o),
      // NetworkBorderGroup is the region (or a Local Zone group named after it).
      origin: ctx.originFor(str(o, 'NetworkInterfaceOwnerId'), str(o, 'NetworkBorderGroup')),
    };
  });
}
