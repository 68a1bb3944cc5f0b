/**
 * Every line is accounted for: `lines = parsed + nodata + skipdata + malformed + skipped`, where
 * `parsed` counts records with log-status OK (every well-formed ELB entry), and `skipped` counts
 * header, blank and ELB control lines. Malformed lines and warnings are data (codes, file, line,
 * field, token); their wording lives in render.ts.
 */

export type MalformedReason =
  | 'too-few-fields'
  | 'too-many-fields'
  | 'bad-integer'
  | 'bad-number'
  | 'bad-address'
  | 'bad-time'
  | 'unknown-action'
  | 'unknown-log-status'
  | 'unknown-request-type'
  | 'bad-value'
  | 'unterminated-quote'
  | 'line-too-long'
  | 'corrupt-gzip';

export interface Location {
  readonly file: string;
  /** 1-based line number, or the event number within a CloudWatch Logs JSON document. */
  readonly line: number;
  readonly event?: true;
}

export interface MalformedSample extends Location {
  readonly reason: MalformedReason;
  readonly field?: string;
  /** The offending token (at most 80 characters). */
  readonly token?: string;
  readonly expected?: number;
  readonly got?: number;
}

export type WarningCode =
  | 'unknown-field'
  | 'header-overrides-fields'
  | 'skipped-files'
  | 'query-field-absent'
  | 'empty-input'
  | 'nodata-bad-value';

export interface LogWarning {
  readonly code: WarningCode;
  readonly file?: string;
  /** The first line (or row, or event) it concerns. */
  readonly line?: number;
  readonly event?: true;
  readonly field?: string;
  /** The value as logged (at most 80 characters). */
  readonly token?: string;
  readonly count?: number;
  readonly names?: readonly string[];
}

export interface Counts {
  lines: number;
  parsed: number;
  nodata: number;
  skipdata: number;
  malformed: number;
  skipped: number;
}

export const MAX_SAMPLES = 20;

export class Accounting {
  readonly counts: Counts = { lines: 0, parsed: 0, nodata: 0, skipdata: 0, malformed: 0, skipped: 0 };
  readonly byReason: Partial<Record<MalformedReason, number>> = {};
  readonly samples: MalformedSample[] = [];
  readonly warnings: LogWarning[] = [];
  /** The key each warning was given (`warn`), in the same order: merging accounts keeps them once. */
  readonly warningKeys: string[] = [];
  /** With --strict: the first malformed line, which stops reading. */
  strictFailure: MalformedSample | undefined;
  private readonly warned = new Set<string>();

  constructor(readonly strict = false) {}

  malformed(sample: MalformedSample): void {
    this.counts.malformed++;
    this.byReason[sample.reason] = (this.byReason[sample.reason] ?? 0) + 1;
    const s =
      sample.token !== undefined && sample.token.length > 80
        ? { ...sample, token: `${sample.token.slice(0, 77)}...` }
        : sample;
    if (this.samples.length < MAX_SAMPLES) this.samples.push(s);
    if (this.strict && !this.strictFailure) this.strictFailure = s;
  }

  /** Adds a warning once per key. */
  warn(key: string, w: LogWarning): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push(w);
    this.warningKeys.push(key);
  }

  /** The invariant every reader keeps. */
  balanced(): boolean {
    const c = this.counts;
    return c.lines === c.parsed + c.nodata + c.skipdata + c.malformed + c.skipped;
  }
}

/** An input the command cannot read as asked: exit 2, with one sentence naming it and the fix. */
export class LogInputError extends Error {
  constructor(
    readonly code:
      | 'no-such-path'
      | 'unreadable'
      | 'unknown-format'
      | 'format-mismatch'
      | 'mixed-types'
      | 'bad-json'
      | 'bad-fields'
      | 'bad-option'
      | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}
