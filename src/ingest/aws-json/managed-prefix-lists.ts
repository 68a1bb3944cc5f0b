/**
 * describe-managed-prefix-lists → PrefixList, and the entries of get-managed-prefix-list-entries.
 *
 * describe-managed-prefix-lists prints no CIDRs, and get-managed-prefix-list-entries prints only
 * `{"Entries": [{"Cidr": ..., "Description": ...}]}` without saying which list they belong to. So
 * the loader accepts entries saved in any of these ways:
 *   1. a file `{"PrefixListId": "pl-0123...", "Entries": [...]}` (add the id yourself, e.g.
 *      `aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-0123 --output json |
 *       jq '{PrefixListId: "pl-0123"} + .' > pl-0123.json`);
 *   2. a file holding only `{"Entries": [...]}` whose name contains the id (`pl-0123-entries.json`);
 *   3. `ManagedPrefixLists` items that carry an `Entries` array of their own.
 * A list whose entries were not captured keeps `cidrs: undefined` (known to exist, contents unknown).
 */

import type { PrefixList } from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { badValue, cidrValue, eachResource, type ReadContext } from './context.js';
import { isObject, str } from './json.js';

/** The CIDRs of get-managed-prefix-list-entries `Entries`. */
export function readPrefixListEntries(
  entries: readonly unknown[],
  ctx: ReadContext,
  prefixListId: string,
  at = 'Entries',
): Cidr[] {
  const cidrs: Cidr[] = [];
  entries.forEach((e, i) => {
    const field = `${at}[${i}].Cidr`;
    const c = cidrValue(
      ctx,
      isObject(e) ? e.Cidr : e,
      { resourceId: prefixListId, field },
      `prefix-list entry ${at}[${i}]`,
    );
    if (c) cidrs.push(c);
  });
  return cidrs;
}

export function readManagedPrefixLists(items: readonly unknown[], ctx: ReadContext): PrefixList[] {
  return eachResource(items, ctx, 'ManagedPrefixLists', 'PrefixListId', (o, prefixListId) => ({
    prefixListId,
    prefixListName: str(o, 'PrefixListName') ?? prefixListId,
    cidrs: Array.isArray(o.Entries) ? readPrefixListEntries(o.Entries, ctx, prefixListId) : undefined,
    addressFamily: str(o, 'AddressFamily'),
    origin: ctx.originFor(str(o, 'OwnerId')),
  }));
}

/** Finds which list a top-level `Entries` file belongs to: its `PrefixListId`, else a `pl-…` id in the file name. */
export function entriesListId(doc: Readonly<Record<string, unknown>>, ctx: ReadContext): string | undefined {
  const explicit = str(doc, 'PrefixListId');
  if (explicit !== undefined) return explicit;
  const base = ctx.file.split(/[\\/]/).pop() ?? '';
  const at = base.indexOf('pl-');
  if (at >= 0) {
    let end = at + 3;
    while (end < base.length && isHex(base.charCodeAt(end))) end++;
    if (end > at + 3) return base.slice(at, end);
  }
  badValue(
    ctx,
    { field: 'PrefixListId' },
    undefined,
    'Entries',
    'add "PrefixListId" beside "Entries" to say which prefix list they belong to',
  );
  return undefined;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}
