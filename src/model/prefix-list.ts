/** Prefix lists: AWS-managed (S3, DynamoDB, ...) from describe-prefix-lists and managed ones with entries. */
import type { Cidr } from '../net/index.js';
import type { Origin } from './common.js';

export interface PrefixList {
  readonly prefixListId: string;
  readonly prefixListName: string;
  /** `undefined` when the list is known (e.g. from describe-managed-prefix-lists) but its entries were not captured. */
  readonly cidrs: readonly Cidr[] | undefined;
  readonly addressFamily?: string | undefined;
  readonly origin: Origin;
}
