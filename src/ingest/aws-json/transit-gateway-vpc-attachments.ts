/**
 * describe-transit-gateway-vpc-attachments → HybridResource `transit-gateway-attachment` (merged
 * with the same attachment from describe-transit-gateway-attachments); related to its TGW and subnets.
 */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { str, strs } from './json.js';

export function readTransitGatewayVpcAttachments(
  items: readonly unknown[],
  ctx: ReadContext,
): HybridResource[] {
  return eachResource(items, ctx, 'TransitGatewayVpcAttachments', 'TransitGatewayAttachmentId', (o, id) =>
    hybrid(
      ctx,
      o,
      'transit-gateway-attachment',
      id,
      [str(o, 'VpcId')],
      [str(o, 'TransitGatewayId'), ...strs(o, 'SubnetIds')],
      str(o, 'VpcOwnerId'),
    ),
  );
}
