/** describe-vpn-gateways → HybridResource `vpn-gateway`; `vpcIds` are the VPCs it is attached to. */
import type { HybridResource } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { hybrid } from './hybrid.js';
import { objs, str } from './json.js';

export function readVpnGateways(items: readonly unknown[], ctx: ReadContext): HybridResource[] {
  return eachResource(items, ctx, 'VpnGateways', 'VpnGatewayId', (o, id) => {
    const attached = objs(o, 'VpcAttachments').filter((a) => (str(a, 'State') ?? 'attached') === 'attached');
    return hybrid(
      ctx,
      o,
      'vpn-gateway',
      id,
      attached.map((a) => str(a, 'VpcId')),
      [],
    );
  });
}
