/**
 * Batfish's `TransitGatewayStaticRoutes` (search-transit-gateway-routes for static routes, one item
 * per TGW route table: `{TransitGatewayRouteTableId, Routes: [...]}`) → a `transit-gateway-route-table`
 * record merged into the table, related to the attachments its routes point at. Routes themselves
 * are not modelled yet.
 */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { objs, str } from './json.js';

export function readTransitGatewayStaticRoutes(
  items: readonly unknown[],
  ctx: ReadContext,
): HybridResource[] {
  return eachResource(items, ctx, 'TransitGatewayStaticRoutes', 'TransitGatewayRouteTableId', (o, id) => {
    const attachments = objs(o, 'Routes').flatMap((r) =>
      objs(r, 'TransitGatewayAttachments').map((a) => str(a, 'TransitGatewayAttachmentId')),
    );
    return { ...hybrid(ctx, o, 'transit-gateway-route-table', id, [], attachments), state: undefined };
  });
}
