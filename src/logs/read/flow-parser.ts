/**
 * Flow-log lines to records, without regular expressions or per-line allocation: one pass over the
 * bytes finds the newline and the field boundaries together, then each column is checked by its
 * kind (integers and IPv4 addresses are read straight from the bytes; only IPv6 goes through text).
 * Header lines switch the format; the first data line of a file without a header must match the
 * format, or reading stops with an input error that says how to pass it.
 */
import { formatIpv4Value, formatIpv6Value, parseIpv6Value } from '../../net/index.js';
import {
  DEFAULT_FORMAT,
  FlowFormat,
  isHeaderTokens,
  KIND_ENUM,
  KIND_INT,
  KIND_IP,
  KIND_TEXT,
} from '../formats/flow-format.js';
import type { FlowRecord } from '../formats/vpc-flow.js';
import { inputErrors, locationText } from '../messages.js';
import { type Accounting, LogInputError, type MalformedReason } from './accounting.js';
import { ipv4At } from './scan.js';

/** Most tokens a line is split into; a line with more is malformed whatever the format. */
export const MAX_TOKENS = 256;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const NL = 10;
const DASH = 45;
const DOT = 46;
const COLON = 58;

export const STATUS_OK = 0;
export const STATUS_NODATA = 1;
export const STATUS_SKIPDATA = 2;

const EMPTY = Buffer.alloc(0);

/**
 * The current line as a record. Valid only during the sink call: the parser reuses it for the next
 * line. Column indices come from `format.indexOf(name)`; -1 reads as null everywhere.
 */
export class FlowLine {
  format: FlowFormat = DEFAULT_FORMAT;
  buf: Buffer = EMPTY;
  readonly starts = new Int32Array(MAX_TOKENS + 1);
  readonly ends = new Int32Array(MAX_TOKENS + 1);
  /** int columns: the value; ip columns: the IPv4 value; enum columns: the index of the value (-1 other); NaN for null. */
  readonly nums = new Float64Array(MAX_TOKENS);
  /** ip columns: 4 or 6, 0 for null. */
  readonly fams = new Int8Array(MAX_TOKENS);
  /** ip columns holding IPv6: the canonical text. */
  readonly ip6: string[] = new Array<string>(MAX_TOKENS).fill('');
  lineStart = 0;
  lineEnd = 0;
  file = '';
  line = 0;
  event = false;
  /** STATUS_OK, STATUS_NODATA or STATUS_SKIPDATA. */
  status = STATUS_OK;
  /** Columns of a NODATA/SKIPDATA record whose value their field cannot hold: read as null. */
  readonly cleared: number[] = [];

  isNull(c: number): boolean {
    if (c < 0) return true;
    if (this.cleared.length > 0 && this.cleared.includes(c)) return true;
    const s = this.starts[c]!;
    return this.ends[c]! - s === 1 && this.buf[s] === DASH;
  }

  /** The field as logged; null for `-` or a column the format lacks. */
  text(c: number): string | null {
    if (this.isNull(c)) return null;
    return this.buf.toString('utf8', this.starts[c]!, this.ends[c]!);
  }

  /** An int/bigint column's value. */
  num(c: number): number | null {
    if (c < 0) return null;
    const v = this.nums[c]!;
    return Number.isNaN(v) ? null : v;
  }

  /** An ip column in canonical form. */
  ip(c: number): string | null {
    if (c < 0) return null;
    const f = this.fams[c];
    if (f === 4) return formatIpv4Value(BigInt(this.nums[c]!));
    if (f === 6) return this.ip6[c]!;
    return null;
  }

  /** A column's typed value. */
  value(c: number): string | number | null {
    if (c < 0 || this.isNull(c)) return null;
    const k = this.format.kinds[c];
    if (k === KIND_INT) return this.nums[c]!;
    if (k === KIND_IP) return this.ip(c);
    return this.text(c);
  }

  raw(): string {
    return this.buf.toString('utf8', this.lineStart, this.lineEnd);
  }

  toRecord(): FlowRecord {
    const out: Record<string, unknown> = {};
    let extra: Record<string, string | null> | undefined;
    this.format.columns.forEach((col, i) => {
      if (col.spec) out[col.name] = this.value(i);
      else {
        extra ??= {};
        extra[col.name] = this.text(i);
      }
    });
    if (extra) out.extra = extra;
    return out as FlowRecord;
  }
}

export interface FlowParserOptions {
  /** The format from --fields, used by files without a header. */
  readonly fields?: FlowFormat;
  readonly maxLine: number;
  /** Takes runs of plain lines in bulk instead of one record at a time (native/kernel.ts). */
  readonly bulk?: BulkFlowSink | undefined;
}

/**
 * A consumer of whole runs of lines (the native summary kernel): it takes the leading lines of
 * buf[pos, end) that this parser would read as plain records in `format` (those `fast` accepts, and
 * the same with IPv6 addresses, which the general path reads), as its own records, and returns the
 * position after them; `taken` then holds [lines, parsed, nodata, skipdata] of that call. The parser
 * reads the line it stopped at, and counts and numbers every line as if it had read them itself.
 */
export interface BulkFlowSink {
  take(buf: Buffer, pos: number, end: number, format: FlowFormat, maxLine: number): number;
  readonly taken: Float64Array;
}

export class FlowParser {
  readonly rec = new FlowLine();
  /** Set when reading must stop with exit 2. */
  fatal: LogInputError | undefined;
  /** True once reading must stop (fatal error, or --strict and a malformed line). */
  stopped = false;
  private readonly base: FlowFormat;
  private readonly fieldsGiven: boolean;
  private sawHeader = false;
  private sawData = false;
  private readonly formats = new Map<string, FlowFormat>();

  constructor(
    private readonly acc: Accounting,
    private readonly sink: (r: FlowLine) => void,
    private readonly opts: FlowParserOptions,
  ) {
    this.base = opts.fields ?? DEFAULT_FORMAT;
    this.fieldsGiven = opts.fields !== undefined;
    for (const name of this.base.unknown) acc.warn(`unknown:${name}`, { code: 'unknown-field', field: name });
  }

  /**
   * Starts a file, or (`continued`) a later part of one: then its lines are numbered from the
   * part's start, the format is the file's header (or the base), and no first-line check applies.
   */
  beginFile(name: string, events: boolean, continued?: { readonly header: readonly string[] | null }): void {
    const r = this.rec;
    r.file = name;
    r.event = events;
    r.line = 0;
    r.format = continued?.header ? this.formatOf(continued.header) : this.base;
    this.sawHeader = continued !== undefined;
    this.sawData = false;
  }

  private formatOf(names: readonly string[]): FlowFormat {
    const key = names.join(' ');
    let fmt = this.formats.get(key);
    if (!fmt) {
      fmt = new FlowFormat(names, 'header');
      this.formats.set(key, fmt);
    }
    return fmt;
  }

  /** Whole lines in buf[start, end): each ends with a newline except perhaps the last. */
  block(buf: Buffer, start: number, end: number): void {
    let pos = start;
    const bulk = this.opts.bulk;
    while (pos < end && !this.stopped) {
      if (bulk !== undefined) {
        const after = bulk.take(buf, pos, end, this.rec.format, this.opts.maxLine);
        if (after !== pos) {
          const t = bulk.taken;
          const counts = this.acc.counts;
          this.rec.line += t[0]!;
          counts.lines += t[0]!;
          counts.parsed += t[1]!;
          counts.nodata += t[2]!;
          counts.skipdata += t[3]!;
          this.sawData = true;
          pos = after;
          if (pos >= end) break;
        }
      }
      const next = this.fast(buf, pos, end);
      if (next >= 0) {
        pos = next;
        continue;
      }
      // General path: split on any run of blanks, then check (headers, errors, IPv6, ...).
      const e = this.split(buf, pos, end, true);
      this.handle(buf, pos, e, this.tokens);
      pos = e + 1;
    }
  }

  /** Token count of the last `split`. */
  private tokens = 0;

  /**
   * Splits buf[pos, ...) on runs of blanks into the record's token bounds, up to `end` or (with
   * `toNewline`) the first newline; returns where it stopped. Other control bytes belong to tokens.
   */
  private split(buf: Buffer, pos: number, end: number, toNewline: boolean): number {
    const st = this.rec.starts;
    const en = this.rec.ends;
    let n = 0;
    let inTok = false;
    let i = pos;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c > 32 || (c !== SPACE && c !== TAB && c !== CR && c !== NL)) {
        if (!inTok) {
          if (n < MAX_TOKENS) st[n] = i;
          n++;
          inTok = true;
        }
      } else if (c === NL && toNewline) break;
      else if (inTok) {
        if (n <= MAX_TOKENS) en[n - 1] = i;
        inTok = false;
      }
    }
    if (inTok && n <= MAX_TOKENS) en[n - 1] = i;
    this.tokens = n;
    return i;
  }

  /**
   * The common case in one pass: a well-formed record of the current format, every field read by
   * its kind as it is scanned. Returns the position after the line, or -1 (nothing consumed) when
   * the line needs the general path: blank, header, malformed, IPv6, unknown enum value, ...
   *
   * The loops need no end checks: a block ends with a newline, or at the end of its buffer, where
   * reads give undefined, which every comparison below treats as a separator.
   */
  private fast(buf: Buffer, pos: number, end: number): number {
    const r = this.rec;
    const fmt = r.format;
    const kinds = fmt.kinds;
    const ncol = kinds.length;
    if (ncol === 0) return -1;
    const st = r.starts;
    const en = r.ends;
    const nums = r.nums;
    const fams = r.fams;
    let i = pos;
    let b = buf[i]!;
    for (let c = 0; c < ncol; c++) {
      if (c > 0) {
        // Exactly the separator AWS writes: one space (tabs and runs take the general path).
        if (b !== SPACE) return -1;
        b = buf[++i]!;
      }
      const s = i;
      st[c] = s;
      if (b === DASH && !(buf[i + 1]! > 32)) {
        b = buf[++i]!;
        en[c] = i;
        nums[c] = Number.NaN;
        fams[c] = 0;
        continue;
      }
      const k = kinds[c]!;
      if (k === KIND_INT) {
        let v = 0;
        while (b >= 48 && b <= 57) {
          v = v * 10 + (b - 48);
          b = buf[++i]!;
        }
        if (i === s || v < fmt.mins[c]! || v > fmt.maxs[c]!) return -1;
        nums[c] = v;
      } else if (k === KIND_IP) {
        let value = 0;
        let part = 0;
        let digits = 0;
        let dots = 0;
        for (;;) {
          if (b >= 48 && b <= 57) {
            if (digits > 0 && part === 0) return -1;
            part = part * 10 + (b - 48);
            if (part > 255) return -1;
            digits++;
          } else if (b === DOT) {
            if (digits === 0 || dots === 3) return -1;
            value = value * 256 + part;
            part = 0;
            digits = 0;
            dots++;
          } else break;
          b = buf[++i]!;
        }
        if (dots !== 3 || digits === 0) return -1;
        nums[c] = value * 256 + part;
        fams[c] = 4;
      } else {
        while (b > 32) b = buf[++i]!;
        if (i === s) return -1;
        if (k === KIND_ENUM) {
          const idx = enumIndex(fmt.enumBytes[c]!, buf, s, i);
          if (idx < 0 && fmt.enumClosed[c] === 1) return -1;
          nums[c] = idx;
        }
      }
      en[c] = i;
    }
    // The line must end here (a CR before the newline is allowed).
    const le = i;
    if (b === CR) b = buf[++i]!;
    if (i < end && b !== NL) return -1;
    if (i > end || le - pos > this.opts.maxLine) return -1;
    r.line++;
    const counts = this.acc.counts;
    counts.lines++;
    r.buf = buf;
    r.lineStart = pos;
    r.lineEnd = le;
    this.sawData = true;
    const sc = fmt.statusColumn;
    const status = sc < 0 || Number.isNaN(nums[sc]!) ? STATUS_OK : nums[sc]!;
    r.status = status;
    if (status === STATUS_OK) counts.parsed++;
    else if (status === STATUS_NODATA) counts.nodata++;
    else counts.skipdata++;
    this.sink(r);
    return i + 1;
  }

  /** One line on its own (a CloudWatch Logs event message; newlines inside it count as blanks). */
  message(buf: Buffer): void {
    if (this.stopped) return;
    let end = buf.length;
    while (end > 0 && (buf[end - 1] === NL || buf[end - 1] === CR)) end--;
    this.split(buf, 0, end, false);
    this.handle(buf, 0, end, this.tokens);
  }

  /** A line dropped for its length. */
  overlong(): void {
    if (this.stopped) return;
    const r = this.rec;
    r.line++;
    this.acc.counts.lines++;
    this.acc.malformed({ file: r.file, line: r.line, reason: 'line-too-long' });
    this.afterMalformed();
  }

  /** The rest of a compressed file cannot be decoded: one malformed line. */
  corrupt(why: string): void {
    if (this.stopped) return;
    const r = this.rec;
    r.line++;
    this.acc.counts.lines++;
    this.acc.malformed({ file: r.file, line: r.line, reason: 'corrupt-gzip', token: why });
    this.afterMalformed();
  }

  private handle(buf: Buffer, ls: number, le: number, n: number): void {
    const r = this.rec;
    const acc = this.acc;
    const counts = acc.counts;
    r.line++;
    counts.lines++;
    if (n === 0) {
      counts.skipped++;
      return;
    }
    if (le - ls > this.opts.maxLine) {
      acc.malformed({
        file: r.file,
        line: r.line,
        ...(r.event ? { event: true } : {}),
        reason: 'line-too-long',
      });
      this.afterMalformed();
      return;
    }
    r.buf = buf;
    r.lineStart = ls;
    r.lineEnd = le;
    const c0 = buf[r.starts[0]!]!;
    if (c0 >= 97 && c0 <= 122 && n <= MAX_TOKENS && this.header(buf, n)) {
      counts.skipped++;
      return;
    }
    const fmt = r.format;
    const ncol = fmt.kinds.length;
    if (n !== ncol) {
      this.bad(n < ncol ? 'too-few-fields' : 'too-many-fields', -1, ncol, n);
      return;
    }
    this.typed(buf);
  }

  /**
   * Starts a table file (Parquet): its column names are the format, as a header line would give
   * (unknown names kept as text and reported once), and its rows are numbered from 1.
   */
  beginTable(name: string, names: readonly string[]): void {
    this.beginFile(name, false);
    const r = this.rec;
    const fmt = this.formatOf(names);
    for (const field of fmt.unknown)
      this.acc.warn(`unknown:${field}`, { code: 'unknown-field', file: name, field });
    if (this.fieldsGiven && !fmt.sameNames(this.base))
      this.acc.warn(`header:${name}`, { code: 'header-overrides-fields', file: name });
    r.format = fmt;
    this.sawHeader = true;
  }

  /**
   * One table row, one token per column of the format, already placed in buf with its bounds in
   * `rec.starts`/`rec.ends` (a token may hold blanks); `-` is null. Counts as one line.
   */
  row(buf: Buffer, end: number): void {
    if (this.stopped) return;
    const r = this.rec;
    r.line++;
    this.acc.counts.lines++;
    r.buf = buf;
    r.lineStart = 0;
    r.lineEnd = end;
    this.typed(buf);
  }

  /** Checks and reads the current line's tokens (as many as the format has columns) by kind. */
  private typed(buf: Buffer): void {
    const r = this.rec;
    const counts = this.acc.counts;
    const st = r.starts;
    const en = r.ends;
    const fmt = r.format;
    const ncol = fmt.kinds.length;
    const kinds = fmt.kinds;
    const nums = r.nums;
    const fams = r.fams;
    for (let c = 0; c < ncol; c++) {
      const k = kinds[c]!;
      if (k === KIND_TEXT) continue;
      const s = st[c]!;
      const e = en[c]!;
      if (e - s === 1 && buf[s] === DASH) {
        nums[c] = Number.NaN;
        fams[c] = 0;
        continue;
      }
      if (k === KIND_INT) {
        let v = 0;
        let j = s;
        for (; j < e; j++) {
          const d = buf[j]! - 48;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        if (j !== e || v < fmt.mins[c]! || v > fmt.maxs[c]!) {
          if (this.noTraffic(buf, c)) continue;
          this.bad('bad-integer', c);
          return;
        }
        nums[c] = v;
      } else if (k === KIND_IP) {
        const v4 = ipv4At(buf, s, e);
        if (v4 >= 0) {
          nums[c] = v4;
          fams[c] = 4;
        } else {
          const v6 = hasColon(buf, s, e) ? parseIpv6Value(buf.toString('latin1', s, e)) : undefined;
          if (v6 === undefined) {
            if (this.noTraffic(buf, c)) continue;
            this.bad('bad-address', c);
            return;
          }
          nums[c] = Number.NaN;
          fams[c] = 6;
          r.ip6[c] = formatIpv6Value(v6);
        }
      } else if (k === KIND_ENUM) {
        const idx = enumIndex(fmt.enumBytes[c]!, buf, s, e);
        if (idx < 0 && fmt.enumClosed[c] === 1) {
          if (this.noTraffic(buf, c)) continue;
          const name = fmt.names[c];
          this.bad(
            name === 'action' ? 'unknown-action' : name === 'log-status' ? 'unknown-log-status' : 'bad-value',
            c,
          );
          return;
        }
        nums[c] = idx;
      }
    }
    this.sawData = true;
    const ls2 = fmt.statusColumn;
    const status = ls2 < 0 || Number.isNaN(nums[ls2]!) ? STATUS_OK : nums[ls2]!;
    r.status = status;
    if (status === STATUS_OK) counts.parsed++;
    else if (status === STATUS_NODATA) counts.nodata++;
    else counts.skipdata++;
    this.sink(r);
    if (r.cleared.length > 0) r.cleared.length = 0;
  }

  /**
   * A NODATA or SKIPDATA record carries no traffic: a value its field cannot hold (other than in
   * log-status itself) does not make it malformed. The column reads as null, and a warning (once
   * per file and field) keeps the value. True when column c was so cleared.
   */
  private noTraffic(buf: Buffer, c: number): boolean {
    const r = this.rec;
    const fmt = r.format;
    const sc = fmt.statusColumn;
    if (sc < 0 || c === sc) return false;
    const status = enumIndex(fmt.enumBytes[sc]!, buf, r.starts[sc]!, r.ends[sc]!);
    if (status !== STATUS_NODATA && status !== STATUS_SKIPDATA) return false;
    r.nums[c] = Number.NaN;
    r.fams[c] = 0;
    r.cleared.push(c);
    const field = fmt.names[c]!;
    this.acc.warn(`nodata-bad-value:${r.file}:${field}`, {
      code: 'nodata-bad-value',
      file: r.file,
      line: r.line,
      ...(r.event ? { event: true } : {}),
      field,
      token: buf.toString('utf8', r.starts[c]!, r.ends[c]!).slice(0, 80),
    });
    return true;
  }

  private bad(reason: MalformedReason, col: number, expected?: number, got?: number): void {
    const r = this.rec;
    const loc = { file: r.file, line: r.line, ...(r.event ? { event: true as const } : {}) };
    if (!this.sawData && !this.sawHeader) {
      // The first data line of a file without a header: the format is wrong, not the line.
      const detail =
        col < 0
          ? `${got} fields, the format has ${expected}`
          : `${r.format.names[col]} is ${JSON.stringify(r.buf.toString('utf8', r.starts[col]!, r.ends[col]!))}`;
      this.fatal = new LogInputError(
        'format-mismatch',
        inputErrors.formatMismatch(locationText(loc), this.fieldsGiven ? 'fields' : 'default', detail),
      );
      this.stopped = true;
      this.acc.counts.malformed++;
      return;
    }
    this.acc.malformed({
      ...loc,
      reason,
      ...(col >= 0
        ? { field: r.format.names[col]!, token: r.buf.toString('utf8', r.starts[col]!, r.ends[col]!) }
        : { expected: expected!, got: got! }),
    });
    this.afterMalformed();
  }

  private afterMalformed(): void {
    if (this.acc.strictFailure) this.stopped = true;
  }

  /** Reads a header line (tokens already split); switches the format when it is one. */
  private header(buf: Buffer, n: number): boolean {
    const r = this.rec;
    const tokens: string[] = [];
    for (let i = 0; i < n; i++) tokens.push(buf.toString('latin1', r.starts[i]!, r.ends[i]!));
    if (!isHeaderTokens(tokens)) return false;
    const fmt = this.formatOf(tokens);
    for (const name of fmt.unknown)
      this.acc.warn(`unknown:${name}`, { code: 'unknown-field', file: r.file, field: name });
    if (this.fieldsGiven && !fmt.sameNames(this.base))
      this.acc.warn(`header:${r.file}`, { code: 'header-overrides-fields', file: r.file });
    r.format = fmt;
    this.sawHeader = true;
    return true;
  }
}

function hasColon(buf: Buffer, s: number, e: number): boolean {
  for (let j = s; j < e; j++) if (buf[j] === COLON) return true;
  return false;
}

function enumIndex(values: readonly Uint8Array[], buf: Buffer, s: number, e: number): number {
  const len = e - s;
  outer: for (let v = 0; v < values.length; v++) {
    const b = values[v]!;
    if (b.length !== len) continue;
    for (let j = 0; j < len; j++) if (b[j] !== buf[s + j]) continue outer;
    return v;
  }
  return -1;
}
