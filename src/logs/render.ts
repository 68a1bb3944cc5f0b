/**
 * Text for the terminal: the summary and query reports, and the closing account of every line.
 * All wording of the reports lives here (the sentences of errors and reasons: messages.ts); the
 * JSON printed with --json is the same object, unworded.
 */
import pc from 'picocolors';
import { LOG_TYPE_NAMES, locationText } from './messages.js';
import type { QueryError } from './query/parse.js';
import type { Counts } from './read/accounting.js';
import type { ElbSummaryJson, FlowSummaryJson, QueryJson, ReadJson, SummaryJson } from './run.js';

type Colors = ReturnType<typeof pc.createColors>;

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n < 1024) return `${int(n)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

function table(head: string[], rows: string[][], right: boolean[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('   ')
      .trimEnd()}`;
  return [line(head), ...rows.map(line)];
}

function section(c: Colors, title: string, body: string[]): string[] {
  return body.length === 0 ? [] : ['', c.bold(title), ...body];
}

/** The closing account: `lines = parsed + nodata + skipdata + malformed + skipped`, then the malformed lines. */
export function renderAccount(j: ReadJson, c: Colors = pc.createColors(false)): string[] {
  const k: Counts = j.counts;
  const out = [
    '',
    `Lines: ${int(k.lines)} = ${int(k.parsed)} parsed + ${int(k.nodata)} NODATA + ${int(k.skipdata)} SKIPDATA + ${int(k.malformed)} malformed + ${int(k.skipped)} skipped (headers, blank and control lines)`,
  ];
  if (k.malformed > 0) {
    const reasons = Object.entries(j.malformed.byReason)
      .map(([r, n]) => `${r} ${int(n)}`)
      .join(', ');
    out.push(c.yellow(`Malformed lines by reason: ${reasons}`));
    for (const s of j.malformed.samples) out.push(`  ${locationText(s)}: ${s.message}`);
    if (k.malformed > j.malformed.samples.length)
      out.push(`  ... and ${int(k.malformed - j.malformed.samples.length)} more`);
  }
  for (const w of j.warnings) out.push(c.yellow(`warning: ${w.message}`));
  return out;
}

function approxNote(j: FlowSummaryJson, table: string, what: string): string[] {
  const b = j.approximate[table];
  if (!b) return [];
  return [
    `  (approximate: more distinct ${what} than the exact limit; each value may be up to ${bytes(b.bytes)}, ${int(b.packets)} packets, ${int(b.records)} records below the truth; raise --max-keys for exact figures)`,
  ];
}

export function renderFlowSummary(j: FlowSummaryJson, c: Colors): string {
  const out: string[] = [];
  const span = j.timeRange ? ` · ${j.timeRange.startTime} to ${j.timeRange.endTime}` : '';
  out.push(c.bold(`${LOG_TYPE_NAMES.vpc} · ${int(j.files)} file${j.files === 1 ? '' : 's'}${span}`));
  const actions =
    j.noAction > 0
      ? `${int(j.accepted)} ACCEPT, ${int(j.rejected)} REJECT, ${int(j.noAction)} without action`
      : `${int(j.accepted)} ACCEPT, ${int(j.rejected)} REJECT`;
  out.push(
    `Records: ${int(j.records)} with log-status OK (${actions}) · ${int(j.packets)} packets · ${bytes(j.bytes)}`,
  );
  out.push(
    `IPv4: ${int(j.ipv4.records)} records, ${bytes(j.ipv4.bytes)} · IPv6: ${int(j.ipv6.records)} records, ${bytes(j.ipv6.bytes)}`,
  );
  out.push(
    ...section(
      c,
      'Traffic by protocol',
      j.protocols.length === 0
        ? []
        : table(
            ['protocol', 'records', 'accepted', 'rejected', 'packets', 'bytes'],
            j.protocols.map((p) => [
              p.protocol === null ? '-' : `${p.name} (${p.protocol})`,
              int(p.records),
              int(p.accepted),
              int(p.rejected),
              int(p.packets),
              bytes(p.bytes),
            ]),
            [false, true, true, true, true, true],
          ),
    ),
  );
  const talkers = (
    title: string,
    rows: { label: string; bytes: number; packets: number; records: number }[],
  ) =>
    section(
      c,
      title,
      rows.length === 0
        ? []
        : table(
            ['', 'bytes', 'packets', 'records'],
            rows.map((r) => [r.label, bytes(r.bytes), int(r.packets), int(r.records)]),
            [false, true, true, true],
          ),
    );
  // Each dimension by bytes; by packets too when that ranks differently.
  const dimension = <T extends { bytes: number; packets: number; records: number }>(
    what: string,
    list: string,
    byBytes: T[],
    byPackets: T[],
    label: (t: T) => string,
  ) => {
    out.push(
      ...talkers(
        `Top ${what} by bytes`,
        byBytes.map((t) => ({ ...t, label: label(t) })),
      ),
    );
    out.push(...approxNote(j, list, what));
    if (byPackets.map(label).join('\n') !== byBytes.map(label).join('\n'))
      out.push(
        ...talkers(
          `Top ${what} by packets`,
          byPackets.map((t) => ({ ...t, label: label(t) })),
        ),
      );
  };
  dimension('sources', 'sources', j.topSources, j.topSourcesByPackets, (t) => t.addr);
  dimension('destinations', 'destinations', j.topDestinations, j.topDestinationsByPackets, (t) => t.addr);
  const pair = (t: { srcaddr: string; dstaddr: string }) => `${t.srcaddr} → ${t.dstaddr}`;
  dimension('conversations (source → destination)', 'pairs', j.topPairs, j.topPairsByPackets, pair);
  dimension('interfaces', 'interfaces', j.topInterfaces, j.topInterfacesByPackets, (t) => t.interfaceId);
  dimension('instances', 'instances', j.topInstances, j.topInstancesByPackets, (t) => t.instanceId);
  const port = (p: number | null, proto: string) => `${p ?? '-'}/${proto}`;
  out.push(
    ...section(
      c,
      'Top rejected flows (source → destination:port/protocol)',
      j.topRejected.length === 0
        ? []
        : table(
            ['', 'records', 'packets', 'bytes'],
            j.topRejected.map((r) => [
              `${r.srcaddr} → ${r.dstaddr}:${port(r.dstport, r.protocolName)}`,
              int(r.records),
              int(r.packets),
              bytes(r.bytes),
            ]),
            [false, true, true, true],
          ),
    ),
  );
  out.push(...approxNote(j, 'rejectedFlows', 'rejected flows'));
  out.push(
    ...section(
      c,
      'Rejected records by destination port',
      j.rejectsByPort.length === 0
        ? []
        : table(
            ['port/protocol', 'records', 'packets', 'bytes'],
            j.rejectsByPort.map((r) => [
              port(r.port, r.protocolName),
              int(r.records),
              int(r.packets),
              bytes(r.bytes),
            ]),
            [false, true, true, true],
          ),
    ),
  );
  out.push(
    ...section(
      c,
      'Administrative ports (traffic to them, TCP and UDP)',
      j.adminPorts.length === 0
        ? []
        : table(
            ['port', 'records', 'accepted', 'rejected', 'bytes'],
            j.adminPorts.map((a) => [
              `${a.port} ${a.service}`,
              int(a.records),
              int(a.accepted),
              int(a.rejected),
              bytes(a.bytes),
            ]),
            [false, true, true, true, true],
          ),
    ),
  );
  out.push(
    ...section(
      c,
      'Top sources to administrative ports',
      j.topAdminSources.length === 0
        ? []
        : table(
            ['', 'records', 'rejected', 'bytes'],
            j.topAdminSources.map((a) => [
              `${a.addr} → ${a.port} ${a.service}`,
              int(a.records),
              int(a.rejected),
              bytes(a.bytes),
            ]),
            [false, true, true, true],
          ),
    ),
  );
  if (j.packetsLost) {
    const l = j.packetsLost;
    out.push(
      ...section(c, 'Packets lost (transit gateway)', [
        `  no route ${int(l.noRoute)} · blackhole ${int(l.blackhole)} · MTU exceeded ${int(l.mtuExceeded)} · TTL expired ${int(l.ttlExpired)}`,
      ]),
    );
  }
  out.push(...renderAccount(j, c));
  return `${out.join('\n')}\n`;
}

function seconds(v: number | null, unit: string): string {
  if (v === null) return '-';
  return unit === 'ms' ? `${v.toFixed(v < 10 ? 2 : 0)}` : v < 1 ? v.toFixed(4) : v.toFixed(3);
}

export function renderElbSummary(j: ElbSummaryJson, c: Colors): string {
  const out: string[] = [];
  const span = j.timeRange ? ` · ${j.timeRange.first} to ${j.timeRange.last}` : '';
  out.push(c.bold(`${LOG_TYPE_NAMES[j.type]} · ${int(j.files)} file${j.files === 1 ? '' : 's'}${span}`));
  const what = j.type === 'alb' || j.type === 'clb' ? 'Requests' : 'Connections';
  out.push(`${what}: ${int(j.requests)} · received ${bytes(j.receivedBytes)} · sent ${bytes(j.sentBytes)}`);
  if (j.byType.length > 0)
    out.push(`By type: ${j.byType.map((t) => `${t.type} ${int(t.requests)}`).join(' · ')}`);
  const classes = (o: Readonly<Record<string, number>>) =>
    Object.entries(o)
      .map(([k, n]) => `${k} ${int(n)}`)
      .join(' · ');
  if (Object.keys(j.statusClasses).length > 0)
    out.push(`Status from the load balancer: ${classes(j.statusClasses)}`);
  if (Object.keys(j.targetStatusClasses).length > 0)
    out.push(`Status from the targets: ${classes(j.targetStatusClasses)}`);
  const l = j.latency;
  const u = l.unit;
  out.push(
    ...section(c, `Latency: ${l.field} (${u}), percentiles within 1%`, [
      `  overall: p50 ${seconds(l.overall.p50, u)} · p90 ${seconds(l.overall.p90, u)} · p99 ${seconds(l.overall.p99, u)} · max ${seconds(l.overall.max, u)} over ${int(l.overall.count)}`,
      ...(l.byTarget.length === 0
        ? []
        : table(
            ['target', what.toLowerCase(), 'p50', 'p90', 'p99', 'max'],
            l.byTarget.map((t) => [
              t.target,
              int(t.requests),
              seconds(t.p50, u),
              seconds(t.p90, u),
              seconds(t.p99, u),
              seconds(t.max, u),
            ]),
            [false, true, true, true, true, true],
          )),
    ]),
  );
  out.push(
    ...section(
      c,
      'Top clients',
      j.topClients.length === 0
        ? []
        : table(
            ['', what.toLowerCase(), 'received', 'sent'],
            j.topClients.map((t) => [t.addr, int(t.requests), bytes(t.receivedBytes), bytes(t.sentBytes)]),
            [false, true, true, true],
          ),
    ),
  );
  out.push(
    ...section(
      c,
      `Errors by ${j.errors[0]?.field ?? 'reason'}`,
      j.errors.length === 0
        ? []
        : table(
            ['', what.toLowerCase()],
            j.errors.map((e) => [e.value, int(e.requests)]),
            [false, true],
          ),
    ),
  );
  for (const [name, b] of Object.entries(j.approximate))
    out.push(
      `  (approximate ${name}: each count may be up to ${int(b.requests)} below the truth; raise --max-keys)`,
    );
  out.push(...renderAccount(j, c));
  return `${out.join('\n')}\n`;
}

export function renderSummary(j: SummaryJson, color: boolean): string {
  const c = pc.createColors(color);
  return j.type === 'vpc'
    ? renderFlowSummary(j as FlowSummaryJson, c)
    : renderElbSummary(j as ElbSummaryJson, c);
}

/** The group table of `logs query --group-by`, with the closing account. */
export function renderGroups(j: QueryJson, color: boolean): string {
  const c = pc.createColors(color);
  const fields = j.groupBy ?? [];
  const flow = j.type === 'vpc';
  const rows = (j.groups ?? []).map((g) => [
    ...fields.map((f) => String(g.key[f] ?? '-')),
    int(g.records),
    ...(flow
      ? [int(g.packets ?? 0), bytes(g.bytes ?? 0)]
      : [bytes(g.receivedBytes ?? 0), bytes(g.sentBytes ?? 0)]),
  ]);
  const head = [...fields, 'records', ...(flow ? ['packets', 'bytes'] : ['received', 'sent'])];
  const out = [
    c.bold(
      `${int(j.matched)} matching ${plural(j.matched, 'record')}${j.where ? ` where ${j.where}` : ''}, by ${fields.join(', ')}`,
    ),
    ...table(
      head,
      rows,
      head.map((_, i) => i >= fields.length),
    ),
  ];
  if (j.approximate)
    out.push(
      `  (approximate: more groups than the exact limit; each value may be up to ${int(j.approximate.records)} records below the truth; raise --max-keys)`,
    );
  out.push(...renderAccount(j, c));
  return `${out.join('\n')}\n`;
}

/** The closing lines of `logs query` without --group-by (written to stderr). */
export function renderQueryFooter(j: QueryJson, shown: number): string {
  const more = shown < j.matched ? ` (${int(shown)} shown)` : '';
  return `${[`${int(j.matched)} matching ${plural(j.matched, 'record')}${more}`, ...renderAccount(j).slice(1)].join('\n')}\n`;
}

/** A `--where` error: the sentence, the expression, and a caret under the offending column. */
export function renderQueryError(expr: string, e: QueryError): string {
  return `--where: ${e.message} at column ${e.column}:\n  ${expr}\n  ${' '.repeat(Math.max(0, e.column - 1))}^`;
}
