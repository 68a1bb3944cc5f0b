import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEADER, DOC_ALB, DOC_DEFAULT, DOC_NLB } from '../test-fixtures.js';
import { collect, collectText, fieldsOf, tempFiles } from '../test-helpers.js';
import { CHUNK_BYTES } from './bytes.js';
import { lineBlocks, OVERLONG } from './lines.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const FLOWS = lines(DEFAULT_HEADER, DOC_DEFAULT.accepted, DOC_DEFAULT.rejected);

describe('reading sources', () => {
  it('decompresses gzip whatever the name, and concatenated gzip members as one stream', async () => {
    const two = Buffer.concat([
      gzipSync(lines(DEFAULT_HEADER, DOC_DEFAULT.accepted)),
      gzipSync(lines(DOC_DEFAULT.rejected)),
    ]);
    const dir = tempFiles({ 'a.log.gz': gzipSync(FLOWS), 'b.log': two });
    const { records, result } = await collect([join(dir, 'a.log.gz'), join(dir, 'b.log')]);
    expect(records.map((r) => r.action)).toEqual(['ACCEPT', 'REJECT', 'ACCEPT', 'REJECT']);
    expect(result.acc.counts).toMatchObject({ lines: 6, parsed: 4, skipped: 2 });
    expect(result.files).toBe(2);
  });

  it('searches folders recursively in name order, skipping hidden and non-log files with a warning', async () => {
    const dir = tempFiles({
      'AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/06/02/b.log.gz': gzipSync(
        lines(DEFAULT_HEADER, DOC_DEFAULT.rejected),
      ),
      'AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/06/01/a.log.gz': gzipSync(
        lines(DEFAULT_HEADER, DOC_DEFAULT.accepted),
      ),
      'AWSLogs/.hidden.log': 'garbage',
      'README.md': '# not a log',
    });
    const { records, result } = await collect([dir]);
    expect(records.map((r) => r.action)).toEqual(['ACCEPT', 'REJECT']);
    expect(result.files).toBe(2);
    expect(result.acc.warnings).toEqual([
      { code: 'skipped-files', count: 1, names: [join(dir, 'README.md')] },
    ]);
  });

  it('reads standard input for -, in chunks of any size', async () => {
    const bytes = Buffer.from(FLOWS);
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 100), bytes.subarray(100)];
    const { records } = await collect(['-'], { stdin: Readable.from(chunks) });
    expect(records).toHaveLength(2);
    const gz = await collect(['-'], { stdin: Readable.from([gzipSync(bytes)]) });
    expect(gz.records).toHaveLength(2);
  });

  it('reports a missing path, a corrupt Parquet file and an unreadable one as input errors', async () => {
    expect((await collect(['/no/such/file.log'])).result.fatal?.code).toBe('no-such-path');
    const dir = tempFiles({ 'x.parquet': 'PAR1' });
    expect((await collect([join(dir, 'x.parquet')])).result.fatal?.message).toMatch(/Parquet/);
  });

  it('counts corrupt gzip data as one malformed line after what it could read', async () => {
    const gz = gzipSync(lines(DEFAULT_HEADER, ...Array.from({ length: 2000 }, () => DOC_DEFAULT.accepted)));
    const cut = gz.subarray(0, gz.length - 20);
    const { result } = await collectText(cut);
    const c = result.acc.counts;
    expect(c.malformed).toBe(1);
    expect(result.acc.samples.at(-1)?.reason).toBe('corrupt-gzip');
    expect(result.acc.balanced()).toBe(true);
    expect(c.parsed).toBeGreaterThan(1900);
  });

  it('stops with an input error at a line that is no known log, saying how to pass the format', async () => {
    const { result } = await collectText(lines('', 'eni-1 10.0.0.1 10.0.0.2'));
    expect(result.fatal?.code).toBe('unknown-format');
    expect(result.fatal?.message).toMatch(/flows\.log:2 is not a log line.*--fields.*--type/);
  });

  it('refuses files of different log types in one run, naming both', async () => {
    const dir = tempFiles({ 'a.log': FLOWS, 'b.log': lines(DOC_ALB.http) });
    const { result } = await collect([join(dir, 'a.log'), join(dir, 'b.log')]);
    expect(result.fatal?.code).toBe('mixed-types');
    expect(result.fatal?.message).toMatch(/b\.log holds ALB access logs but .*a\.log holds VPC flow logs/);
  });

  it('detects the type from AWS file names before the first line', async () => {
    const dir = tempFiles({
      '123_elasticloadbalancing_us-east-2_net.my-nlb.c6e7_20200401T0850Z_x.log': lines(DOC_NLB.plain),
    });
    expect((await collect([dir])).type).toBe('nlb');
  });

  it('reports empty input as flow logs with no records', async () => {
    const { type, result } = await collectText('');
    expect(type).toBe('vpc');
    expect(result.acc.counts.lines).toBe(0);
  });
});

// Files are read into two buffers used in turn (bytes.ts): whatever is kept past the next-but-one
// chunk must have been copied, or it would read back as later bytes of the file.
describe('file buffers used in turn', () => {
  const big = 2 * CHUNK_BYTES + 12345;

  it('blank chunks before the first line, and a line straddling four chunks', async () => {
    const blanks = '\n'.repeat(big);
    const spaces = ' '.repeat(big + CHUNK_BYTES);
    const dir = tempFiles({
      'a.log': `${blanks}${DEFAULT_HEADER}\n${spaces}${DOC_DEFAULT.rejected}\n${DOC_DEFAULT.accepted}\n`,
    });
    const { records, result } = await collect([join(dir, 'a.log')], { maxLine: 5 * CHUNK_BYTES });
    expect(records.map((r) => [r.action, r.srcaddr])).toEqual([
      ['REJECT', fieldsOfLine(DOC_DEFAULT.rejected).srcaddr],
      ['ACCEPT', fieldsOfLine(DOC_DEFAULT.accepted).srcaddr],
    ]);
    expect(result.acc.counts).toMatchObject({ lines: big + 3, parsed: 2, skipped: big + 1, malformed: 0 });
  });

  it('lines waiting for their type over more than two chunks (ELB control lines)', async () => {
    const control = 'Enable AccessLog for ELB: app/my-lb/50dc6c495c0c9188 at 2024-03-01T00:00:00.000Z';
    const n = Math.ceil(big / control.length);
    const dir = tempFiles({ 'lb.log': `${Array(n).fill(control).join('\n')}\n${DOC_ALB.http}\n` });
    const { type, records, result } = await collect([join(dir, 'lb.log')]);
    expect(type).toBe('alb');
    expect(records).toHaveLength(1);
    expect(result.acc.counts).toMatchObject({ lines: n + 1, parsed: 1, malformed: 0 });
  });

  it('a named pipe (`<(zcat ...)`), which cannot seek, is read from its start', async () => {
    const dir = tempFiles({});
    const fifo = join(dir, 'flows.fifo');
    execFileSync('mkfifo', [fifo]);
    const reading = collect([fifo]);
    await writeFile(fifo, FLOWS);
    const { records, result } = await reading;
    expect(result.fatal).toBeUndefined();
    expect(records.map((r) => r.action)).toEqual(['ACCEPT', 'REJECT']);
  });

  it('a CloudWatch Logs document longer than two chunks', async () => {
    const n = Math.ceil(big / DOC_DEFAULT.accepted.length);
    const doc = JSON.stringify({
      events: Array.from({ length: n }, (_, i) => ({
        timestamp: i,
        message: i === n - 1 ? DOC_DEFAULT.rejected : DOC_DEFAULT.accepted,
      })),
    });
    expect(doc.length).toBeGreaterThan(big);
    const dir = tempFiles({ 'e.json': doc });
    const { records, result } = await collect([join(dir, 'e.json')]);
    expect(records).toHaveLength(n);
    expect(records.at(-1)!.action).toBe('REJECT');
    expect(result.acc.counts).toMatchObject({ parsed: n, malformed: 0 });
  });
});

function fieldsOfLine(line: string): { srcaddr: string } {
  return { srcaddr: line.split(' ')[3]! };
}

describe('CloudWatch Logs JSON', () => {
  const messages = [DOC_DEFAULT.accepted, DOC_DEFAULT.rejected];
  const events = {
    events: messages.map((message, i) => ({ logStreamName: 'eni-1-all', timestamp: i, message })),
  };
  const sub = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/vpc/flowlogs',
    logStream: 'eni-1235b8ca123456789-all',
    subscriptionFilters: ['f'],
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: i, message })),
  };

  it('reads filter-log-events output, subscription payloads (plain or gzip), the Lambda form, and concatenations', async () => {
    const lambda = { awslogs: { data: gzipSync(JSON.stringify(sub)).toString('base64') } };
    const control = {
      messageType: 'CONTROL_MESSAGE',
      logEvents: [{ id: '', timestamp: 0, message: 'CWL CONTROL MESSAGE' }],
    };
    for (const body of [
      JSON.stringify(events, null, 2),
      JSON.stringify(sub),
      gzipSync(JSON.stringify(sub)),
      JSON.stringify(lambda),
      `${JSON.stringify(control)}${JSON.stringify(sub)}`,
    ]) {
      const { records, result } = await collectText(body, {}, 'cw.json');
      expect(records.map((r) => r.action)).toEqual(['ACCEPT', 'REJECT']);
      expect(result.acc.counts).toMatchObject({ lines: 2, parsed: 2 });
    }
  });

  it('numbers malformed messages by event', async () => {
    const bad = {
      logEvents: [
        { message: DOC_DEFAULT.accepted },
        { message: DOC_DEFAULT.accepted.replace('ACCEPT', 'NOPE') },
      ],
    };
    const { result } = await collectText(JSON.stringify(bad), {}, 'cw.json');
    expect(result.acc.samples[0]).toMatchObject({ line: 2, event: true, reason: 'unknown-action' });
  });

  it('reads a custom format without header only with --fields', async () => {
    const custom = { logEvents: [{ message: '2 eni-1235b8ca123456789 172.31.16.139 172.31.16.21' }] };
    const without = await collectText(JSON.stringify(custom), {}, 'cw.json');
    expect(without.result.fatal?.message).toMatch(
      /cw\.json event 1 does not match the default flow-log format/,
    );
    const withFields = await collectText(
      JSON.stringify(custom),
      { fields: fieldsOf('version interface-id srcaddr dstaddr') },
      'cw.json',
    );
    expect(withFields.records).toEqual([
      {
        version: 2,
        'interface-id': 'eni-1235b8ca123456789',
        srcaddr: '172.31.16.139',
        dstaddr: '172.31.16.21',
      },
    ]);
  });

  it('is an input error when the JSON cannot be read as CloudWatch Logs output', async () => {
    for (const body of ['{"events": [', '{"foo": 1}', '[1, 2]']) {
      const { result } = await collectText(body, {}, 'cw.json');
      expect(result.fatal?.code).toBe('bad-json');
    }
  });
});

describe('line blocks', () => {
  const blocksOf = async (chunks: string[], max = 16) => {
    const out: string[] = [];
    for await (const b of lineBlocks(
      (async function* () {
        for (const c of chunks) yield Buffer.from(c);
      })(),
      max,
    ))
      out.push(b === OVERLONG ? '<overlong>' : b.buf.toString('utf8', b.start, b.end));
    return out;
  };

  it('joins lines split across chunks and keeps a last line without newline', async () => {
    expect(await blocksOf(['ab\ncd', 'ef\ngh', 'ij'])).toEqual(['ab\n', 'cdef\n', 'ghij']);
  });

  it('drops a line longer than the limit across chunks, once, and goes on', async () => {
    expect(await blocksOf(['ok\nxxxxxxxxxx', 'xxxxxxxxxx', 'xxxx\nfine\n'])).toEqual([
      'ok\n',
      '<overlong>',
      'fine\n',
    ]);
  });
});
