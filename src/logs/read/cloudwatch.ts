/**
 * CloudWatch Logs JSON: the output of `aws logs filter-log-events` / `get-log-events`
 * (`events[].message`), subscription payloads (`logEvents[].message`, as delivered decompressed or
 * gzip-wrapped; CONTROL_MESSAGE payloads hold no events), the Lambda form (`awslogs.data`, base64 of
 * gzip), and several of these concatenated as Firehose writes them.
 */
import { gunzipSync } from 'node:zlib';

export type CloudWatchResult =
  | { readonly ok: true; readonly messages: string[] }
  | { readonly ok: false; readonly problem: string };

export function cloudWatchMessages(text: string): CloudWatchResult {
  const pieces = splitJsonValues(text);
  if (!pieces) return { ok: false, problem: 'it is not well-formed JSON' };
  const messages: string[] = [];
  for (const piece of pieces) {
    let value: unknown;
    try {
      value = JSON.parse(piece);
    } catch (e) {
      return { ok: false, problem: e instanceof Error ? e.message : String(e) };
    }
    const problem = collect(value, messages, 0);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, messages };
}

function collect(value: unknown, out: string[], depth: number): string | undefined {
  if (depth > 3) return 'it nests payloads too deeply';
  if (Array.isArray(value)) {
    for (const v of value) {
      const p = collect(v, out, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return 'it holds no log events';
  const o = value as Record<string, unknown>;
  if (typeof o.message === 'string') {
    out.push(o.message);
    return undefined;
  }
  if (o.messageType === 'CONTROL_MESSAGE') return undefined;
  const events = Array.isArray(o.events) ? o.events : Array.isArray(o.logEvents) ? o.logEvents : undefined;
  if (events) {
    for (const e of events) {
      const m = (e as { message?: unknown } | null)?.message;
      if (typeof m !== 'string') return 'an event has no "message" string';
      out.push(m);
    }
    return undefined;
  }
  const data = (o.awslogs as { data?: unknown } | undefined)?.data;
  if (typeof data === 'string') {
    let inner: unknown;
    try {
      inner = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
    } catch {
      return 'its awslogs.data is not base64 of gzip-compressed JSON';
    }
    return collect(inner, out, depth + 1);
  }
  return 'it has neither "events" nor "logEvents"';
}

/** Splits concatenated top-level JSON values (`{...}{...}` or one per line); undefined if unbalanced. */
export function splitJsonValues(text: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      if (depth === 0) return undefined;
    } else if (c === 123 || c === 91) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) out.push(text.slice(start, i + 1));
    } else if (depth === 0 && c !== 32 && c !== 10 && c !== 13 && c !== 9) {
      return undefined;
    }
  }
  if (depth !== 0 || inString) return undefined;
  return out;
}
