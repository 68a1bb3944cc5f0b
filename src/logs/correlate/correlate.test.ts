/**
 * `logs correlate`: ELB requests per target beside the flow records at the target. Fixtures are
 * retyped in AWS's documented formats (ALB and Classic access-log entries, default v2 flow records);
 * the addresses, times and status codes are synthetic, chosen to give each verdict.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/capture.js';
import { main } from '../../cli/main.js';
import { loadSnapshot } from '../../ingest/snapshot.js';
import { LogInputError } from '../read/accounting.js';
import { DEFAULT_HEADER, DOC_ALB, DOC_DEFAULT, DOC_NLB } from '../test-fixtures.js';
import { tempFiles } from '../test-helpers.js';
import { type CorrelateJson, correlate, elbSeconds, type TargetJson } from './correlate.js';
import { renderCorrelate, VERDICT_TEXT } from './render.js';

const T0 = 1767225600; // 2026-01-01T00:00:00Z
const iso = (t: number) => new Date(t * 1000).toISOString().replace('Z', '000Z');
const TG = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067';

/** An ALB access-log entry (29 fields, as on the ELB guide's "Access log entries" page). */
function alb(t: number, target: string, status: number, targetStatus: string, reason = '-'): string {
  return `http ${iso(t)} app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 ${target} 0.000 0.001 0.000 ${status} ${targetStatus} 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - ${TG} "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 ${iso(t)} "forward" "-" "${reason}" "${target}" "${targetStatus}" "-" "-"`;
}

/** A Classic Load Balancer access-log entry (15 fields). */
function clb(t: number, backend: string, status: number, backendStatus: string): string {
  return `${iso(t)} my-loadbalancer 192.168.131.39:2817 ${backend} 0.000073 0.001048 0.000057 ${status} ${backendStatus} 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`;
}

/** A default-format (v2) flow record. */
function flow(
  eni: string,
  src: string,
  dst: string,
  sport: number,
  dport: number,
  start: number,
  action: string,
): string {
  return `2 123456789010 ${eni} ${src} ${dst} ${sport} ${dport} 6 5 300 ${start} ${start + 60} ${action} OK`;
}

const LB = '10.0.0.5'; // a load balancer node
const ALB_LOG = [
  // A: 502s, the target's interface rejects the load balancer.
  alb(T0 + 30, '10.0.1.10:8080', 502, '-', 'TargetConnectionError'), // reason synthetic
  alb(T0 + 31, '10.0.1.10:8080', 502, '-'),
  // B: a 504, no flow record at the target.
  alb(T0 + 30, '10.0.1.20:8080', 504, '-'),
  // C: a 500 from the target, flows accepted both ways.
  alb(T0 + 30, '10.0.1.30:8080', 500, '500'),
  alb(T0 + 32, '10.0.1.30:8080', 200, '200'),
  // D: healthy.
  alb(T0 + 30, '10.0.1.40:8080', 200, '200'),
  alb(T0 + 30, '10.0.1.40:8080', 200, '200'),
  // E1, E2: the window edge; the REJECT record ends at T0+60, window 60 reaches T0+120.
  alb(T0 + 120, '10.0.1.51:8080', 502, '-'),
  alb(T0 + 121, '10.0.1.52:8080', 502, '-'),
  // Not dispatched (the AWS example of a failed Lambda).
  DOC_ALB.lambdaFailed,
].join('\n');

const FLOW_LOG = [
  DEFAULT_HEADER,
  flow('eni-0a0000000000000a1', LB, '10.0.1.10', 40000, 8080, T0, 'REJECT'),
  flow('eni-0a0000000000000c1', LB, '10.0.1.30', 40001, 8080, T0, 'ACCEPT'),
  flow('eni-0a0000000000000c1', '10.0.1.30', LB, 8080, 40001, T0, 'ACCEPT'),
  flow('eni-0a0000000000000d1', LB, '10.0.1.40', 40002, 8080, T0, 'ACCEPT'),
  flow('eni-0a0000000000000e1', LB, '10.0.1.51', 40003, 8080, T0, 'REJECT'),
  flow('eni-0a0000000000000e2', LB, '10.0.1.52', 40004, 8080, T0, 'REJECT'),
  // Same address, other port: not the target.
  flow('eni-0a0000000000000b1', LB, '10.0.1.20', 40005, 22, T0, 'REJECT'),
  DOC_DEFAULT.nodata,
  '',
].join('\n');

const DIR = tempFiles({
  'alb.log': `${ALB_LOG}\n`,
  'flows.log': FLOW_LOG,
  'clb.log': `${[
    clb(T0 + 10, '10.0.2.10:80', 504, '-'),
    clb(T0 + 11, '10.0.2.10:80', 200, '200'),
    clb(T0 + 12, '-', 503, '-'),
  ].join('\n')}\n`,
  'clb-flows.log': `${[DEFAULT_HEADER, flow('eni-0b0000000000000a1', LB, '10.0.2.10', 41000, 80, T0, 'REJECT')].join('\n')}\n`,
  'nlb.log': `${DOC_NLB.plain}\n`,
  'custom.log': '2 eni-1235b8ca123456789 172.31.16.139 172.31.16.21\n',
});
const p = (name: string) => join(DIR, name);

function byTarget(j: CorrelateJson): Record<string, TargetJson> {
  return Object.fromEntries(j.targets.map((t) => [t.target, t]));
}

describe('correlate', () => {
  it('gives each target its verdict, worst first', async () => {
    const j = await correlate([p('alb.log')], [p('flows.log')]);
    const t = byTarget(j);
    expect(j.requests).toBe(10);
    expect(j.window).toBe(60);
    expect(t['10.0.1.10:8080']).toMatchObject({
      requests: 2,
      status5xx: 2,
      byStatus5xx: { '502': 2 },
      noTargetStatus: 2,
      errorReasons: { TargetConnectionError: 1 },
      flows: {
        accept: 0,
        reject: 1,
        inWindow: { accept: 0, reject: 1 },
        interfaces: ['eni-0a0000000000000a1'],
      },
      requests5xx: { withReject: 2, acceptedOnly: 0, withoutFlows: 0 },
      verdict: 'rejects',
      verdictText: VERDICT_TEXT.rejects,
    });
    expect(t['10.0.1.20:8080']).toMatchObject({
      status5xx: 1,
      byStatus5xx: { '504': 1 },
      flows: { accept: 0, reject: 0 },
      requests5xx: { withReject: 0, acceptedOnly: 0, withoutFlows: 1 },
      verdict: 'no-flows',
    });
    expect(t['10.0.1.30:8080']).toMatchObject({
      requests: 2,
      status5xx: 1,
      noTargetStatus: 0,
      flows: { accept: 2, reject: 0, inWindow: { accept: 2, reject: 0 } },
      requests5xx: { withReject: 0, acceptedOnly: 1, withoutFlows: 0 },
      verdict: 'accepted',
    });
    expect(t['10.0.1.40:8080']).toMatchObject({ requests: 2, status5xx: 0, verdict: 'healthy' });
    expect(j.targets.map((x) => x.verdict)).toEqual([
      'rejects',
      'rejects',
      'no-flows',
      'no-flows',
      'accepted',
      'healthy',
    ]);
    expect(j.noTarget).toEqual({
      requests: 1,
      status5xx: 1,
      byStatus5xx: { '502': 1 },
      errorReasons: { LambdaInvalidResponse: 1 },
    });
    expect(j.flowRecordsMatched).toBe(6);
    expect(j.note).toBeNull();
    // Both inputs are accounted for, line by line.
    expect(j.elb.counts).toMatchObject({ lines: 10, parsed: 10 });
    expect(j.flow.counts).toMatchObject({ lines: 9, parsed: 7, nodata: 1, skipped: 1 });
  });

  it('counts a request at the window edge, and not one second past it', async () => {
    const t = byTarget(await correlate([p('alb.log')], [p('flows.log')], { window: 60 }));
    expect(t['10.0.1.51:8080']).toMatchObject({ verdict: 'rejects', flows: { inWindow: { reject: 1 } } });
    expect(t['10.0.1.52:8080']).toMatchObject({
      verdict: 'no-flows',
      flows: { reject: 1, inWindow: { accept: 0, reject: 0 } },
    });
    // A wider window takes the second one in; no window leaves both out.
    const wide = byTarget(await correlate([p('alb.log')], [p('flows.log')], { window: 61 }));
    expect(wide['10.0.1.52:8080']!.verdict).toBe('rejects');
    const none = byTarget(await correlate([p('alb.log')], [p('flows.log')], { window: 0 }));
    expect(none['10.0.1.51:8080']!.verdict).toBe('no-flows');
    // Requests at T0+30 are inside [T0, T0+60] with no window at all.
    expect(none['10.0.1.10:8080']!.verdict).toBe('rejects');
  });

  it('counts a request at start - window, and not one second before', async () => {
    const dir = tempFiles({
      'a.log': `${alb(T0 - 60, '10.0.3.1:443', 503, '-')}\n${alb(T0 - 61, '10.0.3.2:443', 503, '-')}\n`,
      'f.log': `${DEFAULT_HEADER}\n${flow('eni-0c0000000000000a1', LB, '10.0.3.1', 1, 443, T0, 'REJECT')}\n${flow('eni-0c0000000000000a2', LB, '10.0.3.2', 2, 443, T0, 'REJECT')}\n`,
    });
    const t = byTarget(await correlate([join(dir, 'a.log')], [join(dir, 'f.log')]));
    expect(t['10.0.3.1:443']!.verdict).toBe('rejects');
    expect(t['10.0.3.2:443']!.verdict).toBe('no-flows');
  });

  it('matches IPv6 targets', async () => {
    const dir = tempFiles({
      'a.log': `${alb(T0, '[2001:db8:1::a]:443', 502, '-')}\n${alb(T0, '[2001:db8:1::b]:443', 502, '-')}\n`,
      'f.log': `${DEFAULT_HEADER}\n${flow('eni-0d0000000000000a1', '2001:db8:0::5', '2001:db8:1:0::A', 3, 443, T0, 'REJECT')}\n${flow('eni-0d0000000000000a2', '2001:db8:1::b', '2001:db8::5', 443, 4, T0, 'ACCEPT')}\n`,
    });
    const t = byTarget(await correlate([join(dir, 'a.log')], [join(dir, 'f.log')]));
    expect(t['[2001:db8:1::a]:443']).toMatchObject({ address: '2001:db8:1::a', verdict: 'rejects' });
    expect(t['[2001:db8:1::b]:443']).toMatchObject({ verdict: 'accepted', flows: { accept: 1 } });
  });

  it('reads Classic access logs by backend:port', async () => {
    const j = await correlate([p('clb.log')], [p('clb-flows.log')]);
    expect(j.targets).toHaveLength(1);
    expect(j.targets[0]).toMatchObject({
      target: '10.0.2.10:80',
      requests: 2,
      status5xx: 1,
      byStatus5xx: { '504': 1 },
      noTargetStatus: 1,
      errorReasons: {},
      verdict: 'rejects',
    });
    expect(j.noTarget).toMatchObject({ requests: 1, status5xx: 1, byStatus5xx: { '503': 1 } });
    expect(j.elb.type).toBe('clb');
  });

  it('says NLB access logs name no target', async () => {
    const j = await correlate([p('nlb.log')], [p('flows.log')]);
    expect(j.targets).toEqual([]);
    expect(j.note).toMatch(/^NLB access logs name the listener \(destination:port\), not the target/);
    expect(j.noTarget.requests).toBe(1);
    expect(renderCorrelate(j, false)).toContain('NLB access logs name the listener');
  });

  it('names the interface and instance from a snapshot', async () => {
    const net = await loadSnapshot(join(import.meta.dirname, '..', '..', '..', 'examples', 'nat-instance'));
    const t = byTarget(await correlate([p('alb.log')], [p('flows.log')], { net }));
    expect(t['10.0.1.10:8080']!.interface).toEqual({
      id: 'eni-040667063d65a25c4',
      instanceId: 'i-07fdc78be786be1f7',
      name: 'app-1',
    });
    expect(t['10.0.1.52:8080']!.interface).toBeNull();
  });

  it('rejects inputs of the wrong kind with one sentence', async () => {
    await expect(correlate([p('flows.log')], [p('flows.log')])).rejects.toThrow(
      /flows\.log was given with --elb but holds VPC flow logs; pass ELB access logs with --elb/,
    );
    await expect(correlate([p('alb.log')], [p('clb.log')])).rejects.toThrow(
      /clb\.log was given with --flow but holds Classic Load Balancer access logs/,
    );
    await expect(correlate([], [p('flows.log')])).rejects.toBeInstanceOf(LogInputError);
    await expect(
      correlate([p('alb.log')], [p('custom.log')], { fields: 'version interface-id srcaddr dstaddr' }),
    ).rejects.toThrow(
      /needs the flow-log fields .*; this format lacks srcport, dstport, start, end, action\./,
    );
  });

  it('reads ELB times with or without a zone', () => {
    expect(elbSeconds('2018-07-02T22:23:00.186641Z')).toBe(1530570180);
    expect(elbSeconds('2018-12-20T02:59:40')).toBe(1545274780);
    expect(elbSeconds(null)).toBeNull();
  });

  it('renders one block per target and both line accounts', async () => {
    const text = renderCorrelate(await correlate([p('alb.log')], [p('flows.log')]), false);
    expect(text).toContain(
      '1. 10.0.1.10:8080\n   5xx with REJECTs at the target\n   2 requests · 2 5xx (502 2)',
    );
    expect(text).toContain(VERDICT_TEXT['no-flows']);
    expect(text).toContain(VERDICT_TEXT.accepted);
    expect(text).toContain('Requests without a target');
    expect(text).toMatch(/ELB logs\nLines: 10 = 10 parsed/);
    expect(text).toMatch(/Flow logs\nLines: 9 = 7 parsed \+ 1 NODATA/);
  });
});

describe('docs/logs.md', () => {
  it('documents every key of the correlate JSON and every verdict', async () => {
    const doc = readFileSync(new URL('../../../docs/logs.md', import.meta.url), 'utf8');
    const j = await correlate([p('alb.log')], [p('flows.log')]);
    const t = j.targets[0]!;
    for (const key of [
      ...Object.keys(j),
      ...Object.keys(j.noTarget),
      ...Object.keys(t),
      ...Object.keys(t.flows),
      ...Object.keys(t.requests5xx),
    ])
      expect(doc, `key ${key}`).toContain(`\`${key}\``);
    for (const [v, text] of Object.entries(VERDICT_TEXT)) {
      expect(doc).toContain(`\`${v}\``);
      if (v !== 'healthy') expect(doc).toContain(text);
    }
  });
});

const SAMPLES = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'logs');

describe.skipIf(!existsSync(SAMPLES))('correlate on the shared samples', () => {
  it('reads the OpenTelemetry ALB and flow-log samples', async () => {
    const j = await correlate(
      [join(SAMPLES, 'elb', 'otel', 'alb_al_valid_logs.log')],
      [join(SAMPLES, 'vpc-flow', 'otel', 'valid_vpc_flow_log_multi.log')],
    );
    expect(j.targets.map((t) => [t.target, t.verdict])).toEqual([
      ['[2001:db8::1]:80', 'healthy'],
      ['10.0.0.1:80', 'healthy'],
    ]);
    expect(j.elb.counts).toMatchObject({ lines: 2, parsed: 2 });
    expect(j.flow.counts).toMatchObject({ lines: 3, parsed: 2, skipped: 1 });
  });
});

describe('vpcsim logs correlate', () => {
  const io = captureOutput();

  it('prints JSON and exits 0', async () => {
    expect(
      await main([
        'logs',
        'correlate',
        '--elb',
        p('alb.log'),
        '--flow',
        p('flows.log'),
        '--json',
        '--window',
        '60',
      ]),
    ).toBe(0);
    const j = JSON.parse(io.out) as CorrelateJson;
    expect(j.targets[0]!.verdict).toBe('rejects');
  });

  it('exits 2 with one sentence on bad input', async () => {
    expect(await main(['logs', 'correlate', '--elb', p('alb.log')])).toBe(2);
    expect(io.err).toMatch(/logs correlate needs both --elb .* and --flow/);
    io.err = '';
    expect(await main(['logs', 'correlate', '--elb', p('flows.log'), '--flow', p('flows.log')])).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/was given with --elb but holds VPC flow logs/);
    io.err = '';
    expect(
      await main(['logs', 'correlate', '--elb', p('alb.log'), '--flow', p('flows.log'), '--window', 'x']),
    ).toBe(2);
    expect(io.err).toMatch(/--window "x" is not a whole number/);
  });
});
