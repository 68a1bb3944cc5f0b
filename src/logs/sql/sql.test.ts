/**
 * `logs sql` and the Athena report queries on DuckDB: the queries give the numbers `logs summary`
 * computes on the same file, and the CLI prints tables, JSON and exit 2 on bad SQL. Skipped when
 * the optional package @duckdb/node-api cannot be imported.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/capture.js';
import { main } from '../../cli/main.js';
import { reportQueries } from '../athena/reports.js';
import { expectSameReports } from '../athena/test-reports.js';
import { type FlowSummaryJson, summarize } from '../run.js';
import { tempFiles } from '../test-helpers.js';
import { sqlColumns } from './columns.js';
import { fileFormat, flowsViewSql } from './flows-view.js';
import { jsonValue, runSql, type SqlValue } from './run.js';

const duck = await import('@duckdb/node-api').catch(() => undefined);
if (!duck) console.warn('Skipping the DuckDB tests of logs sql: @duckdb/node-api cannot be imported.');

const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const LINES = [
  '2 123456789012 eni-aaa 10.0.0.1 10.0.1.5 40000 22 6 10 5000 1700000000 1700000060 ACCEPT OK',
  '2 123456789012 eni-aaa 203.0.113.9 10.0.0.1 51000 22 6 3 180 1700000000 1700000060 REJECT OK',
  '2 123456789012 eni-aaa 203.0.113.9 10.0.0.1 51001 22 6 2 120 1700000010 1700000070 REJECT OK',
  '2 123456789012 eni-aaa 203.0.113.10 10.0.0.1 51002 22 6 1 60 1700000010 1700000070 REJECT OK',
  '2 123456789012 eni-aaa 203.0.113.10 10.0.0.1 51003 3389 6 1 60 1700000010 1700000070 REJECT OK',
  '2 123456789012 eni-bbb 198.51.100.7 10.0.0.2 53 40001 17 1 90 1700000000 1700000060 ACCEPT OK',
  '2 123456789012 eni-bbb 2001:db8::1 2001:db8::2 443 50000 6 20 20000 1700000100 1700000160 ACCEPT OK',
  '2 123456789012 eni-bbb 10.0.0.2 198.51.100.7 123 123 17 1 76 1700000000 1700000060 REJECT OK',
  '2 123456789012 eni-bbb 10.0.0.2 198.51.100.8 123 123 17 1 76 1700000000 1700000060 REJECT OK',
  '2 123456789012 eni-ccc - - - - - - - 1700000200 1700000260 - NODATA',
  '2 123456789012 eni-ccc 10.0.0.1 10.0.0.9 0 0 1 4 336 1700000000 1700000060 ACCEPT OK',
];
const DIR = tempFiles({
  'flows.log': `${HEADER}\n${LINES.join('\n')}\n`,
  'noheader.log': `${LINES.slice(0, 2).join('\n')}\n`,
});
const FILE = join(DIR, 'flows.log');

type Row = Record<string, SqlValue>;

/** Runs each report query on a DuckDB view named like the Athena table, built as logs sql builds flows. */
async function reports(): Promise<Record<string, Row[]>> {
  const api = duck!;
  const instance = await api.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    const f = await fileFormat(FILE, undefined);
    await conn.run(flowsViewSql([f], {}, 'vpc_flow_logs'));
    const names = sqlColumns(f.fields).map((c) => c.name);
    const out: Record<string, Row[]> = {};
    for (const q of reportQueries('vpc_flow_logs', names)) {
      const r = await conn.runAndReadAll(q.sql);
      const cols = r.columnNames();
      const types = r.columnTypes().map((t) => t.toString());
      out[q.name] = r
        .getRowsJson()
        .map((row) => Object.fromEntries(cols.map((c, i) => [c, jsonValue(row[i], types[i]!)])));
    }
    return out;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe.skipIf(!duck)('report queries on DuckDB = logs summary', () => {
  it('gives the same numbers as summarize() on the same file', async () => {
    const sum = (await summarize([FILE], { parallel: { workers: 1 } })).json as FlowSummaryJson;
    const q = await reports();

    expectSameReports(q, sum);
    expect(sum.records).toBe(10);
    expect(sum.topSources[0]).toMatchObject({ addr: '2001:db8::1', bytes: 20000 });
  });
});

describe.skipIf(!duck)('runSql', () => {
  it('types the columns from the field table and reads - as NULL', async () => {
    const r = await runSql(
      [FILE],
      "select account_id, srcport, bytes, action from flows where log_status = 'NODATA'",
    );
    expect(r.types).toEqual(['VARCHAR', 'INTEGER', 'BIGINT', 'VARCHAR']);
    expect(r.rows).toEqual([['123456789012', null, null, null]]);
  });

  it('reads files without a header with the default format, or --fields', async () => {
    const noHeader = join(DIR, 'noheader.log');
    const r = await runSql([noHeader], 'select sum(bytes) b from flows');
    expect(r.rows).toEqual([[5180]]);
    const f = await runSql([noHeader], 'select * from flows limit 1', {
      fields:
        'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
    });
    expect(f.columns).toContain('log_status');
  });

  it('reads Parquet files with read_parquet, beside text files of the same records', async () => {
    const parquet = join(DIR, 'flows.parquet');
    const db = await duck!.DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(
      `COPY (SELECT '123456789012' AS account_id, 'eni-0a1b2c3d' AS interface_id, 'REJECT' AS action, 'OK' AS log_status, 1200::BIGINT AS bytes) TO '${parquet}' (FORMAT parquet)`,
    );
    const r = await runSql(
      [parquet, FILE],
      "select action, count(*) n from flows where log_status = 'OK' group by 1 order by 1",
    );
    const text = await runSql(
      [FILE],
      "select action, count(*) n from flows where log_status = 'OK' group by 1 order by 1",
    );
    const count = (rows: readonly (readonly SqlValue[])[], a: string) =>
      Number(rows.find((x) => x[0] === a)?.[1] ?? 0);
    expect(count(r.rows, 'REJECT')).toBe(count(text.rows, 'REJECT') + 1);
    expect(count(r.rows, 'ACCEPT')).toBe(count(text.rows, 'ACCEPT'));
  });
});

const io = captureOutput();

describe.skipIf(!duck)('vpcsim logs sql', () => {
  it('prints an aligned table', async () => {
    expect(
      await main(['logs', 'sql', 'select action, count(*) n from flows group by 1 order by 1', FILE]),
    ).toBe(0);
    expect(io.out).toBe(['action  n', '------  -', 'ACCEPT  4', 'REJECT  6', '-       1', ''].join('\n'));
    expect(io.err).toBe('3 rows\n');
  });

  it('prints JSON with --json', async () => {
    expect(
      await main([
        'logs',
        'sql',
        'select action, count(*) n from flows group by 1 order by 1',
        FILE,
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(io.out).rows).toEqual([
      { action: 'ACCEPT', n: 4 },
      { action: 'REJECT', n: 6 },
      { action: null, n: 1 },
    ]);
  });

  it('exits 2 with DuckDB message on bad SQL', async () => {
    expect(await main(['logs', 'sql', 'selec action from flows', FILE])).toBe(2);
    expect(io.err).toMatch(/^vpcsim: SQL error: Parser Error: syntax error at or near "selec"\.\n$/);
    expect(io.out).toBe('');
  });

  it('exits 2 on a missing file', async () => {
    expect(await main(['logs', 'sql', 'select 1', join(DIR, 'nope.log')])).toBe(2);
    expect(io.err).toContain('nope.log');
  });
});
