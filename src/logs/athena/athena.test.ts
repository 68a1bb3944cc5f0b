/**
 * `logs athena`: the CREATE TABLE for a format and an S3 delivery option (types, quoting, file
 * format, partition projection) and its CLI; and, when DuckDB (an optional dependency) loads, the
 * report queries run over Parquet files laid out as AWS delivers them, against `logs summary`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/capture.js';
import { main } from '../../cli/main.js';
import { VPC_FLOW_FIELDS } from '../formats/vpc-flow.js';
import { type FlowSummaryJson, summarize } from '../run.js';
import { fileFormat, flowsViewSql } from '../sql/flows-view.js';
import { jsonValue } from '../sql/run.js';
import {
  DEFAULT_HEADER,
  DOC_DEFAULT,
  DOC_V3_FORMAT,
  DOC_V3_RECORDS,
  TGW_HEADER,
  TGW_RECORD,
} from '../test-fixtures.js';
import { fieldsOf, tempFiles } from '../test-helpers.js';
import {
  AthenaOptionError,
  type AthenaTable,
  athenaTable,
  ddlIdent,
  PARQUET_INPUT_FORMAT,
  PARQUET_OUTPUT_FORMAT,
  PARQUET_SERDE,
  parseFileFormat,
  renderAthena,
} from './ddl.js';
import { expectSameReports, type Row } from './test-reports.js';

const LOC = 's3://my-bucket/prefix/AWSLogs/';

/** The column lines of the DDL: name -> type. */
function columns(ddl: string): Map<string, string> {
  const body = ddl.slice(ddl.indexOf('(\n') + 2, ddl.indexOf('\n)\nPARTITIONED'));
  return new Map(
    body.split(',\n').map((l) => {
      const [name, type] = l.trim().split(/\s+/);
      return [name!, type!];
    }),
  );
}

describe('athenaTable', () => {
  it('types every field of the table as the field table says, hyphens as underscores', () => {
    const t = athenaTable({ fields: VPC_FLOW_FIELDS.map((f) => f.name), location: LOC });
    const cols = columns(t.ddl);
    expect(cols.size).toBe(VPC_FLOW_FIELDS.length);
    for (const f of VPC_FLOW_FIELDS) {
      const name = ddlIdent(f.name.replaceAll('-', '_'));
      const want = f.type === 'int' ? 'int' : f.type === 'bigint' ? 'bigint' : 'string';
      expect([name, cols.get(name)]).toEqual([name, want]);
    }
    expect(cols.get('account_id')).toBe('string');
    expect(cols.get('interface_id')).toBe('string');
    expect(cols.get('log_status')).toBe('string');
    expect(cols.get('packets_lost_no_route')).toBe('bigint');
    expect(cols.get('srcport')).toBe('int');
    expect(cols.get('`end`')).toBe('bigint');
    expect(cols.get('`start`')).toBe('bigint');
    expect(t.ddl).not.toMatch(/\b[a-z]+-[a-z]+ (int|bigint|string)/);
  });

  it('keeps the format order and spells Athena names back the same', () => {
    const a = athenaTable({ fields: ['version', 'log-status', 'tcp-flags', 'end'], location: LOC });
    const b = athenaTable({ fields: ['version', 'log_status', 'tcp_flags', 'end'], location: LOC });
    expect(a.ddl).toBe(b.ddl);
    expect([...columns(a.ddl).keys()]).toEqual(['version', 'log_status', 'tcp_flags', '`end`']);
  });

  it('quotes reserved and odd names with backticks', () => {
    expect(ddlIdent('end')).toBe('`end`');
    expect(ddlIdent('date')).toBe('`date`');
    expect(ddlIdent('srcaddr')).toBe('srcaddr');
    expect(ddlIdent('my-field')).toBe('`my-field`');
    const t = athenaTable({ fields: ['srcaddr', 'my-field'], location: LOC });
    expect(columns(t.ddl).get('my_field')).toBe('string');
  });

  it('projects account, region and day partitions from the S3 path, as AWS documents', () => {
    const t = athenaTable({
      fields: ['version', 'srcaddr'],
      location: 's3://my-bucket/prefix/AWSLogs',
      accounts: ['111122223333'],
      regions: ['us-east-1', 'eu-west-1'],
      since: '2024/01/01',
      table: 'flows_v2',
      database: 'netlogs',
    });
    expect(t.table).toBe('netlogs.flows_v2');
    expect(t.injected).toEqual([]);
    for (const line of [
      'CREATE EXTERNAL TABLE IF NOT EXISTS netlogs.flows_v2 (',
      'PARTITIONED BY (accid string, region string, day string)',
      "ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '\nNULL DEFINED AS '-'",
      `LOCATION '${LOC}'`,
      '"skip.header.line.count" = "1"',
      '"projection.enabled" = "true"',
      '"projection.accid.type" = "enum"',
      '"projection.accid.values" = "111122223333"',
      '"projection.region.type" = "enum"',
      '"projection.region.values" = "us-east-1,eu-west-1"',
      '"projection.day.type" = "date"',
      '"projection.day.range" = "2024/01/01,NOW"',
      '"projection.day.format" = "yyyy/MM/dd"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Athena's template syntax
      '"storage.location.template" = "s3://my-bucket/prefix/AWSLogs/${accid}/vpcflowlogs/${region}/${day}"',
    ])
      expect(t.ddl).toContain(line);
    expect(t.ddl.trimEnd().endsWith(');')).toBe(true);
  });

  it('injects account and region when their values are not given, and renames a clashing region', () => {
    const t = athenaTable({ fields: ['version', 'region', 'srcaddr'], location: LOC });
    expect(t.injected).toEqual(['accid', 'partition_region']);
    expect(t.ddl).toContain('"projection.accid.type" = "injected"');
    expect(t.ddl).toContain('"projection.partition_region.type" = "injected"');
    expect(t.ddl).toContain('PARTITIONED BY (accid string, partition_region string, day string)');
    expect(columns(t.ddl).get('region')).toBe('string');
    expect(renderAthena(t)).toContain("accid = '…' AND partition_region = '…'");
  });

  it('leaves out the reports whose fields the format lacks', () => {
    const t = athenaTable({ fields: ['version', 'srcaddr', 'bytes'], location: LOC });
    expect(t.queries.map((q) => q.name)).toEqual(['accepted-vs-rejected', 'ip-versions', 'top-sources']);
    expect(t.queries[1]!.sql).not.toContain('log_status');
  });

  it('rejects bad options with a sentence', () => {
    const bad = (o: Partial<Parameters<typeof athenaTable>[0]>) => () =>
      athenaTable({ fields: ['version'], location: LOC, ...o });
    expect(bad({ location: 'my-bucket/AWSLogs/' })).toThrow(AthenaOptionError);
    expect(bad({ table: 'my-table' })).toThrow(/--table/);
    expect(bad({ accounts: ['1234'] })).toThrow(/12-digit/);
    expect(bad({ regions: ['useast1'] })).toThrow(/region/);
    expect(bad({ since: '2024-01-01' })).toThrow(/--since/);
  });
});

/** The S3 folder a partition-projected table reads for one hour, computed from its projection properties. */
function folderFor(t: AthenaTable, account: string, region: string, time: Date): string {
  let path = t.template;
  for (const [i, p] of t.partitions.entries()) {
    const props = new Map(p.projection);
    let v: string;
    if (i === 0) v = account;
    else if (i === 1) v = region;
    else if (props.get('type') === 'date') {
      const [from, to] = props.get('range')!.split(',');
      v = formatDate(props.get('format')!, time);
      expect(from! <= v && to === 'NOW', `${p.name} range`).toBe(true);
    } else {
      expect(props.get('type')).toBe('integer');
      const n =
        p.name === 'month'
          ? time.getUTCMonth() + 1
          : p.name === 'day'
            ? time.getUTCDate()
            : time.getUTCHours();
      const [lo, hi] = props.get('range')!.split(',').map(Number);
      expect(n >= lo! && n <= hi!, `${p.name} range`).toBe(true);
      v = String(n).padStart(Number(props.get('digits') ?? '1'), '0');
    }
    path = path.replaceAll(`\${${p.name}}`, v);
  }
  expect(path).not.toContain('${');
  return path;
}

/** Java DateTimeFormatter's yyyy, MM, dd (the patterns the projections use), in UTC. */
function formatDate(format: string, d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return format
    .replace('yyyy', String(d.getUTCFullYear()))
    .replace('MM', pad(d.getUTCMonth() + 1))
    .replace('dd', pad(d.getUTCDate()));
}

const ACCOUNT = '123456789010';
/** 2014-12-14T04:05:10Z, the hour of the documentation's default-format records. */
const HOUR = new Date(1418530010 * 1000);

/**
 * Every S3 delivery option of a flow log (file format, Hive-compatible prefixes, per-hour
 * partitions), with the folder AWS delivers that hour's files to (AWS VPC user guide, "Flow log files").
 */
const LAYOUTS = [
  {
    hive: false,
    perHour: false,
    folder: `AWSLogs/${ACCOUNT}/vpcflowlogs/us-east-1/2014/12/14`,
    parts: ['day'],
  },
  {
    hive: false,
    perHour: true,
    folder: `AWSLogs/${ACCOUNT}/vpcflowlogs/us-east-1/2014/12/14/04`,
    parts: ['day', 'hour'],
  },
  {
    hive: true,
    perHour: false,
    folder: `AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=us-east-1/year=2014/month=12/day=14`,
    parts: ['year', 'month', 'day'],
  },
  {
    hive: true,
    perHour: true,
    folder: `AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=us-east-1/year=2014/month=12/day=14/hour=04`,
    parts: ['year', 'month', 'day', 'hour'],
  },
] as const;
const CASES = (['text', 'parquet'] as const).flatMap((fileFormat) =>
  LAYOUTS.map((l) => ({ fileFormat, ...l })),
);
const BUCKET = 's3://my-bucket/prefix/';

describe('athenaTable for each S3 delivery option', () => {
  const fields = VPC_FLOW_FIELDS.map((f) => f.name);
  const base = athenaTable({ fields, location: LOC });

  it.each(CASES)(
    '$fileFormat, hive $hive, per hour $perHour',
    ({ fileFormat, hive, perHour, folder, parts }) => {
      const t = athenaTable({
        fields,
        location: `${BUCKET}AWSLogs/`,
        fileFormat,
        hive,
        perHour,
        since: '2014/01/01',
      });
      // Storage: space-delimited text with its header line skipped, or the Parquet SerDe.
      const text = "ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '\nNULL DEFINED AS '-'";
      const parquet = `ROW FORMAT SERDE\n  '${PARQUET_SERDE}'\nSTORED AS INPUTFORMAT\n  '${PARQUET_INPUT_FORMAT}'\nOUTPUTFORMAT\n  '${PARQUET_OUTPUT_FORMAT}'`;
      expect(t.ddl.includes(text)).toBe(fileFormat === 'text');
      expect(t.ddl.includes(parquet)).toBe(fileFormat === 'parquet');
      expect(t.ddl.includes('"skip.header.line.count" = "1"')).toBe(fileFormat === 'text');
      expect(t.fileFormat).toBe(fileFormat);
      // The same columns and types, and the same report queries, whatever the delivery.
      expect(columns(t.ddl)).toEqual(columns(base.ddl));
      expect(athenaTable({ fields, location: LOC, fileFormat, hive, perHour }).queries).toEqual(base.queries);
      // Partitions: account and region, then the time levels of the layout, all projected.
      const names = ['accid', 'partition_region', ...parts];
      expect(t.partitions.map((p) => p.name)).toEqual(names);
      expect(t.ddl).toContain(`PARTITIONED BY (${names.map((n) => `${n} string`).join(', ')})`);
      expect(t.ddl).toContain('"projection.enabled" = "true"');
      for (const n of names)
        expect(t.ddl).toMatch(new RegExp(`"projection\\.${n}\\.type" = "(enum|injected|date|integer)"`));
      expect(t.ddl).toContain(`"storage.location.template" = "${t.template}"`);
      expect(t.ddl).toContain(`LOCATION '${BUCKET}AWSLogs/'`);
      // The template, filled in as Athena fills it from the projection properties, is where AWS delivers.
      expect(folderFor(t, ACCOUNT, 'us-east-1', HOUR)).toBe(`${BUCKET}${folder}`);
      expect(t.ddl).toContain(
        hive
          ? 'aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/year=yyyy/month=MM/day=dd'
          : '{account}/vpcflowlogs/{region}/yyyy/MM/dd',
      );
      expect(t.ddl.includes(hive ? '/hour=HH/.' : '/dd/HH/.')).toBe(perHour);
    },
  );

  it('projects Hive years and hours with the range and digits of their folders', () => {
    const t = athenaTable({
      fields: ['version'],
      location: LOC,
      hive: true,
      perHour: true,
      since: '2021/06/01',
    });
    for (const line of [
      '"projection.year.type" = "date"',
      '"projection.year.range" = "2021,NOW"',
      '"projection.year.format" = "yyyy"',
      '"projection.year.interval.unit" = "YEARS"',
      '"projection.month.type" = "integer"',
      '"projection.month.range" = "1,12"',
      '"projection.month.digits" = "2"',
      '"projection.day.range" = "1,31"',
      '"projection.hour.range" = "0,23"',
      '"projection.hour.digits" = "2"',
      `"storage.location.template" = "${LOC}aws-account-id=\${accid}/aws-service=vpcflowlogs/aws-region=\${region}/year=\${year}/month=\${month}/day=\${day}/hour=\${hour}"`,
    ])
      expect(t.ddl).toContain(line);
    expect(t.injected).toEqual(['accid', 'region']);
  });

  it('refuses a partition name the format uses, and an unknown file format', () => {
    expect(() => athenaTable({ fields: ['version', 'hour'], location: LOC, perHour: true })).toThrow(
      /field named hour, which is also a partition column/,
    );
    expect(athenaTable({ fields: ['version', 'hour'], location: LOC }).partitions).toHaveLength(3);
    expect(parseFileFormat('plain-text')).toBe('text');
    expect(parseFileFormat('Parquet')).toBe('parquet');
    expect(() => parseFileFormat('csv')).toThrow(/--file-format "csv" is not a flow-log file format/);
  });
});

const io = captureOutput();

describe('vpcsim logs athena', () => {
  it('prints the DDL and the report queries', async () => {
    const fields =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax
      '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';
    expect(await main(['logs', 'athena', '--fields', fields, '--location', LOC])).toBe(0);
    expect(io.out).toContain('CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs (');
    for (const name of [
      'accepted-vs-rejected',
      'top-sources',
      'rejects-by-port',
      'admin-ports',
      'traffic-by-protocol',
    ])
      expect(io.out).toContain(`-- ${name}: `);
    expect(io.err).toBe('');
  });

  it('prints the Parquet, Hive-style and hourly DDL with --file-format parquet --hive --per-hour', async () => {
    expect(
      await main([
        'logs',
        'athena',
        '--fields',
        DEFAULT_HEADER,
        '--location',
        LOC,
        '--file-format',
        'parquet',
        '--hive',
        '--per-hour',
      ]),
    ).toBe(0);
    expect(io.out).toContain(`ROW FORMAT SERDE\n  '${PARQUET_SERDE}'`);
    expect(io.out).toContain(
      'PARTITIONED BY (accid string, region string, year string, month string, day string, hour string)',
    );
    expect(io.out).not.toContain('skip.header.line.count');
    expect(io.err).toBe('');
  });

  it('exits 2 on a bad format or location', async () => {
    expect(await main(['logs', 'athena', '--fields', '${version', '--location', LOC])).toBe(2);
    expect(io.err).toContain('--fields');
    io.err = '';
    expect(await main(['logs', 'athena', '--fields', 'version', '--location', 'http://x/'])).toBe(2);
    expect(io.err).toContain('--location');
    io.err = '';
    expect(
      await main(['logs', 'athena', '--fields', 'version', '--location', LOC, '--file-format', 'orc']),
    ).toBe(2);
    expect(io.err).toContain('--file-format "orc"');
  });
});

type Duck = typeof import('@duckdb/node-api');
const duck: Duck | undefined = await import('@duckdb/node-api').catch(() => undefined);
if (!duck)
  console.log(
    'note: DuckDB (optional dependency @duckdb/node-api) does not load; the report queries are not run over Parquet.',
  );

const SAMPLES = fileURLToPath(new URL('../../../../shared/data/logs/vpc-flow/otel/', import.meta.url));
const samples = ['valid_vpc_flow_log.log', 'valid_vpc_flow_log_multi.log']
  .map((f) => join(SAMPLES, f))
  .filter((f) => existsSync(f));
if (samples.length < 2)
  console.log(`note: the shared samples in ${SAMPLES} are absent; only the local records are used.`);

/** Default-format records: AWS's documentation examples and synthetic ones (admin ports, UDP, NULLs). */
const LOCAL = [
  ...Object.values(DOC_DEFAULT),
  '2 123456789010 eni-0a 203.0.113.9 10.0.0.1 51000 22 6 3 180 1418530010 1418530070 REJECT OK',
  '2 123456789010 eni-0a 203.0.113.9 10.0.0.1 51001 22 6 2 120 1418530020 1418530080 REJECT OK',
  '2 123456789010 eni-0a 203.0.113.10 10.0.0.1 51003 3389 17 1 60 1418530020 1418530080 REJECT OK',
  '2 123456789010 eni-0a 203.0.113.10 10.0.0.1 51004 5985 6 1 60 1418530020 1418530080 ACCEPT OK',
  '2 123456789010 eni-0b 10.0.0.2 198.51.100.7 123 123 17 1 76 1418530000 1418530060 REJECT OK',
  '2 123456789010 eni-0b 10.0.0.2 198.51.100.8 500 500 50 7 7000 1418530000 1418530060 ACCEPT OK',
  '2 123456789010 eni-0b 10.0.0.3 198.51.100.8 0 0 47 - - 1418530000 1418530060 ACCEPT OK',
];

/** Runs each report query of t on DuckDB, after `view` has created the table's name as a view. */
async function runReports(t: AthenaTable, view: string): Promise<Record<string, Row[]>> {
  const db = await duck!.DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    await c.run(view);
    const out: Record<string, Row[]> = {};
    for (const q of t.queries) {
      const r = await c.runAndReadAll(q.sql);
      const cols = r.columnNames();
      const types = r.columnTypes().map((x) => x.toString());
      out[q.name] = r
        .getRowsJson()
        .map((row) => Object.fromEntries(cols.map((n, i) => [n, jsonValue(row[i], types[i]!)])));
    }
    return out;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

const REPORT_FIELDS = [
  'timeRange',
  'ipv4',
  'ipv6',
  'topDestinations',
  'topPairs',
  'topInterfaces',
  'topRejected',
  'topAdminSources',
  'records',
  'accepted',
  'rejected',
  'packets',
  'bytes',
  'topSources',
  'rejectsByPort',
  'adminPorts',
  'protocols',
] as const;

describe.skipIf(!duck)('report queries over flow logs delivered to S3, on DuckDB = logs summary', () => {
  const dir = tempFiles({ 'text/doc.log': `${DEFAULT_HEADER}\n${LOCAL.join('\n')}\n` });
  const texts = [join(dir, 'text/doc.log'), ...samples];

  it.each(LAYOUTS)(
    'Parquet written by DuckDB into the folders of hive $hive, per hour $perHour',
    async ({ hive, perHour }) => {
      const root = join(dir, `s3-${hive}-${perHour}/`);
      const t = athenaTable({
        fields: DEFAULT_HEADER.split(' '),
        location: 's3://bucket/',
        since: '2014/01/01',
        fileFormat: 'parquet',
        hive,
        perHour,
      });
      const folder = join(root, folderFor(t, ACCOUNT, 'us-east-1', HOUR).slice('s3://bucket/'.length));
      mkdirSync(folder, { recursive: true });
      // Each sample file as AWS would deliver it in Parquet: typed columns (INT32, INT64, STRING) named as in the table.
      const db = await duck!.DuckDBInstance.create(':memory:');
      const c = await db.connect();
      try {
        for (const [i, file] of texts.entries()) {
          await c.run(flowsViewSql([await fileFormat(file, undefined)], {}, 'src'));
          await c.run(
            `COPY (SELECT * FROM src) TO '${join(folder, `${ACCOUNT}_vpcflowlogs_us-east-1_fl-0${i}_20141214T0405Z_hash.log.parquet`)}' (FORMAT parquet)`,
          );
        }
        // The Parquet column types are the table's.
        const described = await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${folder}/*.parquet')`);
        const types = new Map(described.getRowsJson().map((r) => [String(r[0]), String(r[1])]));
        const duckOf = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR' } as Record<string, string>;
        for (const [name, type] of columns(t.ddl))
          expect([name, types.get(name.replaceAll('`', ''))]).toEqual([name, duckOf[type]]);
      } finally {
        c.closeSync();
        db.closeSync();
      }

      const fromText = (await summarize(texts, { parallel: { workers: 1 } })).json as FlowSummaryJson;
      const fromParquet = (await summarize([root], { parallel: { workers: 1 } })).json as FlowSummaryJson;
      expect(fromParquet.files).toBe(texts.length);
      expect(fromParquet.counts).toEqual({
        ...fromText.counts,
        lines: fromText.counts.lines - fromText.counts.skipped,
        skipped: 0,
      });
      for (const k of REPORT_FIELDS) expect(fromParquet[k], k).toEqual(fromText[k]);
      expect(fromText.records).toBeGreaterThan(10);

      const q = await runReports(
        t,
        `CREATE VIEW ${t.table} AS SELECT * FROM read_parquet('${root}**/*.parquet', hive_partitioning = ${hive})`,
      );
      expectSameReports(q, fromParquet);
      // The fixture exercises every list.
      for (const list of [
        fromParquet.topDestinations,
        fromParquet.topPairs,
        fromParquet.topInterfaces,
        fromParquet.topRejected,
        fromParquet.topAdminSources,
      ])
        expect(list.length).toBeGreaterThan(1);
      expect(fromParquet.ipv4.records * fromParquet.ipv6.records).toBeGreaterThan(0);
      expect(q['admin-ports']!.map((r) => r.dstport)).toEqual([22, 3389, 5985]);
    },
  );

  it('instances (version 3) and transit gateway drops (version 6) as the summary counts them', async () => {
    const v3 = fieldsOf(DOC_V3_FORMAT).names;
    const files = tempFiles({
      'v3.log': `${v3.join(' ')}\n${DOC_V3_RECORDS.join('\n')}\n${DOC_V3_RECORDS[0]!.replace('i-01234567890123456', 'i-0aaaaaaaaaaaaaaaa')}\n`,
      'tgw.log': `${TGW_HEADER}\n${TGW_RECORD}\n${TGW_RECORD.replace(' OK IPv4 0 3 0 1 ', ' OK IPv4 5 - 2 0 ')}\n`,
    });
    const run = async (file: string, names: readonly string[]) => {
      const t = athenaTable({ fields: names, location: LOC, fileFormat: 'parquet' });
      const q = await runReports(t, flowsViewSql([await fileFormat(file, undefined)], {}, t.table));
      const sum = (await summarize([file], { parallel: { workers: 1 } })).json as FlowSummaryJson;
      return { q, sum };
    };
    const a = await run(join(files, 'v3.log'), v3);
    const instances = a.q['top-instances']!.map((r) => ({
      instanceId: r.instance_id,
      records: r.records,
      packets: r.total_packets,
      bytes: r.total_bytes,
    }));
    expect(instances).toEqual(a.sum.topInstances.map((i) => ({ ...i })));
    expect(instances).toHaveLength(2);
    expectSameReports(a.q, a.sum);

    const b = await run(join(files, 'tgw.log'), TGW_HEADER.split(' '));
    expect(b.q['packets-lost']).toEqual([{ no_route: 5, blackhole: 3, mtu_exceeded: 2, ttl_expired: 1 }]);
    expect(b.sum.packetsLost).toEqual({ noRoute: 5, blackhole: 3, mtuExceeded: 2, ttlExpired: 1 });
    expect(b.q['top-interfaces']).toBeUndefined();
  });

  it('text files in the same folders give the same answers', async () => {
    const t = athenaTable({ fields: DEFAULT_HEADER.split(' '), location: LOC, perHour: true });
    const formats = await Promise.all(texts.map((f) => fileFormat(f, undefined)));
    const q = await runReports(t, flowsViewSql(formats, {}, t.table));
    expectSameReports(q, (await summarize(texts, { parallel: { workers: 1 } })).json as FlowSummaryJson);
  });
});
