/**
 * The native summary kernel against the JavaScript path it mirrors: the same input read both ways
 * must give the same report and the same accounting (counts, malformed lines with their numbers,
 * warnings). Inputs mix lines the kernel takes with lines it must leave to JavaScript (headers,
 * IPv6, tabs, malformed lines, NODATA with bad values, overlong lines), and each case checks that the
 * kernel really took some lines, so that no case passes by running JavaScript twice.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowFormat } from '../formats/flow-format.js';
import type { BulkFlowSink } from '../read/flow-parser.js';
import { readLogs } from '../read/read.js';
import { FlowSummary } from '../report/flow-summary.js';
import {
  DEFAULT_HEADER,
  DOC_DEFAULT,
  DOC_NAT_GATEWAY,
  DOC_PKT_FORMAT,
  DOC_V3_FORMAT,
  DOC_V3_RECORDS,
  DOC_V5_FORMAT,
  DOC_V5_RECORDS,
  TGW_HEADER,
  TGW_RECORD,
  V8_FORMAT,
  V8_RECORDS,
} from '../test-fixtures.js';
import { fieldsOf, tempFiles } from '../test-helpers.js';
import { kernel } from './kernel.js';

const built = kernel() !== undefined;
if (!built) console.warn('native summary kernel not built (npm run build): its comparison tests are skipped');

interface Options {
  readonly maxKeys?: number;
  readonly fields?: FlowFormat;
  readonly maxLine?: number;
}

/** Each text is written once, so that both reads name the same file. */
const written = new Map<string, string>();

async function summarize(text: string, native: boolean, opts: Options = {}) {
  let file = written.get(text);
  if (!file) {
    file = join(tempFiles({ 'flows.log': text }), 'flows.log');
    written.set(text, file);
  }
  const s = new FlowSummary({ top: 50, maxKeys: opts.maxKeys ?? 16384, native });
  let took = 0;
  const bulk = s.bulk();
  const counting: BulkFlowSink | undefined = bulk && {
    taken: bulk.taken,
    take: (buf, pos, end, format, maxLine) => {
      const next = bulk.take(buf, pos, end, format, maxLine);
      if (next !== pos) took += bulk.taken[0]!;
      return next;
    },
  };
  const res = await readLogs(
    [file],
    {
      ...(opts.fields ? { fields: opts.fields } : {}),
      ...(opts.maxLine ? { maxLine: opts.maxLine } : {}),
    },
    { type: () => {}, elb: () => {}, flow: (r) => s.record(r), flowBulk: counting },
  );
  const { acc } = res;
  return {
    report: s.report(),
    counts: acc.counts,
    samples: acc.samples,
    warnings: acc.warnings,
    fatal: res.fatal?.message,
    took,
  };
}

/** A summary of one text, not yet reported. */
async function summaryOf(text: string, native: boolean, maxKeys: number): Promise<FlowSummary> {
  const file = join(tempFiles({ 'flows.log': text }), 'flows.log');
  const s = new FlowSummary({ top: 50, maxKeys, native });
  await readLogs([file], {}, { type: () => {}, elb: () => {}, flow: (r) => s.record(r), flowBulk: s.bulk() });
  return s;
}

async function expectSame(text: string, opts: Options = {}, minTaken = 1) {
  const js = await summarize(text, false, opts);
  const native = await summarize(text, true, opts);
  expect(js.took).toBe(0);
  expect(native.took).toBeGreaterThanOrEqual(minTaken);
  const { took: _a, ...j } = js;
  const { took: _b, ...n } = native;
  expect(n).toEqual(j);
  return native;
}

const D = DOC_DEFAULT;
const LONG_ENI = `eni-${'0123456789abcdef'.repeat(4)}`;
const mixed = [
  DEFAULT_HEADER,
  D.accepted,
  D.rejected,
  '',
  D.nodata,
  D.skipdata,
  D.icmpAccepted,
  D.icmpRejectedReply,
  D.ipv6,
  // The same flow as the first, with two spaces: JavaScript reads it, and both must add to one key.
  D.accepted.replace(' 22 ', '  22 '),
  D.accepted.replace(/ /g, '\t'),
  `${D.rejected}\r`,
  '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 42x9 1418530010 1418530070 REJECT OK',
  '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20',
  '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 DROP OK',
  '2 123456789010 eni-1235b8ca123456789 - - - - 8080 - - 1431280876 1431280934 - NODATA',
  '2 123456789010 eni-1235b8ca123456789 10.0.0.1 10.0.0.2 1 65535 255 1 1 1 2 ACCEPT OK',
  '2 123456789010 eni-1235b8ca123456789 10.0.0.1 10.0.0.2 1 65536 6 1 1 1 2 ACCEPT OK',
  '2 123456789010 eni-1235b8ca123456789 10.0.0.1 10.0.0.256 1 22 6 1 1 1 2 ACCEPT OK',
  '2 123456789010 eni-1235b8ca123456789 10.0.0.01 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK',
  '2 123456789010 eni-1235b8ca123456789 10.0.0.1 - - - - 5 500 1 2 - OK',
  `2 123456789010 ${LONG_ENI} 10.0.0.1 10.0.0.2 1 22 6 1 1 1 2 ACCEPT OK`,
  `2 123456789010 ${LONG_ENI} 10.0.0.1 10.0.0.2 1 3389 17 1 1 1 2 REJECT OK`,
  D.accepted,
].join('\n');

describe.skipIf(!built)('native summary kernel = JavaScript path', () => {
  it('a default-format file mixing every kind of line', async () => {
    const n = await expectSame(`${mixed}\n`);
    expect(n.counts.malformed).toBeGreaterThanOrEqual(6);
    expect(n.warnings.some((w) => w.code === 'nodata-bad-value')).toBe(true);
    expect(n.report.topSources.find((s) => s.addr === '172.31.16.139')?.records).toBe(5);
  });

  it('no newline after the last line, and CRLF line ends throughout', async () => {
    await expectSame(mixed);
    await expectSame(mixed.split('\n').join('\r\n'));
  });

  it('a header halfway through switches the format for both', async () => {
    const v5Header = DOC_V5_FORMAT.replace(/\$\{([^}]+)\}/g, '$1');
    await expectSame(`${mixed}\n${v5Header}\n${DOC_V5_RECORDS.join('\n')}\n${DOC_V5_RECORDS[0]}\n`, {}, 14);
  });

  it.each([
    ['version 3 with instance-id and type', DOC_V3_FORMAT, DOC_V3_RECORDS],
    ['version 5', DOC_V5_FORMAT, DOC_V5_RECORDS],
    ['versions 7 and 8', V8_FORMAT, V8_RECORDS],
    ['NAT gateway example (no action, no ports)', DOC_PKT_FORMAT, DOC_NAT_GATEWAY],
    [
      'start first, no log-status',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
      '${start} ${interface-id} ${srcaddr} ${dstaddr} ${dstport} ${protocol} ${bytes} ${action} ${end}',
      [
        '1700000100 eni-1 10.0.0.1 10.0.0.2 22 6 100 REJECT 1700000160',
        '1700000000 eni-2 10.0.0.2 10.0.0.1 5900 6 - ACCEPT 1700000060',
      ],
    ],
  ])('--fields: %s', async (_name, format, records) => {
    await expectSame(`${records.join('\n')}\n`, { fields: fieldsOf(format) }, records.length);
  });

  it('transit gateway logs with packets lost', async () => {
    const lost = TGW_RECORD.replace(' OK IPv4 0 3 0 1 ', ' OK IPv4 - 7 - 1 ');
    const n = await expectSame(`${TGW_HEADER}\n${TGW_RECORD}\n${lost}\n`, {}, 2);
    expect(n.report.packetsLost).toEqual({ noRoute: 0, blackhole: 10, mtuExceeded: 0, ttlExpired: 2 });
  });

  it('lines longer than --max-line are left to JavaScript', async () => {
    const n = await expectSame(`${mixed}\n`, { maxLine: 100 });
    expect(n.samples.some((s) => s.reason === 'line-too-long')).toBe(true);
  });

  it.each([
    [64, 3000],
    [4096, 30000],
  ])(
    'past the exact limit (%i keys), the same approximate lists and error bounds',
    async (maxKeys, count) => {
      const lines = [DEFAULT_HEADER];
      for (let i = 0; i < count; i++) {
        const src = `10.${(i * 7) % 200}.${i % 251}.${1 + (i % 113)}`;
        const bytes = 40 + ((i * 7919) % 100000);
        lines.push(
          `2 123456789010 eni-${String(i % 97).padStart(17, '0')} ${src} 10.9.9.${i % 5} 1024 ${[22, 443, 3389][i % 3]} 6 ${1 + (i % 9)} ${bytes} 1 2 ${i % 4 ? 'ACCEPT' : 'REJECT'} OK`,
        );
      }
      const n = await expectSame(`${lines.join('\n')}\n`, { maxKeys }, count);
      expect(Object.keys(n.report.approximate)).toContain('sources');
    },
  );

  // Past the exact limit, only the same order of operations gives the same cut: no JavaScript-read
  // (IPv6) line then, as it would be merged at another time.
  it.each([
    [16384, true],
    [64, false],
  ])(
    "another thread's share absorbed into the kernel gives the totals JavaScript gives (%i keys)",
    async (maxKeys, ipv6) => {
      const lines = (seed: number) =>
        Array.from(
          { length: 400 },
          (_, i) =>
            `2 123456789010 eni-${(i * seed) % 37} 10.0.${(i * seed) % 91}.${i % 7} 10.1.0.${i % 5} 1024 ${[22, 443, 3389][i % 3]} 6 ${1 + (i % 9)} ${100 + i * seed} 1 2 ${i % 4 ? 'ACCEPT' : 'REJECT'} OK`,
        );
      const one = `${DEFAULT_HEADER}\n${lines(3).join('\n')}\n${ipv6 ? `${D.ipv6}\n` : ''}`;
      const two = `${DEFAULT_HEADER}\n${lines(7).join('\n')}\n`;
      const merged = async (native: boolean) => {
        const a = await summaryOf(one, native, maxKeys);
        const b = await summaryOf(two, native, maxKeys);
        a.absorb(b.export());
        return a.report();
      };
      const js = await merged(false);
      expect(await merged(true)).toEqual(js);
      expect(js.topSources.length).toBeGreaterThan(5);
      expect(Object.keys(js.approximate).length > 0).toBe(maxKeys === 64);
    },
  );

  it('a --max-keys the kernel refuses leaves everything to JavaScript', async () => {
    const js = await summarize(`${mixed}\n`, false, { maxKeys: 2 ** 29 });
    const native = await summarize(`${mixed}\n`, true, { maxKeys: 2 ** 29 });
    expect(native.took).toBe(0);
    expect(native.report).toEqual(js.report);
  });

  it('IPv6 in every text form, and text that only looks like it', async () => {
    const valid = [
      '2001:db8::1',
      '2001:DB8:0:0:0:0:0:1',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '::',
      '::1',
      '1::',
      'fe80::1:2',
      '1:0:0:2:0:0:0:3',
      '1:0:0:2:0:0:3:4',
      '::ffff:192.0.2.1',
      '64:ff9b::198.51.100.7',
      '1:2:3:4:5:6:7:8',
      '0:0:1:0:0:1:0:0',
    ];
    const invalid = [
      ':::',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::1',
      '::1.2.3.04',
      '::256.1.1.1',
      '1.2.3.4::',
      'g::1',
      'fe80::1%eth0',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:',
      '1:2:3:4:5:6:7::8',
    ];
    const line = (a: string, b: string) => `2 123456789010 eni-1 ${a} ${b} 443 55000 6 3 180 1 2 ACCEPT OK`;
    const lines = [
      ...valid.flatMap((a) => [line(a, '10.0.0.1'), line('10.0.0.1', a), line(a, a)]),
      ...invalid.map((a) => line(a, '2001:db8::1')),
      // Read by JavaScript (two spaces): its key must be the kernel's.
      line('2001:db8::1', '10.0.0.1').replace(' 443 ', '  443 '),
    ];
    const n = await expectSame(`${DEFAULT_HEADER}\n${lines.join('\n')}\n`, {}, valid.length * 3);
    expect(n.counts.malformed).toBe(invalid.length);
    expect(n.report.ipv6.records).toBe(valid.length * 2 + 1);
    // Spellings of one address are one key, whoever read the line.
    expect(n.report.topSources.filter((x) => x.addr === '2001:db8::1')).toEqual([
      expect.objectContaining({ records: 7 }),
    ]);
  });

  it('random IPv6 addresses as fast-check writes them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.ipV6(), fc.ipV6()), { minLength: 1, maxLength: 20 }),
        async (pairs) => {
          const lines = pairs.map(
            ([a, b]) => `2 123456789010 eni-1 ${a} ${b} 443 55000 6 3 180 1 2 REJECT OK`,
          );
          await expectSame(`${DEFAULT_HEADER}\n${lines.join('\n')}\n`, {}, pairs.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random bytes written over real lines: never a line JavaScript would not take', async () => {
    const base = Buffer.from(`${mixed}\n${mixed}\n`);
    const bytes = [0, 9, 10, 13, 32, 45, 46, 48, 49, 57, 58, 65, 127, 128, 255];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.constantFrom(...bytes), fc.boolean()), {
          minLength: 1,
          maxLength: 30,
        }),
        async (edits) => {
          const b = Buffer.from(base);
          for (const [at, byte, digit] of edits) b[at] = digit ? 48 + (byte % 10) : byte;
          await expectSame(b.toString('latin1'), {}, 0);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('random default-format records, some bent out of shape', async () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const v4 = fc.tuple(fc.constantFrom(10, 172, 203), octet, octet, octet).map((p) => p.join('.'));
    const record = fc.record({
      eni: fc.constantFrom('eni-1', 'eni-0123456789abcdef0', LONG_ENI, '-'),
      src: fc.oneof(v4, fc.constantFrom('-', '2001:db8::1', '10.0.0.300')),
      dst: fc.oneof(v4, fc.constant('-')),
      dport: fc.oneof(fc.integer({ min: 0, max: 65535 }).map(String), fc.constantFrom('22', '3389', '-')),
      proto: fc.constantFrom('6', '17', '1', '58', '255', '-'),
      packets: fc.integer({ min: 0, max: 5000 }).map(String),
      bytes: fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }).map(String), fc.constant('-')),
      action: fc.constantFrom('ACCEPT', 'REJECT', '-', 'DENY'),
      status: fc.constantFrom('OK', 'OK', 'OK', 'NODATA', 'SKIPDATA'),
      bend: fc.constantFrom('', '', '', '', 'tab', 'double', 'crlf', 'trailing'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 40 }), async (rs) => {
        const lines = rs.map((r) => {
          const line = `2 123456789012 ${r.eni} ${r.src} ${r.dst} 1024 ${r.dport} ${r.proto} ${r.packets} ${r.bytes} 100 160 ${r.action} ${r.status}`;
          if (r.bend === 'tab') return line.replace(' ', '\t');
          if (r.bend === 'double') return line.replace(' ', '  ');
          if (r.bend === 'crlf') return `${line}\r`;
          if (r.bend === 'trailing') return `${line} `;
          return line;
        });
        await expectSame(`${DEFAULT_HEADER}\n${lines.join('\n')}\n`, {}, 0);
      }),
      { numRuns: 60 },
    );
  });
});
