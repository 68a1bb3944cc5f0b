/**
 * Parquet flow logs: the shared sample (../shared/data/logs/vpc-flow/flowlogs-reader/flows.parquet,
 * skipped when absent) and small files written here with DuckDB (skipped when DuckDB, an optional
 * dependency, does not load).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HEADER, DOC_DEFAULT, DOC_V3_FORMAT, DOC_V3_RECORDS } from '../test-fixtures.js';
import { collect, fieldsOf, tempFiles } from '../test-helpers.js';
import { Accounting } from './accounting.js';
import { readSources } from './read.js';

const DOC_V3_HEADER = fieldsOf(DOC_V3_FORMAT).names.join(' ');

const SAMPLE = fileURLToPath(
  new URL('../../../../shared/data/logs/vpc-flow/flowlogs-reader/flows.parquet', import.meta.url),
);
const samplePresent = existsSync(SAMPLE);
if (!samplePresent) console.log(`note: ${SAMPLE} is absent; the shared Parquet sample test is skipped.`);

describe.skipIf(!samplePresent)('shared sample flows.parquet (flowlogs-reader)', () => {
  it('reads its 3 rows as lines: INT64 and string columns, `-` and `None` as absent', async () => {
    const { type, records, where, result } = await collect([SAMPLE]);
    expect(result.fatal).toBeUndefined();
    expect(type).toBe('vpc');
    // The README: 3 rows, row 1 OK, rows 2 and 3 NODATA, as upstream reads them. Row 3 carries
    // protocol 8080, which no IANA protocol number is (0-255); a NODATA record carries no traffic,
    // so it stays a NODATA record, its protocol reads as absent and a warning keeps the value.
    expect(result.acc.counts).toEqual({
      lines: 3,
      parsed: 1,
      nodata: 2,
      skipdata: 0,
      malformed: 0,
      skipped: 0,
    });
    expect(result.acc.balanced()).toBe(true);
    expect(result.acc.warnings).toEqual([
      { code: 'nodata-bad-value', file: SAMPLE, line: 3, field: 'protocol', token: '8080' },
    ]);
    expect(records[0]).toEqual({
      version: 2,
      'account-id': '123456789010',
      'interface-id': 'eni-102010ab',
      srcaddr: '198.51.100.1',
      dstaddr: '192.0.2.1',
      srcport: 443,
      dstport: 49152,
      protocol: 6,
      packets: 10,
      bytes: 840,
      start: 1439387263,
      end: 1439387264,
      action: 'ACCEPT',
      'log-status': 'OK',
    });
    // Row 2 keeps only version, account, interface, start, end and log-status.
    expect(records[1]).toMatchObject({
      version: 2,
      'account-id': '123456789010',
      'interface-id': 'eni-202010ab',
      srcaddr: null,
      dstaddr: null,
      srcport: null,
      protocol: null,
      packets: null,
      bytes: null,
      action: null,
      start: 1439387263,
      end: 1439387264,
      'log-status': 'NODATA',
    });
    // Row 3 keeps the addresses and ports, as upstream does; not the protocol.
    expect(records[2]).toMatchObject({
      'interface-id': 'eni-202010ab',
      srcaddr: '198.51.100.7',
      dstaddr: '192.0.2.156',
      srcport: 80,
      dstport: 100,
      protocol: null,
      packets: null,
      bytes: null,
      action: null,
      'log-status': 'NODATA',
    });
    expect(where).toEqual([1, 2, 3].map((n) => `${SAMPLE}:${n}`));
    expect(result.acc.samples).toEqual([]);
  });
});

type Duck = typeof import('@duckdb/node-api');
let duck: Duck | undefined;
try {
  duck = await import('@duckdb/node-api');
} catch (e) {
  console.log(
    `note: DuckDB (optional dependency) does not load (${String(e)}); the Parquet fixture tests are skipped.`,
  );
}

/** Columns as AWS types them (INT32 / INT64 / STRING), plus one column vpcsim does not know. */
const ROWS = `
SELECT * FROM (VALUES
  (2, '123456789012', 'eni-0a', '10.0.1.5', '10.0.2.9', 40000, 443, 6, 12::BIGINT, 5000000000::BIGINT,
   1700000000::BIGINT, 1700000060::BIGINT, 'ACCEPT', 'OK', 'x é ✓'),
  (2, '123456789012', 'eni-0a', '2001:DB8:0:0::1', '2001:db8::2', 51000, 22, 6, 3::BIGINT, 180::BIGINT,
   1700000000::BIGINT, 1700000060::BIGINT, 'REJECT', 'OK', NULL),
  (2, '123456789012', 'eni-0b', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   1700000000::BIGINT, 1700000060::BIGINT, NULL, 'NODATA', NULL),
  (2, '123456789012', 'eni-0b', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   1700000000::BIGINT, 1700000060::BIGINT, NULL, 'SKIPDATA', NULL),
  (2, '123456789012', 'eni-0c', 'not-an-address', '10.0.2.9', 1, 2, 17, 1::BIGINT, 1::BIGINT,
   1700000000::BIGINT, 1700000060::BIGINT, 'ACCEPT', 'OK', NULL)
) AS t(version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets,
       bytes, start, "end", action, log_status, future_field)`;

describe.skipIf(!duck)('Parquet flow-log files written with DuckDB', () => {
  let dir = '';
  beforeAll(async () => {
    dir = tempFiles({});
    const db = await duck!.DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      for (const codec of ['snappy', 'gzip', 'zstd'])
        await c.run(
          `COPY (${ROWS}) TO '${join(dir, `${codec}.log.parquet`)}' (FORMAT parquet, COMPRESSION ${codec})`,
        );
      // Many rows in several row groups.
      await c.run(
        `COPY (SELECT 2 AS version, 'eni-' || (i % 7) AS interface_id, '10.0.0.' || (i % 200 + 1) AS srcaddr,
                '10.1.0.1' AS dstaddr, (i % 60000 + 1)::INTEGER AS srcport, 443 AS dstport, 6 AS protocol,
                i::BIGINT AS packets, (i * 100)::BIGINT AS bytes, (1700000000 + i)::BIGINT AS start,
                (1700000060 + i)::BIGINT AS "end", CASE WHEN i % 10 = 0 THEN 'REJECT' ELSE 'ACCEPT' END AS action,
                'OK' AS log_status
              FROM range(5000) AS r(i) ORDER BY i)
         TO '${join(dir, 'big.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 1024)`,
      );
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });

  it('reads rows by column name: bigint columns, IPv6, NODATA and SKIPDATA, malformed rows at file:row', async () => {
    for (const codec of ['snappy', 'gzip', 'zstd']) {
      const file = join(dir, `${codec}.log.parquet`);
      const { records, where, result } = await collect([file]);
      expect(result.fatal).toBeUndefined();
      expect(result.acc.counts).toEqual({
        lines: 5,
        parsed: 2,
        nodata: 1,
        skipdata: 1,
        malformed: 1,
        skipped: 0,
      });
      expect(records[0]).toMatchObject({
        version: 2,
        'account-id': '123456789012',
        'interface-id': 'eni-0a',
        srcaddr: '10.0.1.5',
        srcport: 40000,
        packets: 12,
        bytes: 5000000000,
        start: 1700000000,
        end: 1700000060,
        action: 'ACCEPT',
        'log-status': 'OK',
        extra: { 'future-field': 'x é ✓' },
      });
      expect(records[1]).toMatchObject({ srcaddr: '2001:db8::1', dstaddr: '2001:db8::2', action: 'REJECT' });
      expect(records[2]).toMatchObject({
        srcaddr: null,
        packets: null,
        action: null,
        'log-status': 'NODATA',
      });
      expect(records[3]).toMatchObject({ 'log-status': 'SKIPDATA' });
      expect(where).toEqual([1, 2, 3, 4].map((n) => `${file}:${n}`));
      expect(result.acc.samples).toEqual([
        { file, line: 5, reason: 'bad-address', field: 'srcaddr', token: 'not-an-address' },
      ]);
      expect(result.acc.warnings).toEqual([{ code: 'unknown-field', file, field: 'future-field' }]);
    }
  });

  it('stops at the first malformed row with --strict', async () => {
    const { result } = await collect([join(dir, 'snappy.log.parquet')], { strict: true });
    expect(result.acc.strictFailure).toMatchObject({ line: 5, reason: 'bad-address' });
  });

  it('reads row group by row group, in order', async () => {
    const { records, result } = await collect([join(dir, 'big.parquet')]);
    expect(result.acc.counts).toMatchObject({ lines: 5000, parsed: 5000, malformed: 0 });
    expect(records.map((r) => r.packets)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(records[4999]).toMatchObject({ bytes: 499900, start: 1700004999, 'interface-id': 'eni-1' });
  });

  it('reads Parquet files found in folders, next to text logs', async () => {
    const folder = tempFiles({ 'b/flows.log.gz': gzipSync(`${DEFAULT_HEADER}\n${DOC_DEFAULT.accepted}\n`) });
    writeFileSync(join(folder, 'a.log.parquet'), readFileSync(join(dir, 'snappy.log.parquet')));
    const { records, result } = await collect([folder]);
    expect(result.fatal).toBeUndefined();
    expect(result.files).toBe(2);
    expect(result.acc.warnings.filter((w) => w.code === 'skipped-files')).toEqual([]);
    expect(result.acc.counts).toMatchObject({ lines: 7, parsed: 3, nodata: 1, skipdata: 1, malformed: 1 });
    expect(records.at(-1)).toMatchObject({ action: 'ACCEPT' });
  });

  it('a corrupt or truncated Parquet file is an input error naming the file', async () => {
    const good = readFileSync(join(dir, 'snappy.log.parquet'));
    const bad = tempFiles({
      'cut.parquet': good.subarray(0, good.length - 30),
      'text.parquet': 'this is not parquet\n',
    });
    // Page bytes overwritten in the middle, footer intact.
    const mangled = Buffer.from(good);
    mangled.fill(0xff, 4, Math.min(200, mangled.length - 100));
    writeFileSync(join(bad, 'mangled.parquet'), mangled);
    for (const name of ['cut.parquet', 'text.parquet', 'mangled.parquet']) {
      const file = join(bad, name);
      const { result } = await collect([file]);
      expect(result.fatal?.code, name).toBe('unreadable');
      expect(result.fatal?.message).toContain(`${file} cannot be read as a Parquet flow-log file (`);
      expect(result.fatal?.message.split('; ')).toHaveLength(2);
    }
  });

  it('gives the same records as the text file it was converted from (v3 custom format)', async () => {
    const text = join(dir, 'v3.log');
    writeFileSync(
      text,
      `${DOC_V3_HEADER}\n${DOC_V3_RECORDS.join('\n')}\n${DOC_V3_RECORDS[0]!.replace(' ACCEPT ', ' - ')}\n`,
    );
    const ints = new Set([
      'version',
      'srcport',
      'dstport',
      'protocol',
      'bytes',
      'packets',
      'start',
      'end',
      'tcp-flags',
    ]);
    const select = DOC_V3_HEADER.split(' ')
      .map((n) => `${ints.has(n) ? `TRY_CAST("${n}" AS BIGINT)` : `"${n}"`} AS "${n.replaceAll('-', '_')}"`)
      .join(', ');
    const pq = join(dir, 'v3.log.parquet');
    const db = await duck!.DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      await c.run(
        `COPY (SELECT ${select} FROM read_csv('${text}', delim=' ', header=true, all_varchar=true))
         TO '${pq}' (FORMAT parquet)`,
      );
    } finally {
      c.closeSync();
      db.closeSync();
    }
    const a = await collect([text]);
    const b = await collect([pq]);
    expect(b.records).toEqual(a.records);
    expect(b.records).toHaveLength(DOC_V3_RECORDS.length + 1);
    expect(b.result.acc.counts).toEqual({
      ...a.result.acc.counts,
      lines: a.result.acc.counts.lines - 1,
      skipped: 0,
    });
  });

  it('reads a file once when parallel reading cut it into parts', async () => {
    const file = join(dir, 'snappy.log.parquet');
    const size = statSync(file).size;
    const acc = new Accounting();
    let n = 0;
    const sink = { type: () => {}, flow: () => void n++, elb: () => {} };
    const parts = [
      { name: file, path: file, size: 100, range: { start: 0, end: 100 } },
      {
        name: file,
        path: file,
        size: size - 100,
        range: { start: 100, end: size },
        continued: { header: null },
      },
    ];
    const got = await readSources(parts, {}, sink, acc);
    expect(got.fatal).toBeUndefined();
    expect(n).toBe(4);
    expect(acc.counts.lines).toBe(5);
  });

  it('refuses --type of an ELB log for a Parquet file', async () => {
    const { result } = await collect([join(dir, 'snappy.log.parquet')], { type: 'alb' });
    expect(result.fatal?.code).toBe('mixed-types');
    expect(result.fatal?.message).toMatch(/is a Parquet file, which holds flow logs, but --type is alb/);
  });
});
