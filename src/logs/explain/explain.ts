/**
 * `logs explain`: stream flow logs, and for each REJECT record (and with `accepts`, each ACCEPT
 * record) name the cause by running the engine once per distinct (interface, source, destination,
 * protocol, port, direction) tuple; the answer is memoised, so the per-record cost is a key and a
 * map lookup. Records are grouped by cause with counts, time range, samples and the fix.
 */
import type { Blocker } from '../../engine/types.js';
import type { Network } from '../../model/index.js';
import type { FlowFormat } from '../formats/flow-format.js';
import { LogInputError } from '../read/accounting.js';
import { type FlowLine, STATUS_OK } from '../read/flow-parser.js';
import { readLogs } from '../read/read.js';
import {
  fieldsFormat,
  outcome,
  type ReadFlags,
  type ReadJson,
  type RunOutcome,
  readJson,
  readOptions,
  type TimeRangeJson,
  timeRangeJson,
} from '../run.js';
import { attribute, type Cause, type CauseKind, type Direction, type Tuple } from './attribute.js';
import { hexValue, TupleMemo } from './memo.js';

export const SAMPLES_PER_GROUP = 3;
/** Distinct tuples remembered; beyond, each new tuple is traced without being remembered. */
export const MAX_TUPLES = 1_000_000;

export interface ExplainFlags extends ReadFlags {
  /** Also explain ACCEPT records: those the model would block are their own group. */
  readonly accepts?: boolean;
}

export interface ExplainSample {
  readonly file: string;
  readonly line: number;
  readonly record: string;
}

export interface ExplainGroup {
  readonly kind: CauseKind;
  readonly title: string;
  readonly records: number;
  /** Distinct tuples in the group (each traced once). */
  readonly tuples: number;
  readonly packets: number;
  readonly bytes: number;
  readonly timeRange: TimeRangeJson | null;
  readonly samples: readonly ExplainSample[];
  readonly fix: string | null;
  readonly detail: string | null;
  readonly blockers: readonly Pick<
    Blocker,
    'code' | 'component' | 'direction' | 'path' | 'rule' | 'message'
  >[];
}

export type ExplainJson = ReadJson & {
  readonly type: 'vpc';
  /** REJECT records examined (ACCEPT too with --accepts). */
  readonly examined: number;
  readonly rejected: number;
  readonly accepted: number;
  /** ACCEPT records the model also allows (with --accepts). */
  readonly acceptsConsistent: number;
  readonly distinctTuples: number;
  readonly groups: readonly ExplainGroup[];
};

interface Agg {
  readonly cause: Cause;
  /** Its index in the memo's value list, once remembered. */
  index: number;
  records: number;
  tuples: number;
  packets: number;
  bytes: number;
  start: number;
  end: number;
  readonly samples: ExplainSample[];
}

interface Cols {
  readonly iface: number;
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
  readonly proto: number;
  readonly action: number;
  readonly dir: number;
  readonly reason: number;
  readonly start: number;
  readonly end: number;
  readonly packets: number;
  readonly bytes: number;
}

const REQUIRED = ['interface-id', 'srcaddr', 'dstaddr', 'protocol', 'action'] as const;

function colsOf(f: FlowFormat): Cols {
  const missing = REQUIRED.filter((n) => f.indexOf(n) < 0);
  if (missing.length > 0)
    throw new LogInputError(
      'bad-fields',
      `logs explain needs the fields ${REQUIRED.join(', ')} (and dstport, srcport, flow-direction help); this format lacks ${missing.join(', ')}.`,
    );
  return {
    iface: f.indexOf('interface-id'),
    src: f.indexOf('srcaddr'),
    dst: f.indexOf('dstaddr'),
    sport: f.indexOf('srcport'),
    dport: f.indexOf('dstport'),
    proto: f.indexOf('protocol'),
    action: f.indexOf('action'),
    dir: f.indexOf('flow-direction'),
    reason: f.indexOf('reject-reason'),
    start: f.indexOf('start'),
    end: f.indexOf('end'),
    packets: f.indexOf('packets'),
    bytes: f.indexOf('bytes'),
  };
}

/** An address as a key number: IPv4 its value, IPv6 a negative interned id, null -1. */
function addrKey(r: FlowLine, c: number, intern: (t: string) => number): number {
  const f = r.fams[c];
  if (f === 4) return r.nums[c]!;
  if (f === 6) return -2 - intern(r.ip6[c]!);
  return -1;
}

function enumIndex(r: FlowLine, c: number): number {
  if (c < 0) return -1;
  const v = r.nums[c]!;
  return Number.isNaN(v) ? -1 : v;
}

export async function explainLogs(
  net: Network,
  paths: readonly string[],
  flags: ExplainFlags,
): Promise<RunOutcome<ExplainJson>> {
  const fields = fieldsFormat(flags);
  const memo = new TupleMemo();
  // Memo values index this list; 0 is CONSISTENT (an ACCEPT the model allows).
  const values: Agg[] = [CONSISTENT];
  // Interface ids that are not eni-<hex>, and IPv6 addresses, keyed by an interned number.
  const interned = new Map<string, number>();
  const intern = (text: string): number => {
    let id = interned.get(text);
    if (id === undefined) {
      id = interned.size;
      interned.set(text, id);
    }
    return id;
  };
  const groups = new Map<string, Agg>();
  let cols: Cols | undefined;
  let colsFor: FlowFormat | undefined;
  let examined = 0;
  let rejected = 0;
  let accepted = 0;
  let acceptsConsistent = 0;
  const accepts = flags.accepts === true;
  let fatal: LogInputError | undefined;

  const groupOf = (cause: Cause): Agg => {
    let g = groups.get(cause.key);
    if (!g) {
      g = {
        cause,
        index: -1,
        records: 0,
        tuples: 0,
        packets: 0,
        bytes: 0,
        start: Infinity,
        end: -Infinity,
        samples: [],
      };
      groups.set(cause.key, g);
    }
    return g;
  };

  const flow = (r: FlowLine) => {
    if (r.status !== STATUS_OK || fatal) return;
    if (colsFor !== r.format) {
      try {
        cols = colsOf(r.format);
      } catch (e) {
        fatal = e as LogInputError;
        return;
      }
      colsFor = r.format;
    }
    const c = cols!;
    // action: 0 ACCEPT, 1 REJECT.
    const act = enumIndex(r, c.action);
    if (act === 1) rejected++;
    else if (act === 0) {
      accepted++;
      if (!accepts) return;
    } else return;
    examined++;
    const proto = r.num(c.proto) ?? -1;
    const dport = r.num(c.dport);
    const sport = r.num(c.sport);
    const dirIdx = enumIndex(r, c.dir);
    const reasonIdx = enumIndex(r, c.reason);
    // The source port matters only when it may be a service port (a reply); otherwise it is bucketed.
    const spKey = sport !== null && dport !== null && dport >= 1024 && sport < dport ? sport : -1;
    const extra = (((spKey + 1) * 2 + act) * 4 + (reasonIdx + 1)) * 4 + (dirIdx + 1);
    const k = memo.key;
    const buf = r.buf;
    const is = r.starts[c.iface]!;
    const ie = r.ends[c.iface]!;
    // eni- followed by 17 (or 8) hex digits: two exact numbers; anything else is interned.
    const eni =
      ie - is > 4 && buf[is] === 101 && buf[is + 1] === 110 && buf[is + 2] === 105 && buf[is + 3] === 45;
    const hi = eni && ie - is === 21 ? hexValue(buf, is + 4, is + 13) : -1;
    const lo = eni && (ie - is === 21 || ie - is === 12) ? hexValue(buf, ie - 8, ie) : -1;
    if (lo >= 0 && (hi >= 0 || ie - is === 12)) {
      k[0] = hi;
      k[1] = lo;
    } else {
      k[0] = -2;
      k[1] = intern(r.text(c.iface) ?? '-');
    }
    k[2] = addrKey(r, c.src, intern);
    k[3] = addrKey(r, c.dst, intern);
    k[4] = dport ?? -1;
    k[5] = proto;
    k[6] = extra;
    const v = memo.get();
    let g: Agg;
    if (v < 0) {
      const t: Tuple = {
        interfaceId: r.text(c.iface) ?? '',
        srcaddr: r.ip(c.src) ?? '',
        dstaddr: r.ip(c.dst) ?? '',
        protocol: proto,
        srcport: sport,
        dstport: dport,
        direction: dirIdx === 0 ? 'ingress' : dirIdx === 1 ? 'egress' : (null as Direction | null),
        rejectReason: reasonIdx === 0 ? 'BPA' : c.reason >= 0 ? r.text(c.reason) : null,
        action: act === 1 ? 'REJECT' : 'ACCEPT',
      };
      const cause = attribute(net, t);
      if (act === 0 && cause.kind !== 'accept-blocked') {
        acceptsConsistent++;
        if (memo.size < MAX_TUPLES) memo.add(0);
        return;
      }
      g = groupOf(cause);
      g.tuples++;
      if (memo.size < MAX_TUPLES) {
        if (g.index < 0) {
          g.index = values.length;
          values.push(g);
        }
        memo.add(g.index);
      }
    } else g = values[v]!;
    if (g === CONSISTENT) {
      acceptsConsistent++;
      return;
    }
    g.records++;
    const s = r.num(c.start);
    const e = r.num(c.end);
    if (s !== null && s < g.start) g.start = s;
    if ((e ?? s) !== null && (e ?? s)! > g.end) g.end = (e ?? s)!;
    g.packets += r.num(c.packets) ?? 0;
    g.bytes += r.num(c.bytes) ?? 0;
    if (g.samples.length < SAMPLES_PER_GROUP) g.samples.push({ file: r.file, line: r.line, record: r.raw() });
  };

  const res = await readLogs(
    paths,
    // Explain reads flow logs whatever --type says.
    { ...readOptions(flags, fields), type: 'vpc' },
    { type: () => {}, flow, elb: () => {} },
  );
  if (fatal) throw fatal;
  const list = [...groups.values()]
    .filter((g) => g.records > 0)
    .sort(
      (a, b) =>
        ORDER[a.cause.kind] - ORDER[b.cause.kind] ||
        b.records - a.records ||
        a.cause.key.localeCompare(b.cause.key),
    );
  const json: ExplainJson = {
    ...readJson(res, 'vpc'),
    type: 'vpc',
    examined,
    rejected,
    accepted,
    acceptsConsistent,
    distinctTuples: memo.size,
    groups: list.map(groupJson),
  };
  return outcome(json, res);
}

/** Explained causes first, then what the model cannot explain. */
const ORDER: Readonly<Record<CauseKind, number>> = {
  blocked: 0,
  'reply-nacl': 0,
  bpa: 0,
  'accept-blocked': 1,
  'blocked-elsewhere': 2,
  'model-allows': 3,
  untraceable: 4,
  'unknown-direction': 4,
  'unknown-interface': 4,
};

const CONSISTENT: Agg = {
  index: 0,
  cause: { key: '', kind: 'model-allows', title: '', blockers: [], fix: null, detail: null },
  records: 0,
  tuples: 0,
  packets: 0,
  bytes: 0,
  start: 0,
  end: 0,
  samples: [],
};

function groupJson(g: Agg): ExplainGroup {
  const c = g.cause;
  return {
    kind: c.kind,
    title: c.title,
    records: g.records,
    tuples: g.tuples,
    packets: g.packets,
    bytes: g.bytes,
    timeRange: g.start <= g.end ? timeRangeJson(g.start, g.end) : null,
    samples: g.samples,
    fix: c.fix,
    detail: c.detail,
    blockers: c.blockers.map((b) => ({
      code: b.code,
      component: b.component,
      direction: b.direction,
      path: b.path,
      rule: b.rule,
      message: b.message,
    })),
  };
}
