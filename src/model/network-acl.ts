/**
 * Network ACLs: numbered, stateless rules per direction; rule 32767 (IPv4) and 32768 (IPv6) are
 * the console's `*` default deny. Evaluation order lives in the engine.
 */
import type { Cidr, PortRange } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface NetworkAclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly ruleAction: 'allow' | 'deny';
  /** IANA number, or -1 for all protocols. */
  readonly protocol: number;
  readonly cidr: Cidr;
  readonly portRange?: PortRange | undefined;
  readonly icmpTypeCode?: { readonly type: number; readonly code: number } | undefined;
}

export interface NetworkAclAssociation {
  readonly networkAclAssociationId?: string | undefined;
  readonly subnetId: string;
}

export interface NetworkAcl {
  readonly networkAclId: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  readonly entries: readonly NetworkAclEntry[];
  readonly associations: readonly NetworkAclAssociation[];
  /**
   * Some entries could not be read (a Terraform value known only after apply, a bad value; the load
   * warnings name them): answers whose path crosses this ACL are unknown.
   */
  readonly incomplete?: true | undefined;
  readonly ownerId?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}

/** The console shows the API's 32767/32768 default rules as `*`. */
export function ruleNumberText(ruleNumber: number): string {
  return ruleNumber >= 32767 ? '*' : String(ruleNumber);
}
