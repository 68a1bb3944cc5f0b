/** `logs athena`: the CREATE TABLE for a format (types, quoting, partition projection) and its CLI. */
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/capture.js';
import { main } from '../../cli/main.js';
import { VPC_FLOW_FIELDS } from '../formats/vpc-flow.js';
import { AthenaOptionError, athenaTable, ddlIdent, renderAthena } from './ddl.js';

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
      "ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '",
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
    expect(t.queries.map((q) => q.name)).toEqual(['accepted-vs-rejected', 'top-sources']);
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

  it('exits 2 on a bad format or location', async () => {
    expect(await main(['logs', 'athena', '--fields', '${version', '--location', LOC])).toBe(2);
    expect(io.err).toContain('--fields');
    io.err = '';
    expect(await main(['logs', 'athena', '--fields', 'version', '--location', 'http://x/'])).toBe(2);
    expect(io.err).toContain('--location');
  });
});
