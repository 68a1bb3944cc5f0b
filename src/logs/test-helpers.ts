/** Helpers for the logs tests: temporary files, and reading them into plain record objects. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FlowFormat, parseFieldList } from './formats/flow-format.js';
import type { LogType } from './log-type.js';
import { type ReadOptions, type ReadResult, readLogs } from './read/read.js';

/** Writes files (nested names allowed) into a new temporary folder and returns it. */
export function tempFiles(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-logs-'));
  for (const [name, body] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, body);
  }
  return dir;
}

export function fieldsOf(format: string): FlowFormat {
  const got = parseFieldList(format);
  if (!got.ok) throw new Error(got.message);
  return new FlowFormat(got.names, 'fields');
}

export interface Collected {
  readonly type: LogType | undefined;
  readonly records: Record<string, unknown>[];
  /** status of each flow record: OK, NODATA, SKIPDATA; and where it came from. */
  readonly where: string[];
  readonly result: ReadResult;
}

/** Reads paths and returns every record as a plain object (flow: typed values; ELB: typed values). */
export async function collect(paths: readonly string[], opts: ReadOptions = {}): Promise<Collected> {
  const records: Record<string, unknown>[] = [];
  const where: string[] = [];
  let type: LogType | undefined;
  const result = await readLogs(paths, opts, {
    type: (t) => {
      type = t;
    },
    flow: (r) => {
      records.push(r.toRecord() as Record<string, unknown>);
      where.push(`${r.file}:${r.line}`);
    },
    elb: (r) => {
      records.push(r.toRecord() as Record<string, unknown>);
      where.push(`${r.file}:${r.line}`);
    },
  });
  return { type, records, where, result };
}

/** Reads one text as a file named `name`. */
export async function collectText(
  text: string | Buffer,
  opts: ReadOptions = {},
  name = 'flows.log',
): Promise<Collected> {
  const dir = tempFiles({ [name]: text });
  return collect([join(dir, name)], opts);
}
