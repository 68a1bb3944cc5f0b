/**
 * `vpcsim logs athena`: the Athena CREATE EXTERNAL TABLE for one flow-log format, after AWS's
 * documented DDL for text flow logs with partition projection (Athena user guide,
 * "Create and query a table for Amazon VPC flow logs using partition projection"): columns named
 * as AWS names the fields with hyphens turned into underscores, space-delimited rows, the header
 * line skipped, and partitions `accid`, `region` and `day` projected from the S3 path
 * `AWSLogs/{account}/vpcflowlogs/{region}/{yyyy/MM/dd}/`, so no MSCK REPAIR or ALTER TABLE is needed.
 */
import { athenaType, sqlColumns } from '../sql/columns.js';
import { type ReportQuery, reportQueries } from './reports.js';

export interface AthenaOptions {
  /** The format's field names (AWS's spelling or Athena's). */
  readonly fields: readonly string[];
  /** `s3://bucket/prefix/AWSLogs/`: the folder that holds the account folders. */
  readonly location: string;
  readonly table?: string;
  readonly database?: string;
  /** Account IDs to project (enum); none: `injected` (queries must name one with `accid = '…'`). */
  readonly accounts?: readonly string[];
  /** Regions to project (enum); none: `injected`. */
  readonly regions?: readonly string[];
  /** First day of the projected range, yyyy/MM/dd (the range ends at NOW). */
  readonly since?: string;
  /** LIMIT of the top-N report queries. */
  readonly top?: number;
}

export class AthenaOptionError extends Error {}

export const DEFAULT_TABLE = 'vpc_flow_logs';
export const DEFAULT_SINCE = '2018/01/01';

/** Hive DDL reserved words that column names can collide with (Athena "Reserved keywords"). */
const DDL_RESERVED = new Set(
  (
    'all alter and array as authorization between bigint binary boolean both by case cashe cast char column conf ' +
    'constraint commit create cross cube current current_date current_timestamp cursor database date dayofweek ' +
    'decimal delete describe distinct div double drop else end exchange exists extended external extract false ' +
    'fetch float floor following for foreign from full function grant group grouping having if import in inner ' +
    'insert int integer intersect interval into is join lateral left less like local macro map more none not ' +
    'null numeric of on only or order out outer over partialscan partition percent preceding precision preserve ' +
    'primary procedure range reads reduce regexp references revoke right rlike rollback rollup row rows select ' +
    'set smallint start table tablesample then time timestamp to transform trigger true truncate unbounded union ' +
    'uniquejoin update user using utc_timestamp values varchar views when where window with'
  ).split(' '),
);

/** A column name in Athena DDL: backticked when reserved or not a plain identifier. */
export function ddlIdent(name: string): string {
  const lower = name.toLowerCase();
  if (/^[a-z_][a-z0-9_]*$/.test(lower) && !DDL_RESERVED.has(lower)) return lower;
  return `\`${lower.replaceAll('`', '``')}\``;
}

const NAME = /^[A-Za-z0-9_]{1,128}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const DAY = /^\d{4}\/\d{2}\/\d{2}$/;

export interface AthenaTable {
  /** Qualified table name as used in queries. */
  readonly table: string;
  readonly ddl: string;
  readonly queries: readonly ReportQuery[];
  /** The partition columns: account, region, day. */
  readonly partitions: readonly [string, string, string];
  /** Partition columns projected as `injected` (every query must name them with =). */
  readonly injected: readonly string[];
}

export function athenaTable(o: AthenaOptions): AthenaTable {
  const table = o.table ?? DEFAULT_TABLE;
  if (!NAME.test(table))
    throw new AthenaOptionError(
      `--table ${JSON.stringify(table)} is not an Athena table name (letters, digits, _).`,
    );
  if (o.database !== undefined && !NAME.test(o.database))
    throw new AthenaOptionError(
      `--database ${JSON.stringify(o.database)} is not an Athena database name (letters, digits, _).`,
    );
  if (!/^s3:\/\/[^/\s'"]+(\/[^\s'"]*)?$/.test(o.location))
    throw new AthenaOptionError(
      `--location ${JSON.stringify(o.location)} is not an S3 folder; give the AWSLogs/ folder, like s3://bucket/prefix/AWSLogs/.`,
    );
  const location = o.location.endsWith('/') ? o.location : `${o.location}/`;
  for (const a of o.accounts ?? [])
    if (!ACCOUNT.test(a))
      throw new AthenaOptionError(`--accounts: ${JSON.stringify(a)} is not a 12-digit account ID.`);
  for (const r of o.regions ?? [])
    if (!REGION.test(r))
      throw new AthenaOptionError(`--regions: ${JSON.stringify(r)} is not a region name like us-east-1.`);
  const since = o.since ?? DEFAULT_SINCE;
  if (!DAY.test(since))
    throw new AthenaOptionError(`--since ${JSON.stringify(since)} is not a day like 2024/01/31.`);

  const cols = sqlColumns(o.fields);
  const names = cols.map((c) => c.name.toLowerCase());
  // AWS names the region partition `region`; a format with the region field keeps that name for the field.
  const accid = 'accid';
  const region = names.includes('region') ? 'partition_region' : 'region';
  const day = 'day';
  for (const p of [accid, region, day])
    if (names.includes(p))
      throw new AthenaOptionError(`the format has a field named ${p}, which is also a partition column.`);

  const qualified =
    o.database !== undefined ? `${o.database.toLowerCase()}.${table.toLowerCase()}` : table.toLowerCase();
  const width = Math.max(...cols.map((c) => ddlIdent(c.name).length));
  const columnLines = cols.map((c) => `  ${ddlIdent(c.name).padEnd(width)} ${athenaType(c.spec)}`);
  const projection = (p: string, values: readonly string[] | undefined): string[] =>
    values && values.length > 0
      ? [`"projection.${p}.type" = "enum"`, `"projection.${p}.values" = "${values.join(',')}"`]
      : [`"projection.${p}.type" = "injected"`];
  const props = [
    '"skip.header.line.count" = "1"',
    '"projection.enabled" = "true"',
    ...projection(accid, o.accounts),
    ...projection(region, o.regions),
    `"projection.${day}.type" = "date"`,
    `"projection.${day}.range" = "${since},NOW"`,
    `"projection.${day}.format" = "yyyy/MM/dd"`,
    `"projection.${day}.interval" = "1"`,
    `"projection.${day}.interval.unit" = "DAYS"`,
    `"storage.location.template" = "${location}\${${accid}}/vpcflowlogs/\${${region}}/\${${day}}"`,
  ];
  const format = cols.map((c) => `\${${c.field}}`).join(' ');
  const injected = [
    ...(o.accounts?.length ? [] : [`${accid} = '<account-id>'`]),
    ...(o.regions?.length ? [] : [`${region} = '<region>'`]),
  ];
  const header = [
    '-- Athena table for VPC flow logs (text, plain or gzip) in the format',
    `--   ${format}`,
    `-- delivered to ${location}{account}/vpcflowlogs/{region}/yyyy/MM/dd/. Partition projection finds`,
    '-- the partitions from the path: no MSCK REPAIR TABLE or ALTER TABLE ADD PARTITION needed.',
    ...(injected.length > 0
      ? [
          `-- Without ${o.accounts?.length ? '--regions' : o.regions?.length ? '--accounts' : '--accounts and --regions'} the ${injected.length === 2 ? 'account and region partitions are' : `${o.accounts?.length ? 'region' : 'account'} partition is`} injected:`,
          `-- every query must give ${injected.length === 2 ? 'them' : 'it'} with =, as in WHERE ${injected.join(' AND ')}.`,
        ]
      : []),
  ];
  const ddl = [
    ...header,
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${qualified} (`,
    columnLines.join(',\n'),
    ')',
    `PARTITIONED BY (${accid} string, ${region} string, ${day} string)`,
    'ROW FORMAT DELIMITED',
    "FIELDS TERMINATED BY ' '",
    `LOCATION '${location}'`,
    'TBLPROPERTIES (',
    props.map((p) => `  ${p}`).join(',\n'),
    ');',
  ].join('\n');
  return {
    table: qualified,
    ddl,
    queries: reportQueries(qualified, names, o.top ?? 10),
    partitions: [accid, region, day],
    injected: [...(o.accounts?.length ? [] : [accid]), ...(o.regions?.length ? [] : [region])],
  };
}

/** The DDL, then each report query under a comment naming it. */
export function renderAthena(t: AthenaTable): string {
  const parts = [t.ddl, ''];
  parts.push('-- The logs summary reports as queries (standard SQL that Athena and DuckDB both run).');
  if (t.injected.length > 0)
    parts.push(
      `-- Add ${t.injected.map((p) => `${p} = '…'`).join(' AND ')} to each WHERE clause (injected projection).`,
    );
  for (const q of t.queries) parts.push('', `-- ${q.name}: ${q.title}`, `${q.sql};`);
  return `${parts.join('\n')}\n`;
}
