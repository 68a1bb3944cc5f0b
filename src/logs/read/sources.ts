/**
 * Input paths to sources: files as given, folders searched recursively (sorted, hidden entries and
 * files that cannot be logs skipped and counted), `-` for standard input.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inputErrors } from '../messages.js';
import { LogInputError } from './accounting.js';

export interface Source {
  /** As shown in messages: the path, or `<stdin>`. */
  readonly name: string;
  /** Null for standard input. */
  readonly path: string | null;
  /** Bytes on disk (0 for stdin). */
  readonly size: number;
  /** Only part of the file: the lines that start in [start, end) (parallel reading). */
  readonly range?: { readonly start: number; readonly end: number };
  /** A part after the first: the file's header names, or null when it has none. */
  readonly continued?: { readonly header: readonly string[] | null };
}

/**
 * Files in a folder that are never logs (S3 downloads of a log bucket hold none of these).
 * `.parquet` files are read (flow logs delivered as Parquet).
 */
const NOT_LOGS = /\.(md|ya?ml|csv|html?|py|ts|js|sh)$/i;

export interface Expanded {
  readonly sources: Source[];
  /** Files inside folders that were not read, such as `.csv` files. */
  readonly skipped: string[];
}

export async function expandPaths(paths: readonly string[]): Promise<Expanded> {
  const sources: Source[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      sources.push({ name: '<stdin>', path: null, size: 0 });
      continue;
    }
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(p);
    } catch {
      throw new LogInputError('no-such-path', inputErrors.noSuchPath(p));
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      await walk(p, found, skipped);
      found.sort();
      for (const f of found) sources.push({ name: f, path: f, size: (await stat(f)).size });
    } else {
      sources.push({ name: p, path: p, size: st.size });
    }
  }
  return { sources, skipped };
}

async function walk(dir: string, out: string[], skipped: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) await walk(full, out, skipped);
    else if (e.isFile()) {
      if (NOT_LOGS.test(e.name)) skipped.push(full);
      else out.push(full);
    }
  }
}

/** A Parquet file, by its name (Parquet is read as a table, not as lines). */
export function isParquetName(name: string): boolean {
  return name.toLowerCase().endsWith('.parquet');
}
