/** describe-prefix-lists → PrefixList (the AWS-managed service lists, e.g. S3 and DynamoDB, with their CIDRs). */

import type { PrefixList } from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { cidrValue, eachResource, type ReadContext } from './context.js';
import { arr, str } from './json.js';

export function readPrefixLists(items: readonly unknown[], ctx: ReadContext): PrefixList[] {
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
