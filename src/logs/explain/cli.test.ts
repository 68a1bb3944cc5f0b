/** `vpcsim logs explain` and `vpcsim logs synth` in-process: exit codes, text and JSON. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/capture.js';
import { main } from '../../cli/main.js';
import { tempFiles } from '../test-helpers.js';

const io = captureOutput();

const SNAP = join(import.meta.dirname, '..', '..', '..', 'examples', 'nat-instance');
const DIR = tempFiles({
  'traffic.yaml': [
    '- {from: 192.0.2.10, to: web-1, protocol: tcp, port: 22, packets: 3, bytes: 180, start: 2026-01-01T00:00:00Z}',
    '- {from: web-1, to: db-1, protocol: tcp, port: 5432}',
    '- {from: app-1, to: db-1, protocol: tcp, port: 5432}',
    '',
  ].join('\n'),
  'bad.yaml': '- {from: web-1, to: db-1, protocol: tcp, port: 5432}\n- {from: web-1, to: db-1, prot: tcp}\n',
});

describe('vpcsim logs synth | explain', () => {
  it('the example traffic of examples/partial-ephemeral: a reply dropped on its ephemeral port, and SSH blocked', async () => {
    const ex = join(SNAP, '..', 'partial-ephemeral');
    const file = join(DIR, 'pe.log');
    expect(
      await main(['logs', 'synth', '--snapshot', ex, '--traffic', join(ex, 'traffic.yaml'), '--out', file]),
    ).toBe(0);
    io.out = '';
    expect(await main(['logs', 'explain', file, '--snapshot', ex, '--json'])).toBe(0);
    const j = JSON.parse(io.out);
    expect(j.counts).toMatchObject({ lines: 6, parsed: 5, malformed: 0 });
    expect(j.rejected).toBe(2);
    expect(
      j.groups.map(
        (g: {
          kind: string;
          blockers: { code: string; direction: string; rule?: { ruleNumber?: number } }[];
        }) => [g.kind, g.blockers.map((b) => `${b.code}:${b.direction}`)],
      ),
    ).toEqual([
      ['blocked', ['SUBNET_ACL_RESTRICTION:inbound', 'ENI_SG_RULES_MISMATCH:inbound']],
      ['reply-nacl', ['SUBNET_ACL_RESTRICTION:outbound']],
    ]);
  });

  it('synth writes the default format with a header; explain names the causes', async () => {
    const file = join(DIR, 'out.log');
    expect(
      await main([
        'logs',
        'synth',
        '--snapshot',
        SNAP,
        '--traffic',
        join(DIR, 'traffic.yaml'),
        '--out',
        file,
      ]),
    ).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
    );
    expect(text).toMatch(
      /eni-09b44f81a505da970 192\.0\.2\.10 10\.0\.0\.10 \d+ 22 6 3 180 1767225600 1767225660 REJECT OK/,
    );
    io.out = '';
    expect(await main(['logs', 'explain', file, '--snapshot', SNAP])).toBe(0);
    expect(io.out).toContain('2 REJECT records examined · 2 distinct flows traced · 2 causes');
    expect(io.out).toContain(
      'Rejected by: network ACL acl-038d2a390498ad300 (public-nacl) inbound rule * and security group sg-08e300187b090fe12 (web-sg) inbound: no rule matches',
    );
    expect(io.out).toContain(
      'Rejected by: security group sg-05c61c852bedaf27b (db-sg) inbound: no rule matches',
    );
    expect(io.out).toMatch(/out\.log:2: /);
    io.out = '';
    expect(await main(['logs', 'explain', file, '--snapshot', SNAP, '--top', '1'])).toBe(0);
    expect(io.out).toContain('... and 1 more cause (1 record); --top to show more, --json for all');
    expect(io.out).not.toContain('2. Rejected');
    io.out = '';
    expect(await main(['logs', 'explain', file, '--snapshot', SNAP, '--json', '--accepts'])).toBe(0);
    const j = JSON.parse(io.out);
    expect(j.groups.map((g: { kind: string }) => g.kind)).toEqual(['blocked', 'blocked']);
    expect(j.acceptsConsistent).toBeGreaterThan(0);
  });

  it('a bad traffic file is exit 2 with file:line:column', async () => {
    expect(await main(['logs', 'synth', '--snapshot', SNAP, '--traffic', join(DIR, 'bad.yaml')])).toBe(2);
    expect(io.err).toMatch(/bad\.yaml:2:\d+: unknown key "prot"/);
    expect(io.out).toBe('');
  });

  it('an endpoint the snapshot lacks is exit 2 naming the connection', async () => {
    const dir = tempFiles({ 't.yaml': '- {from: nosuch, to: db-1, protocol: tcp, port: 5432}\n' });
    expect(await main(['logs', 'synth', '--snapshot', SNAP, '--traffic', join(dir, 't.yaml')])).toBe(2);
    expect(io.err).toMatch(/t\.yaml:1:3: cannot trace nosuch -> db-1/);
  });

  it('--format writes a custom format whose header explain reads', async () => {
    expect(
      await main([
        'logs',
        'synth',
        '--snapshot',
        SNAP,
        '--traffic',
        join(DIR, 'traffic.yaml'),
        '--format',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax
        '${version} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${action} ${log-status} ${flow-direction}',
      ]),
    ).toBe(0);
    expect(io.out.split('\n')[0]).toBe(
      'version interface-id srcaddr dstaddr srcport dstport protocol action log-status flow-direction',
    );
    expect(io.out).toMatch(
      /^5 eni-01a980b2855bd5d17 10\.0\.0\.10 10\.0\.2\.10 \d+ 5432 6 REJECT OK ingress$/m,
    );
  });
});
