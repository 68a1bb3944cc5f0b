/**
 * `logs summary` on two cores or more: large plain-text flow-log files are cut at line boundaries
 * and the parts, with the other files, are shared out in input order (contiguous, by bytes): the
 * first share to the main thread, the others to worker threads. Each share sums its parts into one flow summary; the workers' summaries merge
 * into the main thread's (mergeable bounded tables), and so do the accountings, with line numbers
 * of later parts of a file shifted by the lines of the parts before. Used only when it pays: flow
 * logs, at least 64 MiB of plain text, no standard input; otherwise one thread reads everything.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isHeaderTokens } from './formats/flow-format.js';
import type { LogType } from './log-type.js';
import { inputErrors } from './messages.js';
import {
  Accounting,
  type Counts,
  LogInputError,
  type LogWarning,
  MAX_SAMPLES,
  type MalformedReason,
  type MalformedSample,
} from './read/accounting.js';
import { isGzip } from './read/bytes.js';
import { typeFromLine, typeFromName } from './read/detect.js';
import type { Progress, ReadResult } from './read/read.js';
import { expandPaths, type Source } from './read/sources.js';
import type { FlowSummary, FlowSummaryState, SummaryOptions } from './report/flow-summary.js';
import { summarizeShare } from './summary-part.js';

export const PARALLEL_MIN_BYTES = 64 << 20;
/** Files this large are cut into parts; no part is smaller than this. */
export const SPLIT_MIN_BYTES = 8 << 20;

export interface Unit {
  /** Order in the input. */
  readonly index: number;
  readonly source: Source;
}

export interface WorkerInput {
  readonly units: readonly Unit[];
  readonly fields?: readonly string[];
  readonly strict: boolean;
  readonly summary: SummaryOptions;
}

export interface WorkerPart {
  readonly index: number;
  readonly type: LogType | undefined;
  readonly counts: Counts;
  readonly byReason: Partial<Record<MalformedReason, number>>;
  readonly samples: readonly MalformedSample[];
  readonly warnings: readonly LogWarning[];
  /** Accounting.warningKeys: each warning's key, to keep it once across parts as one thread would. */
  readonly warningKeys: readonly string[];
  readonly strictFailure?: MalformedSample;
  readonly fatal?: { readonly code: LogInputError['code']; readonly message: string };
}

interface FirstLine {
  readonly splittable: boolean;
  readonly line: string;
}

async function firstLine(path: string): Promise<FirstLine> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const b = buf.subarray(0, bytesRead);
    if (isGzip(b)) return { splittable: false, line: '' };
    const text = b.toString('latin1');
    const first = text.search(/\S/);
    if (first >= 0 && (text[first] === '{' || text[first] === '[')) return { splittable: false, line: '' };
    const nl = text.indexOf('\n', Math.max(0, first));
    return { splittable: nl > 0, line: text.slice(Math.max(0, first), nl < 0 ? undefined : nl).trim() };
  } finally {
    await fh.close();
  }
}

/**
 * Shares the input out to `workers` threads, or returns undefined when one thread is better: too
 * little plain text, standard input, or logs other than flow logs.
 */
export interface PlanOptions {
  readonly fields?: readonly string[];
  readonly type?: LogType;
  /** Thresholds (tests lower them). */
  readonly minBytes?: number;
  readonly splitMin?: number;
}

export async function plan(
  sources: readonly Source[],
  workers: number,
  opts: PlanOptions,
): Promise<Unit[][] | undefined> {
  const splitMin = opts.splitMin ?? SPLIT_MIN_BYTES;
  if (workers < 2 || (opts.type !== undefined && opts.type !== 'vpc')) return undefined;
  if (sources.some((s) => s.path === null)) return undefined;
  const info = new Map<Source, { header: readonly string[] | null }>();
  let plain = 0;
  for (const s of sources) {
    if (s.size < 2 * splitMin) continue;
    const f = await firstLine(s.path!);
    if (!f.splittable) continue;
    const nameType = typeFromName(s.name);
    const lineType = typeFromLine(f.line);
    if ((nameType && nameType !== 'vpc') || (!opts.fields && lineType !== 'vpc')) return undefined;
    const tokens = f.line.split(/[ \t]+/);
    info.set(s, { header: isHeaderTokens(tokens) ? tokens : null });
    plain += s.size;
  }
  if (plain < (opts.minBytes ?? PARALLEL_MIN_BYTES)) return undefined;
  const total = sources.reduce((n, s) => n + s.size, 0);
  const groups: Unit[][] = Array.from({ length: workers }, () => []);
  let g = 0;
  let done = 0;
  let index = 0;
  // Equal shares: a worker starts reading about 50 ms after the main thread, and the main thread
  // also merges; a larger first share measured slower.
  const boundary = () => ((g + 1) * total) / workers;
  for (const s of sources) {
    const split = info.get(s);
    let start = 0;
    if (split) {
      while (g < workers - 1) {
        const cut = Math.round(boundary() - done);
        if (cut - start < splitMin || s.size - cut < splitMin) break;
        groups[g]!.push({ index: index++, source: part(s, start, cut, split.header) });
        start = cut;
        g++;
      }
      groups[g]!.push({ index: index++, source: start === 0 ? s : part(s, start, s.size, split.header) });
    } else {
      groups[g]!.push({ index: index++, source: s });
    }
    done += s.size;
    while (g < workers - 1 && done >= boundary()) g++;
  }
  return groups.filter((u) => u.length > 0);
}

function part(s: Source, start: number, end: number, header: readonly string[] | null): Source {
  return {
    name: s.name,
    path: s.path,
    size: end - start,
    range: { start, end },
    ...(start > 0 ? { continued: { header } } : {}),
  };
}

function spawn(input: WorkerInput): Worker {
  // From the sources (tests, tsx) the worker is TypeScript: load it through tsx's loader.
  if (import.meta.url.endsWith('.ts')) {
    const url = new URL('./summary-worker.ts', import.meta.url).href;
    const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`;
    return new Worker(code, { eval: true, workerData: input });
  }
  return new Worker(new URL('./summary-worker.js', import.meta.url), { workerData: input });
}

export interface ParallelResult {
  readonly result: ReadResult;
  readonly summary: FlowSummary;
}

/** The parallel summary, or undefined when it does not apply (the caller reads on one thread). */
export async function parallelFlowSummary(
  paths: readonly string[],
  opts: PlanOptions & {
    readonly strict: boolean;
    readonly summary: SummaryOptions;
    readonly workers?: number;
    readonly onProgress?: (p: Progress) => void;
  },
): Promise<ParallelResult | undefined> {
  let expanded: Awaited<ReturnType<typeof expandPaths>>;
  try {
    expanded = await expandPaths(paths);
  } catch {
    return undefined; // the sequential path reports it
  }
  const workers = opts.workers ?? Math.min(4, availableParallelism());
  const groups = await plan(expanded.sources, workers, opts);
  if (!groups) return undefined;
  const bytesTotal = expanded.sources.reduce((n, s) => n + s.size, 0);
  let bytesDone = 0;
  let lines = 0;
  const progress = (bytes: number, more: number) => {
    bytesDone += bytes;
    lines += more;
    opts.onProgress?.({ bytesDone, bytesTotal, lines });
  };
  const input = (units: readonly Unit[]): WorkerInput => ({
    units,
    ...(opts.fields ? { fields: opts.fields } : {}),
    strict: opts.strict,
    summary: opts.summary,
  });
  const workerOutputs = groups.slice(1).map(
    (units) =>
      new Promise<{ parts: WorkerPart[]; summary: FlowSummaryState }>((resolve, reject) => {
        const w = spawn(input(units));
        w.on(
          'message',
          (m: { progress?: number; lines?: number; parts?: WorkerPart[]; summary?: FlowSummaryState }) => {
            if (m.parts && m.summary) {
              resolve({ parts: m.parts, summary: m.summary });
              void w.terminate();
              return;
            }
            progress(m.progress ?? 0, m.lines ?? 0);
          },
        );
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a summary worker stopped with code ${code}`));
        });
      }),
  );
  const all = Promise.all(workerOutputs);
  all.catch(() => {}); // handled below, once the main thread's share is read
  // The first share is read here while the workers start.
  const main = await summarizeShare(input(groups[0]!), progress);
  const outputs = await all;
  const summary = main.summary;
  for (const o of outputs) summary.absorb(o.summary);
  const parts = [...main.parts, ...outputs.flatMap((o) => o.parts)].sort((a, b) => a.index - b.index);
  const units = groups.flat().sort((a, b) => a.index - b.index);
  const acc = new Accounting(opts.strict);
  if (expanded.skipped.length > 0)
    acc.warn('skipped-files', {
      code: 'skipped-files',
      count: expanded.skipped.length,
      names: expanded.skipped,
    });
  // Line numbers of a later part of a file continue those of the parts before it.
  let offset = 0;
  let fatal: LogInputError | undefined;
  let type: LogType | undefined;
  let typeFile = '';
  const samples: MalformedSample[] = [];
  for (const p of parts) {
    const src = units[p.index]!.source;
    if (!src.continued) offset = 0;
    const shift = (s: MalformedSample): MalformedSample => ({ ...s, line: s.line + offset });
    for (const k of Object.keys(acc.counts) as (keyof Counts)[]) acc.counts[k] += p.counts[k];
    for (const [r, n] of Object.entries(p.byReason))
      acc.byReason[r as MalformedReason] = (acc.byReason[r as MalformedReason] ?? 0) + n;
    samples.push(...p.samples.map(shift));
    // Each warning once per key, as on one thread; a line number counts from the file's start.
    p.warnings.forEach((w, i) => {
      acc.warn(p.warningKeys[i]!, w.line !== undefined ? { ...w, line: w.line + offset } : w);
    });
    if (p.strictFailure && !acc.strictFailure) acc.strictFailure = shift(p.strictFailure);
    if (p.fatal && !fatal) fatal = new LogInputError(p.fatal.code, p.fatal.message);
    if (p.type) {
      if (type === undefined) {
        type = p.type;
        typeFile = src.name;
      } else if (type !== p.type && !fatal)
        fatal = new LogInputError('mixed-types', inputErrors.mixedTypes(typeFile, type, src.name, p.type));
    }
    offset += p.counts.lines;
    if (acc.strictFailure || fatal) break;
  }
  acc.samples.push(...samples.slice(0, MAX_SAMPLES));
  const files = new Set(parts.map((p) => units[p.index]!.source.name)).size;
  return {
    summary,
    result: { type: type ?? 'vpc', files, acc, ...(fatal ? { fatal } : {}) },
  };
}
