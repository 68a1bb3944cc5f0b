/**
 * `vpcsim logs sql`: runs one SQL statement on an embedded DuckDB over the `flows` view of the
 * inputs (flows-view.ts). `@duckdb/node-api` is an optional dependency, loaded only here.
 * Offline: DuckDB is told not to install or load extensions on its own.
 */
import { parseFieldList } from '../formats/flow-format.js';
import { LogInputError } from '../read/accounting.js';
import { isParquetName } from '../read/parquet.js';
import { expandPaths } from '../read/sources.js';
import { type FileFormat, fileFormat, flowsViewSql, SqlInputError } from './flows-view.js';

export { SqlInputError } from './flows-view.js';

/** `@duckdb/node-api` could not be loaded. */
export class DuckDbMissingError extends Error {
  constructor(cause: unknown) {
    super(
      `logs sql needs the optional package @duckdb/node-api, which could not be loaded (${firstLine(cause)}); run \`npm install @duckdb/node-api\`.`,
    );
  }
}

/** DuckDB rejected the statement (or could not read a file); the message is DuckDB's. */
export class SqlError extends Error {}

export type SqlValue = string | number | boolean | null | SqlValue[] | { [k: string]: SqlValue };

export interface SqlResult {
  readonly columns: readonly string[];
  /** DuckDB type names, such as BIGINT or VARCHAR. */
  readonly types: readonly string[];
  /** JSON-ready values: integers as numbers when exactly representable, else strings. */
  readonly rows: readonly (readonly SqlValue[])[];
}

export interface SqlOptions {
  /** `--fields`: the format of files without a header (default: the v2 default format). */
  readonly fields?: string;
  readonly skipMalformed?: boolean;
}

type DuckDbApi = typeof import('@duckdb/node-api');

export async function loadDuckDb(): Promise<DuckDbApi> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    throw new DuckDbMissingError(e);
  }
}

/** The files of the inputs and their formats. */
export async function sqlFiles(paths: readonly string[], fields: string | undefined): Promise<FileFormat[]> {
  let fallback: readonly string[] | undefined;
  if (fields !== undefined) {
    const got = parseFieldList(fields);
    if (!got.ok)
      throw new SqlInputError(`--fields ${JSON.stringify(fields)}: ${got.message} (column ${got.column}).`);
    fallback = got.names;
  }
  if (paths.includes('-'))
    throw new SqlInputError(
      'logs sql reads files and folders, not standard input; save the records to a file first.',
    );
  let sources: Awaited<ReturnType<typeof expandPaths>>['sources'];
  try {
    sources = (await expandPaths(paths)).sources;
  } catch (e) {
    if (e instanceof LogInputError) throw new SqlInputError(e.message);
    throw e;
  }
  const out: FileFormat[] = [];
  for (const s of sources) {
    if (s.path === null || s.size === 0) continue;
    if (isParquetName(s.path))
      out.push({ path: s.path, fields: [], header: false, gzip: false, parquet: true });
    else out.push(await fileFormat(s.path, fallback));
  }
  if (out.length === 0) throw new SqlInputError(`no non-empty flow-log files in ${paths.join(', ')}.`);
  return out;
}

const INTEGER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
]);

/** An integer given as text becomes a number when that is exact. */
export function jsonValue(v: unknown, type: string): SqlValue {
  if (typeof v === 'string' && INTEGER_TYPES.has(type) && /^-?\d+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
  return v as SqlValue;
}

/** Runs `sql` over the `flows` view of the inputs. */
export async function runSql(
  paths: readonly string[],
  sql: string,
  opts: SqlOptions = {},
): Promise<SqlResult> {
  const files = await sqlFiles(paths, opts.fields);
  const duck = await loadDuckDb();
  const instance = await duck.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    await conn.run(flowsViewSql(files, opts.skipMalformed ? { skipMalformed: true } : {}));
    let reader: Awaited<ReturnType<typeof conn.runAndReadAll>>;
    try {
      reader = await conn.runAndReadAll(sql);
    } catch (e) {
      throw new SqlError(oneSentence(e));
    }
    const columns = reader.columnNames();
    const types = reader.columnTypes().map((t) => t.toString());
    const rows = reader.getRowsJson().map((r) => r.map((v, i) => jsonValue(v, types[i]!)));
    return { columns, types, rows };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split('\n')[0] ?? m).trim();
}

/** DuckDB's message as one sentence: its first line, and the file when it names one. */
export function oneSentence(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  let s = firstLine(e).replace(/[.:]$/, '');
  const original = /^Original Line: (.*)$/m.exec(m);
  if (original) s += ` (line ${JSON.stringify(original[1]!.slice(0, 200))})`;
  const file = /^\s*file = (.*)$/m.exec(m);
  if (file) s += ` in ${file[1]!.trim()}`;
  return `${s}.`;
}
