/** Internet gateways and egress-only internet gateways with their VPC attachments. */
import type { Origin, Tags } from './common.js';

export interface GatewayAttachment {
  readonly vpcId: string;
  /** describe-internet-gateways prints `available` for an attached gateway; EIGWs print `attached`. */
  readonly state: string;
}

export interface InternetGateway {
  readonly internetGatewayId: string;
  readonly attachments: readonly GatewayAttachment[];
  readonly ownerId?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}

export function isAttachedTo(
  gw: { readonly attachments: readonly GatewayAttachment[] },
  vpcId: string,
): boolean {
  return gw.attachments.some((a) => a.vpcId === vpcId && (a.state === 'available' || a.state === 'attached'));
}
