/**
 * Security groups, flattened to one rule per source (as describe-security-group-rules does).
 * Protocol -1 means all protocols; for ICMP/ICMPv6, `fromPort`/`toPort` hold type/code (-1 = any).
 */
import type { Cidr } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export type SgPeer =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string }
  | {
      readonly kind: 'security-group';
      readonly groupId: string;
      readonly userId?: string | undefined;
      readonly vpcId?: string | undefined;
      readonly vpcPeeringConnectionId?: string | undefined;
      readonly peeringStatus?: string | undefined;
    };

export interface SecurityGroupRule {
  readonly groupId: string;
  readonly egress: boolean;
  /** IANA number, or -1 for all protocols. */
  readonly ipProtocol: number;
  readonly fromPort?: number | undefined;
  readonly toPort?: number | undefined;
  readonly peer: SgPeer;
  readonly description?: string | undefined;
  /** Position of the IpPermission in the group's list (0-based), for pointing at it. */
  readonly permissionIndex: number;
}

export interface SecurityGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId?: string | undefined;
  readonly ownerId?: string | undefined;
  readonly description?: string | undefined;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
  /**
   * Some rules could not be read (a bad value, a Terraform value known only after apply; the load
   * warnings name them): a block by this group is unknown, since a lost rule may have allowed it.
   */
  readonly incomplete?: true | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
