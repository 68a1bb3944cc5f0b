/**
 * Direct Connect's own describe outputs, camelCase (`connections`, `lags`, `virtualInterfaces`,
 * `directConnectGateways`, `directConnectGatewayAssociations`) → typed records. One reader per
 * key; the keys are distinct from EC2's PascalCase ones, so the dispatch table holds them as they are.
 */
import type {
  DirectConnectGateway,
  DirectConnectGatewayAssociation,
  DxConnection,
  DxLag,
  VirtualInterface,
} from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { cidrValue, eachResource, type ReadContext } from './context.js';
import { num, obj, objs, str } from './json.js';

export function readDxConnections(items: readonly unknown[], ctx: ReadContext): DxConnection[] {
  return eachResource(items, ctx, 'connections', 'connectionId', (o, id) => ({
    connectionId: id,
    connectionName: str(o, 'connectionName'),
    state: str(o, 'connectionState') ?? 'available',
    bandwidth: str(o, 'bandwidth'),
    location: str(o, 'location'),
    lagId: str(o, 'lagId'),
    origin: ctx.originFor(str(o, 'ownerAccount')),
  }));
}

export function readDxLags(items: readonly unknown[], ctx: ReadContext): DxLag[] {
  return eachResource(items, ctx, 'lags', 'lagId', (o, id) => ({
    lagId: id,
    state: str(o, 'lagState') ?? 'available',
    connectionIds: objs(o, 'connections')
      .map((c) => str(c, 'connectionId') ?? '')
      .filter((x) => x !== ''),
    minimumLinks: num(o, 'minimumLinks'),
    origin: ctx.originFor(str(o, 'ownerAccount')),
  }));
}

export function readVirtualInterfaces(items: readonly unknown[], ctx: ReadContext): VirtualInterface[] {
  return eachResource(items, ctx, 'virtualInterfaces', 'virtualInterfaceId', (o, id) => ({
    virtualInterfaceId: id,
    virtualInterfaceName: str(o, 'virtualInterfaceName'),
    type: str(o, 'virtualInterfaceType') ?? 'private',
    state: str(o, 'virtualInterfaceState') ?? 'available',
    connectionId: str(o, 'connectionId'),
    vlan: num(o, 'vlan'),
    asn: num(o, 'asn') ?? num(o, 'asnLong'),
    amazonSideAsn: num(o, 'amazonSideAsn'),
    virtualGatewayId: str(o, 'virtualGatewayId'),
    directConnectGatewayId: str(o, 'directConnectGatewayId'),
    mtu: num(o, 'mtu'),
    bgpPeers: objs(o, 'bgpPeers').map((p) => ({
      addressFamily: str(p, 'addressFamily') ?? 'ipv4',
      status: str(p, 'bgpStatus') ?? 'unknown',
    })),
    origin: ctx.originFor(str(o, 'ownerAccount'), undefined),
  }));
}

export function readDirectConnectGateways(
  items: readonly unknown[],
  ctx: ReadContext,
): DirectConnectGateway[] {
  return eachResource(items, ctx, 'directConnectGateways', 'directConnectGatewayId', (o, id) => ({
    directConnectGatewayId: id,
    name: str(o, 'directConnectGatewayName'),
    state: str(o, 'directConnectGatewayState') ?? 'available',
    amazonSideAsn: num(o, 'amazonSideAsn'),
    origin: ctx.originFor(str(o, 'ownerAccount')),
  }));
}

export function readDirectConnectGatewayAssociations(
  items: readonly unknown[],
  ctx: ReadContext,
): DirectConnectGatewayAssociation[] {
  return eachResource(items, ctx, 'directConnectGatewayAssociations', 'directConnectGatewayId', (o, id) => {
    const gw = obj(o, 'associatedGateway');
    const allowed: Cidr[] = [];
    objs(o, 'allowedPrefixesToDirectConnectGateway').forEach((p, i) => {
      const c = cidrValue(
        ctx,
        p.cidr,
        { resourceId: id, field: `allowedPrefixesToDirectConnectGateway[${i}].cidr` },
        'allowed prefix',
      );
      if (c) allowed.push(c);
    });
    const gatewayId = str(gw, 'id') ?? str(o, 'virtualGatewayId') ?? '';
    return {
      directConnectGatewayId: id,
      state: str(o, 'associationState') ?? 'associated',
      gatewayId,
      gatewayType:
        str(gw, 'type') ?? (gatewayId.startsWith('tgw-') ? 'transitGateway' : 'virtualPrivateGateway'),
      allowedPrefixes: allowed,
      origin: ctx.originFor(str(o, 'directConnectGatewayOwnerAccount')),
    };
  });
}
