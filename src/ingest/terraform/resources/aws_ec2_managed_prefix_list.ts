/**
 * Prefix lists: aws_ec2_managed_prefix_list with its inline `entry` blocks, the entries added by
 * aws_ec2_managed_prefix_list_entry, and the data sources `aws_prefix_list` (an AWS-managed service
 * list, e.g. com.amazonaws.us-east-1.s3, with `cidr_blocks`) and `aws_ec2_managed_prefix_list`
 * (`entries`), which Terraform reads while planning. A list whose entries are unknown keeps
 * `cidrs: undefined`, as the describe loader does for a list whose entries were not captured.
 */
import type { Cidr } from '../../../net/index.js';
import type { PlanContext } from '../context.js';
import { isObj, type PlannedResource } from '../plan.js';
import { str, strs } from '../values.js';

export function readManagedPrefixList(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.idOf(r);
  const planned = r.values.entry;
  const cidrs = Array.isArray(planned) ? entryCidrs(ctx, r, planned, 'entry') : undefined;
  ctx.prefixLists.set(id, {
    prefixListId: id,
    prefixListName: str(r.values, 'name') ?? r.address,
    cidrs,
    addressFamily: str(r.values, 'address_family'),
    origin: ctx.originOf(r),
  });
}

export function readManagedPrefixListEntry(ctx: PlanContext, r: PlannedResource): void {
  const pl = ctx.referenced(r, 'prefix_list_id', ctx.prefixLists);
  if (!pl) return;
  const cidr = ctx.cidr(r, 'cidr', r.values.cidr);
  if (!cidr) {
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: 'cidr', skipped: true });
    return;
  }
  ctx.prefixLists.set(pl.prefixListId, { ...pl, cidrs: [...(pl.cidrs ?? []), cidr] });
}

/** data "aws_prefix_list": `id`, `name`, `cidr_blocks`. */
export function readPrefixListData(ctx: PlanContext, r: PlannedResource): void {
  const id = str(r.values, 'id');
  if (!id) return;
  const cidrs: Cidr[] = [];
  strs(r.values, 'cidr_blocks').forEach((t, i) => {
    const c = ctx.cidr(r, `cidr_blocks[${i}]`, t);
    if (c) cidrs.push(c);
  });
  ctx.prefixLists.set(id, {
    prefixListId: id,
    prefixListName: str(r.values, 'name') ?? id,
    cidrs: Array.isArray(r.values.cidr_blocks) ? cidrs : undefined,
    origin: ctx.originOf(r),
  });
}

/** data "aws_ec2_managed_prefix_list": `id`, `name`, `address_family`, `entries`. */
export function readManagedPrefixListData(ctx: PlanContext, r: PlannedResource): void {
  const id = str(r.values, 'id');
  if (!id) return;
  const entries = r.values.entries;
  ctx.prefixLists.set(id, {
    prefixListId: id,
    prefixListName: str(r.values, 'name') ?? id,
    cidrs: Array.isArray(entries) ? entryCidrs(ctx, r, entries, 'entries') : undefined,
    addressFamily: str(r.values, 'address_family'),
    origin: ctx.originOf(r),
  });
}

function entryCidrs(ctx: PlanContext, r: PlannedResource, list: readonly unknown[], field: string): Cidr[] {
  const out: Cidr[] = [];
  list.forEach((e, i) => {
    const c = isObj(e) ? ctx.cidr(r, `${field}[${i}].cidr`, e.cidr) : undefined;
    if (c) out.push(c);
  });
  return out;
}
