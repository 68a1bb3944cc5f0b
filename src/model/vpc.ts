/** A VPC as describe-vpcs prints it: IPv4 CIDR blocks (primary first) and IPv6 blocks. */
import type { Cidr } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface Vpc {
  readonly vpcId: string;
  readonly ownerId?: string | undefined;
  readonly region?: string | undefined;
  readonly state?: string | undefined;
  readonly isDefault: boolean;
  /** Associated IPv4 CIDRs, primary (`CidrBlock`) first; only blocks in state `associated`. */
  readonly cidrBlocks: readonly Cidr[];
  readonly ipv6CidrBlocks: readonly Cidr[];
  /**
   * VPC Block Public Access as AWS reports it for this resource (`BlockPublicAccessStates.
   * InternetGatewayBlockMode`): `off`, `block-bidirectional` or `block-ingress`; undefined when not printed.
   */
  readonly internetGatewayBlockMode?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
