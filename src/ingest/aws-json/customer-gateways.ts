/** describe-customer-gateways → HybridResource `customer-gateway`. */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';

export function readCustomerGateways(items: readonly unknown[], ctx: ReadContext): HybridResource[] {
  return eachResource(items, ctx, 'CustomerGateways', 'CustomerGatewayId', (o, id) =>
    hybrid(ctx, o, 'customer-gateway', id, [], []),
  );
}
