/**
 * Typed reads from untyped describe-* JSON. Every accessor tolerates absent or wrongly typed
 * fields by returning `undefined` (or an empty list); readers decide what that means.
 */
import type { Tags } from '../../model/index.js';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(o: JsonObject | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function num(o: JsonObject | undefined, key: string): number | undefined {
  const v = o?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // Some tools (and Batfish's fixtures, e.g. BgpAsn) print numbers as strings.
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function bool(o: JsonObject | undefined, key: string): boolean | undefined {
  const v = o?.[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function obj(o: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = o?.[key];
  return isObject(v) ? v : undefined;
}

export function arr(o: JsonObject | undefined, key: string): readonly unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

/** The objects of a list field (non-objects are dropped: AWS never prints them). */
export function objs(o: JsonObject | undefined, key: string): readonly JsonObject[] {
  return arr(o, key).filter(isObject);
}

/** `[{GroupId: 'sg-1'}, ...]` → `['sg-1', ...]`. */
export function ids(o: JsonObject | undefined, listKey: string, idKey: string): string[] {
  const out: string[] = [];
  for (const it of objs(o, listKey)) {
    const id = str(it, idKey);
    if (id !== undefined) out.push(id);
  }
  return out;
}

/** A list of strings (e.g. `SubnetIds`). */
export function strs(o: JsonObject | undefined, key: string): string[] {
  const out: string[] = [];
  for (const v of arr(o, key)) if (typeof v === 'string' && v !== '') out.push(v);
  return out;
}

/** `Tags` (most resources) or `TagSet` (network interfaces): `[{Key, Value}]` → record. */
export function tagsOf(o: JsonObject): Tags {
  const list = Array.isArray(o.Tags) ? o.Tags : Array.isArray(o.TagSet) ? o.TagSet : undefined;
  if (!list || list.length === 0) return EMPTY_TAGS;
  const t: Record<string, string> = {};
  for (const it of list) {
    if (!isObject(it)) continue;
    const k = it.Key;
    if (typeof k === 'string') t[k] = typeof it.Value === 'string' ? it.Value : '';
  }
  return t;
}

const EMPTY_TAGS: Tags = Object.freeze({});

/** A value as it appeared in the file, for warnings. */
export function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '(missing)';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
