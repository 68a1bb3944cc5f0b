/**
 * The `logs summary` reports as SQL queries, for Athena (Trino) and DuckDB alike: only count, sum,
 * coalesce, CASE, CAST(... AS varchar), ||, IN, IS NOT NULL, GROUP BY/ORDER BY with ordinals or
 * aliases, and LIMIT; no engine-specific function. Like the summary, they aggregate records with
 * log-status OK only, and count NULL packets and bytes as 0. A report whose fields the format lacks
 * is left out.
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

  if (has('srcaddr'))
    q.push({
      name: 'top-sources',
      title: `The ${top} source addresses that sent the most bytes.`,
      summaryField: 'topSources',
      sql: `${select(['srcaddr', ...traffic])}\nFROM ${table}${where('srcaddr IS NOT NULL')}\nGROUP BY srcaddr\nORDER BY ${byVolume}, srcaddr\nLIMIT ${top}`,
    });

  if (has('action')) {
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
    q.push({
      name: 'admin-ports',
      title: `Traffic to administrative ports (${ADMIN_PORTS.map((a) => `${a.port} ${a.service}`).join(', ')}) over TCP or UDP.`,
      summaryField: 'adminPorts',
      sql: `${select(['dstport', service, ...traffic, ...actions])}\nFROM ${table}${where(
        'protocol IN (6, 17)',
        `dstport IN (${ADMIN_PORTS.map((a) => a.port).join(', ')})`,
      )}\nGROUP BY 1, 2\nORDER BY dstport`,
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
  return q;
}

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
