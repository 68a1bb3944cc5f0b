/**
 * A route table and its routes, in describe-route-tables vocabulary.
 * The main-table rule (subnets with no explicit association use the table whose association has
 * `Main: true`) is resolved by `Network`, not here.
 */
import type { Cidr } from '../net/index.js';
import type { Origin, Tags } from './common.js';

/** What a route points at. `id` is the AWS id (igw-, nat-, i-, eni-, pcx-, vpce-, tgw-, vgw-, ...). */
export type RouteTargetType =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'instance'
  | 'network-interface'
  | 'vpc-peering-connection'
  | 'vpc-endpoint'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'local-gateway'
  | 'carrier-gateway'
  | 'core-network'
  | 'odb-network'
  | 'unknown';

export interface RouteTarget {
  readonly type: RouteTargetType;
  readonly id: string;
  /** For instance routes AWS also prints the ENI (`NetworkInterfaceId`). */
  readonly networkInterfaceId?: string | undefined;
}

export type RouteDestination =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

export type RouteOrigin = 'CreateRouteTable' | 'CreateRoute' | 'EnableVgwRoutePropagation' | 'Advertisement';

export interface Route {
  readonly destination: RouteDestination;
  readonly target: RouteTarget;
  readonly state: 'active' | 'blackhole' | 'filtered';
  readonly origin: RouteOrigin;
  /** The destination as AWS printed it, for display. */
  readonly destinationText: string;
}

export interface RouteTableAssociation {
  readonly routeTableAssociationId?: string | undefined;
  readonly main: boolean;
  readonly subnetId?: string | undefined;
  readonly gatewayId?: string | undefined;
  readonly state?: string | undefined;
}

export interface RouteTable {
  readonly routeTableId: string;
  readonly vpcId: string;
  readonly routes: readonly Route[];
  readonly associations: readonly RouteTableAssociation[];
  readonly propagatingVgws: readonly string[];
  /**
   * Some routes could not be read (a Terraform value known only after apply, a bad value; the load
   * warnings name them): answers whose path crosses this table are unknown.
   */
  readonly incomplete?: true | undefined;
  readonly ownerId?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
