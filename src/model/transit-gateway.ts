/**
 * Transit gateways, their attachments and route tables, as describe-transit-gateways,
 * -attachments, -vpc-attachments, -route-tables, search-transit-gateway-routes and
 * get-transit-gateway-route-table-propagations print them. Routes a route table learns by
 * propagation are computed by `Network` (AWS's describe output does not list them).
 */
import type { Cidr } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface TransitGateway {
  readonly transitGatewayId: string;
  readonly state: string;
  readonly ownerId?: string | undefined;
  readonly amazonSideAsn?: number | undefined;
  readonly associationDefaultRouteTableId?: string | undefined;
  readonly propagationDefaultRouteTableId?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}

export type TransitGatewayAttachmentType =
  | 'vpc'
  | 'vpn'
  | 'direct-connect-gateway'
  | 'peering'
  | 'connect'
  | string;

export interface TransitGatewayAttachment {
  readonly transitGatewayAttachmentId: string;
  readonly transitGatewayId: string;
  readonly resourceType: TransitGatewayAttachmentType;
  readonly resourceId: string;
  readonly state: string;
  /** The route table the attachment is associated with (its traffic is routed by it). */
  readonly associatedRouteTableId?: string | undefined;
  /** For `vpc` attachments: one subnet per Availability Zone where the TGW has an interface. */
  readonly subnetIds: readonly string[];
  /** VPC attachments: IPv6 is routed only when `Ipv6Support` is `enable` (undefined: not captured). */
  readonly ipv6Support?: boolean | undefined;
  /**
   * VPC attachments: `ApplianceModeSupport` is `enable`, so a flow keeps one Availability Zone of the
   * attachment both ways (undefined: not captured).
   */
  readonly applianceModeSupport?: boolean | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}

export interface TransitGatewayRoute {
  readonly destination: Cidr;
  readonly destinationText: string;
  readonly type: 'static' | 'propagated';
  readonly state: 'active' | 'blackhole' | string;
  /** Target attachments (several for ECMP); empty for a blackhole route. */
  readonly attachmentIds: readonly string[];
}

export interface TransitGatewayRouteTable {
  readonly transitGatewayRouteTableId: string;
  readonly transitGatewayId: string;
  readonly state: string;
  /** Routes as printed by search-transit-gateway-routes (static ones, or all when captured). */
  readonly routes: readonly TransitGatewayRoute[];
  /** True when `routes` came from a full search (propagated routes included), so nothing is computed. */
  readonly routesComplete: boolean;
  /** Attachments whose routes propagate into this table. */
  readonly propagatingAttachmentIds: readonly string[];
  readonly tags: Tags;
  readonly origin: Origin;
}
