/** Virtual private gateways (with their VPC attachments) and customer gateways. */
import type { Origin, Tags } from './common.js';

export interface VpnGateway {
  readonly vpnGatewayId: string;
  readonly state: string;
  readonly amazonSideAsn?: number | undefined;
  readonly vpcAttachments: ReadonlyArray<{ readonly vpcId: string; readonly state: string }>;
  readonly tags: Tags;
  readonly origin: Origin;
}

export interface CustomerGateway {
  readonly customerGatewayId: string;
  readonly state: string;
  readonly bgpAsn?: number | undefined;
  readonly ipAddress?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
