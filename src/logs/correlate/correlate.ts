/**
 * `logs correlate`: ELB access logs (per load balancer, per request) beside VPC flow logs (per
 * interface, per flow). Two streaming passes with bounded memory:
 *
 * 1. ELB logs: each request is aggregated on its target (`target:port` for ALB, `backend:port` for
 *    Classic): counts, 5xx by status, error_reason counts, and an index of request counts per
 *    second (one entry per distinct second, whatever the number of requests).
 * 2. Flow logs: a record matches a target when the target's address and port are its destination
 *    (`dstaddr`, `dstport`: the load balancer node to the target) or its source (`srcaddr`,
 *    `srcport`: the target's replies). Its span widened by the window, [start - window, end + window],
 *    marks the seconds of that target's requests it covers as having an ACCEPT or a REJECT nearby;
 *    no record is kept.
 *
 * Then each target gets a verdict from its 5xx requests (render.ts words them). Times are compared
 * to the second (flow logs record whole seconds).
 */
import { nameOf } from '../../model/common.js';
import type { Network } from '../../model/network.js';
import { parseIp } from '../../net/ip.js';
import type { ElbLogType } from '../formats/elb.js';
import type { FlowFormat } from '../formats/flow-format.js';
import type { LogType } from '../log-type.js';
import { LogInputError } from '../read/accounting.js';
import type { ElbLine } from '../read/elb-parser.js';
import { type FlowLine, STATUS_OK } from '../read/flow-parser.js';
import { type ReadResult, readLogs } from '../read/read.js';
import {
  fieldsFormat,
  type ReadFlags,
  type ReadJson,
  readJson,
  type TimeRangeJson,
  timeRangeJson,
} from '../run.js';
import { correlateErrors, noTargetNote, VERDICT_TEXT } from './render.js';

export const DEFAULT_WINDOW = 60;
/** Flow interfaces remembered per target. */
const MAX_INTERFACES = 8;
/** Distinct error_reason values counted per target; others are counted as `(other)`. */
const MAX_REASONS = 32;

export type Verdict = 'rejects' | 'no-flows' | 'accepted' | 'healthy';

export interface CorrelateFlags extends Omit<ReadFlags, 'type' | 'top' | 'maxKeys' | 'parallel'> {
  /** Seconds added before a flow record's start and after its end (default 60). */
  readonly window?: number;
  /** The model, to name each target's interface and instance. */
  readonly net?: Network;
}

export interface TargetJson {
  /** `address:port` (IPv6 in brackets). */
  readonly target: string;
  readonly address: string;
  readonly port: number;
  /** With --snapshot: the interface holding the address, and its instance. */
  readonly interface: {
    readonly id: string;
    readonly instanceId: string | null;
    readonly name: string | null;
  } | null;
  readonly requests: number;
  /** Requests answered with a 5xx by the load balancer (elb_status_code). */
  readonly status5xx: number;
  readonly byStatus5xx: Readonly<Record<string, number>>;
  /** Requests with no status from the target (target_status_code `-`). */
  readonly noTargetStatus: number;
  readonly errorReasons: Readonly<Record<string, number>>;
  readonly timeRange: TimeRangeJson | null;
  readonly flows: {
    /** Flow records with this address and port on either side, any time. */
    readonly accept: number;
    readonly reject: number;
    /** Those whose span, widened by the window, covers at least one request of this target. */
    readonly inWindow: { readonly accept: number; readonly reject: number };
    /** Interfaces that logged them (at most 8). */
    readonly interfaces: readonly string[];
  };
  /** The 5xx requests by what the flow logs show at the target within the window. */
  readonly requests5xx: {
    readonly withReject: number;
    readonly acceptedOnly: number;
    readonly withoutFlows: number;
  };
  readonly verdict: Verdict;
  readonly verdictText: string;
}

export interface CorrelateJson {
  readonly window: number;
  readonly elb: ReadJson;
  readonly flow: ReadJson;
  readonly requests: number;
  /** Requests whose log names no target (not dispatched, Lambda, WAF; or NLB / connection logs). */
  readonly noTarget: {
    readonly requests: number;
    readonly status5xx: number;
    readonly byStatus5xx: Readonly<Record<string, number>>;
    readonly errorReasons: Readonly<Record<string, number>>;
  };
  /** Set when the ELB logs cannot name targets (NLB access logs, ALB connection logs). */
  readonly note: string | null;
  /** Flow records that matched some target (any time). */
  readonly flowRecordsMatched: number;
  readonly targets: readonly TargetJson[];
}

const BIT_ACCEPT = 1;
const BIT_REJECT = 2;

class Target {
  requests = 0;
  status5xx = 0;
  readonly byStatus = new Map<number, number>();
  noTargetStatus = 0;
  readonly reasons = new Map<string, number>();
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  /** Second → index into the arrays below (pass 1), then sorted arrays (pass 2). */
  private readonly slot = new Map<number, number>();
  private secsList: number[] = [];
  private reqList: number[] = [];
  private fiveList: number[] = [];
  secs = new Float64Array(0);
  req = new Int32Array(0);
  five = new Int32Array(0);
  marks = new Uint8Array(0);
  accept = 0;
  reject = 0;
  winAccept = 0;
  winReject = 0;
  readonly interfaces = new Set<string>();

  constructor(
    readonly address: string,
    readonly port: number,
    readonly family: 4 | 6,
  ) {}

  request(sec: number | null, status: number | null, targetStatusNull: boolean, reason: string | null): void {
    this.requests++;
    const is5 = status !== null && status >= 500 && status <= 599;
    if (is5) {
      this.status5xx++;
      this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    }
    if (targetStatusNull) this.noTargetStatus++;
    if (reason !== null) countReason(this.reasons, reason);
    if (sec === null) return;
    if (sec < this.first) this.first = sec;
    if (sec > this.last) this.last = sec;
    let i = this.slot.get(sec);
    if (i === undefined) {
      i = this.secsList.length;
      this.slot.set(sec, i);
      this.secsList.push(sec);
      this.reqList.push(0);
      this.fiveList.push(0);
    }
    this.reqList[i]!++;
    if (is5) this.fiveList[i]!++;
  }

  /** Turns the per-second index into sorted arrays for pass 2. */
  seal(): void {
    const n = this.secsList.length;
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => this.secsList[a]! - this.secsList[b]!,
    );
    this.secs = new Float64Array(n);
    this.req = new Int32Array(n);
    this.five = new Int32Array(n);
    this.marks = new Uint8Array(n);
    order.forEach((j, i) => {
      this.secs[i] = this.secsList[j]!;
      this.req[i] = this.reqList[j]!;
      this.five[i] = this.fiveList[j]!;
    });
    this.slot.clear();
    this.secsList = [];
    this.reqList = [];
    this.fiveList = [];
  }

  /** A flow record at this target: marks the request seconds in [from, to]. */
  flow(reject: boolean, from: number, to: number, iface: string | null): void {
    if (reject) this.reject++;
    else this.accept++;
    if (iface !== null && this.interfaces.size < MAX_INTERFACES) this.interfaces.add(iface);
    const s = this.secs;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= s.length || s[lo]! > to) return;
    if (reject) this.winReject++;
    else this.winAccept++;
    const bit = reject ? BIT_REJECT : BIT_ACCEPT;
    for (let i = lo; i < s.length && s[i]! <= to; i++) this.marks[i]! |= bit;
  }

  json(net: Network | undefined): TargetJson {
    let withReject = 0;
    let acceptedOnly = 0;
    let withoutFlows = 0;
    for (let i = 0; i < this.secs.length; i++) {
      const f = this.five[i]!;
      if (f === 0) continue;
      const m = this.marks[i]!;
      if (m & BIT_REJECT) withReject += f;
      else if (m & BIT_ACCEPT) acceptedOnly += f;
      else withoutFlows += f;
    }
    // 5xx requests without a parsable time are counted as without flows.
    withoutFlows += this.status5xx - withReject - acceptedOnly - withoutFlows;
    const verdict: Verdict =
      this.status5xx === 0
        ? 'healthy'
        : withReject > 0
          ? 'rejects'
          : withoutFlows > 0
            ? 'no-flows'
            : 'accepted';
    return {
      target: this.family === 6 ? `[${this.address}]:${this.port}` : `${this.address}:${this.port}`,
      address: this.address,
      port: this.port,
      interface: net ? interfaceOf(net, this.address) : null,
      requests: this.requests,
      status5xx: this.status5xx,
      byStatus5xx: byStatusJson(this.byStatus),
      noTargetStatus: this.noTargetStatus,
      errorReasons: reasonsJson(this.reasons),
      timeRange: timeRange(this.first, this.last),
      flows: {
        accept: this.accept,
        reject: this.reject,
        inWindow: { accept: this.winAccept, reject: this.winReject },
        interfaces: [...this.interfaces].sort(),
      },
      requests5xx: { withReject, acceptedOnly, withoutFlows },
      verdict,
      verdictText: VERDICT_TEXT[verdict],
    };
  }
}

function countReason(m: Map<string, number>, reason: string): void {
  const key = m.has(reason) || m.size < MAX_REASONS ? reason : '(other)';
  m.set(key, (m.get(key) ?? 0) + 1);
}

function byStatusJson(m: Map<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...m.keys()].sort((a, b) => a - b)) out[String(k)] = m.get(k)!;
  return out;
}

function reasonsJson(m: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out[k] = v;
  return out;
}

function timeRange(first: number, last: number): TimeRangeJson | null {
  return first <= last ? timeRangeJson(first, last) : null;
}

function interfaceOf(net: Network, address: string): TargetJson['interface'] {
  const ip = parseIp(address);
  const owner = ip ? net.ownersOfPrivateIp(ip)[0] : undefined;
  if (!owner) return null;
  const eni = owner.eni;
  const instanceId = eni.attachment?.instanceId ?? null;
  const instance = instanceId ? net.instances.get(instanceId) : undefined;
  const name = (instance ? nameOf(instance.tags) : undefined) ?? nameOf(eni.tags) ?? null;
  return { id: eni.networkInterfaceId, instanceId, name };
}

/** Seconds since the epoch of an ELB timestamp (no zone means UTC), or null. */
export function elbSeconds(text: string | null): number | null {
  if (text === null) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

interface ElbCols {
  readonly time: number;
  readonly target: number;
  readonly status: number;
  readonly targetStatus: number;
  readonly error: number;
}

interface FlowCols {
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
  readonly start: number;
  readonly end: number;
  readonly action: number;
  readonly iface: number;
}

const FLOW_REQUIRED = ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'start', 'end', 'action'] as const;

function flowCols(f: FlowFormat): FlowCols {
  const missing = FLOW_REQUIRED.filter((n) => f.indexOf(n) < 0);
  if (missing.length > 0)
    throw new LogInputError('bad-fields', correlateErrors.flowFields(FLOW_REQUIRED, missing));
  return {
    src: f.indexOf('srcaddr'),
    dst: f.indexOf('dstaddr'),
    sport: f.indexOf('srcport'),
    dport: f.indexOf('dstport'),
    start: f.indexOf('start'),
    end: f.indexOf('end'),
    action: f.indexOf('action'),
    iface: f.indexOf('interface-id'),
  };
}

/** Stops reading at the first record of the wrong kind (exit 2). */
class WrongType extends Error {}

export async function correlate(
  elbPaths: readonly string[],
  flowPaths: readonly string[],
  flags: CorrelateFlags = {},
): Promise<CorrelateJson> {
  if (elbPaths.length === 0 || flowPaths.length === 0)
    throw new LogInputError('bad-option', correlateErrors.missingInput);
  const window = flags.window ?? DEFAULT_WINDOW;
  const fields = fieldsFormat(flags);
  const v4 = new Map<number, Target>();
  const v6 = new Map<string, Target>();
  const targets: Target[] = [];
  const none = {
    requests: 0,
    status5xx: 0,
    byStatus: new Map<number, number>(),
    reasons: new Map<string, number>(),
  };
  let requests = 0;
  let elbType: LogType | undefined;
  let cols: ElbCols | undefined;
  let wrong: string | undefined;

  const elb = (r: ElbLine) => {
    if (!cols) {
      const f = r.format;
      const roles = f.spec.roles;
      const hasTarget = f.type === 'alb' || f.type === 'clb';
      cols = {
        time: f.indexOf(roles.time),
        target: hasTarget && roles.target ? f.indexOf(roles.target) : -1,
        status: roles.status ? f.indexOf(roles.status) : -1,
        targetStatus: roles.targetStatus ? f.indexOf(roles.targetStatus) : -1,
        error: f.type === 'alb' ? f.indexOf('error_reason') : -1,
      };
    }
    const c = cols;
    requests++;
    const status = c.status >= 0 ? r.num(c.status) : null;
    const reason = c.error >= 0 ? r.text(c.error) : null;
    const fam = c.target >= 0 && !r.isNull(c.target) ? r.fams[c.target]! : 0;
    if (fam === 0) {
      none.requests++;
      if (status !== null && status >= 500 && status <= 599) {
        none.status5xx++;
        none.byStatus.set(status, (none.byStatus.get(status) ?? 0) + 1);
      }
      if (reason !== null) countReason(none.reasons, reason);
      return;
    }
    const port = r.nums[c.target]!;
    let t: Target | undefined;
    if (fam === 4) {
      const key = r.v4[c.target]! * 65536 + port;
      t = v4.get(key);
      if (!t) {
        t = new Target(r.ip(c.target)!, port, 4);
        v4.set(key, t);
        targets.push(t);
      }
    } else {
      const key = `${r.ip6[c.target]!}#${port}`;
      t = v6.get(key);
      if (!t) {
        t = new Target(r.ip6[c.target]!, port, 6);
        v6.set(key, t);
        targets.push(t);
      }
    }
    t.request(elbSeconds(r.text(c.time)), status, c.targetStatus >= 0 && r.isNull(c.targetStatus), reason);
  };

  const elbRes = await readGuarded(
    elbPaths,
    { ...(flags.stdin ? { stdin: flags.stdin } : {}) },
    {
      type: (t) => {
        elbType = t;
      },
      flow: (r) => {
        wrong = correlateErrors.wrongType('--elb', r.file, 'vpc');
        throw new WrongType();
      },
      elb,
    },
    () => wrong,
  );
  for (const t of targets) t.seal();

  let fcols: FlowCols | undefined;
  let colsFor: FlowFormat | undefined;
  let matched = 0;
  const hit = (
    t: Target | undefined,
    r: FlowLine,
    c: FlowCols,
    reject: boolean,
    s: number,
    e: number,
  ): boolean => {
    if (!t) return false;
    t.flow(reject, s - window, e + window, c.iface >= 0 ? r.text(c.iface) : null);
    return true;
  };
  const flow = (r: FlowLine) => {
    if (r.status !== STATUS_OK || targets.length === 0) return;
    if (colsFor !== r.format) {
      fcols = flowCols(r.format);
      colsFor = r.format;
    }
    const c = fcols!;
    const act = c.action >= 0 ? r.nums[c.action]! : Number.NaN;
    if (act !== 0 && act !== 1) return;
    const reject = act === 1;
    const s = r.num(c.start);
    const e = r.num(c.end) ?? s;
    if (s === null || e === null) return;
    let any = false;
    const dport = r.num(c.dport);
    if (dport !== null) any = hit(lookup(r, c.dst, dport), r, c, reject, s, e);
    const sport = r.num(c.sport);
    if (!any && sport !== null) any = hit(lookup(r, c.src, sport), r, c, reject, s, e);
    if (any) matched++;
  };
  const lookup = (r: FlowLine, col: number, port: number): Target | undefined => {
    const f = r.fams[col];
    if (f === 4) return v4.get(r.nums[col]! * 65536 + port);
    if (f === 6 && v6.size > 0) return v6.get(`${r.ip6[col]!}#${port}`);
    return undefined;
  };

  const flowRes = await readGuarded(
    flowPaths,
    {
      ...(fields ? { fields } : {}),
      ...(flags.stdin ? { stdin: flags.stdin } : {}),
    },
    {
      type: () => {},
      flow,
      elb: (r) => {
        wrong = correlateErrors.wrongType('--flow', r.file, r.format.type);
        throw new WrongType();
      },
    },
    () => wrong,
  );

  const list = targets
    .map((t) => t.json(flags.net))
    .sort(
      (a, b) =>
        ORDER[a.verdict] - ORDER[b.verdict] ||
        b.status5xx - a.status5xx ||
        b.requests - a.requests ||
        a.target.localeCompare(b.target),
    );
  const type = elbType ?? 'alb';
  return {
    window,
    elb: readJson(elbRes, type === 'vpc' ? 'alb' : type),
    flow: readJson(flowRes, 'vpc'),
    requests,
    noTarget: {
      requests: none.requests,
      status5xx: none.status5xx,
      byStatus5xx: byStatusJson(none.byStatus),
      errorReasons: reasonsJson(none.reasons),
    },
    note: type === 'nlb' || type === 'alb-conn' ? noTargetNote(type as ElbLogType) : null,
    flowRecordsMatched: matched,
    targets: list,
  };
}

const ORDER: Readonly<Record<Verdict, number>> = { rejects: 0, 'no-flows': 1, accepted: 2, healthy: 3 };

/** readLogs, with its fatal error and a record of the wrong kind turned into LogInputError. */
async function readGuarded(
  paths: readonly string[],
  opts: Parameters<typeof readLogs>[1],
  sink: Parameters<typeof readLogs>[2],
  wrong: () => string | undefined,
): Promise<ReadResult> {
  let res: ReadResult;
  try {
    res = await readLogs(paths, opts, sink);
  } catch (e) {
    if (e instanceof WrongType) throw new LogInputError('format-mismatch', wrong()!);
    throw e;
  }
  if (res.fatal) throw res.fatal;
  return res;
}
