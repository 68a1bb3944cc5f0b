/**
 * The `flows` view of `logs sql`: flow-log text files (plain or gzip) read by DuckDB's read_csv with
 * explicit column types from the field table. Files are grouped by format (their header line, or
 * --fields / the default v2 format when they have none) and the groups joined UNION ALL BY NAME, so
 * files of different formats give one view whose columns are the union of their fields.
 */
import { open } from 'node:fs/promises';
import { isHeaderTokens } from '../formats/flow-format.js';
import { DEFAULT_FLOW_FIELDS } from '../formats/vpc-flow.js';
import { decoded, isGzip, openFile } from '../read/bytes.js';
import { duckdbType, quoteIdent, sqlColumns, sqlString } from './columns.js';

export interface FileFormat {
  readonly path: string;
  /** Field names, from the header line or else the fallback. */
  readonly fields: readonly string[];
  readonly header: boolean;
  readonly gzip: boolean;
  /** A Parquet file as S3 delivers it: columns already named and typed, read by read_parquet. */
  readonly parquet?: boolean;
}

export class SqlInputError extends Error {}

const FIRST_LINE_MAX = 1 << 16;

/** The first line of a file (decompressed), and whether the file is gzip. */
export async function firstLine(path: string): Promise<{ line: string; gzip: boolean }> {
  const gzip = isGzip(await headBytes(path));
  let text = '';
  for await (const chunk of decoded(openFile(path))) {
    text += chunk.toString('latin1');
    const nl = text.indexOf('\n');
    if (nl >= 0) return { line: text.slice(0, nl).replace(/\r$/, ''), gzip };
    if (text.length > FIRST_LINE_MAX) break;
  }
  return { line: text.replace(/\r$/, ''), gzip };
}

async function headBytes(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** How DuckDB should read a file: its header names, or `fallback` (--fields, else the v2 default). */
export async function fileFormat(path: string, fallback: readonly string[] | undefined): Promise<FileFormat> {
  const { line, gzip } = await firstLine(path);
  const t = line.trimStart();
  if (t.startsWith('{') || t.startsWith('['))
    throw new SqlInputError(
      `${path} looks like CloudWatch Logs JSON; logs sql reads flow-log text files (plain or gzip) only, so use logs query for it.`,
    );
  const tokens = line.split(' ').filter((s) => s !== '');
  if (isHeaderTokens(tokens)) return { path, fields: tokens, header: true, gzip };
  return { path, fields: fallback ?? DEFAULT_FLOW_FIELDS, header: false, gzip };
}

export interface ViewOptions {
  /** Skip lines DuckDB cannot read with the format (ignore_errors) instead of failing. */
  readonly skipMalformed?: boolean;
}

/** `CREATE VIEW flows AS ...` over the files. */
export function flowsViewSql(files: readonly FileFormat[], opts: ViewOptions = {}, view = 'flows'): string {
  if (files.length === 0) throw new SqlInputError('no flow-log files to read.');
  const groups = new Map<string, FileFormat[]>();
  for (const f of files) {
    const key = JSON.stringify([f.fields, f.header, f.gzip, f.parquet === true]);
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const selects = [...groups.values()].map((g) => (g[0]!.parquet ? readParquetSql(g) : readCsvSql(g, opts)));
  return `CREATE OR REPLACE VIEW ${quoteIdent(view)} AS ${selects.join(' UNION ALL BY NAME ')}`;
}

/** Parquet flow logs carry AWS's own column names (hyphens already underscores) and types. */
export function readParquetSql(files: readonly FileFormat[]): string {
  return `SELECT * FROM read_parquet([${files.map((f) => sqlString(f.path)).join(', ')}], union_by_name=true)`;
}

/** `SELECT * FROM read_csv(...)` for files of one format. */
export function readCsvSql(files: readonly FileFormat[], opts: ViewOptions = {}): string {
  const f0 = files[0]!;
  const cols = sqlColumns(f0.fields)
    .map((c) => `${sqlString(c.name)}: ${sqlString(duckdbType(c.spec))}`)
    .join(', ');
  const paths = files.map((f) => sqlString(f.path)).join(', ');
  const options = [
    "delim=' '",
    `header=${f0.header}`,
    "nullstr='-'",
    "quote=''",
    "escape=''",
    'auto_detect=false',
    `compression='${f0.gzip ? 'gzip' : 'none'}'`,
    `columns={${cols}}`,
    ...(opts.skipMalformed ? ['ignore_errors=true'] : []),
  ];
  return `SELECT * FROM read_csv([${paths}], ${options.join(', ')})`;
}
