/**
 * `logs summary` for flow logs: the questions AWS's Athena and CloudWatch Logs Insights examples
 * answer (accepted vs rejected, top talkers by bytes and packets, rejected flows, administrative
 * ports, traffic by protocol, IPv4 vs IPv6), computed in one pass with bounded memory. Only records
 * with log-status OK are aggregated; NODATA and SKIPDATA records count, and widen the time range.
 * Every record is counted as logged: a flow between two logged interfaces appears once per interface.
 */
import { protocolName } from '../../net/index.js';
import type { FlowFormat } from '../formats/flow-format.js';
import { kernel, NativeFlowSummary } from '../native/kernel.js';
import { type BulkFlowSink, type FlowLine, STATUS_OK } from '../read/flow-parser.js';
import { ADMIN_INDEX, ADMIN_PORTS } from './admin-ports.js';
import { type KeyBatch, KeyReader, TopTable, type TopTableState } from './top-table.js';

export interface SummaryOptions {
  /** Entries per list. */
  readonly top: number;
  /** Distinct keys per table kept exactly. */
  readonly maxKeys: number;
  /** Use the native kernel when it is built (default true; tests compare both paths). */
  readonly native?: boolean;
}

export interface Traffic {
  readonly records: number;
  readonly packets: number;
  readonly bytes: number;
}

export interface AddrTraffic extends Traffic {
  readonly addr: string;
}
export interface PairTraffic extends Traffic {
  readonly srcaddr: string;
  readonly dstaddr: string;
}
export interface InterfaceTraffic extends Traffic {
  readonly interfaceId: string;
}
export interface InstanceTraffic extends Traffic {
  readonly instanceId: string;
}
export interface RejectedFlow extends Traffic {
  readonly srcaddr: string;
  readonly dstaddr: string;
  readonly dstport: number | null;
  readonly protocol: number | null;
  readonly protocolName: string;
}
export interface PortRejects extends Traffic {
  readonly protocol: number | null;
  readonly protocolName: string;
  readonly port: number | null;
}
export interface ProtocolTraffic extends Traffic {
  readonly protocol: number | null;
  readonly name: string;
  readonly accepted: number;
  readonly rejected: number;
}
export interface AdminPortTraffic extends Traffic {
  readonly port: number;
  readonly service: string;
  readonly accepted: number;
  readonly rejected: number;
}
export interface AdminSource {
  readonly addr: string;
  readonly port: number;
  readonly service: string;
  readonly records: number;
  readonly rejected: number;
  readonly bytes: number;
}

/** Per list that outgrew the exact limit: how far below the truth any value may be. */
export interface ErrorBound {
  readonly records: number;
  readonly packets: number;
  readonly bytes: number;
}

export interface FlowSummaryReport {
  readonly records: number;
  readonly accepted: number;
  readonly rejected: number;
  /** OK records without an action (transit gateway logs, or formats without the field). */
  readonly noAction: number;
  readonly packets: number;
  readonly bytes: number;
  readonly timeRange: { readonly start: number; readonly end: number } | null;
  readonly ipv4: Traffic;
  readonly ipv6: Traffic;
  readonly protocols: ProtocolTraffic[];
  readonly topSources: AddrTraffic[];
  readonly topSourcesByPackets: AddrTraffic[];
  readonly topDestinations: AddrTraffic[];
  readonly topDestinationsByPackets: AddrTraffic[];
  readonly topPairs: PairTraffic[];
  readonly topPairsByPackets: PairTraffic[];
  readonly topInterfaces: InterfaceTraffic[];
  readonly topInterfacesByPackets: InterfaceTraffic[];
  readonly topInstances: InstanceTraffic[];
  readonly topInstancesByPackets: InstanceTraffic[];
  readonly topRejected: RejectedFlow[];
  readonly rejectsByPort: PortRejects[];
  readonly adminPorts: AdminPortTraffic[];
  readonly topAdminSources: AdminSource[];
  /** Transit gateway logs: packets dropped, by cause (null when the format has no such field). */
  readonly packetsLost: {
    readonly noRoute: number;
    readonly blackhole: number;
    readonly mtuExceeded: number;
    readonly ttlExpired: number;
  } | null;
  /** Lists computed past the exact limit, with their error bound; empty when every list is exact. */
  readonly approximate: Readonly<Record<string, ErrorBound>>;
}

/** A summary's state, to move between threads and merge. */
export interface FlowSummaryState {
  readonly scalars: readonly number[];
  readonly arrays: Readonly<Record<'protocols' | 'admin' | 'fam' | 'lost', Float64Array>>;
  readonly tables: Readonly<Record<string, TopTableState>>;
}

const TCP = 6;
const UDP = 17;
const PROTO_SLOTS = 257; // 0-255, and 256 for a missing protocol
const PS = 5; // records, packets, bytes, accepted, rejected

export class FlowSummary {
  private fmt: FlowFormat | undefined;
  private cSrc = -1;
  private cDst = -1;
  private cDport = -1;
  private cProto = -1;
  private cPackets = -1;
  private cBytes = -1;
  private cStart = -1;
  private cEnd = -1;
  private cAction = -1;
  private cEni = -1;
  private cInst = -1;
  private cType = -1;
  private cLost = [-1, -1, -1, -1];
  private readonly sources: TopTable;
  private readonly dests: TopTable;
  private readonly pairs: TopTable;
  private readonly enis: TopTable;
  private readonly insts: TopTable;
  private readonly rejectedFlows: TopTable;
  private readonly rejectPorts: TopTable;
  private readonly adminSources: TopTable;
  private readonly protocols = new Float64Array(PROTO_SLOTS * PS);
  private readonly admin = new Float64Array(ADMIN_PORTS.length * PS);
  private readonly fam = new Float64Array(6);
  private readonly lost = new Float64Array(4);
  private hasLost = false;
  private records = 0;
  private accepted = 0;
  private rejected = 0;
  private packets = 0;
  private bytes = 0;
  private start = Number.POSITIVE_INFINITY;
  private end = Number.NEGATIVE_INFINITY;
  private nativeShare: NativeFlowSummary | undefined;

  constructor(private readonly opts: SummaryOptions) {
    const t = () => new TopTable(opts.maxKeys);
    this.sources = t();
    this.dests = t();
    this.pairs = t();
    this.enis = t();
    this.insts = t();
    this.rejectedFlows = t();
    this.rejectPorts = t();
    this.adminSources = t();
  }

  /**
   * A bulk sink for the reader when the native kernel is built: the lines it takes are summed there
   * and join these totals on `export` or `report`.
   */
  bulk(): BulkFlowSink | undefined {
    if (this.opts.native === false) return undefined;
    if (!this.nativeShare) {
      const k = kernel();
      if (k) this.nativeShare = new NativeFlowSummary(k, this.opts.maxKeys);
    }
    return this.nativeShare;
  }

  /** Adds what the kernel summed so far. */
  private drainNative(): void {
    const s = this.nativeShare?.drain();
    if (!s) return;
    this.addTotals(s);
    this.absorbTables(s.tables);
  }

  private resolve(f: FlowFormat): void {
    this.fmt = f;
    this.cSrc = f.indexOf('srcaddr');
    this.cDst = f.indexOf('dstaddr');
    this.cDport = f.indexOf('dstport');
    this.cProto = f.indexOf('protocol');
    this.cPackets = f.indexOf('packets');
    this.cBytes = f.indexOf('bytes');
    this.cStart = f.indexOf('start');
    this.cEnd = f.indexOf('end');
    this.cAction = f.indexOf('action');
    this.cEni = f.indexOf('interface-id');
    this.cInst = f.indexOf('instance-id');
    this.cType = f.indexOf('type');
    this.cLost = [
      f.indexOf('packets-lost-no-route'),
      f.indexOf('packets-lost-blackhole'),
      f.indexOf('packets-lost-mtu-exceeded'),
      f.indexOf('packets-lost-ttl-expired'),
    ];
    if (this.cLost.some((c) => c >= 0)) this.hasLost = true;
  }

  record(r: FlowLine): void {
    if (r.format !== this.fmt) this.resolve(r.format);
    const nums = r.nums;
    if (this.cStart >= 0) {
      const s = nums[this.cStart]!;
      if (s < this.start) this.start = s;
    }
    if (this.cEnd >= 0) {
      const e = nums[this.cEnd]!;
      if (e > this.end) this.end = e;
    }
    if (r.status !== STATUS_OK) return;
    this.records++;
    const packets = this.cPackets >= 0 ? nz(nums[this.cPackets]!) : 0;
    const bytes = this.cBytes >= 0 ? nz(nums[this.cBytes]!) : 0;
    this.packets += packets;
    this.bytes += bytes;
    // action: 0 ACCEPT, 1 REJECT, NaN or absent: none
    const action = this.cAction >= 0 ? nums[this.cAction]! : Number.NaN;
    const rejected = action === 1;
    if (action === 0) this.accepted++;
    else if (rejected) this.rejected++;

    const proto = this.cProto >= 0 ? nums[this.cProto]! : Number.NaN;
    const ps = (Number.isNaN(proto) ? 256 : proto) * PS;
    const pr = this.protocols;
    pr[ps] = pr[ps]! + 1;
    pr[ps + 1] = pr[ps + 1]! + packets;
    pr[ps + 2] = pr[ps + 2]! + bytes;
    if (action === 0) pr[ps + 3] = pr[ps + 3]! + 1;
    else if (rejected) pr[ps + 4] = pr[ps + 4]! + 1;

    const cSrc = this.cSrc;
    const cDst = this.cDst;
    const srcFam = cSrc >= 0 ? r.fams[cSrc]! : 0;
    const dstFam = cDst >= 0 ? r.fams[cDst]! : 0;
    let fam = srcFam || dstFam;
    if (fam === 0 && this.cType >= 0) {
      const t = nums[this.cType]!;
      fam = t === 0 ? 4 : t === 1 ? 6 : 0;
    }
    if (fam !== 0) {
      const o = fam === 4 ? 0 : 3;
      const f = this.fam;
      f[o] = f[o]! + 1;
      f[o + 1] = f[o + 1]! + packets;
      f[o + 2] = f[o + 2]! + bytes;
    }

    if (srcFam !== 0) {
      addr(this.sources.key(), r, cSrc);
      this.sources.commit(1, packets, bytes);
    }
    if (dstFam !== 0) {
      addr(this.dests.key(), r, cDst);
      this.dests.commit(1, packets, bytes);
    }
    if (srcFam !== 0 && dstFam !== 0) {
      addr(addr(this.pairs.key(), r, cSrc), r, cDst);
      this.pairs.commit(1, packets, bytes);
    }
    const cEni = this.cEni;
    if (cEni >= 0 && !r.isNull(cEni)) {
      this.enis.key().bytes(r.buf, r.starts[cEni]!, r.ends[cEni]!);
      this.enis.commit(1, packets, bytes);
    }
    const cInst = this.cInst;
    if (cInst >= 0 && !r.isNull(cInst)) {
      this.insts.key().bytes(r.buf, r.starts[cInst]!, r.ends[cInst]!);
      this.insts.commit(1, packets, bytes);
    }

    const dport = this.cDport >= 0 ? nums[this.cDport]! : Number.NaN;
    const dp = Number.isNaN(dport) ? -1 : dport;
    const pn = Number.isNaN(proto) ? -1 : proto;
    if (rejected) {
      addr(addr(this.rejectedFlows.key(), r, cSrc), r, cDst)
        .word(dp)
        .word(pn);
      this.rejectedFlows.commit(1, packets, bytes);
      this.rejectPorts.key().word(pn).word(dp);
      this.rejectPorts.commit(1, packets, bytes);
    }
    if ((proto === TCP || proto === UDP) && dp >= 0) {
      const ai = ADMIN_INDEX[dp]!;
      if (ai > 0) {
        const o = (ai - 1) * PS;
        const ad = this.admin;
        ad[o] = ad[o]! + 1;
        ad[o + 1] = ad[o + 1]! + packets;
        ad[o + 2] = ad[o + 2]! + bytes;
        if (action === 0) ad[o + 3] = ad[o + 3]! + 1;
        else if (rejected) ad[o + 4] = ad[o + 4]! + 1;
        if (srcFam !== 0) {
          addr(this.adminSources.key(), r, cSrc).word(dp);
          this.adminSources.commit(1, rejected ? 1 : 0, bytes);
        }
      }
    }
    if (this.hasLost) {
      const l = this.lost;
      for (let i = 0; i < 4; i++) {
        const c = this.cLost[i]!;
        if (c >= 0) l[i] = l[i]! + nz(nums[c]!);
      }
    }
  }

  private tables(): Record<string, TopTable> {
    return {
      sources: this.sources,
      destinations: this.dests,
      pairs: this.pairs,
      interfaces: this.enis,
      instances: this.insts,
      rejectedFlows: this.rejectedFlows,
      rejectsByPort: this.rejectPorts,
      adminSources: this.adminSources,
    };
  }

  /** The state, and the buffers to transfer with it. */
  export(): FlowSummaryState {
    this.drainNative();
    const tables: Record<string, TopTableState> = {};
    for (const [name, t] of Object.entries(this.tables())) tables[name] = t.export();
    return {
      scalars: [
        this.records,
        this.accepted,
        this.rejected,
        this.packets,
        this.bytes,
        this.start,
        this.end,
        this.hasLost ? 1 : 0,
      ],
      arrays: { protocols: this.protocols, admin: this.admin, fam: this.fam, lost: this.lost },
      tables,
    };
  }

  /** Adds the state of a summary of other records (its tables go to the kernel when there is one). */
  absorb(s: FlowSummaryState): void {
    this.addTotals(s);
    if (this.nativeShare?.absorbTables(s.tables)) return;
    this.absorbTables(s.tables);
  }

  private addTotals(s: Omit<FlowSummaryState, 'tables'>): void {
    const [records, accepted, rejected, packets, bytes, start, end, hasLost] = s.scalars as number[];
    this.records += records!;
    this.accepted += accepted!;
    this.rejected += rejected!;
    this.packets += packets!;
    this.bytes += bytes!;
    if (start! < this.start) this.start = start!;
    if (end! > this.end) this.end = end!;
    if (hasLost) this.hasLost = true;
    const add = (into: Float64Array, from: Float64Array) => {
      for (let i = 0; i < into.length; i++) into[i] = into[i]! + from[i]!;
    };
    add(this.protocols, s.arrays.protocols);
    add(this.admin, s.arrays.admin);
    add(this.fam, s.arrays.fam);
    add(this.lost, s.arrays.lost);
  }

  private absorbTables(tables: FlowSummaryState['tables']): void {
    for (const [name, t] of Object.entries(this.tables())) {
      const st = tables[name];
      if (st) t.absorb(st);
    }
  }

  report(): FlowSummaryReport {
    this.drainNative();
    const n = this.opts.top;
    const traffic = (v: readonly number[]): Traffic => ({ records: v[0]!, packets: v[1]!, bytes: v[2]! });
    const addrs = (t: TopTable, m: number): AddrTraffic[] =>
      t.top(n, m).map((e) => ({
        addr: new KeyReader(e.key).addr(),
        bytes: e.values[2],
        packets: e.values[1],
        records: e.values[0],
      }));
    const pairs = (m: number): PairTraffic[] =>
      this.pairs.top(n, m).map((e) => {
        const kr = new KeyReader(e.key);
        const srcaddr = kr.addr();
        return {
          srcaddr,
          dstaddr: kr.addr(),
          bytes: e.values[2],
          packets: e.values[1],
          records: e.values[0],
        };
      });
    const ids = <K extends string>(t: TopTable, m: number, name: K): (Record<K, string> & Traffic)[] =>
      t.top(n, m).map((e) => {
        const id = { [name]: new KeyReader(e.key).text() } as Record<K, string>;
        return { ...id, bytes: e.values[2], packets: e.values[1], records: e.values[0] };
      });
    const protocols: ProtocolTraffic[] = [];
    for (let p = 0; p < PROTO_SLOTS; p++) {
      const o = p * PS;
      const pr = this.protocols;
      if (pr[o] === 0) continue;
      protocols.push({
        protocol: p === 256 ? null : p,
        name: p === 256 ? '-' : protocolName(p),
        records: pr[o]!,
        packets: pr[o + 1]!,
        bytes: pr[o + 2]!,
        accepted: pr[o + 3]!,
        rejected: pr[o + 4]!,
      });
    }
    protocols.sort((a, b) => b.bytes - a.bytes || b.records - a.records);
    const adminPorts: AdminPortTraffic[] = [];
    ADMIN_PORTS.forEach((a, i) => {
      const o = i * PS;
      const ad = this.admin;
      if (ad[o] === 0) return;
      adminPorts.push({
        port: a.port,
        service: a.service,
        records: ad[o]!,
        packets: ad[o + 1]!,
        bytes: ad[o + 2]!,
        accepted: ad[o + 3]!,
        rejected: ad[o + 4]!,
      });
    });
    const approximate: Record<string, ErrorBound> = {};
    const bound = (name: string, t: TopTable) => {
      if (t.approximate)
        approximate[name] = { records: t.maxError[0]!, packets: t.maxError[1]!, bytes: t.maxError[2]! };
    };
    for (const [name, t] of Object.entries(this.tables())) bound(name, t);
    return {
      records: this.records,
      accepted: this.accepted,
      rejected: this.rejected,
      noAction: this.records - this.accepted - this.rejected,
      packets: this.packets,
      bytes: this.bytes,
      timeRange:
        Number.isFinite(this.start) && Number.isFinite(this.end)
          ? { start: this.start, end: this.end }
          : null,
      ipv4: traffic([...this.fam.subarray(0, 3)]),
      ipv6: traffic([...this.fam.subarray(3, 6)]),
      protocols,
      topSources: addrs(this.sources, 2),
      topSourcesByPackets: addrs(this.sources, 1),
      topDestinations: addrs(this.dests, 2),
      topDestinationsByPackets: addrs(this.dests, 1),
      topPairs: pairs(2),
      topPairsByPackets: pairs(1),
      topInterfaces: ids(this.enis, 2, 'interfaceId'),
      topInterfacesByPackets: ids(this.enis, 1, 'interfaceId'),
      topInstances: ids(this.insts, 2, 'instanceId'),
      topInstancesByPackets: ids(this.insts, 1, 'instanceId'),
      topRejected: this.rejectedFlows.top(n, 0).map((e) => {
        const kr = new KeyReader(e.key);
        const srcaddr = kr.addr();
        const dstaddr = kr.addr();
        const dstport = kr.int();
        const protocol = kr.int();
        return {
          srcaddr,
          dstaddr,
          dstport,
          protocol,
          protocolName: protocol === null ? '-' : protocolName(protocol),
          records: e.values[0],
          packets: e.values[1],
          bytes: e.values[2],
        };
      }),
      rejectsByPort: this.rejectPorts.top(n, 0).map((e) => {
        const kr = new KeyReader(e.key);
        const protocol = kr.int();
        const port = kr.int();
        return {
          protocol,
          protocolName: protocol === null ? '-' : protocolName(protocol),
          port,
          records: e.values[0],
          packets: e.values[1],
          bytes: e.values[2],
        };
      }),
      adminPorts,
      topAdminSources: this.adminSources.top(n, 0).map((e) => {
        const kr = new KeyReader(e.key);
        const a = kr.addr();
        const port = kr.word();
        return {
          addr: a,
          port,
          service: ADMIN_PORTS.find((x) => x.port === port)?.service ?? '',
          records: e.values[0],
          rejected: e.values[1],
          bytes: e.values[2],
        };
      }),
      packetsLost: this.hasLost
        ? {
            noRoute: this.lost[0]!,
            blackhole: this.lost[1]!,
            mtuExceeded: this.lost[2]!,
            ttlExpired: this.lost[3]!,
          }
        : null,
      approximate,
    };
  }
}

function nz(v: number): number {
  return Number.isNaN(v) ? 0 : v;
}

/** Appends an address column to a key: [4, value], [6, text], or [0] when null. */
function addr(k: KeyBatch, r: FlowLine, c: number): KeyBatch {
  const f = c >= 0 ? r.fams[c] : 0;
  if (f === 4) return k.ipv4(r.nums[c]!);
  if (f === 6) return k.ipv6(r.ip6[c]!);
  return k.word(0);
}
