/** describe-internet-gateways → InternetGateway with its VPC attachments. */
import type { GatewayAttachment, InternetGateway } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { type JsonObject, objs, str, tagsOf } from './json.js';

export function attachmentsOf(o: JsonObject): GatewayAttachment[] {
  const out: GatewayAttachment[] = [];
  for (const a of objs(o, 'Attachments')) {
    const vpcId = str(a, 'VpcId');
    if (vpcId !== undefined) out.push({ vpcId, state: str(a, 'State') ?? 'available' });
  }
  return out;
}

export function readInternetGateways(items: readonly unknown[], ctx: ReadContext): InternetGateway[] {
  return eachResource(items, ctx, 'InternetGateways', 'InternetGatewayId', (o, internetGatewayId) => {
    const ownerId = str(o, 'OwnerId');
    return {
      internetGatewayId,
      attachments: attachmentsOf(o),
      ownerId,
      tags: tagsOf(o),
      origin: ctx.originFor(ownerId),
    };
  });
}
