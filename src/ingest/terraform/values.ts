/**
 * Reading planned attribute values: strings, numbers, lists, tags, protocols, and matching a
 * planned nested block to its configuration block. Knows the plan's JSON, not AWS.
 */
import type { Tags } from '../../model/index.js';
import { parseProtocol } from '../../net/index.js';
import { isObj, type Json, type JsonObj } from './plan.js';

export const str = (o: JsonObj, k: string): string | undefined => {
  const v = o[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export const num = (o: JsonObj, k: string): number | undefined => {
  const v = o[k];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
};

export const bool = (o: JsonObj, k: string): boolean | undefined => {
  const v = o[k];
  return typeof v === 'boolean' ? v : undefined;
};

export const strs = (o: JsonObj, k: string): string[] => {
  const v = o[k];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
};

/** `tags_all` (provider default tags included) when planned, else `tags`. */
export const tagsOf = (o: JsonObj): Tags => {
  const t = isObj(o.tags_all) && Object.keys(o.tags_all).length > 0 ? o.tags_all : o.tags;
  const out: Record<string, string> = {};
  if (isObj(t)) for (const [k, v] of Object.entries(t)) if (typeof v === 'string') out[k] = v;
  return out;
};

/** Is the attribute unknown until apply (`after_unknown` says `true`)? */
export function unknownAt(unknown: JsonObj, k: string): boolean {
  return unknown[k] === true;
}

/** Terraform's `-1`/`all` and names (`tcp`) or numbers. */
export function protocolOf(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  return parseProtocol(v.toLowerCase() === 'all' ? '-1' : v.toLowerCase());
}

/** The constant values of a configuration block (`{ cidr_block: { constant_value: ... } }`). */
export function constantsOf(c: JsonObj): JsonObj {
  const out: JsonObj = {};
  for (const [k, e] of Object.entries(c))
    if (isObj(e) && 'constant_value' in e) out[k] = e.constant_value ?? null;
  return out;
}

/** Does a planned block agree with every constant of a configuration block? */
export function matches(config: JsonObj, values: JsonObj): boolean {
  for (const [k, e] of Object.entries(config)) {
    if (!isObj(e) || !('constant_value' in e)) continue;
    if (JSON.stringify(e.constant_value) !== JSON.stringify(values[k])) return false;
  }
  return true;
}
