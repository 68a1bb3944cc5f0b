/**
 * What a reader gets besides the raw array: the file it came from, a warning sink, and the
 * origin of each resource. Also the value parsers every reader shares: they warn with file,
 * resource id, field path and value, and return `undefined` so the caller skips just that item.
 */
import path from 'node:path';
import type { LoadWarning, Origin } from '../../model/index.js';
import { type Cidr, formatCidr, type Ip, parseCidr, parseIp, parseProtocol } from '../../net/index.js';
import { isObject, type JsonObject, show } from './json.js';
import { folderOrigin, isAccountId, regionOfAvailabilityZone } from './region.js';

export interface ReadContext {
  readonly file: string;
  /** Region and account from the folder names (when present). */
  readonly origin: Origin;
  warn(w: LoadWarning): void;
  /** A resource's origin: folder names first, else its own `OwnerId` / Availability Zone. */
  originFor(ownerId?: string, availabilityZone?: string): Origin;
}

/** Where a value sits, for warnings. */
export interface Where {
  readonly resourceId?: string | undefined;
  readonly field: string;
}

interface MutableOrigin {
  file: string;
  region?: string | undefined;
  accountId?: string | undefined;
}

/**
 * Hands out shared Origin objects (one per file × region × account) and, once every file is
 * read, fills what folder names and the resource itself did not give: first from the other
 * resources of the same folder (most frequent value), then from the whole snapshot when it
 * holds a single region / account.
 */
export class OriginRegistry {
  private readonly cache = new Map<string, MutableOrigin>();
  private readonly byDir = new Map<string, { regions: Map<string, number>; accounts: Map<string, number> }>();

  get(file: string, region: string | undefined, accountId: string | undefined): Origin {
    const key = `${file}\u0000${region ?? ''}\u0000${accountId ?? ''}`;
    let o = this.cache.get(key);
    if (!o) {
      o = { file };
      if (region) o.region = region;
      if (accountId) o.accountId = accountId;
      this.cache.set(key, o);
    }
    return o;
  }

  tally(file: string, region: string | undefined, accountId: string | undefined): void {
    if (!region && !accountId) return;
    const dir = path.dirname(file);
    let t = this.byDir.get(dir);
    if (!t) this.byDir.set(dir, (t = { regions: new Map(), accounts: new Map() }));
    if (region) t.regions.set(region, (t.regions.get(region) ?? 0) + 1);
    if (accountId) t.accounts.set(accountId, (t.accounts.get(accountId) ?? 0) + 1);
  }

  /** Fill missing regions/accounts; call once, after every file is read. */
  complete(): void {
    const regions = new Set<string>();
    const accounts = new Set<string>();
    for (const o of this.cache.values()) {
      if (o.region) regions.add(o.region);
      if (o.accountId) accounts.add(o.accountId);
    }
    const onlyRegion = regions.size === 1 ? [...regions][0] : undefined;
    const onlyAccount = accounts.size === 1 ? [...accounts][0] : undefined;
    for (const o of this.cache.values()) {
      if (o.region && o.accountId) continue;
      const t = this.byDir.get(path.dirname(o.file));
      if (!o.region) o.region = (t && mostFrequent(t.regions)) ?? onlyRegion;
      if (!o.accountId) o.accountId = (t && mostFrequent(t.accounts)) ?? onlyAccount;
      if (!o.region) delete o.region;
      if (!o.accountId) delete o.accountId;
    }
  }
}

function mostFrequent(m: Map<string, number>): string | undefined {
  let best: string | undefined;
  let count = 0;
  for (const [k, n] of m) {
    if (n > count) {
      best = k;
      count = n;
    }
  }
  return best;
}

export function createContext(
  file: string,
  registry: OriginRegistry,
  sink: (w: LoadWarning) => void,
): ReadContext {
  const folder = folderOrigin(file);
  const origin = registry.get(file, folder.region, folder.accountId);
  return {
    file,
    origin,
    warn: (w) => sink(w.file === undefined ? { file, ...w } : w),
    originFor(ownerId, availabilityZone) {
      const region = folder.region ?? regionOfAvailabilityZone(availabilityZone);
      const accountId = folder.accountId ?? (isAccountId(ownerId) ? ownerId : undefined);
      if (!folder.region || !folder.accountId) registry.tally(file, region, accountId);
      return registry.get(file, region, accountId);
    },
  };
}

/** BAD_VALUE for `where`; `skipped` names the item dropped because of it (rule, route, address). */
export function badValue(
  ctx: ReadContext,
  where: Where,
  value: unknown,
  skipped?: string,
  why?: string,
): void {
  const detail = [why, skipped === undefined ? undefined : `skipped ${skipped}`].filter(Boolean).join('; ');
  ctx.warn({
    code: 'BAD_VALUE',
    file: ctx.file,
    resourceId: where.resourceId,
    field: where.field,
    value: show(value),
    ...(detail ? { detail } : {}),
    ...(skipped === undefined ? {} : { skipped: true }),
  });
}

/**
 * A CIDR field. Unparseable → BAD_VALUE and `undefined`; host bits set → NON_CANONICAL_CIDR and
 * the canonical block (AWS itself stores `10.0.0.5/24` as `10.0.0.0/24`).
 */
export function cidrValue(
  ctx: ReadContext,
  value: unknown,
  where: Where,
  skipped?: string,
  family?: 4 | 6,
): Cidr | undefined {
  const parsed = typeof value === 'string' ? parseCidr(value) : undefined;
  if (!parsed || (family !== undefined && parsed.cidr.family !== family)) {
    badValue(ctx, where, value, skipped, family === undefined ? undefined : `expected an IPv${family} CIDR`);
    return undefined;
  }
  if (!parsed.canonical) {
    ctx.warn({
      code: 'NON_CANONICAL_CIDR',
      file: ctx.file,
      resourceId: where.resourceId,
      field: where.field,
      value: show(value),
      detail: formatCidr(parsed.cidr),
    });
  }
  return parsed.cidr;
}

/** An IP address field; unparseable → BAD_VALUE and `undefined`. */
export function ipValue(
  ctx: ReadContext,
  value: unknown,
  where: Where,
  skipped?: string,
  family?: 4 | 6,
): Ip | undefined {
  const ip = typeof value === 'string' ? parseIp(value) : undefined;
  if (!ip || (family !== undefined && ip.family !== family)) {
    badValue(
      ctx,
      where,
      value,
      skipped,
      family === undefined ? undefined : `expected an IPv${family} address`,
    );
    return undefined;
  }
  return ip;
}

/** An IP protocol (`tcp`, `6`, `-1`, ...); AWS prints numbers as strings but accept numbers too. */
export function protocolValue(
  ctx: ReadContext,
  value: unknown,
  where: Where,
  skipped?: string,
): number | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  const p = typeof text === 'string' ? parseProtocol(text) : undefined;
  if (p === undefined) badValue(ctx, where, value, skipped);
  return p;
}

/**
 * Runs `read` over each item of a describe-* list. An item that is not an object or lacks its id
 * gives BAD_VALUE (field `<Key>[i].<IdField>`) and is skipped; `read` may return `undefined` to
 * skip an item it has already warned about.
 */
export function eachResource<T>(
  items: readonly unknown[],
  ctx: ReadContext,
  listKey: string,
  idKey: string,
  read: (o: JsonObject, id: string) => T | undefined,
): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const o = items[i];
    const id = isObject(o) ? o[idKey] : undefined;
    if (!isObject(o) || typeof id !== 'string' || id === '') {
      badValue(ctx, { field: `${listKey}[${i}].${idKey}` }, id, `${listKey}[${i}]`);
      continue;
    }
    const r = read(o, id);
    if (r !== undefined) out.push(r);
  }
  return out;
}

/** A field a resource cannot do without (e.g. a subnet's `VpcId`): BAD_VALUE and skip the resource. */
export function required(
  ctx: ReadContext,
  o: JsonObject,
  key: string,
  resourceId: string,
): string | undefined {
  const v = o[key];
  if (typeof v === 'string' && v !== '') return v;
  badValue(ctx, { resourceId, field: key }, v, resourceId);
  return undefined;
}
