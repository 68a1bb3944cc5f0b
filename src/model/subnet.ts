/** A subnet: one IPv4 CIDR, optional IPv6 /64s, one Availability Zone. */
import type { Cidr } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface Subnet {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly cidrBlock?: Cidr | undefined;
  readonly ipv6CidrBlocks: readonly Cidr[];
  readonly availabilityZone?: string | undefined;
  readonly mapPublicIpOnLaunch: boolean;
  readonly ownerId?: string | undefined;
  /**
   * VPC Block Public Access as AWS reports it for this resource (`BlockPublicAccessStates.
   * InternetGatewayBlockMode`): `off`, `block-bidirectional` or `block-ingress`; undefined when not printed.
   */
  readonly internetGatewayBlockMode?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
