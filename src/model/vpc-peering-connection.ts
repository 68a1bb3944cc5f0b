/** A VPC peering connection: requester and accepter VPCs (possibly other accounts/regions). */
import type { Cidr } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface PeeringSide {
  readonly vpcId: string;
  readonly ownerId?: string | undefined;
  readonly region?: string | undefined;
  readonly cidrBlocks: readonly Cidr[];
  readonly ipv6CidrBlocks: readonly Cidr[];
}

export interface VpcPeeringConnection {
  readonly vpcPeeringConnectionId: string;
  readonly status: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
  readonly tags: Tags;
  readonly origin: Origin;
}
