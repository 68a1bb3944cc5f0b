/**
 * `logs summary` for ELB logs: requests (connections, for NLB and connection logs), status classes,
 * latency percentiles overall and per target, top client addresses, errors by reason, bytes, time
 * range. The fields each measure comes from are the format's roles (formats/elb.ts).
 */
import type { ElbFormat } from '../formats/elb-format.js';
import type { ElbLine } from '../read/elb-parser.js';
import { Histogram } from './histogram.js';
import { KeyReader, TopTable } from './top-table.js';

export interface LatencyStats {
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export interface TargetLatency extends LatencyStats {
  /** `address:port` as logged, or `other` for targets past the tracked limit. */
  readonly target: string;
  readonly requests: number;
}

export interface ElbSummaryReport {
  readonly requests: number;
  readonly receivedBytes: number;
  readonly sentBytes: number;
  readonly timeRange: { readonly first: string; readonly last: string } | null;
  readonly byType: { readonly type: string; readonly requests: number }[];
  /** Load balancer status codes by class: 2xx, 3xx, 4xx, 5xx, and `-` for none. */
  readonly statusClasses: Readonly<Record<string, number>>;
  readonly targetStatusClasses: Readonly<Record<string, number>>;
  readonly latency: {
    readonly field: string;
    readonly unit: string;
    readonly overall: LatencyStats;
    readonly byTarget: TargetLatency[];
  };
  readonly topClients: {
    readonly addr: string;
    readonly requests: number;
    readonly receivedBytes: number;
    readonly sentBytes: number;
  }[];
  readonly errors: { readonly field: string; readonly value: string; readonly requests: number }[];
  readonly approximate: Readonly<Record<string, { readonly requests: number }>>;
}

/** Targets with their own latency histogram; the rest share one. */
export const MAX_LATENCY_TARGETS = 1024;

export class ElbSummary {
  private fmt: ElbFormat | undefined;
  private cTime = -1;
  private cClient = -1;
  private cTarget = -1;
  private cLatency = -1;
  private cStatus = -1;
  private cTargetStatus = -1;
  private cError = -1;
  private cReceived = -1;
  private cSent = -1;
  private cKind = -1;
  private requests = 0;
  private received = 0;
  private sent = 0;
  private first: Buffer | undefined;
  private last: Buffer | undefined;
  private readonly kinds = new Map<string, number>();
  private readonly status = new Float64Array(7);
  private readonly targetStatus = new Float64Array(7);
  private readonly overall = new Histogram();
  private readonly targets = new Map<string, { requests: number; hist: Histogram }>();
  private readonly clients: TopTable;
  private readonly errors: TopTable;

  constructor(private readonly opts: { readonly top: number; readonly maxKeys: number }) {
    this.clients = new TopTable(opts.maxKeys);
    this.errors = new TopTable(opts.maxKeys);
  }

  private resolve(f: ElbFormat): void {
    this.fmt = f;
    const r = f.spec.roles;
    const ix = (n: string | undefined) => (n === undefined ? -1 : f.indexOf(n));
    this.cTime = ix(r.time);
    this.cClient = ix(r.client);
    this.cTarget = ix(r.target);
    this.cLatency = ix(r.latency);
    this.cStatus = ix(r.status);
    this.cTargetStatus = ix(r.targetStatus);
    this.cError = ix(r.error);
    this.cReceived = ix(r.received);
    this.cSent = ix(r.sent);
    this.cKind = ix(r.kind);
  }

  record(r: ElbLine): void {
    if (r.format !== this.fmt) this.resolve(r.format);
    this.requests++;
    const buf = r.buf;
    const received = r.num(this.cReceived) ?? 0;
    const sent = r.num(this.cSent) ?? 0;
    this.received += received;
    this.sent += sent;
    if (this.cTime >= 0 && !r.isNull(this.cTime)) {
      const s = r.vs[this.cTime]!;
      const e = r.ve[this.cTime]!;
      if (!this.first || compare(buf, s, e, this.first) < 0) this.first = Buffer.from(buf.subarray(s, e));
      if (!this.last || compare(buf, s, e, this.last) > 0) this.last = Buffer.from(buf.subarray(s, e));
    }
    if (this.cKind >= 0) {
      const k = r.text(this.cKind) ?? '-';
      this.kinds.set(k, (this.kinds.get(k) ?? 0) + 1);
    }
    if (this.cStatus >= 0) classify(this.status, r.num(this.cStatus));
    if (this.cTargetStatus >= 0) classify(this.targetStatus, r.num(this.cTargetStatus));
    const latency = r.num(this.cLatency);
    if (latency !== null) this.overall.add(latency);
    if (this.cTarget >= 0) {
      const name = r.isNull(this.cTarget)
        ? '-'
        : buf.toString('latin1', r.vs[this.cTarget]!, r.ve[this.cTarget]!);
      let t = this.targets.get(name);
      if (!t) {
        t = this.targets.size < MAX_LATENCY_TARGETS ? { requests: 0, hist: new Histogram() } : this.other();
        if (this.targets.size < MAX_LATENCY_TARGETS) this.targets.set(name, t);
      }
      t.requests++;
      if (latency !== null) t.hist.add(latency);
    }
    const c = this.cClient;
    if (c >= 0 && r.fams[c] !== 0) {
      const k = this.clients.key();
      if (r.fams[c] === 4) k.ipv4(r.v4[c]!);
      else k.ipv6(r.ip6[c]!);
      this.clients.commit(1, received, sent);
    }
    if (this.cError >= 0 && !r.isNull(this.cError)) {
      const ce = this.cError;
      const value = r.text(ce)!;
      if (!(this.fmt!.type === 'alb-conn' && value === 'Success')) {
        this.errors.key().bytes(buf, r.vs[ce]!, r.ve[ce]!);
        this.errors.commit(1, 0, 0);
      }
    }
  }

  private other(): { requests: number; hist: Histogram } {
    let o = this.targets.get('other');
    if (!o) {
      o = { requests: 0, hist: new Histogram() };
      this.targets.set('other', o);
    }
    return o;
  }

  report(): ElbSummaryReport {
    const n = this.opts.top;
    const stats = (h: Histogram): LatencyStats => ({
      count: h.count,
      p50: h.percentile(50),
      p90: h.percentile(90),
      p99: h.percentile(99),
      max: h.count > 0 ? h.max : null,
    });
    const f = this.fmt;
    const roles = f?.spec.roles;
    const latencyField = roles?.latency ?? '';
    const unit = f?.spec.fields.find((x) => x.name === latencyField)?.unit ?? 's';
    const approximate: Record<string, { requests: number }> = {};
    if (this.clients.approximate) approximate.clients = { requests: this.clients.maxError[0]! };
    if (this.errors.approximate) approximate.errors = { requests: this.errors.maxError[0]! };
    return {
      requests: this.requests,
      receivedBytes: this.received,
      sentBytes: this.sent,
      timeRange:
        this.first && this.last
          ? { first: this.first.toString('utf8'), last: this.last.toString('utf8') }
          : null,
      byType: [...this.kinds]
        .map(([type, requests]) => ({ type, requests }))
        .sort((a, b) => b.requests - a.requests || (a.type < b.type ? -1 : 1)),
      statusClasses: classes(this.status, roles?.status !== undefined),
      targetStatusClasses: classes(this.targetStatus, roles?.targetStatus !== undefined),
      latency: {
        field: latencyField,
        unit,
        overall: stats(this.overall),
        byTarget: [...this.targets]
          .map(([target, t]) => ({ target, requests: t.requests, ...stats(t.hist) }))
          .sort((a, b) => b.requests - a.requests || (a.target < b.target ? -1 : 1))
          .slice(0, n),
      },
      topClients: this.clients.top(n, 0).map((e) => ({
        addr: new KeyReader(e.key).addr(),
        requests: e.values[0],
        receivedBytes: e.values[1],
        sentBytes: e.values[2],
      })),
      errors: this.errors.top(n, 0).map((e) => ({
        field: roles?.error ?? '',
        value: new KeyReader(e.key).utf8(),
        requests: e.values[0],
      })),
      approximate,
    };
  }
}

const CLASS_NAMES = ['-', '1xx', '2xx', '3xx', '4xx', '5xx', 'other'];

function classify(a: Float64Array, v: number | null): void {
  const i = v === null ? 0 : v >= 100 && v < 600 ? Math.floor(v / 100) : 6;
  a[i] = a[i]! + 1;
}

function classes(a: Float64Array, present: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  if (!present) return out;
  CLASS_NAMES.forEach((name, i) => {
    if (a[i]! > 0) out[name] = a[i]!;
  });
  return out;
}

function compare(buf: Buffer, s: number, e: number, b: Buffer): number {
  const n = Math.min(e - s, b.length);
  for (let i = 0; i < n; i++) {
    const d = buf[s + i]! - b[i]!;
    if (d !== 0) return d;
  }
  return e - s - b.length;
}
