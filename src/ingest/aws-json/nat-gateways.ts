/** describe-nat-gateways → NatGateway with its addresses (each on an ENI the gateway owns). */
import type { NatGateway, NatGatewayAddress } from '../../model/index.js';
import { eachResource, ipValue, type ReadContext, required } from './context.js';
import { bool, objs, str, tagsOf } from './json.js';

export function readNatGateways(items: readonly unknown[], ctx: ReadContext): NatGateway[] {
  return eachResource(items, ctx, 'NatGateways', 'NatGatewayId', (o, natGatewayId) => {
    const subnetId = required(ctx, o, 'SubnetId', natGatewayId);
    const vpcId = subnetId === undefined ? undefined : required(ctx, o, 'VpcId', natGatewayId);
    if (subnetId === undefined || vpcId === undefined) return undefined;
    const addresses: NatGatewayAddress[] = [];
    objs(o, 'NatGatewayAddresses').forEach((a, i) => {
      const at = `NatGatewayAddresses[${i}]`;
      const where = (f: string) => ({ resourceId: natGatewayId, field: `${at}.${f}` });
      const privateIp =
        a.PrivateIp === undefined
          ? undefined
          : ipValue(ctx, a.PrivateIp, where('PrivateIp'), `address ${at}`, 4);
      if (a.PrivateIp !== undefined && !privateIp) return;
      const publicIp =
        a.PublicIp === undefined ? undefined : ipValue(ctx, a.PublicIp, where('PublicIp'), undefined, 4);
      addresses.push({
        allocationId: str(a, 'AllocationId'),
        networkInterfaceId: str(a, 'NetworkInterfaceId'),
        privateIp,
        publicIp,
        // Older output has no IsPrimary; the first address is the primary one.
        isPrimary: bool(a, 'IsPrimary') ?? i === 0,
      });
    });
    const connectivity = str(o, 'ConnectivityType');
    return {
      natGatewayId,
      subnetId,
      vpcId,
      state: str(o, 'State') ?? 'available',
      connectivityType: connectivity === 'private' ? 'private' : 'public',
      addresses,
      tags: tagsOf(o),
      origin: ctx.originFor(),
    };
  });
}
