/**
 * For the tests of the report queries (athena.test.ts, sql.test.ts): their rows, run on DuckDB, must
 * equal the lists of `logs summary` on the same records.
 */
import { expect } from 'vitest';
import type { FlowSummaryJson } from '../run.js';
import type { SqlValue } from '../sql/run.js';

export type Row = Record<string, SqlValue>;

export const byKey = <T>(rows: readonly T[], key: (r: T) => string): T[] =>
  [...rows].sort((a, b) => key(a).localeCompare(key(b)));

/** The queries' rows equal the summary's lists (ties apart: both order by volume, then by key). */
export function expectSameReports(q: Record<string, Row[]>, sum: FlowSummaryJson): void {
  expect(q['accepted-vs-rejected']).toEqual([
    {
      records: sum.records,
      total_packets: sum.packets,
      total_bytes: sum.bytes,
      accepted: sum.accepted,
      rejected: sum.rejected,
    },
  ]);
  const sources = q['top-sources']!.map((r) => ({
    addr: r.srcaddr,
    records: r.records,
    packets: r.total_packets,
    bytes: r.total_bytes,
  }));
  expect(byKey(sources, (s) => String(s.addr))).toEqual(
    byKey(
      sum.topSources.map((s) => ({ ...s })),
      (s) => s.addr,
    ),
  );
  const bytes = sources.map((s) => Number(s.bytes));
  expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
  const rejects = q['rejects-by-port']!.map((r) => ({
    protocol: r.protocol,
    port: r.dstport,
    records: r.records,
    packets: r.total_packets,
    bytes: r.total_bytes,
  }));
  const key = (r: { protocol: unknown; port: unknown }) => `${r.protocol}/${r.port}`;
  expect(byKey(rejects, key)).toEqual(
    byKey(
      sum.rejectsByPort.map(({ protocol, port, records, packets, bytes }) => ({
        protocol,
        port,
        records,
        packets,
        bytes,
      })),
      key,
    ),
  );
  expect(q['admin-ports']).toEqual(
    sum.adminPorts.map((a) => ({
      dstport: a.port,
      service: a.service,
      records: a.records,
      total_packets: a.packets,
      total_bytes: a.bytes,
      accepted: a.accepted,
      rejected: a.rejected,
    })),
  );
  const first = q['time-range']![0]!;
  expect(sum.timeRange).toMatchObject({ start: first.first_start, end: first.last_end });
  const family = (v: string) => q['ip-versions']!.find((r) => r.ip_version === v);
  for (const [v, t] of [
    ['IPv4', sum.ipv4],
    ['IPv6', sum.ipv6],
  ] as const) {
    const row = family(v);
    expect(row ? { records: row.records, packets: row.total_packets, bytes: row.total_bytes } : null).toEqual(
      t.records > 0 ? t : null,
    );
  }
  const tops = [
    ['top-destinations', sum.topDestinations, (r: Row) => ({ addr: r.dstaddr })],
    ['top-pairs', sum.topPairs, (r: Row) => ({ srcaddr: r.srcaddr, dstaddr: r.dstaddr })],
    ['top-interfaces', sum.topInterfaces, (r: Row) => ({ interfaceId: r.interface_id })],
  ] as const;
  for (const [name, want, id] of tops) {
    const got = q[name]!.map((r) => ({
      ...id(r),
      records: r.records,
      packets: r.total_packets,
      bytes: r.total_bytes,
    }));
    expect(
      byKey(got, (r) => JSON.stringify(r)),
      name,
    ).toEqual(
      byKey(
        want.map((w) => ({ ...w })),
        (r) => JSON.stringify({ ...r }),
      ),
    );
  }
  const rejected = q['top-rejected']!.map((r) => ({
    srcaddr: r.srcaddr,
    dstaddr: r.dstaddr,
    dstport: r.dstport,
    protocol: r.protocol,
    records: r.records,
    packets: r.total_packets,
    bytes: r.total_bytes,
  }));
  expect(byKey(rejected, (r) => JSON.stringify(r))).toEqual(
    byKey(
      sum.topRejected.map(({ protocolName: _, ...r }) => ({ ...r })),
      (r) => JSON.stringify(r),
    ),
  );
  const adminSources = q['admin-sources']!.map((r) => ({
    addr: r.srcaddr,
    port: r.dstport,
    service: r.service,
    records: r.records,
    rejected: r.rejected,
    bytes: r.total_bytes,
  }));
  expect(byKey(adminSources, (r) => JSON.stringify(r))).toEqual(
    byKey(
      sum.topAdminSources.map((a) => ({ ...a })),
      (r) => JSON.stringify(r),
    ),
  );
  const protocols = q['traffic-by-protocol']!.map((r) => ({
    protocol: r.protocol,
    name: r.protocol_name,
    records: r.records,
    packets: r.total_packets,
    bytes: r.total_bytes,
    accepted: r.accepted,
    rejected: r.rejected,
  }));
  expect(byKey(protocols, (p) => String(p.protocol))).toEqual(
    byKey(
      sum.protocols.map((p) => ({ ...p })),
      (p) => String(p.protocol),
    ),
  );
}
