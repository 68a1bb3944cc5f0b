/**
 * `vpcsim logs athena`: the Athena CREATE EXTERNAL TABLE for one flow-log format and one of the S3
 * delivery options AWS offers (`DestinationOptions` of a flow log: file format text or Parquet,
 * Hive-compatible S3 prefixes, per-hour partitions), after AWS's documented DDL (Athena user guide,
 * "Create and query a table for Amazon VPC flow logs using partition projection", "Create tables for
 * flow logs in Apache Parquet format", and its partition projection example):
 *
 * - columns named as AWS names the fields with hyphens turned into underscores, typed from the
 *   field table (the Parquet files AWS writes use the same names, INT32 for `int` fields and INT64
 *   for `bigint` ones);
 * - text: space-delimited rows with the header line skipped and `-` read as NULL in every column
 *   (AWS's DDL leaves `-` a string in string columns, where the queries would count it as a
 *   value); Parquet: the Parquet SerDe, which reads columns by name;
 * - partitions projected from the S3 path, so no MSCK REPAIR TABLE or ALTER TABLE is needed:
 *   `accid`, `region`, then `day` (a date, `yyyy/MM/dd`) for the plain layout, or `year`, `month`,
 *   `day` for the Hive-style one (`year=yyyy/month=MM/day=dd`), and `hour` with per-hour partitions.
 */
import { athenaType, sqlColumns } from '../sql/columns.js';
import { type ReportQuery, reportQueries } from './reports.js';

/** The `FileFormat` of a flow log's S3 destination options. */
export type AthenaFileFormat = 'text' | 'parquet';

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
  /** The files' format (default text). */
  readonly fileFormat?: AthenaFileFormat;
  /** Hive-compatible S3 prefixes: `aws-account-id=…/aws-service=vpcflowlogs/aws-region=…/year=…/…`. */
  readonly hive?: boolean;
  /** Per-hour partitions: one more folder level for the hour. */
  readonly perHour?: boolean;
}

export class AthenaOptionError extends Error {}

export const DEFAULT_TABLE = 'vpc_flow_logs';
export const DEFAULT_SINCE = '2018/01/01';

/** The Hive classes AWS's Parquet DDL names (ParquetHiveSerDe, read by column name). */
export const PARQUET_SERDE = 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe';
export const PARQUET_INPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat';
export const PARQUET_OUTPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat';

/** `--file-format`: text (AWS's `plain-text` too) or parquet. */
export function parseFileFormat(s: string): AthenaFileFormat {
  const v = s.trim().toLowerCase();
  if (v === 'text' || v === 'plain-text') return 'text';
  if (v === 'parquet') return 'parquet';
  throw new AthenaOptionError(
    `--file-format ${JSON.stringify(s)} is not a flow-log file format; give text (plain-text) or parquet, as the flow log's destination options say.`,
  );
}

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

/** One projected partition column and the S3 folder level it stands for. */
export interface AthenaPartition {
  readonly name: string;
  /** The folder level in `storage.location.template`, with `${name}` where the value goes. */
  readonly folder: string;
  /** Its `projection.<name>.*` properties, without the prefix: [suffix, value]. */
  readonly projection: readonly (readonly [string, string])[];
  /** The folder level as the header comment shows it (`{account}`, `yyyy/MM/dd`, ...). */
  readonly shown: string;
}

export interface AthenaTable {
  /** Qualified table name as used in queries. */
  readonly table: string;
  readonly ddl: string;
  readonly queries: readonly ReportQuery[];
  readonly fileFormat: AthenaFileFormat;
  /** The partition columns, outermost folder first. */
  readonly partitions: readonly AthenaPartition[];
  /** Partition columns projected as `injected` (every query must name them with =). */
  readonly injected: readonly string[];
  /** `storage.location.template`: the location, then one folder per partition (and `vpcflowlogs`). */
  readonly template: string;
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
  const fileFormat = o.fileFormat ?? 'text';
  const hive = o.hive === true;
  const perHour = o.perHour === true;

  const cols = sqlColumns(o.fields);
  const names = cols.map((c) => c.name.toLowerCase());
  // AWS names the region partition `region`; a format with the region field keeps that name for the field.
  const region = names.includes('region') ? 'partition_region' : 'region';
  const partitions = layout({ region, hive, perHour, since, accounts: o.accounts, regions: o.regions });
  for (const p of partitions)
    if (names.includes(p.name))
      throw new AthenaOptionError(
        `the format has a field named ${p.name}, which is also a partition column.`,
      );
  const accid = partitions[0]!.name;

  const qualified =
    o.database !== undefined ? `${o.database.toLowerCase()}.${table.toLowerCase()}` : table.toLowerCase();
  const width = Math.max(...cols.map((c) => ddlIdent(c.name).length));
  const columnLines = cols.map((c) => `  ${ddlIdent(c.name).padEnd(width)} ${athenaType(c.spec)}`);
  const template = `${location}${partitions
    .map((p, i) => (i === 1 ? `${hive ? 'aws-service=' : ''}vpcflowlogs/${p.folder}` : p.folder))
    .join('/')}`;
  const props = [
    // Parquet files have no header line; text files start with one.
    ...(fileFormat === 'text' ? ['"skip.header.line.count" = "1"'] : []),
    '"projection.enabled" = "true"',
    ...partitions.flatMap((p) => p.projection.map(([k, v]) => `"projection.${p.name}.${k}" = "${v}"`)),
    `"storage.location.template" = "${template}"`,
  ];
  const storage =
    fileFormat === 'text'
      ? ['ROW FORMAT DELIMITED', "FIELDS TERMINATED BY ' '", "NULL DEFINED AS '-'"]
      : [
          'ROW FORMAT SERDE',
          `  '${PARQUET_SERDE}'`,
          'STORED AS INPUTFORMAT',
          `  '${PARQUET_INPUT_FORMAT}'`,
          'OUTPUTFORMAT',
          `  '${PARQUET_OUTPUT_FORMAT}'`,
        ];
  const format = cols.map((c) => `\${${c.field}}`).join(' ');
  const injected = partitions.filter((p) => p.projection[0]?.[1] === 'injected').map((p) => p.name);
  const shownPath = partitions
    .map((p, i) => (i === 1 ? `${hive ? 'aws-service=' : ''}vpcflowlogs/${p.shown}` : p.shown))
    .join('/');
  const flags = [
    `--file-format ${fileFormat}`,
    ...(hive ? ['--hive'] : []),
    ...(perHour ? ['--per-hour'] : []),
  ].join(' ');
  const missing =
    !o.accounts?.length && !o.regions?.length
      ? '--accounts and --regions'
      : !o.accounts?.length
        ? '--accounts'
        : '--regions';
  const header = [
    `-- Athena table for VPC flow logs in ${fileFormat === 'text' ? 'text files (plain or gzip)' : 'Parquet files'} (${flags}) in the format`,
    `--   ${format}`,
    `-- delivered to ${location}${shownPath}/.`,
    '-- Partition projection finds the partitions from the path: no MSCK REPAIR TABLE or ALTER TABLE',
    '-- ADD PARTITION needed.',
    ...(fileFormat === 'parquet'
      ? ['-- Parquet columns are matched by name: the flow log writes them as the columns below.']
      : []),
    ...(injected.length > 0
      ? [
          `-- Without ${missing} the ${injected.length === 2 ? 'account and region partitions are' : `${injected[0] === accid ? 'account' : 'region'} partition is`} injected:`,
          `-- every query must give ${injected.length === 2 ? 'them' : 'it'} with =, as in WHERE ${injected.map((p) => `${p} = '<${p === accid ? 'account-id' : 'region'}>'`).join(' AND ')}.`,
        ]
      : []),
  ];
  const ddl = [
    ...header,
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${qualified} (`,
    columnLines.join(',\n'),
    ')',
    `PARTITIONED BY (${partitions.map((p) => `${p.name} string`).join(', ')})`,
    ...storage,
    `LOCATION '${location}'`,
    'TBLPROPERTIES (',
    props.map((p) => `  ${p}`).join(',\n'),
    ');',
  ].join('\n');
  return {
    table: qualified,
    ddl,
    queries: reportQueries(qualified, names, o.top ?? 10),
    fileFormat,
    partitions,
    injected,
    template,
  };
}

interface LayoutOptions {
  readonly region: string;
  readonly hive: boolean;
  readonly perHour: boolean;
  readonly since: string;
  readonly accounts: readonly string[] | undefined;
  readonly regions: readonly string[] | undefined;
}

/**
 * The partitions of an S3 layout, outermost first (AWS VPC user guide, "Flow log files"):
 * `AWSLogs/{account}/vpcflowlogs/{region}/yyyy/MM/dd/[HH/]`, or with Hive-compatible prefixes
 * `AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/year=yyyy/month=MM/day=dd/[hour=HH/]`.
 * The plain layout's day is one `date` partition (`yyyy/MM/dd`, from --since to NOW); the Hive
 * layout names each level, so year (a `date` of format `yyyy`, to NOW), month and day are apart.
 */
function layout(o: LayoutOptions): AthenaPartition[] {
  const enumOrInjected = (values: readonly string[] | undefined): [string, string][] =>
    values && values.length > 0
      ? [
          ['type', 'enum'],
          ['values', values.join(',')],
        ]
      : [['type', 'injected']];
  const key = (k: string, p: string) => (o.hive ? `${k}=\${${p}}` : `\${${p}}`);
  const integer = (range: string): [string, string][] => [
    ['type', 'integer'],
    ['range', range],
    ['digits', '2'],
  ];
  const out: AthenaPartition[] = [
    {
      name: 'accid',
      folder: key('aws-account-id', 'accid'),
      projection: enumOrInjected(o.accounts),
      shown: o.hive ? 'aws-account-id={account}' : '{account}',
    },
    {
      name: o.region,
      folder: key('aws-region', o.region),
      projection: enumOrInjected(o.regions),
      shown: o.hive ? 'aws-region={region}' : '{region}',
    },
  ];
  if (o.hive)
    out.push(
      {
        name: 'year',
        folder: key('year', 'year'),
        projection: [
          ['type', 'date'],
          ['range', `${o.since.slice(0, 4)},NOW`],
          ['format', 'yyyy'],
          ['interval', '1'],
          ['interval.unit', 'YEARS'],
        ],
        shown: 'year=yyyy',
      },
      { name: 'month', folder: key('month', 'month'), projection: integer('1,12'), shown: 'month=MM' },
      { name: 'day', folder: key('day', 'day'), projection: integer('1,31'), shown: 'day=dd' },
    );
  else
    out.push({
      name: 'day',
      folder: key('day', 'day'),
      projection: [
        ['type', 'date'],
        ['range', `${o.since},NOW`],
        ['format', 'yyyy/MM/dd'],
        ['interval', '1'],
        ['interval.unit', 'DAYS'],
      ],
      shown: 'yyyy/MM/dd',
    });
  if (o.perHour)
    out.push({
      name: 'hour',
      folder: key('hour', 'hour'),
      projection: integer('0,23'),
      shown: o.hive ? 'hour=HH' : 'HH',
    });
  return out;
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
