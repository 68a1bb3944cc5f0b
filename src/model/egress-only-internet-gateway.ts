/** An egress-only internet gateway: IPv6 only, outbound-initiated only. */
import type { Origin, Tags } from './common.js';
import type { GatewayAttachment } from './internet-gateway.js';

export interface EgressOnlyInternetGateway {
  readonly egressOnlyInternetGatewayId: string;
  readonly attachments: readonly GatewayAttachment[];
  readonly tags: Tags;
  readonly origin: Origin;
}
