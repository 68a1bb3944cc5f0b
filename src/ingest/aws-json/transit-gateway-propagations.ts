/**
 * Batfish's `TransitGatewayPropagations` (get-transit-gateway-route-table-propagations, one item per
 * TGW route table) → a `transit-gateway-route-table` record merged into the table: `vpcIds` are the
 * VPCs whose routes propagate into it, `relatedIds` the propagating attachments and resources.
 */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { objs, str } from './json.js';

export function readTransitGatewayPropagations(
  items: readonly unknown[],
  ctx: ReadContext,
): HybridResource[] {
  return eachResource(items, ctx, 'TransitGatewayPropagations', 'TransitGatewayRouteTableId', (o, id) => {
    const enabled = objs(o, 'TransitGatewayRouteTablePropagations').filter(
      (p) => (str(p, 'State') ?? 'enabled') === 'enabled',
    );
    const vpcIds = enabled.filter((p) => str(p, 'ResourceType') === 'vpc').map((p) => str(p, 'ResourceId'));
    const related = enabled.flatMap((p) => [str(p, 'TransitGatewayAttachmentId'), str(p, 'ResourceId')]);
    return { ...hybrid(ctx, o, 'transit-gateway-route-table', id, vpcIds, related), state: undefined };
  });
}
