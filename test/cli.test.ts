/**
 * The `vpcsim` command in-process: exit codes (0 reachable, 1 unreachable/partial, 3 unknown,
 * 2 bad input), plain text when not a terminal, JSON that matches the schema, one-sentence errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { captureOutput } from './capture.js';
import { examplePath, expectValidTrace } from './helpers.js';

const io = captureOutput();

const A = examplePath('nat-instance');
const D = examplePath('partial-ephemeral');

function tempSnapshot(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-cli-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

describe('vpcsim trace', () => {
  it('exits 0 on reachable and prints plain text (no colour codes) when piped', async () => {
    const code = await main([
      'trace',
      '--snapshot',
      A,
      '--from',
      'internet',
      '--to',
      'web-1',
      '--port',
      '443',
    ]);
    expect(code).toBe(0);
    expect(io.out).toContain('REACHABLE');
    expect(io.out).toContain('Forward path');
    expect(io.out).toContain('Return path');
    expect(io.out.includes(String.fromCharCode(27))).toBe(false);
  });

  it('exits 1 on unreachable and lists every blocker with its fix', async () => {
    const code = await main(['trace', '--snapshot', A, '--from', 'app-1', '--to', '8.8.8.8', '--port', '22']);
    expect(code).toBe(1);
    expect(io.out).toContain('UNREACHABLE');
    expect(io.out).toContain('Blockers (5)');
    expect(io.out.match(/fix: /g)?.length).toBe(5);
  });

  it('exits 1 on partial, and --json prints one object matching the schema', async () => {
    const code = await main([
      'trace',
      '--snapshot',
      D,
      '--from',
      '192.0.2.10',
      '--to',
      'web-2',
      '--port',
      '443',
      '--json',
    ]);
    expect(code).toBe(1);
    const t = JSON.parse(io.out);
    expectValidTrace(t);
    expect(t.verdict).toBe('partial');
    expect(t.ports.failing).toBe('1024-32767, 61001-65535');
  });

  it('--client-os and --source-port change the client range', async () => {
    expect(
      await main([
        'trace',
        '--snapshot',
        D,
        '--from',
        '192.0.2.10',
        '--to',
        'web-2',
        '--port',
        '443',
        '--client-os',
        'linux',
      ]),
    ).toBe(0);
    expect(
      await main([
        'trace',
        '--snapshot',
        D,
        '--from',
        '192.0.2.10',
        '--to',
        'web-2',
        '--port',
        '443',
        '--source-port',
        '1030',
      ]),
    ).toBe(1);
  });

  it('exits 3 when the snapshot lacks a resource type the answer needs, naming it', async () => {
    const dir = tempSnapshot({
      'vpcs.json': JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.9.0.0/16', IsDefault: false }] }),
      'subnets.json': JSON.stringify({
        Subnets: [
          { SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: '10.9.1.0/24' },
          { SubnetId: 'subnet-2', VpcId: 'vpc-1', CidrBlock: '10.9.2.0/24' },
        ],
      }),
      'enis.json': JSON.stringify({
        NetworkInterfaces: [
          {
            NetworkInterfaceId: 'eni-1',
            SubnetId: 'subnet-1',
            VpcId: 'vpc-1',
            PrivateIpAddress: '10.9.1.10',
            PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.9.1.10' }],
            Groups: [{ GroupId: 'sg-1' }],
          },
          {
            NetworkInterfaceId: 'eni-2',
            SubnetId: 'subnet-2',
            VpcId: 'vpc-1',
            PrivateIpAddress: '10.9.2.10',
            PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.9.2.10' }],
            Groups: [{ GroupId: 'sg-1' }],
          },
        ],
      }),
      'sgs.json': JSON.stringify({
        SecurityGroups: [
          {
            GroupId: 'sg-1',
            GroupName: 'all',
            VpcId: 'vpc-1',
            IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.9.0.0/16' }] }],
            IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          },
        ],
      }),
    });
    const code = await main([
      'trace',
      '--snapshot',
      dir,
      '--from',
      'eni-1',
      '--to',
      '10.9.2.10',
      '--port',
      '22',
      '--json',
    ]);
    expect(code).toBe(3);
    const t = JSON.parse(io.out);
    expectValidTrace(t);
    expect(t.verdict).toBe('unknown');
    expect(t.unknowns.map((u: { missing: string }) => u.missing)).toEqual(
      expect.arrayContaining(['NetworkAcls', 'RouteTables']),
    );
  });

  it.each([
    [
      ['--from', 'nobody', '--to', 'web-1', '--port', '443'],
      /--from "nobody" matches no instance.*known: .*app-1/,
    ],
    [
      ['--from', 'internet', '--to', 'web-1', '--port', '443', '--protocol', 'sctpx'],
      /--protocol "sctpx" is not a protocol/,
    ],
    [['--from', 'internet', '--to', 'web-1'], /--port is required for tcp/],
    [['--from', 'internet', '--to', 'web-1', '--port', '70000'], /--port "70000" is not a port/],
    [
      ['--from', 'internet', '--to', 'web-1', '--port', '443', '--client-os', 'beos'],
      /--client-os "beos" is not known; use one of linux/,
    ],
    [['--from', 's3', '--to', 'web-1', '--port', '443'], /--from "s3" can only be a destination/],
    [
      ['--from', 'internet', '--to', 'web-1', '--protocol', 'icmp', '--port', '22'],
      /does not apply to protocol icmp/,
    ],
  ])('bad input %j exits 2 with one sentence', async (args, message) => {
    const code = await main(['trace', '--snapshot', A, ...args]);
    expect(code).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.out).toBe('');
  });

  it('malformed JSON names the file, line and column; exit 2', async () => {
    const dir = tempSnapshot({ 'vpcs.json': '{\n  "Vpcs": [\n    { "VpcId": "vpc-1", }\n  ]\n}\n' });
    const code = await main([
      'trace',
      '--snapshot',
      dir,
      '--from',
      'internet',
      '--to',
      '10.0.0.1',
      '--port',
      '1',
    ]);
    expect(code).toBe(2);
    expect(io.err).toMatch(/vpcs\.json:3:\d+/);
  });

  it('a snapshot with no VPCs is a clear error with the fix', async () => {
    const dir = tempSnapshot({ 'subnets.json': JSON.stringify({ Subnets: [] }) });
    const code = await main(['inspect', '--snapshot', dir]);
    expect(code).toBe(2);
    expect(io.err).toMatch(/No VPCs found.*describe-vpcs/);
  });

  it('a missing snapshot path exits 2', async () => {
    expect(await main(['inspect', '--snapshot', '/nonexistent/vpcsim'])).toBe(2);
    expect(io.err).toMatch(/does not exist/);
  });

  it('an unknown command exits 2', async () => {
    expect(await main(['frobnicate'])).toBe(2);
  });

  it('ICMP defaults to echo request and the reply is echo reply', async () => {
    const code = await main([
      'trace',
      '--snapshot',
      A,
      '--from',
      'web-1',
      '--to',
      'app-1',
      '--protocol',
      'icmp',
      '--json',
    ]);
    const t = JSON.parse(io.out);
    expect(t.flow).toMatchObject({ protocol: 1, icmpType: 8, icmpCode: 0 });
    // app-sg admits only tcp 8080 from web-sg: ping is blocked there.
    expect(code).toBe(1);
    expect(t.blockers.map((b: { code: string }) => b.code)).toContain('ENI_SG_RULES_MISMATCH');
  });
});

describe('vpcsim inspect and demo', () => {
  it('inspect counts resources and lists warnings', async () => {
    expect(await main(['inspect', '--snapshot', A, '--json'])).toBe(0);
    const r = JSON.parse(io.out);
    expect(r.counts).toMatchObject({ Vpcs: 1, Subnets: 3, Instances: 5, RouteTables: 3, NetworkAcls: 3 });
    expect(r.warnings).toEqual([]);
  });

  it('demo shows one reachable and one blocked trace', async () => {
    expect(await main(['demo'])).toBe(0);
    expect(io.out).toContain('REACHABLE');
    expect(io.out).toContain('UNREACHABLE');
  });
});
