/** describe-transit-gateways → HybridResource `transit-gateway`, related to its default route tables. */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { obj, str } from './json.js';

export function readTransitGateways(items: readonly unknown[], ctx: ReadContext): HybridResource[] {
  return eachResource(items, ctx, 'TransitGateways', 'TransitGatewayId', (o, id) => {
    const opts = obj(o, 'Options');
    return hybrid(
      ctx,
      o,
      'transit-gateway',
      id,
      [],
      [str(opts, 'AssociationDefaultRouteTableId'), str(opts, 'PropagationDefaultRouteTableId')],
      str(o, 'OwnerId'),
    );
  });
}
