/**
 * The logs commands as functions: read the inputs once into a report and return the documented
 * JSON object (docs/logs.md). Input problems throw LogInputError (exit 2), `--where` problems
 * QueryError; malformed lines are in the result, and with `strict` the first one is returned as
 * `strictFailure`.
 */

import { DEFAULT_MAX_KEYS, DEFAULT_QUERY_TOP, DEFAULT_TOP } from './defaults.js';
import type { ElbLogType } from './formats/elb.js';
import { type ElbFormat, elbFormat } from './formats/elb-format.js';
import { FlowFormat, parseFieldList } from './formats/flow-format.js';
import type { LogType } from './log-type.js';
import { malformedText, warningText } from './messages.js';
import { parallelFlowSummary } from './parallel.js';
import { compileWhere, elbResolver, flowResolver, type Predicate } from './query/compile.js';
import { elbKeyPart, flowKeyPart, type KeyPart, readGroupKey } from './query/group.js';
import { type Expr, parseWhere } from './query/parse.js';
import { type Accounting, type Counts, LogInputError, type MalformedSample } from './read/accounting.js';
import type { ElbLine } from './read/elb-parser.js';
import type { FlowLine } from './read/flow-parser.js';
import { type LogSink, type Progress, type ReadOptions, type ReadResult, readLogs } from './read/read.js';
import { ElbSummary, type ElbSummaryReport } from './report/elb-summary.js';
import { FlowSummary, type FlowSummaryReport } from './report/flow-summary.js';
import { TopTable } from './report/top-table.js';

export interface ReadFlags {
  /** `--type`. */
  readonly type?: LogType;
  /** `--fields`, as given. */
  readonly fields?: string;
  readonly strict?: boolean;
  readonly top?: number;
  readonly maxKeys?: number;
  readonly stdin?: AsyncIterable<Buffer | Uint8Array | string>;
  readonly onProgress?: (p: Progress) => void;
  /** Summary only: worker threads (default: up to 4 cores; 1 reads on this thread), and the thresholds of parallel.ts. */
  readonly parallel?: { readonly workers?: number; readonly minBytes?: number; readonly splitMin?: number };
}

export interface MalformedJson extends MalformedSample {
  readonly message: string;
}

export interface ReadJson {
  readonly type: LogType;
  readonly files: number;
  readonly counts: Counts;
  readonly malformed: {
    readonly byReason: Readonly<Record<string, number>>;
    /** The first malformed lines (at most 20), with why. */
    readonly samples: readonly MalformedJson[];
  };
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

/** A span of Unix seconds with its ISO-8601 text, as every report prints it. */
export interface TimeRangeJson {
  readonly start: number;
  readonly end: number;
  readonly startTime: string;
  readonly endTime: string;
}

export function timeRangeJson(start: number, end: number): TimeRangeJson {
  return { start, end, startTime: isoSeconds(start), endTime: isoSeconds(end) };
}

export type FlowSummaryJson = ReadJson &
  Omit<FlowSummaryReport, 'timeRange'> & {
    readonly type: 'vpc';
    readonly timeRange: TimeRangeJson | null;
  };

export type ElbSummaryJson = ReadJson & ElbSummaryReport & { readonly type: ElbLogType };

export type SummaryJson = FlowSummaryJson | ElbSummaryJson;

export interface RunOutcome<T> {
  readonly json: T;
  /** With --strict: the first malformed line (exit 1). */
  readonly strictFailure?: MalformedSample;
}

/** What the flags ask of the reader; `fields` is `--fields` parsed (fieldsFormat). */
export function readOptions(flags: ReadFlags, fields: FlowFormat | undefined): ReadOptions {
  return {
    ...(flags.type ? { type: flags.type } : {}),
    ...(fields ? { fields } : {}),
    ...(flags.strict ? { strict: true } : {}),
    ...(flags.stdin ? { stdin: flags.stdin } : {}),
    ...(flags.onProgress ? { onProgress: flags.onProgress } : {}),
  };
}

export function fieldsFormat(flags: ReadFlags): FlowFormat | undefined {
  if (flags.fields === undefined) return undefined;
  if (flags.type && flags.type !== 'vpc')
    throw new LogInputError(
      'bad-option',
      `--fields describes flow-log formats, but --type is ${flags.type}; drop --fields for ELB logs (their format is fixed).`,
    );
  const got = parseFieldList(flags.fields);
  if (!got.ok)
    throw new LogInputError(
      'bad-fields',
      `--fields ${JSON.stringify(flags.fields)}: ${got.message} (column ${got.column}); give the names as AWS writes the format, like '\${version} \${srcaddr} \${dstaddr}' or 'version srcaddr dstaddr'.`,
    );
  return new FlowFormat(got.names, 'fields');
}

export function readJson(res: ReadResult, type: LogType): ReadJson {
  const acc: Accounting = res.acc;
  return {
    type,
    files: res.files,
    counts: { ...acc.counts },
    malformed: {
      byReason: { ...acc.byReason },
      samples: acc.samples.map((s) => ({ ...s, message: malformedText(s) })),
    },
    warnings: acc.warnings.map((w) => ({ ...w, message: warningText(w) })),
  };
}

export function outcome<T>(json: T, res: ReadResult): RunOutcome<T> {
  if (res.fatal) throw res.fatal;
  return res.acc.strictFailure ? { json, strictFailure: res.acc.strictFailure } : { json };
}

export async function summarize(
  paths: readonly string[],
  flags: ReadFlags,
): Promise<RunOutcome<SummaryJson>> {
  const opts = { top: flags.top ?? DEFAULT_TOP, maxKeys: flags.maxKeys ?? DEFAULT_MAX_KEYS };
  const fields = fieldsFormat(flags);
  const par =
    flags.parallel?.workers === 1
      ? undefined
      : await parallelFlowSummary(paths, {
          ...(fields ? { fields: fields.names } : {}),
          ...(flags.type ? { type: flags.type } : {}),
          ...(flags.parallel ?? {}),
          strict: flags.strict === true,
          summary: opts,
          ...(flags.onProgress ? { onProgress: flags.onProgress } : {}),
        });
  if (par) return outcome(flowJson(readJson(par.result, 'vpc'), par.summary), par.result);
  const flow = new FlowSummary(opts);
  const elb = new ElbSummary(opts);
  let type: LogType = 'vpc';
  const sink: LogSink = {
    type: (t) => {
      type = t;
    },
    flow: (r) => flow.record(r),
    elb: (r) => elb.record(r),
    flowBulk: flow.bulk(),
  };
  const res = await readLogs(paths, readOptions(flags, fields), sink);
  const base = readJson(res, type);
  if (type === 'vpc') return outcome(flowJson(base, flow), res);
  return outcome({ ...base, type, ...elb.report() } as ElbSummaryJson, res);
}

function flowJson(base: ReadJson, flow: FlowSummary): FlowSummaryJson {
  const r = flow.report();
  return {
    ...base,
    type: 'vpc',
    ...r,
    timeRange: r.timeRange ? timeRangeJson(r.timeRange.start, r.timeRange.end) : null,
  };
}

export function isoSeconds(t: number): string {
  const d = new Date(t * 1000);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().replace('.000Z', 'Z');
}

export interface QueryFlags extends ReadFlags {
  readonly where?: string;
  readonly groupBy?: readonly string[];
  /** Records mode: stop printing after this many matches (counting goes on). */
  readonly limit?: number;
}

export interface GroupJson {
  readonly key: Readonly<Record<string, string | number | null>>;
  readonly records: number;
  /** Flow logs: packets and bytes; ELB logs: bytes received and sent. */
  readonly packets?: number;
  readonly bytes?: number;
  readonly receivedBytes?: number;
  readonly sentBytes?: number;
}

export type QueryJson = ReadJson & {
  readonly where: string | null;
  readonly matched: number;
  readonly groupBy?: readonly string[];
  readonly groups?: readonly GroupJson[];
  /** Set when the group table outgrew --max-keys: how far below the truth a value may be. */
  readonly approximate?: { readonly records: number; readonly packets: number; readonly bytes: number };
};

/**
 * `logs query`. Without `groupBy`, each match goes to `emit` (in input order) until `limit`.
 * Field names are checked against the first format read: an unknown one is a QueryError at its column.
 */
export async function query(
  paths: readonly string[],
  flags: QueryFlags,
  emit: (r: FlowLine | ElbLine) => void,
): Promise<RunOutcome<QueryJson>> {
  const fields = fieldsFormat(flags);
  const expr: Expr | undefined = flags.where !== undefined ? parseWhere(flags.where) : undefined;
  const groupBy = flags.groupBy ?? [];
  const groups = groupBy.length > 0 ? new TopTable(flags.maxKeys ?? DEFAULT_MAX_KEYS) : undefined;
  let type: LogType = 'vpc';
  let matched = 0;
  let emitted = 0;
  const limit = flags.limit ?? Number.POSITIVE_INFINITY;
  const absent: { file: string; field: string }[] = [];
  const unknownGroup = (g: string) =>
    new LogInputError(
      'bad-option',
      `--group-by names ${JSON.stringify(g)}, which is not a field of these logs.`,
    );

  const flowPlans = new Map<FlowFormat, { pred: Predicate<FlowLine>; parts: KeyPart<FlowLine>[] }>();
  const flowPlan = (r: FlowLine) => {
    let p = flowPlans.get(r.format);
    if (!p) {
      const file = r.file;
      p = {
        pred: expr
          ? compileWhere(
              expr,
              flowResolver(r.format, (field) => absent.push({ file, field })),
            )
          : () => true,
        parts: groupBy.map((g) => {
          const part = flowKeyPart(r.format, g);
          if (!part) throw unknownGroup(g);
          return part;
        }),
      };
      flowPlans.set(r.format, p);
    }
    return p;
  };
  const elbPlans = new Map<ElbFormat, { pred: Predicate<ElbLine>; parts: KeyPart<ElbLine>[] }>();
  const elbPlan = (f: ElbFormat) => {
    let p = elbPlans.get(f);
    if (!p) {
      p = {
        pred: expr ? compileWhere(expr, elbResolver(f)) : () => true,
        parts: groupBy.map((g) => {
          const part = elbKeyPart(f, g);
          if (!part) throw unknownGroup(g);
          return part;
        }),
      };
      elbPlans.set(f, p);
    }
    return p;
  };

  const sink: LogSink = {
    type: (t) => {
      type = t;
      // ELB formats are fixed: check the names before the first record, so that an error names
      // the field even when no record matches.
      if (t !== 'vpc') elbPlan(elbFormat(t as ElbLogType));
    },
    flow: (r) => {
      const p = flowPlan(r);
      if (!p.pred(r)) return;
      matched++;
      if (groups) {
        const k = groups.key();
        for (const part of p.parts) part(r, k);
        groups.commit(1, r.num(r.format.indexOf('packets')) ?? 0, r.num(r.format.indexOf('bytes')) ?? 0);
      } else if (emitted < limit) {
        emitted++;
        emit(r);
      }
    },
    elb: (r) => {
      const p = elbPlan(r.format);
      if (!p.pred(r)) return;
      matched++;
      if (groups) {
        const k = groups.key();
        for (const part of p.parts) part(r, k);
        const roles = r.format.spec.roles;
        const rec = roles.received ? r.num(r.format.indexOf(roles.received)) : null;
        const sent = roles.sent ? r.num(r.format.indexOf(roles.sent)) : null;
        groups.commit(1, rec ?? 0, sent ?? 0);
      } else if (emitted < limit) {
        emitted++;
        emit(r);
      }
    },
  };
  const res = await readLogs(paths, readOptions(flags, fields), sink);
  for (const a of absent)
    res.acc.warn(`absent:${a.file}:${a.field}`, { code: 'query-field-absent', file: a.file, field: a.field });
  const base = readJson(res, type);
  let groupJson: GroupJson[] | undefined;
  if (groups) {
    const top = flags.top ?? DEFAULT_QUERY_TOP;
    groupJson = groups.top(top, 0).map((e) => {
      const values = readGroupKey(e.key, groupBy.length);
      const key: Record<string, string | number | null> = {};
      groupBy.forEach((g, i) => {
        key[g] = values[i] ?? null;
      });
      return type === 'vpc'
        ? { key, records: e.values[0], packets: e.values[1], bytes: e.values[2] }
        : { key, records: e.values[0], receivedBytes: e.values[1], sentBytes: e.values[2] };
    });
  }
  const json: QueryJson = {
    ...base,
    where: flags.where ?? null,
    matched,
    ...(groups ? { groupBy, groups: groupJson } : {}),
    ...(groups?.approximate
      ? {
          approximate: {
            records: groups.maxError[0]!,
            packets: groups.maxError[1]!,
            bytes: groups.maxError[2]!,
          },
        }
      : {}),
  };
  return outcome(json, res);
}
