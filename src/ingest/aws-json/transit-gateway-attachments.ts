/**
 * describe-transit-gateway-attachments → HybridResource `transit-gateway-attachment`; `vpcIds`
 * holds the VPC of a `vpc` attachment, `relatedIds` the TGW, the attached resource and the
 * associated TGW route table.
 */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { obj, str } from './json.js';

export function readTransitGatewayAttachments(items: readonly unknown[], ctx: ReadContext): HybridResource[] {
  return eachResource(items, ctx, 'TransitGatewayAttachments', 'TransitGatewayAttachmentId', (o, id) => {
    const resourceId = str(o, 'ResourceId');
    const isVpc = str(o, 'ResourceType') === 'vpc';
    return hybrid(
      ctx,
      o,
      'transit-gateway-attachment',
      id,
      [isVpc ? resourceId : undefined],
      [str(o, 'TransitGatewayId'), resourceId, str(obj(o, 'Association'), 'TransitGatewayRouteTableId')],
      str(o, 'TransitGatewayOwnerId'),
    );
  });
}
