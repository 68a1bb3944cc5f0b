/**
 * Direct Connect, as `aws directconnect describe-*` prints it (camelCase): dedicated or hosted
 * connections (and LAGs), virtual interfaces (private to a VGW or a Direct Connect gateway,
 * transit to a Direct Connect gateway, public to AWS public endpoints), Direct Connect gateways
 * and their associations with virtual private gateways and transit gateways.
 */
import type { Cidr } from '../net/index.js';
import type { Origin } from './common.js';

export interface DxConnection {
  readonly connectionId: string;
  readonly connectionName?: string | undefined;
  readonly state: string;
  readonly bandwidth?: string | undefined;
  readonly location?: string | undefined;
  readonly lagId?: string | undefined;
  readonly origin: Origin;
}

export interface DxLag {
  readonly lagId: string;
  readonly state: string;
  readonly connectionIds: readonly string[];
  readonly minimumLinks?: number | undefined;
  readonly origin: Origin;
}

export interface VirtualInterface {
  readonly virtualInterfaceId: string;
  readonly virtualInterfaceName?: string | undefined;
  readonly type: 'private' | 'public' | 'transit' | string;
  /** `available`, `down`, `pending`, `confirming`, `verifying`, `deleting`, `deleted`, `rejected`. */
  readonly state: string;
  /** The connection or LAG carrying it. */
  readonly connectionId?: string | undefined;
  readonly vlan?: number | undefined;
  readonly asn?: number | undefined;
  readonly amazonSideAsn?: number | undefined;
  readonly virtualGatewayId?: string | undefined;
  readonly directConnectGatewayId?: string | undefined;
  readonly mtu?: number | undefined;
  /** BGP sessions: at least one `up` session of the flow's family carries routes. */
  readonly bgpPeers: ReadonlyArray<{ readonly addressFamily: string; readonly status: string }>;
  readonly origin: Origin;
}

export interface DirectConnectGateway {
  readonly directConnectGatewayId: string;
  readonly name?: string | undefined;
  readonly state: string;
  readonly amazonSideAsn?: number | undefined;
  readonly origin: Origin;
}

export interface DirectConnectGatewayAssociation {
  readonly directConnectGatewayId: string;
  readonly state: string;
  /** The associated virtual private gateway or transit gateway. */
  readonly gatewayId: string;
  readonly gatewayType: 'virtualPrivateGateway' | 'transitGateway' | string;
  readonly allowedPrefixes: readonly Cidr[];
  readonly origin: Origin;
}
