/** describe-vpc-endpoints → VpcEndpoint (gateway, interface, Gateway Load Balancer). */
import type { VpcEndpoint } from '../../model/index.js';
import { eachResource, type ReadContext, required } from './context.js';
import { bool, ids, str, strs, tagsOf } from './json.js';

export function readVpcEndpoints(items: readonly unknown[], ctx: ReadContext): VpcEndpoint[] {
  return eachResource(items, ctx, 'VpcEndpoints', 'VpcEndpointId', (o, vpcEndpointId) => {
    const vpcId = required(ctx, o, 'VpcId', vpcEndpointId);
    if (vpcId === undefined) return undefined;
    const ownerId = str(o, 'OwnerId');
    return {
      vpcEndpointId,
      vpcEndpointType: str(o, 'VpcEndpointType') ?? 'Gateway',
      vpcId,
      serviceName: str(o, 'ServiceName') ?? '',
      state: str(o, 'State') ?? 'available',
      routeTableIds: strs(o, 'RouteTableIds'),
      subnetIds: strs(o, 'SubnetIds'),
      networkInterfaceIds: strs(o, 'NetworkInterfaceIds'),
      groupIds: ids(o, 'Groups', 'GroupId'),
      privateDnsEnabled: bool(o, 'PrivateDnsEnabled') ?? false,
      tags: tagsOf(o),
      origin: ctx.originFor(ownerId),
    };
  });
}
