/**
 * Finding and parsing the files of a snapshot. A folder is searched recursively for `*.json`
 * (hidden folders skipped; other extensions ignored unless the path given is that file).
 *
 * CloudMapper layout (`account-data/<account>/<region>/<service>-<call>.json`): when the tree holds
 * any `ec2-describe-*.json`, only files whose name starts with `ec2-describe-` are read, so its
 * dozens of IAM/S3/ELB/... files do not each produce a warning.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { jsonErrorPosition, jsonErrorReason } from './json-error.js';

const CLOUDMAPPER_PREFIX = 'ec2-describe-';

export function listSnapshotFiles(root: string): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(root);
  } catch {
    throw new InputError('SNAPSHOT_NOT_FOUND', { value: root });
  }
  if (!st.isDirectory()) return [root];
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const t = statSync(full);
          isDir = t.isDirectory();
          isFile = t.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) walk(full);
      else if (isFile && e.name.toLowerCase().endsWith('.json')) files.push(full);
    }
  };
  walk(root);
  if (files.some((f) => path.basename(f).startsWith(CLOUDMAPPER_PREFIX))) {
    return files.filter((f) => path.basename(f).startsWith(CLOUDMAPPER_PREFIX));
  }
  return files;
}

/** Text of a file saved by the AWS CLI: UTF-8 (BOM stripped) or UTF-16 (PowerShell's `>`). */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses JSON text; a syntax error becomes MALFORMED_JSON with the file and line:column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = jsonErrorPosition(text, message);
    throw new InputError('MALFORMED_JSON', {
      file,
      line: at?.line,
      column: at?.column,
      value: jsonErrorReason(message),
    });
  }
}

/** The parsed file, or `undefined` when it is empty (whitespace only). */
export function readJsonFile(file: string): { json: unknown } | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('SNAPSHOT_NOT_FOUND', { value: file });
    throw new InputError('UNREADABLE_FILE', { file, value: code ?? String(e) });
  }
  const text = decodeText(buf);
  if (text.trim() === '') return undefined;
  return { json: parseJsonText(text, file) };
}
