/**
 * describe-prefix-lists → PrefixList (the AWS-managed service lists, e.g. S3 and DynamoDB, with their
 * CIDRs). `aws ec2 describe-managed-prefix-lists` prints the same top-level key `PrefixLists` but no
 * `Cidrs`: such an item is a managed prefix list whose entries are unknown (get-managed-prefix-list-
 * entries holds them), never a list that matches nothing.
 */

import type { PrefixList } from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { cidrValue, eachResource, type ReadContext } from './context.js';
import { arr, isObject, str } from './json.js';
import { readManagedPrefixLists } from './managed-prefix-lists.js';

export function readPrefixLists(items: readonly unknown[], ctx: ReadContext): PrefixList[] {
  const managed = items.filter((o) => isObject(o) && !Array.isArray(o.Cidrs));
  if (managed.length > 0)
    return [
      ...readPrefixLists(
        items.filter((o) => !managed.includes(o)),
        ctx,
      ),
      ...readManagedPrefixLists(managed, ctx),
    ];
  return eachResource(items, ctx, 'PrefixLists', 'PrefixListId', (o, prefixListId) => {
    const cidrs: Cidr[] = [];
    arr(o, 'Cidrs').forEach((text, i) => {
      const c = cidrValue(
        ctx,
        text,
        { resourceId: prefixListId, field: `Cidrs[${i}]` },
        `prefix-list entry Cidrs[${i}]`,
      );
      if (c) cidrs.push(c);
    });
    return {
      prefixListId,
      prefixListName: str(o, 'PrefixListName') ?? prefixListId,
      cidrs,
      origin: ctx.originFor(),
    };
  });
}
