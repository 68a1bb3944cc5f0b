/** Site-to-Site VPN connections (on a virtual private gateway or a transit gateway) and their tunnels. */
import type { Cidr } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface VpnTunnel {
  readonly outsideIpAddress?: string | undefined;
  /** `UP` or `DOWN` (VgwTelemetry). */
  readonly status: string;
  readonly acceptedRouteCount?: number | undefined;
}

export interface VpnConnection {
  readonly vpnConnectionId: string;
  readonly state: string;
  readonly customerGatewayId?: string | undefined;
  readonly vpnGatewayId?: string | undefined;
  readonly transitGatewayId?: string | undefined;
  readonly staticRoutesOnly: boolean;
  /** Static routes towards the customer network (`Routes[]` with state). */
  readonly routes: ReadonlyArray<{ readonly destination: Cidr; readonly state: string }>;
  readonly tunnels: readonly VpnTunnel[];
  readonly tags: Tags;
  readonly origin: Origin;
}
