/**
 * `logs synth`: the flow-log records AWS would write for a list of connections. Each connection is
 * traced; the forward and return hops are walked in path order, and every network interface the
 * packet leaves or reaches writes one record from its own viewpoint (aws-semantics §9): egress
 * with srcaddr = the interface's primary private IP, ingress with dstaddr = it. A packet dropped by
 * a security group or network ACL on the way out is a REJECT egress record at the interface it
 * leaves; on the way in, a REJECT ingress record at the interface it was going to. Past a drop
 * nothing more is logged; replies are logged only when the forward packet was delivered. Traffic
 * AWS never logs (Amazon DNS, instance metadata, Time Sync) writes no record.
 */
import { resolveEndpoint } from '../../engine/resolve.js';
import { inferClientType, trace } from '../../engine/trace.js';
import type { Hop, Trace } from '../../engine/types.js';
import type { Network, NetworkInterface } from '../../model/index.js';
import { primaryPrivateIp } from '../../model/index.js';
import { ephemeralRange, formatIp, protocolUsesPorts } from '../../net/index.js';
import type { FlowFormat } from '../formats/flow-format.js';
import { LogInputError } from '../read/accounting.js';
import type { Connection } from './traffic.js';

export type Direction = 'ingress' | 'egress';

export interface SynthRecord {
  readonly eni: NetworkInterface;
  readonly direction: Direction;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly srcaddr: string;
  readonly dstaddr: string;
  readonly pktSrcaddr: string;
  readonly pktDstaddr: string;
  readonly srcport: number;
  readonly dstport: number;
  readonly protocol: number;
  readonly packets: number;
  readonly bytes: number;
  readonly start: number;
  readonly end: number;
  /** Forward packet or reply. */
  readonly reply: boolean;
}

export interface SynthFlow {
  readonly connection: Connection;
  readonly trace: Trace;
  readonly sourcePort: number | null;
  readonly records: readonly SynthRecord[];
}

interface Addr {
  src: string;
  dst: string;
}

interface Packet {
  readonly sport: number;
  readonly dport: number;
  readonly protocol: number;
  readonly c: Connection;
  readonly reply: boolean;
}

function primary(eni: NetworkInterface, family6: boolean): string {
  if (family6 && eni.ipv6Addresses[0]) return formatIp(eni.ipv6Addresses[0]);
  const ip = primaryPrivateIp(eni);
  return ip ? formatIp(ip) : '-';
}

/**
 * Walks one direction's hops. `cur` is the interface the packet starts at (the reply's sender,
 * which the return path does not list). Returns whether the packet was delivered and at which
 * interface it ended, if any.
 */
function walk(
  net: Network,
  hops: readonly Hop[],
  start: NetworkInterface | undefined,
  addr: Addr,
  p: Packet,
  out: SynthRecord[],
): { delivered: boolean; endEni: NetworkInterface | undefined } {
  let cur = start;
  let sent = false;
  let denyIn = false;
  let endEni: NetworkInterface | undefined;
  const v6 = addr.src.includes(':');
  const rec = (eni: NetworkInterface, direction: Direction, action: 'ACCEPT' | 'REJECT') =>
    out.push({
      eni,
      direction,
      action,
      srcaddr: direction === 'egress' ? primary(eni, v6) : addr.src,
      dstaddr: direction === 'ingress' ? primary(eni, v6) : addr.dst,
      pktSrcaddr: addr.src,
      pktDstaddr: addr.dst,
      srcport: p.sport,
      dstport: p.dport,
      protocol: p.protocol,
      packets: p.c.packets,
      bytes: p.c.bytes,
      start: p.c.start,
      end: p.c.start + p.c.duration,
      reply: p.reply,
    });
  const leave = (action: 'ACCEPT' | 'REJECT') => {
    if (cur && !sent) rec(cur, 'egress', action);
    sent = true;
  };
  for (const hop of hops) {
    const type = hop.component.type;
    if (type === 'network-interface') {
      const eni = net.networkInterfaces.get(hop.component.id);
      if (!eni) continue;
      if (hop.steps.some((s) => s.kind === 'origin')) {
        cur = eni;
        sent = false;
        endEni = undefined;
        continue;
      }
      if (hop.steps.some((s) => s.blocking)) {
        leave('ACCEPT');
        return { delivered: false, endEni: undefined };
      }
      if (eni === cur && !sent) continue;
      leave('ACCEPT');
      rec(eni, 'ingress', denyIn ? 'REJECT' : 'ACCEPT');
      if (denyIn) return { delivered: false, endEni: undefined };
      cur = eni;
      sent = false;
      endEni = eni;
      continue;
    }
    for (const s of hop.steps) {
      if (s.translation) {
        if (s.translation.field === 'source') addr.src = s.translation.to;
        else addr.dst = s.translation.to;
      }
      if (!(s.blocking || s.result === 'deny')) continue;
      const filter = s.kind === 'security-group' || s.kind === 'network-acl';
      if (filter && s.direction === 'outbound') {
        leave('REJECT');
        return { delivered: false, endEni: undefined };
      }
      if (filter && s.direction === 'inbound') {
        denyIn = true;
        continue;
      }
      if (type === 'instance') continue;
      leave('ACCEPT');
      return { delivered: false, endEni: undefined };
    }
    if (
      type !== 'instance' &&
      type !== 'nat-gateway' &&
      type !== 'security-group' &&
      type !== 'network-acl'
    ) {
      if (!denyIn) leave('ACCEPT');
      endEni = undefined;
    }
  }
  return { delivered: !denyIn, endEni };
}

/** The client's source port: given, or one of its ephemeral range, spread by connection index. */
function sourcePortOf(net: Network, c: Connection, i: number): number | null {
  if (!protocolUsesPorts(c.protocol)) return null;
  if (c.sourcePort !== null) return c.sourcePort;
  let range = ephemeralRange('any');
  try {
    range = ephemeralRange(inferClientType(resolveEndpoint(net, c.from, 'source')));
  } catch {
    // The trace reports the endpoint problem.
  }
  const size = range.to - range.from + 1;
  return range.from + ((i * 7919 + 1013) % size);
}

export function synthesize(net: Network, conns: readonly Connection[]): SynthFlow[] {
  return conns.map((c, i) => {
    const sport = sourcePortOf(net, c, i);
    let t: Trace;
    try {
      t = trace(net, {
        from: c.from,
        to: c.to,
        protocol: c.protocol,
        ...(c.port !== null ? { port: { from: c.port, to: c.port } } : {}),
        ...(sport !== null ? { sourcePort: { from: sport, to: sport } } : {}),
      });
    } catch (e) {
      throw new LogInputError(
        'bad-option',
        `${c.where}: cannot trace ${c.from} -> ${c.to}: ${e instanceof Error ? e.message : String(e)}.`,
      );
    }
    const out: SynthRecord[] = [];
    // Traffic to the Amazon DNS server, instance metadata, Time Sync and the VPC router is never
    // logged (aws-semantics §9.8); the engine delivers it unfiltered.
    if (t.disposition === 'not-filtered-aws-service')
      return { connection: c, trace: t, sourcePort: sport, records: out };
    const addr = { src: t.flow.source.address, dst: t.flow.destination.address };
    const fwd: Packet = { sport: sport ?? 0, dport: c.port ?? 0, protocol: c.protocol, c, reply: false };
    const f = walk(net, t.forward, undefined, addr, fwd, out);
    if (f.delivered && t.return.length > 0) {
      const back = { src: addr.dst, dst: addr.src };
      walk(net, t.return, f.endEni, back, { ...fwd, sport: fwd.dport, dport: fwd.sport, reply: true }, out);
    }
    return { connection: c, trace: t, sourcePort: sport, records: out };
  });
}

/** The flow-log version a format declares: the newest of its fields. */
export function formatVersion(format: FlowFormat): number {
  return Math.max(2, ...format.columns.map((c) => c.spec?.version ?? 2));
}

/** The records as lines of `format`, with the S3 header line first when `header`. */
export function formatRecords(
  net: Network,
  records: readonly SynthRecord[],
  format: FlowFormat,
  header = true,
): string {
  const version = String(formatVersion(format));
  const lines: string[] = header ? [format.names.join(' ')] : [];
  for (const r of records) {
    const vpc = net.vpcs.get(r.eni.vpcId);
    const v6 = r.srcaddr.includes(':');
    lines.push(
      format.names
        .map((name) => {
          switch (name) {
            case 'version':
              return version;
            case 'account-id':
              return r.eni.ownerId ?? vpc?.ownerId ?? 'unknown';
            case 'interface-id':
              return r.eni.networkInterfaceId;
            case 'srcaddr':
              return r.srcaddr;
            case 'dstaddr':
              return r.dstaddr;
            case 'srcport':
              return String(r.srcport);
            case 'dstport':
              return String(r.dstport);
            case 'protocol':
              return String(r.protocol);
            case 'packets':
              return String(r.packets);
            case 'bytes':
              return String(r.bytes);
            case 'start':
              return String(r.start);
            case 'end':
              return String(r.end);
            case 'action':
              return r.action;
            case 'log-status':
              return 'OK';
            case 'vpc-id':
              return r.eni.vpcId;
            case 'subnet-id':
              return r.eni.subnetId;
            case 'instance-id':
              return r.eni.attachment?.instanceId ?? '-';
            case 'tcp-flags':
              return r.protocol === 6 ? (r.reply ? '18' : '2') : '-';
            case 'type':
              return v6 ? 'IPv6' : 'IPv4';
            case 'pkt-srcaddr':
              return r.pktSrcaddr;
            case 'pkt-dstaddr':
              return r.pktDstaddr;
            case 'region':
              return vpc?.region ?? vpc?.origin.region ?? '-';
            case 'az-id':
              return '-';
            case 'flow-direction':
              return r.direction;
            default:
              return '-';
          }
        })
        .join(' '),
    );
  }
  return `${lines.join('\n')}\n`;
}
