/** describe-egress-only-internet-gateways → EgressOnlyInternetGateway (attachment state `attached`). */
import type { EgressOnlyInternetGateway } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { attachmentsOf } from './internet-gateways.js';
import { tagsOf } from './json.js';

export function readEgressOnlyInternetGateways(
  items: readonly unknown[],
  ctx: ReadContext,
): EgressOnlyInternetGateway[] {
  return eachResource(items, ctx, 'EgressOnlyInternetGateways', 'EgressOnlyInternetGatewayId', (o, id) => ({
    egressOnlyInternetGatewayId: id,
    attachments: attachmentsOf(o),
    tags: tagsOf(o),
    origin: ctx.originFor(),
  }));
}
