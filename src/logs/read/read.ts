/**
 * Reads log sources into a sink, one record at a time: files, folders (recursively), `-` for
 * standard input; plain or gzip (whatever the name); text lines or CloudWatch Logs JSON. Memory
 * stays flat: text is processed chunk by chunk in place (CloudWatch JSON documents are read whole).
 * Input problems never throw: they come back as `fatal` (exit 2); malformed lines are counted in the
 * accounting with their location, and with `strict` the first one stops reading.
 */

import type { ElbLogType } from '../formats/elb.js';
import { elbFormat } from '../formats/elb-format.js';
import type { FlowFormat } from '../formats/flow-format.js';
import type { LogType } from '../log-type.js';
import { inputErrors, locationText } from '../messages.js';
import { Accounting, LogInputError } from './accounting.js';
import { CorruptGzipError, decoded, openFile, openRange, SourceReadError } from './bytes.js';
import { cloudWatchMessages } from './cloudwatch.js';
import { controlLineType, typeFromLine, typeFromName } from './detect.js';
import { type ElbLine, ElbParser } from './elb-parser.js';
import { type BulkFlowSink, type FlowLine, FlowParser } from './flow-parser.js';
import { type Block, lineBlocks, MAX_LINE_BYTES, OVERLONG } from './lines.js';
import { expandPaths, isParquetName, type Source } from './sources.js';

export interface LogSink {
  /** Called once, before the first record, with the type of every input. */
  type(t: LogType): void;
  flow(r: FlowLine): void;
  elb(r: ElbLine): void;
  /** Takes runs of plain flow-log lines in bulk instead of `flow` (the native summary kernel). */
  readonly flowBulk?: BulkFlowSink | undefined;
}

export interface Progress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly lines: number;
}

export interface ReadOptions {
  /** Forces the log type; otherwise it is detected per file, and files must agree. */
  readonly type?: LogType;
  /** The flow-log format of files without a header (`--fields`). */
  readonly fields?: FlowFormat;
  readonly strict?: boolean;
  /** Standard input, for `-` (tests pass their own). */
  readonly stdin?: AsyncIterable<Buffer | Uint8Array | string>;
  readonly onProgress?: (p: Progress) => void;
  readonly maxLine?: number;
}

export interface ReadResult {
  /** The type read, if any line said. */
  readonly type: LogType | undefined;
  readonly files: number;
  readonly acc: Accounting;
  /** Reading stopped: the input cannot be read as asked (exit 2). */
  readonly fatal?: LogInputError;
}

type Item = Block | typeof OVERLONG | { readonly corrupt: string } | { readonly message: string };

interface Parser {
  stopped: boolean;
  beginFile(name: string, events: boolean, continued?: Source['continued']): void;
  block(buf: Buffer, start: number, end: number): void;
  message(buf: Buffer): void;
  overlong(): void;
  corrupt(why: string): void;
}

class Reader {
  type: LogType | undefined;
  typeFile = '';
  fatal: LogInputError | undefined;
  files = 0;
  bytesDone = 0;
  private flowParser: FlowParser | undefined;
  private elbParser: ElbParser | undefined;
  readonly maxLine: number;

  constructor(
    readonly opts: ReadOptions,
    readonly sink: LogSink,
    readonly acc: Accounting,
    readonly bytesTotal: number,
  ) {
    this.maxLine = opts.maxLine ?? MAX_LINE_BYTES;
    if (opts.type) this.setType(opts.type, '');
    else if (opts.fields) this.setType('vpc', '');
  }

  get stopped(): boolean {
    return this.fatal !== undefined || this.acc.strictFailure !== undefined;
  }

  /** Fixes the type of the run, or fails when a file disagrees with it. */
  setType(t: LogType, file: string): boolean {
    if (this.type === undefined) {
      this.type = t;
      this.typeFile = file;
      this.sink.type(t);
      return true;
    }
    if (this.type === t) return true;
    this.fatal = new LogInputError('mixed-types', inputErrors.mixedTypes(this.typeFile, this.type, file, t));
    return false;
  }

  parser(): Parser {
    if (this.type === 'vpc' || this.type === undefined) {
      this.flowParser ??= new FlowParser(this.acc, (r) => this.sink.flow(r), {
        ...(this.opts.fields ? { fields: this.opts.fields } : {}),
        maxLine: this.maxLine,
        bulk: this.sink.flowBulk,
      });
      return this.flowParser;
    }
    if (!this.elbParser || this.elbParser.rec.format.type !== this.type)
      this.elbParser = new ElbParser(
        this.acc,
        (r) => this.sink.elb(r),
        elbFormat(this.type as ElbLogType),
        this.maxLine,
      );
    return this.elbParser;
  }

  checkParser(p: Parser): void {
    if (p === this.flowParser && this.flowParser.fatal && !this.fatal) this.fatal = this.flowParser.fatal;
  }

  async source(src: Source): Promise<void> {
    this.files++;
    if (src.path !== null && isParquetName(src.name)) return this.parquet(src, src.path);
    const raw =
      src.path === null
        ? (this.opts.stdin ?? process.stdin)
        : src.range
          ? openRange(src.path, src.range.start, src.range.end)
          : openFile(src.path);
    const onRaw = (n: number) => {
      this.bytesDone += n;
    };
    const it = decoded(raw, onRaw)[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let kind: 'text' | 'json' | undefined;
    let ended = false;
    let corrupt: string | undefined;
    try {
      // Peek until the first non-blank byte tells text from JSON.
      while (kind === undefined) {
        const n = await it.next();
        if (n.done) {
          ended = true;
          break;
        }
        // Only the newest chunk may stay a view of the file buffers (bytes.ts); older ones are copied.
        if (head.length > 0) head[head.length - 1] = Buffer.from(head[head.length - 1]!);
        head.push(n.value);
        const b = firstNonBlank(n.value);
        if (b >= 0) kind = (b === 123 || b === 91) && !src.continued ? 'json' : 'text';
      }
    } catch (e) {
      if (e instanceof CorruptGzipError) corrupt = e.message;
      else if (e instanceof SourceReadError) {
        this.fatal = new LogInputError('unreadable', inputErrors.unreadable(src.name, errorText(e.cause)));
        return;
      } else throw e;
    }
    try {
      if (kind === 'json' && corrupt === undefined) await this.json(src, head, it);
      else await this.text(src, head, ended ? undefined : it, corrupt);
    } finally {
      await it.return?.(undefined);
    }
  }

  /** A Parquet flow-log file: its rows go to the flow parser as lines would. */
  private async parquet(src: Source, path: string): Promise<void> {
    // A later part of a file cut for parallel reading: the first part reads the whole table.
    if (src.continued || (src.range && src.range.start > 0)) return;
    // Loaded on first use: the Parquet reader and its codecs are most of the start-up of a worker.
    const { ParquetInputError, parquetErrorText, parquetTypeText, readParquetFile } = await import(
      './parquet.js'
    );
    const forced = this.opts.type;
    if (forced !== undefined && forced !== 'vpc') {
      this.fatal = new LogInputError('mixed-types', parquetTypeText(src.name, forced));
      return;
    }
    if (!this.setType('vpc', src.name)) return;
    this.parser();
    const p = this.flowParser!;
    try {
      await readParquetFile(path, src.name, src.size, p, this.acc, {
        progress: (bytes) => {
          this.bytesDone += bytes;
          this.opts.onProgress?.({
            bytesDone: this.bytesDone,
            bytesTotal: this.bytesTotal,
            lines: this.acc.counts.lines,
          });
        },
      });
    } catch (e) {
      if (!(e instanceof ParquetInputError)) throw e;
      this.fatal = new LogInputError('unreadable', parquetErrorText(src.name, e.message));
      return;
    }
    this.checkParser(p);
  }

  private async json(src: Source, head: Buffer[], it: AsyncIterator<Buffer>): Promise<void> {
    // The document is read whole: its chunks are copied out of the file buffers (bytes.ts).
    const parts = head.map((b) => Buffer.from(b));
    try {
      for (;;) {
        const n = await it.next();
        if (n.done) break;
        parts.push(Buffer.from(n.value));
      }
    } catch (e) {
      if (!(e instanceof SourceReadError) && !(e instanceof CorruptGzipError)) throw e;
      this.fatal = new LogInputError(
        'unreadable',
        inputErrors.unreadable(src.name, e instanceof SourceReadError ? errorText(e.cause) : e.message),
      );
      return;
    }
    const got = cloudWatchMessages(Buffer.concat(parts).toString('utf8'));
    if (!got.ok) {
      this.fatal = new LogInputError('bad-json', inputErrors.badJson(src.name, got.problem));
      return;
    }
    const file = new FileSession(this, src, true);
    for (const message of got.messages) if (!file.take({ message })) return;
    file.end();
  }

  private async text(
    src: Source,
    head: Buffer[],
    it: AsyncIterator<Buffer> | undefined,
    corruptAtStart: string | undefined,
  ): Promise<void> {
    async function* chunks(): AsyncGenerator<Buffer> {
      yield* head;
      if (!it) return;
      for (;;) {
        const n = await it.next();
        if (n.done) return;
        yield n.value;
      }
    }
    const file = new FileSession(this, src, false);
    if (corruptAtStart !== undefined) file.take({ corrupt: corruptAtStart });
    else {
      try {
        for await (const item of lineBlocks(chunks(), this.maxLine)) {
          if (!file.take(item)) return;
          this.opts.onProgress?.({
            bytesDone: this.bytesDone,
            bytesTotal: this.bytesTotal,
            lines: this.acc.counts.lines,
          });
        }
      } catch (e) {
        if (e instanceof CorruptGzipError) file.take({ corrupt: e.message });
        else if (e instanceof SourceReadError) {
          this.fatal = new LogInputError('unreadable', inputErrors.unreadable(src.name, errorText(e.cause)));
          return;
        } else throw e;
      }
    }
    file.end();
  }
}

/**
 * One file's lines on their way to a parser. Until the type is known (from the options, the file
 * name, or the first line that says: a header, a record, an ELB entry) they wait; blank lines and
 * ELB control lines say nothing. A line that is no known log stops reading (exit 2).
 */
class FileSession {
  private parser: Parser | undefined;
  private readonly pending: Item[] = [];
  /** Lines looked at before the type was known (for the line number of an error). */
  private seen = 0;
  private control: LogType | undefined;

  constructor(
    private readonly reader: Reader,
    private readonly src: Source,
    private readonly events: boolean,
  ) {
    const o = reader.opts;
    const t = src.continued ? 'vpc' : (o.type ?? (o.fields ? 'vpc' : typeFromName(src.name)));
    if (t) this.start(t);
  }

  /** False once reading must stop. */
  take(item: Item): boolean {
    if (this.parser) this.feed(this.parser, item);
    else {
      // Kept until the type is known: a copy, as the file buffer is read into again (bytes.ts).
      this.pending.push(
        isBlock(item)
          ? {
              buf: Buffer.from(item.buf.subarray(item.start, item.end)),
              start: 0,
              end: item.end - item.start,
            }
          : item,
      );
      this.look(item);
    }
    return !this.reader.stopped;
  }

  /** The end of the file: lines still waiting (none said what the file holds) go to a parser now. */
  end(): void {
    if (this.parser || this.pending.length === 0 || this.reader.stopped) return;
    this.start(this.reader.type ?? this.control ?? 'vpc');
  }

  private start(t: LogType): void {
    if (!this.reader.setType(t, this.src.name)) return;
    const p = this.reader.parser();
    this.parser = p;
    p.beginFile(this.src.name, this.events, this.src.continued);
    for (const item of this.pending) if (!this.reader.stopped) this.feed(p, item);
    this.pending.length = 0;
  }

  private feed(p: Parser, item: Item): void {
    if (item === OVERLONG) p.overlong();
    else if ('corrupt' in item) p.corrupt(item.corrupt);
    else if ('message' in item) p.message(Buffer.from(item.message, 'utf8'));
    else p.block(item.buf, item.start, item.end);
    this.reader.checkParser(p);
  }

  private look(item: Item): void {
    if (item === OVERLONG || 'corrupt' in item) {
      this.seen++;
      return;
    }
    if ('message' in item) {
      this.lookAt(item.message);
      return;
    }
    let s = item.start;
    while (s < item.end && !this.parser && !this.reader.stopped) {
      let e = item.buf.indexOf(10, s);
      if (e === -1 || e > item.end) e = item.end;
      this.lookAt(item.buf.toString('utf8', s, Math.min(e, s + 4096)));
      s = e + 1;
    }
  }

  private lookAt(line: string): void {
    this.seen++;
    if (line.trim() === '') return;
    const control = controlLineType(line);
    if (control) {
      this.control ??= control;
      return;
    }
    const t = typeFromLine(line);
    if (t) return this.start(t);
    const loc = { file: this.src.name, line: this.seen, ...(this.events ? { event: true as const } : {}) };
    this.reader.fatal = new LogInputError(
      'unknown-format',
      inputErrors.unknownFormat(locationText(loc), sample(line)),
    );
  }
}

/**
 * Reads sources already expanded into a sink, with the given accounting (parallel workers read
 * their parts of the input this way, one accounting per part).
 */
export async function readSources(
  sources: readonly Source[],
  opts: ReadOptions,
  sink: LogSink,
  acc: Accounting,
): Promise<{ readonly type: LogType | undefined; readonly fatal?: LogInputError }> {
  const reader = new Reader(
    opts,
    sink,
    acc,
    sources.reduce((n, s) => n + s.size, 0),
  );
  for (const src of sources) {
    await reader.source(src);
    if (reader.stopped) break;
  }
  return { type: reader.type, ...(reader.fatal ? { fatal: reader.fatal } : {}) };
}

export async function readLogs(
  paths: readonly string[],
  opts: ReadOptions,
  sink: LogSink,
): Promise<ReadResult> {
  const acc = new Accounting(opts.strict === true);
  let expanded: Awaited<ReturnType<typeof expandPaths>>;
  try {
    expanded = await expandPaths(paths);
  } catch (e) {
    if (e instanceof LogInputError) return { type: undefined, files: 0, acc, fatal: e };
    throw e;
  }
  if (expanded.skipped.length > 0)
    acc.warn('skipped-files', {
      code: 'skipped-files',
      count: expanded.skipped.length,
      names: expanded.skipped,
    });
  const total = expanded.sources.reduce((n, s) => n + s.size, 0);
  const reader = new Reader(opts, sink, acc, total);
  for (const src of expanded.sources) {
    await reader.source(src);
    if (reader.stopped) break;
  }
  if (reader.type === undefined && !reader.fatal) {
    // Nothing said what the input holds: report it as flow logs, with no records.
    sink.type('vpc');
  }
  return {
    type: reader.type ?? 'vpc',
    files: reader.files,
    acc,
    ...(reader.fatal ? { fatal: reader.fatal } : {}),
  };
}

function firstNonBlank(b: Buffer): number {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return c;
  }
  return -1;
}

function sample(line: string): string {
  const t = line.trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

function errorText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return e instanceof Error ? e.message : String(e);
}

function isBlock(item: Item): item is Block {
  return typeof item === 'object' && 'buf' in item;
}
