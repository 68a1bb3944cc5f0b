/**
 * ELB log lines to records: a tokenizer that honours double-quoted fields (which may hold spaces and
 * backslash escapes), then a check of each column by its kind. Fields past the table are extras,
 * never an error (AWS appends fields); blank lines and the control line ELB writes when logging is
 * switched on are skipped.
 */
import { formatIpv4Value, formatIpv6Value, parseIpv6Value } from '../../net/index.js';
import type { ElbRecord } from '../formats/elb.js';
import {
  EK_ENUM,
  EK_FLOAT,
  EK_HOSTPORT,
  EK_INT,
  EK_IP,
  EK_TEXT,
  EK_TIME,
  type ElbFormat,
} from '../formats/elb-format.js';
import type { Accounting, MalformedReason } from './accounting.js';
import { ipv4At } from './scan.js';

export const MAX_ELB_TOKENS = 256;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const NL = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const LBRACKET = 91;
const RBRACKET = 93;

const CONTROL = Buffer.from('Enable AccessLog for ELB:', 'latin1');
const EMPTY = Buffer.alloc(0);

/** The current line as a record; valid only during the sink call. */
export class ElbLine {
  buf: Buffer = EMPTY;
  /** Token bounds, quotes included. */
  readonly starts = new Int32Array(MAX_ELB_TOKENS);
  readonly ends = new Int32Array(MAX_ELB_TOKENS);
  /** Value bounds: quotes of quoted fields removed. */
  readonly vs = new Int32Array(MAX_ELB_TOKENS);
  readonly ve = new Int32Array(MAX_ELB_TOKENS);
  /** int/float: the number; hostport: the port; NaN for null. */
  readonly nums = new Float64Array(MAX_ELB_TOKENS);
  /** hostport/ip: address bounds (brackets removed), family (0 null), IPv4 value, canonical IPv6. */
  readonly as = new Int32Array(MAX_ELB_TOKENS);
  readonly ae = new Int32Array(MAX_ELB_TOKENS);
  readonly fams = new Int8Array(MAX_ELB_TOKENS);
  readonly v4 = new Float64Array(MAX_ELB_TOKENS);
  readonly ip6: string[] = new Array<string>(MAX_ELB_TOKENS).fill('');
  count = 0;
  lineStart = 0;
  lineEnd = 0;
  file = '';
  line = 0;
  event = false;

  constructor(public format: ElbFormat) {}

  isNull(c: number): boolean {
    if (c < 0 || c >= this.count) return true;
    const s = this.vs[c]!;
    return this.ve[c]! - s === 1 && this.buf[s] === DASH;
  }

  text(c: number): string | null {
    if (this.isNull(c)) return null;
    return this.buf.toString('utf8', this.vs[c]!, this.ve[c]!);
  }

  num(c: number): number | null {
    if (this.isNull(c)) return null;
    const v = this.nums[c]!;
    return Number.isNaN(v) ? null : v;
  }

  /** Address of a hostport or ip column, canonical. */
  ip(c: number): string | null {
    if (this.isNull(c)) return null;
    const f = this.fams[c];
    if (f === 4) return formatIpv4Value(BigInt(this.v4[c]!));
    if (f === 6) return this.ip6[c]!;
    return null;
  }

  value(c: number): string | number | null {
    if (this.isNull(c)) return null;
    const k = this.format.kinds[c];
    if (k === EK_INT || k === EK_FLOAT) return this.nums[c]!;
    return this.text(c);
  }

  /** Fields past the table, as logged (quotes removed). */
  extras(): string[] {
    const out: string[] = [];
    for (let c = this.format.names.length; c < this.count; c++)
      out.push(this.buf.toString('utf8', this.vs[c]!, this.ve[c]!));
    return out;
  }

  raw(): string {
    return this.buf.toString('utf8', this.lineStart, this.lineEnd);
  }

  toRecord(): ElbRecord {
    const out: Record<string, unknown> = {};
    const names = this.format.names;
    for (let c = 0; c < names.length && c < this.count; c++) out[names[c]!] = this.value(c);
    const extras = this.extras();
    if (extras.length > 0) out.extras = extras;
    return out as ElbRecord;
  }
}

export class ElbParser {
  readonly rec: ElbLine;
  stopped = false;

  constructor(
    private readonly acc: Accounting,
    private readonly sink: (r: ElbLine) => void,
    format: ElbFormat,
    private readonly maxLine: number,
  ) {
    this.rec = new ElbLine(format);
  }

  beginFile(name: string, events: boolean): void {
    this.rec.file = name;
    this.rec.event = events;
    this.rec.line = 0;
  }

  block(buf: Buffer, start: number, end: number): void {
    let pos = start;
    while (pos < end && !this.stopped) {
      let nl = buf.indexOf(NL, pos);
      if (nl === -1 || nl >= end) nl = end;
      this.handle(buf, pos, nl);
      pos = nl + 1;
    }
  }

  message(buf: Buffer): void {
    if (this.stopped) return;
    let end = buf.length;
    while (end > 0 && (buf[end - 1] === NL || buf[end - 1] === CR)) end--;
    this.handle(buf, 0, end);
  }

  overlong(): void {
    this.lineProblem('line-too-long');
  }

  corrupt(why: string): void {
    this.lineProblem('corrupt-gzip', why);
  }

  private lineProblem(reason: MalformedReason, token?: string): void {
    if (this.stopped) return;
    const r = this.rec;
    r.line++;
    this.acc.counts.lines++;
    this.acc.malformed({ file: r.file, line: r.line, reason, ...(token ? { token } : {}) });
    if (this.acc.strictFailure) this.stopped = true;
  }

  private handle(buf: Buffer, ls: number, le: number): void {
    const r = this.rec;
    const counts = this.acc.counts;
    r.line++;
    counts.lines++;
    while (le > ls && (buf[le - 1] === CR || buf[le - 1] === SPACE || buf[le - 1] === TAB)) le--;
    while (ls < le && (buf[ls] === SPACE || buf[ls] === TAB)) ls++;
    if (ls === le || startsWith(buf, ls, le, CONTROL)) {
      counts.skipped++;
      return;
    }
    if (le - ls > this.maxLine) return this.bad('line-too-long', -1);
    r.buf = buf;
    r.lineStart = ls;
    r.lineEnd = le;
    const n = this.tokenize(buf, ls, le);
    if (n < 0) return this.bad('unterminated-quote', -1);
    r.count = n;
    const fmt = r.format;
    if (n < fmt.required) return this.bad('too-few-fields', -1, fmt.required, n);
    const kinds = fmt.kinds;
    const ncol = Math.min(n, kinds.length);
    for (let c = 0; c < ncol; c++) {
      let s = r.starts[c]!;
      let e = r.ends[c]!;
      if (fmt.quoted[c] === 1 && e - s >= 2 && buf[s] === QUOTE && buf[e - 1] === QUOTE) {
        s++;
        e--;
      }
      r.vs[c] = s;
      r.ve[c] = e;
      const k = kinds[c]!;
      if (k === EK_TEXT) continue;
      r.nums[c] = Number.NaN;
      r.fams[c] = 0;
      if (e - s === 1 && buf[s] === DASH) continue;
      if (k === EK_INT || k === EK_FLOAT) {
        const v = numberAt(buf, s, e, k === EK_FLOAT);
        if (Number.isNaN(v)) return this.bad(k === EK_INT ? 'bad-integer' : 'bad-number', c);
        r.nums[c] = v;
      } else if (k === EK_HOSTPORT) {
        if (!this.hostport(buf, s, e, c)) return this.bad('bad-address', c);
      } else if (k === EK_IP) {
        if (!this.address(buf, s, e, c)) return this.bad('bad-address', c);
      } else if (k === EK_TIME) {
        if (!timeAt(buf, s, e)) return this.bad('bad-time', c);
      } else if (k === EK_ENUM && fmt.enumClosed[c] === 1) {
        const values = fmt.enumValues[c]!;
        const t = buf.toString('latin1', s, e);
        if (!values.includes(t))
          return this.bad(
            fmt.names[c] === 'type' && fmt.type === 'alb' ? 'unknown-request-type' : 'bad-value',
            c,
          );
      }
    }
    for (let c = ncol; c < n; c++) {
      // Extras: quotes removed when the token is wrapped in them.
      let s = r.starts[c]!;
      let e = r.ends[c]!;
      if (e - s >= 2 && buf[s] === QUOTE && buf[e - 1] === QUOTE) {
        s++;
        e--;
      }
      r.vs[c] = s;
      r.ve[c] = e;
    }
    counts.parsed++;
    this.sink(r);
  }

  /** Splits buf[s, e) into tokens; -1 when a quoted token is not closed. */
  private tokenize(buf: Buffer, s: number, e: number): number {
    const st = this.rec.starts;
    const en = this.rec.ends;
    let n = 0;
    let i = s;
    while (i < e) {
      const c = buf[i]!;
      if (c === SPACE || c === TAB || c === CR) {
        i++;
        continue;
      }
      let j: number;
      if (c === QUOTE) {
        // Closed by a quote followed by a separator or the end of the line.
        j = i + 1;
        for (;;) {
          if (j >= e) return -1;
          const d = buf[j]!;
          if (d === BACKSLASH) {
            j += 2;
            continue;
          }
          if (d === QUOTE && (j + 1 === e || isSep(buf[j + 1]!))) break;
          j++;
        }
        j++;
      } else {
        j = i + 1;
        while (j < e && !isSep(buf[j]!)) j++;
      }
      if (n < MAX_ELB_TOKENS) {
        st[n] = i;
        en[n] = j;
      }
      n++;
      i = j;
    }
    return Math.min(n, MAX_ELB_TOKENS);
  }

  private hostport(buf: Buffer, s: number, e: number, c: number): boolean {
    let colon = -1;
    for (let j = e - 1; j >= s; j--)
      if (buf[j] === COLON) {
        colon = j;
        break;
      }
    if (colon <= s || colon === e - 1) return false;
    let port = 0;
    for (let j = colon + 1; j < e; j++) {
      const d = buf[j]! - 48;
      if (d < 0 || d > 9) return false;
      port = port * 10 + d;
    }
    if (port > 65535) return false;
    let as = s;
    let ae = colon;
    if (buf[s] === LBRACKET) {
      if (buf[colon - 1] !== RBRACKET) return false;
      as = s + 1;
      ae = colon - 1;
    }
    if (!this.address(buf, as, ae, c)) return false;
    this.rec.nums[c] = port;
    return true;
  }

  private address(buf: Buffer, s: number, e: number, c: number): boolean {
    const r = this.rec;
    r.as[c] = s;
    r.ae[c] = e;
    const v4 = ipv4At(buf, s, e);
    if (v4 >= 0) {
      r.fams[c] = 4;
      r.v4[c] = v4;
      return true;
    }
    const v6 = parseIpv6Value(buf.toString('latin1', s, e));
    if (v6 === undefined) return false;
    r.fams[c] = 6;
    r.ip6[c] = formatIpv6Value(v6);
    return true;
  }

  private bad(reason: MalformedReason, col: number, expected?: number, got?: number): void {
    const r = this.rec;
    this.acc.malformed({
      file: r.file,
      line: r.line,
      ...(r.event ? { event: true as const } : {}),
      reason,
      ...(col >= 0
        ? { field: r.format.names[col]!, token: r.buf.toString('utf8', r.starts[col]!, r.ends[col]!) }
        : {}),
      ...(expected !== undefined ? { expected, got: got! } : {}),
    });
    if (this.acc.strictFailure) this.stopped = true;
  }
}

function isSep(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}

function startsWith(buf: Buffer, s: number, e: number, prefix: Uint8Array): boolean {
  if (e - s < prefix.length) return false;
  for (let j = 0; j < prefix.length; j++) if (buf[s + j] !== prefix[j]) return false;
  return true;
}

/** A decimal number (optional sign; fraction only when `float`), or NaN. */
function numberAt(buf: Buffer, s: number, e: number, float: boolean): number {
  let j = s;
  let neg = false;
  if (buf[j] === DASH) {
    neg = true;
    j++;
  }
  let v = 0;
  let digits = 0;
  for (; j < e; j++) {
    const d = buf[j]! - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    digits++;
  }
  if (digits === 0) return Number.NaN;
  if (j < e) {
    if (!float || buf[j] !== DOT) return Number.NaN;
    j++;
    let scale = 1;
    let fd = 0;
    for (; j < e; j++) {
      const d = buf[j]! - 48;
      if (d < 0 || d > 9) return Number.NaN;
      v = v * 10 + d;
      scale *= 10;
      fd++;
    }
    if (fd === 0) return Number.NaN;
    v /= scale;
  }
  return neg ? -v : v;
}

/** `YYYY-MM-DDTHH:MM:SS` followed by nothing, a fraction, or a zone. */
function timeAt(buf: Buffer, s: number, e: number): boolean {
  if (e - s < 19) return false;
  for (let j = 0; j < 19; j++) {
    const c = buf[s + j]!;
    const want = j === 4 || j === 7 ? DASH : j === 10 ? 84 : j === 13 || j === 16 ? COLON : -1;
    if (want >= 0) {
      if (c !== want) return false;
    } else if (c < 48 || c > 57) return false;
  }
  for (let j = s + 19; j < e; j++) {
    const c = buf[j]!;
    if (!((c >= 48 && c <= 57) || c === DOT || c === 90 || c === 43 || c === DASH || c === COLON))
      return false;
  }
  return true;
}
