/**
 * Hybrid resources (virtual private gateways, customer gateways, VPN connections, transit gateways).
 * Loaded so the engine can say a path needs them; their path semantics are not modelled yet.
 */
import type { Origin, Tags } from './common.js';

export interface HybridResource {
  readonly kind:
    | 'vpn-gateway'
    | 'customer-gateway'
    | 'vpn-connection'
    | 'transit-gateway'
    | 'transit-gateway-attachment'
    | 'transit-gateway-route-table';
  readonly id: string;
  readonly state?: string | undefined;
  readonly vpcIds: readonly string[];
  /**
   * Ids this resource links to: an attachment's transit gateway and resource, a VPN connection's
   * customer gateway and VGW/TGW, a TGW route table's transit gateway and propagating attachments.
   */
  readonly relatedIds?: readonly string[] | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
