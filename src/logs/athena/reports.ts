/**
 * The `logs summary` reports as SQL queries, for Athena (Trino) and DuckDB alike: only count, sum,
 * min, max, coalesce, CASE, CAST(... AS varchar), ||, LIKE, IN, IS NOT NULL, GROUP BY/ORDER BY with
 * ordinals or aliases, and LIMIT; no engine-specific function. Like the summary, they aggregate
 * records with log-status OK only (the time range excepted, which NODATA and SKIPDATA records widen
 * too), and count NULL packets and bytes as 0. A report whose fields the format lacks is left out.
 */
import { protocolName } from '../../net/index.js';
import { ADMIN_PORTS } from '../report/admin-ports.js';

export interface ReportQuery {
  /** Short name, such as `top-sources`. */
  readonly name: string;
  /** What it answers, as a sentence. */
  readonly title: string;
  /** The summary JSON field it reproduces. */
  readonly summaryField: string;
  readonly sql: string;
}

/** Protocol names the queries spell out (others print as their number). */
const PROTOCOL_NAMES: readonly (readonly [number, string])[] = [1, 6, 17, 47, 50, 51, 58, 132].map(
  (n) => [n, protocolName(n)] as const,
);

/**
 * The report queries over `table` (already quoted if it needs to be) whose format has `columns`
 * (SQL names: `log_status`, ...). `top` is the LIMIT of the top-N lists.
 */
export function reportQueries(table: string, columns: readonly string[], top = 10): ReportQuery[] {
  const has = (c: string) => columns.includes(c);
  const where = (...conds: string[]) => {
    const all = [...(has('log_status') ? ["log_status = 'OK'"] : []), ...conds];
    return all.length > 0 ? `\nWHERE ${all.join('\n  AND ')}` : '';
  };
  const traffic = [
    'count(*) AS records',
    ...(has('packets') ? ['sum(coalesce(packets, 0)) AS total_packets'] : []),
    ...(has('bytes') ? ['sum(coalesce(bytes, 0)) AS total_bytes'] : []),
  ];
  const actions = has('action')
    ? [
        "sum(CASE WHEN action = 'ACCEPT' THEN 1 ELSE 0 END) AS accepted",
        "sum(CASE WHEN action = 'REJECT' THEN 1 ELSE 0 END) AS rejected",
      ]
    : [];
  const byVolume = has('bytes') ? 'total_bytes DESC, records DESC' : 'records DESC';
  const select = (cols: readonly string[]) => `SELECT ${cols.join(',\n  ')}`;
  const q: ReportQuery[] = [];

  q.push({
    name: 'accepted-vs-rejected',
    title: 'Records, packets and bytes, and how many records were accepted and rejected.',
    summaryField: 'records, accepted, rejected, packets, bytes',
    sql: `${select([...traffic, ...actions])}\nFROM ${table}${where()}`,
  });

  if (has('start') && has('end'))
    q.push({
      name: 'time-range',
      title: 'The first start and the last end of the records (NODATA and SKIPDATA included), Unix seconds.',
      summaryField: 'timeRange',
      sql: `SELECT min(start) AS first_start,\n  max("end") AS last_end\nFROM ${table}`,
    });

  const family = (c: string) =>
    `WHEN ${c} IS NOT NULL THEN CASE WHEN ${c} LIKE '%:%' THEN 'IPv6' ELSE 'IPv4' END`;
  const families = [
    ...(has('srcaddr') ? [family('srcaddr')] : []),
    ...(has('dstaddr') ? [family('dstaddr')] : []),
    ...(has('type') ? ["WHEN type IN ('IPv4', 'IPv6') THEN type"] : []),
  ];
  if (families.length > 0)
    q.push({
      name: 'ip-versions',
      title:
        'Records, packets and bytes over IPv4 and over IPv6 (by source address, else destination, else type).',
      summaryField: 'ipv4, ipv6',
      sql: `SELECT ip_version,\n  ${traffic.join(',\n  ')}\nFROM (SELECT CASE ${families.join(' ')} END AS ip_version${
        has('packets') ? ', packets' : ''
      }${has('bytes') ? ', bytes' : ''}\n  FROM ${table}${where()}) AS t\nWHERE ip_version IS NOT NULL\nGROUP BY ip_version\nORDER BY ip_version`,
    });

  const topBy = (name: string, what: string, summaryField: string, keys: readonly string[]) => {
    if (!keys.every(has)) return;
    q.push({
      name,
      title: `The ${top} ${what} with the most bytes.`,
      summaryField,
      sql: `${select([...keys, ...traffic])}\nFROM ${table}${where(...keys.map((k) => `${k} IS NOT NULL`))}\nGROUP BY ${keys.join(', ')}\nORDER BY ${byVolume}, ${keys.join(', ')}\nLIMIT ${top}`,
    });
  };
  topBy('top-sources', 'source addresses', 'topSources', ['srcaddr']);
  topBy('top-destinations', 'destination addresses', 'topDestinations', ['dstaddr']);
  topBy('top-pairs', 'source and destination pairs', 'topPairs', ['srcaddr', 'dstaddr']);
  topBy('top-interfaces', 'network interfaces', 'topInterfaces', ['interface_id']);
  topBy('top-instances', 'instances', 'topInstances', ['instance_id']);

  if (has('action')) {
    const flow = ['srcaddr', 'dstaddr', 'dstport', 'protocol'].filter(has);
    if (flow.length > 0)
      q.push({
        name: 'top-rejected',
        title: `The ${top} rejected flows (source, destination, port, protocol) with the most records.`,
        summaryField: 'topRejected',
        sql: `${select([...flow, ...traffic])}\nFROM ${table}${where("action = 'REJECT'")}\nGROUP BY ${flow.join(
          ', ',
        )}\nORDER BY records DESC, ${flow.join(', ')}\nLIMIT ${top}`,
      });
    const keys = ['protocol', 'dstport'].filter(has);
    q.push({
      name: 'rejects-by-port',
      title: `The ${top} protocol and destination port pairs with the most rejected records.`,
      summaryField: 'rejectsByPort',
      sql: `${select([...keys, ...traffic])}\nFROM ${table}${where("action = 'REJECT'")}${
        keys.length > 0 ? `\nGROUP BY ${keys.join(', ')}` : ''
      }\nORDER BY records DESC${keys.length > 0 ? `, ${keys.join(', ')}` : ''}\nLIMIT ${top}`,
    });
  }

  if (has('protocol') && has('dstport')) {
    const service = `CASE dstport ${ADMIN_PORTS.map((a) => `WHEN ${a.port} THEN ${lit(a.service)}`).join(' ')} END AS service`;
    const admin = ['protocol IN (6, 17)', `dstport IN (${ADMIN_PORTS.map((a) => a.port).join(', ')})`];
    q.push({
      name: 'admin-ports',
      title: `Traffic to administrative ports (${ADMIN_PORTS.map((a) => `${a.port} ${a.service}`).join(', ')}) over TCP or UDP.`,
      summaryField: 'adminPorts',
      sql: `${select(['dstport', service, ...traffic, ...actions])}\nFROM ${table}${where(...admin)}\nGROUP BY 1, 2\nORDER BY dstport`,
    });
    if (has('srcaddr'))
      q.push({
        name: 'admin-sources',
        title: `The ${top} sources of traffic to administrative ports with the most records.`,
        summaryField: 'topAdminSources',
        sql: `${select([
          'srcaddr',
          'dstport',
          service,
          'count(*) AS records',
          ...(has('action') ? ["sum(CASE WHEN action = 'REJECT' THEN 1 ELSE 0 END) AS rejected"] : []),
          ...(has('bytes') ? ['sum(coalesce(bytes, 0)) AS total_bytes'] : []),
        ])}\nFROM ${table}${where(...admin, 'srcaddr IS NOT NULL')}\nGROUP BY 1, 2, 3\nORDER BY records DESC, srcaddr, dstport\nLIMIT ${top}`,
      });
  }

  if (has('protocol')) {
    const name = `CASE protocol ${PROTOCOL_NAMES.map(([n, s]) => `WHEN ${n} THEN ${lit(s)}`).join(' ')} ELSE coalesce('proto-' || CAST(protocol AS varchar), '-') END AS protocol_name`;
    q.push({
      name: 'traffic-by-protocol',
      title: 'Records, packets and bytes per protocol, and how many were accepted and rejected.',
      summaryField: 'protocols',
      sql: `${select(['protocol', name, ...traffic, ...actions])}\nFROM ${table}${where()}\nGROUP BY 1, 2\nORDER BY ${byVolume}, protocol`,
    });
  }

  const lost = LOST.filter(([c]) => has(c));
  if (lost.length > 0)
    q.push({
      name: 'packets-lost',
      title: 'Packets a transit gateway dropped, by cause.',
      summaryField: 'packetsLost',
      sql: `${select(lost.map(([c, alias]) => `sum(coalesce(${c}, 0)) AS ${alias}`))}\nFROM ${table}${where()}`,
    });
  return q;
}

/** Transit gateway drop counters: column, and the summary's name for it (snake case). */
const LOST: readonly (readonly [string, string])[] = [
  ['packets_lost_no_route', 'no_route'],
  ['packets_lost_blackhole', 'blackhole'],
  ['packets_lost_mtu_exceeded', 'mtu_exceeded'],
  ['packets_lost_ttl_expired', 'ttl_expired'],
];

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
