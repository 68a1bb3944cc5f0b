/** describe-vpn-connections → HybridResource `vpn-connection`, related to its customer gateway and VGW or TGW. */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { str } from './json.js';

export function readVpnConnections(items: readonly unknown[], ctx: ReadContext): HybridResource[] {
  return eachResource(items, ctx, 'VpnConnections', 'VpnConnectionId', (o, id) =>
    hybrid(
      ctx,
      o,
      'vpn-connection',
      id,
      [],
      [str(o, 'CustomerGatewayId'), str(o, 'VpnGatewayId'), str(o, 'TransitGatewayId')],
    ),
  );
}
