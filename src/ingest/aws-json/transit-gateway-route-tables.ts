/** describe-transit-gateway-route-tables → HybridResource `transit-gateway-route-table`, related to its TGW. */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { str } from './json.js';

export function readTransitGatewayRouteTables(items: readonly unknown[], ctx: ReadContext): HybridResource[] {
  return eachResource(items, ctx, 'TransitGatewayRouteTables', 'TransitGatewayRouteTableId', (o, id) =>
    hybrid(ctx, o, 'transit-gateway-route-table', id, [], [str(o, 'TransitGatewayId')]),
  );
}
