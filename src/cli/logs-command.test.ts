/**
 * `vpcsim logs` in-process: exit codes (0, 1 with --strict, 2 for usage and input errors), text
 * and JSON output, and the one-sentence errors.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture.js';
import { DEFAULT_HEADER, DOC_ALB, DOC_DEFAULT } from '../logs/test-fixtures.js';
import { tempFiles } from '../logs/test-helpers.js';
import { main } from './main.js';

const io = captureOutput();

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const DIR = tempFiles({
  'flows.log': lines(
    DEFAULT_HEADER,
    DOC_DEFAULT.accepted,
    DOC_DEFAULT.rejected,
    DOC_DEFAULT.nodata,
    'bad line',
  ),
  'alb.log': lines(...Object.values(DOC_ALB)),
  'custom.log': lines('2 eni-1 10.0.0.1 10.0.0.2'),
});
const FLOWS = join(DIR, 'flows.log');

describe('vpcsim logs summary', () => {
  it('prints the report and the account of every line, exit 0 despite a malformed line', async () => {
    expect(await main(['logs', 'summary', FLOWS])).toBe(0);
    expect(io.out).toContain('VPC flow logs · 1 file · 2014-12-14T04:06:50Z to 2015-05-10T18:02:14Z');
    expect(io.out).toContain('Records: 2 with log-status OK (1 ACCEPT, 1 REJECT)');
    expect(io.out).toContain('172.31.9.69 → 172.31.9.12:3389/TCP');
    expect(io.out).toContain('Lines: 5 = 2 parsed + 1 NODATA + 0 SKIPDATA + 1 malformed + 1 skipped');
    expect(io.out).toMatch(/flows\.log:5: too few fields: 2, the format has 14/);
    expect(io.out).not.toContain('\u001b[');
  });

  it('--json prints the documented object', async () => {
    expect(await main(['logs', 'summary', FLOWS, '--json', '--top', '1'])).toBe(0);
    const j = JSON.parse(io.out);
    expect(j.counts).toEqual({ lines: 5, parsed: 2, nodata: 1, skipdata: 0, malformed: 1, skipped: 1 });
    expect([j.accepted, j.rejected, j.packets, j.bytes]).toEqual([1, 1, 40, 8498]);
    expect(j.topSources).toHaveLength(1);
    expect(j.topSources[0]).toEqual({ addr: '172.31.9.69', bytes: 4249, packets: 20, records: 1 });
    expect(j.rejectsByPort).toEqual([
      { protocol: 6, protocolName: 'TCP', port: 3389, records: 1, packets: 20, bytes: 4249 },
    ]);
  });

  it('summarises ELB logs', async () => {
    expect(await main(['logs', 'summary', join(DIR, 'alb.log')])).toBe(0);
    expect(io.out).toContain('ALB access logs · 1 file');
    expect(io.out).toContain('Status from the load balancer: 1xx 2 · 2xx 4 · 5xx 1');
    expect(io.out).toContain('LambdaInvalidResponse');
  });

  it('--strict: exit 1 naming the file and line', async () => {
    expect(await main(['logs', 'summary', FLOWS, '--strict'])).toBe(1);
    expect(io.err).toMatch(
      /^vpcsim: .*flows\.log:5 is malformed \(too few fields: 2, the format has 14\); stopped there because of --strict\.\n$/,
    );
    expect(io.out).toBe('');
  });

  it('exit 2 with one sentence for bad flags and unreadable input', async () => {
    expect(await main(['logs', 'summary', FLOWS, '--type', 'waf'])).toBe(2);
    expect(io.err).toMatch(/--type "waf" is not a log type; use one of vpc, alb, nlb, clb, alb-conn\./);
    io.err = '';
    expect(await main(['logs', 'summary', join(DIR, 'custom.log')])).toBe(2);
    expect(io.err).toMatch(
      /custom\.log:1 does not match the default flow-log format .*pass its format with --fields/,
    );
    io.err = '';
    expect(await main(['logs', 'summary', '/no/such.log'])).toBe(2);
    expect(io.err).toMatch(/no such file or folder: \/no\/such\.log/);
    io.err = '';
    expect(await main(['logs', 'summary', FLOWS, '--fields', '${version'])).toBe(2);
    expect(io.err).toMatch(/--fields "\$\{version": '\$\{' is not closed by '\}' \(column 1\)/);
    io.err = '';
    expect(await main(['logs', 'summary', FLOWS, '--top', '0'])).toBe(2);
    io.err = '';
    expect(await main(['logs', 'summary', FLOWS, '--threads', '0'])).toBe(2);
    expect(io.err).toMatch(/--threads "0" is not a whole number of at least 1\./);
    io.err = '';
    expect(await main(['logs', 'summary', FLOWS, '--threads', '99'])).toBe(2);
    expect(io.err).toMatch(/--threads 99 is more than 16/);
  });

  it('--threads 1 and --threads 2 give the same report', async () => {
    const big = tempFiles({
      'big.log': lines(
        DEFAULT_HEADER,
        ...Array.from({ length: 3000 }, (_, i) => DOC_DEFAULT.accepted.replace(' 20641 ', ` ${1024 + i} `)),
      ),
    });
    const run = async (threads: string) => {
      io.out = '';
      expect(await main(['logs', 'summary', join(big, 'big.log'), '--json', '--threads', threads])).toBe(0);
      return JSON.parse(io.out);
    };
    const one = await run('1');
    expect(one.counts.parsed).toBe(3000);
    expect(await run('2')).toEqual(one);
  });

  it('--fields reads a custom format without header', async () => {
    expect(
      await main([
        'logs',
        'summary',
        join(DIR, 'custom.log'),
        '--fields',
        'version interface-id srcaddr dstaddr',
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(io.out).topPairs[0]).toMatchObject({ srcaddr: '10.0.0.1', dstaddr: '10.0.0.2' });
  });
});

describe('vpcsim logs query', () => {
  it('prints matching lines as they are, and the counts on stderr', async () => {
    expect(await main(['logs', 'query', FLOWS, '--where', 'action=REJECT and dstport=3389'])).toBe(0);
    expect(io.out).toBe(`${DOC_DEFAULT.rejected}\n`);
    expect(io.err).toMatch(/^1 matching record\nLines: 5 = /);
  });

  it('--json streams typed records inside one object', async () => {
    expect(await main(['logs', 'query', FLOWS, '--where', 'log-status != OK', '--json'])).toBe(0);
    const j = JSON.parse(io.out);
    expect(j.records).toEqual([expect.objectContaining({ 'log-status': 'NODATA', srcaddr: null })]);
    expect(j.matched).toBe(1);
    io.out = '';
    await main(['logs', 'query', FLOWS, '--where', 'dstport=1', '--json']);
    expect(JSON.parse(io.out).records).toEqual([]);
  });

  it('--group-by prints a table', async () => {
    expect(await main(['logs', 'query', FLOWS, '--group-by', 'action,dstport'])).toBe(0);
    expect(io.out).toMatch(/3 matching records, by action, dstport\n\s+action\s+dstport\s+records/);
    expect(io.out).toMatch(/REJECT\s+3389\s+1\s+20\s+4\.1 KiB/);
  });

  it('a --where error points at the column: exit 2', async () => {
    expect(await main(['logs', 'query', FLOWS, '--where', 'action=REJECT and dstport=ssh'])).toBe(2);
    expect(io.err).toBe(
      "vpcsim: --where: dstport is a number; 'ssh' is not at column 27:\n  action=REJECT and dstport=ssh\n                            ^\n",
    );
  });
});
