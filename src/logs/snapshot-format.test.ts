/** The snapshot's own flow-log format as the format of header-less files: lookup, then synth → explain. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture.js';
import { main } from '../cli/main.js';
import { loadSnapshot } from '../ingest/index.js';
import { snapshotFlowLogFormat } from './snapshot-format.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'nat-instance');
const VPC = 'vpc-089814db9898d3fd0';
/** AWS's LogFormat syntax: `${field} ${field} ...`. */
const fmt = (names: string) =>
  names
    .split(' ')
    .map((n) => `\${${n}}`)
    .join(' ');
const CUSTOM = fmt(
  'version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status flow-direction',
);
const DEFAULT = fmt(
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
);

function snapshotWith(flowLogs: ReadonlyArray<Record<string, unknown>> | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-fl-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  if (flowLogs) writeFileSync(join(dir, 'FlowLogs.json'), JSON.stringify({ FlowLogs: flowLogs }));
  return dir;
}

const log = (id: string, extra: Record<string, unknown> = {}) => ({
  FlowLogId: id,
  ResourceId: VPC,
  TrafficType: 'ALL',
  FlowLogStatus: 'ACTIVE',
  ...extra,
});

describe('snapshotFlowLogFormat', () => {
  it.each([
    ['no FlowLogs in the snapshot', undefined, undefined],
    ['one custom format', [log('fl-1', { LogFormat: CUSTOM })], CUSTOM],
    ['no LogFormat: the default format', [log('fl-1')], DEFAULT],
    [
      'two logs, same format',
      [log('fl-1', { LogFormat: CUSTOM }), log('fl-2', { LogFormat: CUSTOM })],
      CUSTOM,
    ],
    ['two logs that disagree', [log('fl-1', { LogFormat: CUSTOM }), log('fl-2')], undefined],
    [
      'the other one inactive',
      [log('fl-1', { LogFormat: CUSTOM }), log('fl-2', { FlowLogStatus: 'INACTIVE' })],
      CUSTOM,
    ],
    [
      'a transit gateway log left out',
      [
        log('fl-1', { LogFormat: CUSTOM }),
        log('fl-2', { ResourceId: 'tgw-0123', LogFormat: fmt('version resource-type') }),
      ],
      CUSTOM,
    ],
    ['a format vpcsim cannot read', [log('fl-1', { LogFormat: `${fmt('version')} \${srcaddr` })], undefined],
  ])('%s', async (_name, flowLogs, expected) => {
    expect(snapshotFlowLogFormat(await loadSnapshot(snapshotWith(flowLogs)))).toBe(expected);
  });
});

describe('logs synth and logs explain without --format / --fields', () => {
  const io = captureOutput();

  it("write and read header-less records in the snapshot's own format", async () => {
    const snap = snapshotWith([log('fl-1', { LogFormat: CUSTOM })]);
    const traffic = join(snap, 'traffic.yaml');
    writeFileSync(traffic, '- {from: web-1, to: db-1, protocol: tcp, port: 5432}\n');
    const records = join(snap, 'flows.log');
    expect(
      await main([
        'logs',
        'synth',
        '--snapshot',
        snap,
        '--traffic',
        traffic,
        '--no-header',
        '--out',
        records,
      ]),
    ).toBe(0);
    const lines = readFileSync(records, 'utf8').trim().split('\n');
    // 14 fields of CUSTOM; the second is the interface id (no account id in this format).
    expect(lines.every((l) => l.split(' ').length === 14 && l.split(' ')[1]!.startsWith('eni-'))).toBe(true);
    expect(lines.some((l) => l.endsWith('REJECT OK ingress'))).toBe(true);
    io.out = '';
    expect(await main(['logs', 'explain', records, '--snapshot', snap, '--json'])).toBe(0);
    const json = JSON.parse(io.out) as { counts: { malformed: number }; groups: Array<{ title: string }> };
    expect(json.counts.malformed).toBe(0);
    expect(json.groups.map((g) => g.title).join('\n')).toMatch(/sg-05c61c852bedaf27b/);
  });
});
