/**
 * One parsed file → the readers of its top-level keys. A file may hold several keys. Keys of
 * non-network outputs give one UNSUPPORTED_RESOURCE per file; other unknown keys give
 * UNKNOWN_TOP_LEVEL_KEY; JSON that does not look like AWS CLI output at all gives UNRECOGNISED_FILE.
 */
import type { Accumulator } from './assemble.js';
import { badValue, createContext } from './context.js';
import {
  IGNORED_KEYS,
  KEY_READERS,
  LOAD_BALANCER_KEYS,
  LOAD_BALANCERS_NOT_MODELLED,
  UNSUPPORTED_KEYS,
} from './dispatch.js';
import { isObject } from './json.js';

/** AWS CLI output keys are PascalCase and hold lists. */
function looksLikeAwsList(key: string, value: unknown): boolean {
  const c = key.charCodeAt(0);
  return c >= 65 && c <= 90 && Array.isArray(value);
}

export function readDocument(file: string, json: unknown, acc: Accumulator): void {
  if (!isObject(json)) {
    const shape = Array.isArray(json) ? 'a JSON array' : `a JSON ${json === null ? 'null' : typeof json}`;
    acc.warn({
      code: 'UNRECOGNISED_FILE',
      file,
      value: shape,
      detail: 'expected the object printed by `aws ec2 describe-* --output json`',
    });
    return;
  }
  const keys = Object.keys(json);
  const known = keys.filter((k) => KEY_READERS.has(k));
  const unsupported = keys.filter((k) => UNSUPPORTED_KEYS.has(k));
  const unknown = keys.filter((k) => !KEY_READERS.has(k) && !UNSUPPORTED_KEYS.has(k) && !IGNORED_KEYS.has(k));
  if (known.length === 0 && unsupported.length === 0 && !unknown.some((k) => looksLikeAwsList(k, json[k]))) {
    acc.warn({
      code: 'UNRECOGNISED_FILE',
      file,
      value: keys.slice(0, 5).join(', '),
      detail: 'not describe-* output',
    });
    return;
  }
  const ctx = createContext(file, acc.origins, acc.warn);
  acc.files.set(file, ctx.origin);
  for (const key of known) {
    const reader = KEY_READERS.get(key);
    const items = json[key];
    if (!reader) continue;
    if (!Array.isArray(items)) {
      badValue(ctx, { field: key }, items, key, 'expected a list');
      continue;
    }
    if (reader.kind) acc.markPresent(reader.kind, ctx);
    reader.read(items, ctx, acc, json);
  }
  if (unsupported.length > 0) {
    acc.warn({
      code: 'UNSUPPORTED_RESOURCE',
      file,
      field: unsupported[0],
      value: unsupported.join(', '),
      ...(unsupported.every((k) => LOAD_BALANCER_KEYS.has(k)) ? { detail: LOAD_BALANCERS_NOT_MODELLED } : {}),
    });
  }
  for (const key of unknown) acc.warn({ code: 'UNKNOWN_TOP_LEVEL_KEY', file, field: key });
}
