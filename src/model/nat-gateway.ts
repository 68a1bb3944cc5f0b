/** A NAT gateway (public or private) with its addresses and the ENIs that carry them. */
import type { Ip } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface NatGatewayAddress {
  readonly allocationId?: string | undefined;
  readonly networkInterfaceId?: string | undefined;
  readonly privateIp?: Ip | undefined;
  readonly publicIp?: Ip | undefined;
  readonly isPrimary: boolean;
}

export interface NatGateway {
  readonly natGatewayId: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly state: string;
  readonly connectivityType: 'public' | 'private';
  readonly addresses: readonly NatGatewayAddress[];
  readonly tags: Tags;
  readonly origin: Origin;
}
