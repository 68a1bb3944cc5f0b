/**
 * Flow logs delivered to S3 as Parquet, through a pure-JS reader (hyparquet, with the codecs of
 * hyparquet-compressors: Snappy, GZIP, ZSTD, Brotli, LZ4). Column names are the field names with
 * `_` for `-` (`interface_id`, `log_status`); unknown columns are kept as text with a warning, as
 * unknown header names are in text files. The file is read one row group at a time, so memory
 * stays bounded by the largest row group.
 *
 * Each row is written as tokens (one per column, `-` for null, `None` or empty) into a reused
 * buffer with their bounds, and handed to the flow parser's `row`: the same checks, typed values,
 * NODATA/SKIPDATA accounting and record as a text line. A row counts as one line; a value the
 * field cannot hold (protocol 8080, a bad address) makes the row malformed at `file:row`.
 */
import { asyncBufferFromFile, type FileMetaData, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Accounting } from './accounting.js';
import { type FlowParser, MAX_TOKENS } from './flow-parser.js';

export { isParquetName } from './sources.js';

/** Why a Parquet file cannot be read: one sentence naming it (exit 2). */
export function parquetErrorText(file: string, why: string): string {
  return `${file} cannot be read as a Parquet flow-log file (${why}); check that it is a complete Parquet file as S3 delivered it.`;
}

/** --type names an ELB log, but Parquet files hold flow logs. */
export function parquetTypeText(file: string, type: string): string {
  return `${file} is a Parquet file, which holds flow logs, but --type is ${type}; drop --type, or pass only the ${type} logs.`;
}

export class ParquetInputError extends Error {}

const DASH = Buffer.from('-');
const NONE = 'None';

export interface ParquetReadHooks {
  /** After each row group, with the bytes of the file that group stands for. */
  readonly progress: (bytes: number) => void;
}

/**
 * Reads one Parquet file into the flow parser. Throws ParquetInputError when the file cannot be
 * read (not Parquet, truncated, corrupt pages, nested columns); rows already read stay counted.
 */
export async function readParquetFile(
  path: string,
  name: string,
  size: number,
  parser: FlowParser,
  acc: Accounting,
  hooks: ParquetReadHooks,
): Promise<void> {
  let metadata: FileMetaData;
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new ParquetInputError(reason(e));
  }
  const columns = topColumns(metadata);
  if (columns.length === 0) throw new ParquetInputError('it has no columns');
  if (columns.length > MAX_TOKENS) throw new ParquetInputError(`it has more than ${MAX_TOKENS} columns`);
  // AWS writes the field names with `_` for `-`; unknown names follow the same rule.
  parser.beginTable(
    name,
    columns.map((c) => c.replaceAll('_', '-')),
  );
  const out = new RowWriter(parser);
  const totalRows = Number(metadata.num_rows);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (rows === 0) continue;
    const rowEnd = rowStart + rows;
    let got: unknown[][] = [];
    try {
      await parquetRead({
        file,
        metadata,
        columns,
        rowStart,
        rowEnd,
        compressors,
        rowFormat: 'array',
        onComplete: (r: unknown[][]) => {
          got = r;
        },
      });
    } catch (e) {
      throw new ParquetInputError(reason(e));
    }
    for (const row of got) {
      out.write(row);
      if (parser.stopped || acc.strictFailure) return;
    }
    got = [];
    rowStart = rowEnd;
    hooks.progress(totalRows > 0 ? Math.round((size * rows) / totalRows) : 0);
  }
}

/** The file's top-level column names; nested (group) columns are not flow-log fields. */
function topColumns(md: FileMetaData): string[] {
  const schema = md.schema;
  const root = schema[0];
  if (!root) return [];
  const names: string[] = [];
  let i = 1;
  for (let k = 0; k < (root.num_children ?? 0) && i < schema.length; k++) {
    const el = schema[i]!;
    if (el.num_children)
      throw new ParquetInputError(`column ${el.name} is nested, which flow logs never are`);
    names.push(el.name);
    i++;
  }
  return names;
}

/** Writes rows as tokens into a reused buffer and passes them to the parser. */
class RowWriter {
  private buf = Buffer.alloc(4096);

  constructor(private readonly parser: FlowParser) {}

  write(row: readonly unknown[]): void {
    const rec = this.parser.rec;
    const st = rec.starts;
    const en = rec.ends;
    let pos = 0;
    for (let c = 0; c < row.length; c++) {
      if (c > 0) pos = this.put(pos, ' ');
      st[c] = pos;
      const t = token(row[c]);
      pos = t === undefined ? this.putBytes(pos, DASH) : this.put(pos, t);
      en[c] = pos;
    }
    this.parser.row(this.buf, pos);
  }

  private ensure(pos: number, n: number): void {
    if (pos + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, pos + n));
    this.buf.copy(next, 0, 0, pos);
    this.buf = next;
  }

  /** Writes s as UTF-8 (ASCII byte by byte: faster than Buffer.write for short tokens). */
  private put(pos: number, s: string): number {
    const n = s.length;
    this.ensure(pos, n * 3);
    const b = this.buf;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) return pos + b.write(s, pos, 'utf8');
      b[pos + i] = c;
    }
    return pos + n;
  }

  private putBytes(pos: number, b: Uint8Array): number {
    this.ensure(pos, b.length);
    this.buf.set(b, pos);
    return pos + b.length;
  }
}

/** A column value as the token a text line would hold; undefined for null (`-`). */
function token(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v === '' || v === NONE ? undefined : v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Timestamp columns (a copy rewritten with typed times): Unix seconds, as `start`/`end` hold.
  if (v instanceof Date) return String(Math.floor(v.getTime() / 1000));
  if (v instanceof Uint8Array) return v.length === 0 ? undefined : Buffer.from(v).toString('utf8');
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

function reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s+/g, ' ').trim() || 'unknown error';
}
