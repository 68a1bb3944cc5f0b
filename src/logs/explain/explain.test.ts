/**
 * `logs explain` on the examples with hand-checked causes (their READMEs), bad input, and the
 * self-test: explaining synthesised logs gives back the causes the engine used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../ingest/index.js';
import type { Network } from '../../model/index.js';
import { DEFAULT_FORMAT, FlowFormat } from '../formats/flow-format.js';
import { LogInputError } from '../read/accounting.js';
import { formatRecords, synthesize } from '../synth/synth.js';
import { parseTraffic } from '../synth/traffic.js';
import { tempFiles } from '../test-helpers.js';
import { type ExplainJson, explainLogs } from './explain.js';
import { renderExplain } from './render.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
const HEAD =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const WEB1 = 'eni-09b44f81a505da970';
const DB1 = 'eni-01a980b2855bd5d17';
const APP1 = 'eni-040667063d65a25c4';
const WEB2 = 'eni-064a32656d74e315f';
const PUBLIC_NACL = 'acl-038d2a390498ad300';
const PRIVATE_NACL = 'acl-023bdf45da0646348';
const PE_PUBLIC_NACL = 'acl-02dcbd06c92c81798';

let natInstance: Network;
let partial: Network;
beforeAll(async () => {
  natInstance = await loadSnapshot(join(EXAMPLES, 'nat-instance'));
  partial = await loadSnapshot(join(EXAMPLES, 'partial-ephemeral'));
});

const rec = (
  eni: string,
  src: string,
  dst: string,
  sp: number,
  dp: number,
  action = 'REJECT',
  t = 1700000000,
) => `2 111122223333 ${eni} ${src} ${dst} ${sp} ${dp} 6 3 180 ${t} ${t + 60} ${action} OK`;

async function explainText(net: Network, body: string, accepts = false): Promise<ExplainJson> {
  const dir = tempFiles({ 'flows.log': body });
  return (await explainLogs(net, [join(dir, 'flows.log')], accepts ? { accepts: true } : {})).json;
}

const nacl = (id: string, direction: string, rule: string) =>
  expect.objectContaining({
    code: 'SUBNET_ACL_RESTRICTION',
    component: expect.objectContaining({ id }),
    direction,
    rule: expect.objectContaining({ ruleNumberText: rule }),
  });
const sg = (id: string, direction: string) =>
  expect.objectContaining({
    code: 'ENI_SG_RULES_MISMATCH',
    component: expect.objectContaining({ id }),
    direction,
  });

describe('logs explain: nat-instance (README answers)', () => {
  it('A2, A10, A5: NACL * inbound and web-sg; db-sg; private NACL * outbound; one trace per tuple', async () => {
    const j = await explainText(
      natInstance,
      [
        HEAD,
        rec(WEB1, '192.0.2.10', '10.0.0.10', 40000, 22),
        rec(WEB1, '192.0.2.10', '10.0.0.10', 40001, 22, 'REJECT', 1700000600),
        rec(WEB1, '192.0.2.10', '10.0.0.10', 40002, 22),
        rec(DB1, '10.0.0.10', '10.0.2.10', 33000, 5432),
        rec(APP1, '10.0.1.10', '8.8.8.8', 33000, 22),
      ].join('\n'),
    );
    expect(j.rejected).toBe(5);
    expect(j.distinctTuples).toBe(3);
    const [a2, ...rest] = j.groups;
    expect(a2).toMatchObject({ kind: 'blocked', records: 3, tuples: 1 });
    expect(a2!.blockers).toEqual([nacl(PUBLIC_NACL, 'inbound', '*'), sg('sg-08e300187b090fe12', 'inbound')]);
    expect(a2!.timeRange).toMatchObject({ start: 1700000000, end: 1700000660 });
    expect(a2!.samples.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(a2!.fix).toContain('allow tcp 22 from 192.0.2.10/32');
    const db = rest.find((g) => g.blockers.some((b) => b.component.id === 'sg-05c61c852bedaf27b'));
    expect(db).toMatchObject({ kind: 'blocked', records: 1 });
    expect(db!.blockers).toEqual([sg('sg-05c61c852bedaf27b', 'inbound')]);
    const a5 = rest.find((g) => g.blockers.some((b) => b.component.id === PRIVATE_NACL));
    expect(a5!.blockers).toEqual([nacl(PRIVATE_NACL, 'outbound', '*')]);
    const text = renderExplain(j, false);
    expect(text).toContain('Rejected by: network ACL acl-038d2a390498ad300 (public-nacl) inbound rule *');
    expect(text).toContain('Lines: 6 = 5 parsed');
  });

  it('a REJECT the model allows is its own group; so is an interface the snapshot lacks', async () => {
    const j = await explainText(
      natInstance,
      [
        HEAD,
        rec(WEB1, '192.0.2.10', '10.0.0.10', 40000, 443),
        rec('eni-0123456789abcdef0', '192.0.2.10', '10.0.0.10', 40000, 22),
        rec('-', '192.0.2.10', '10.0.0.10', 40000, 22),
      ].join('\n'),
    );
    expect(j.groups.map((g) => [g.kind, g.records])).toEqual([
      ['model-allows', 1],
      ['unknown-interface', 1],
      ['unknown-interface', 1],
    ]);
    expect(j.groups[0]!.title).toContain('the model allows what the log rejected');
  });

  it('a record with neither address on its interface and no flow-direction; a flow blocked elsewhere', async () => {
    const j = await explainText(
      natInstance,
      [
        HEAD,
        rec(WEB1, '192.0.2.10', '10.0.2.10', 40000, 22),
        // web-1 -> db-1 5432 logged as REJECT egress at web-1: the model blocks it at db-sg instead.
        rec(WEB1, '10.0.0.10', '10.0.2.10', 40000, 5432),
      ].join('\n'),
    );
    expect(j.groups.map((g) => g.kind).sort()).toEqual(['blocked-elsewhere', 'unknown-direction']);
    const other = j.groups.find((g) => g.kind === 'blocked-elsewhere')!;
    expect(other.blockers).toEqual([sg('sg-05c61c852bedaf27b', 'inbound')]);
    expect(other.title).toContain(`not at ${WEB1}'s outbound filters`);
  });

  it('--accepts: an ACCEPT the model would block is its own group; consistent ones are counted', async () => {
    const j = await explainText(
      natInstance,
      [
        HEAD,
        rec(WEB1, '192.0.2.10', '10.0.0.10', 40000, 22, 'ACCEPT'),
        rec(WEB1, '192.0.2.10', '10.0.0.10', 40000, 443, 'ACCEPT'),
      ].join('\n'),
      true,
    );
    expect(j.groups.map((g) => g.kind)).toEqual(['accept-blocked']);
    expect(j.acceptsConsistent).toBe(1);
  });

  it('flow-direction decides the direction; reject-reason=BPA is VPC Block Public Access', async () => {
    const head = `${HEAD} flow-direction reject-reason`;
    const j = await explainText(
      natInstance,
      [
        head,
        `${rec(WEB1, '192.0.2.10', '10.0.0.10', 40000, 22)} ingress -`,
        `${rec(WEB1, '192.0.2.10', '10.0.0.10', 40000, 443)} ingress BPA`,
      ].join('\n'),
    );
    expect(j.groups.map((g) => g.kind).sort()).toEqual(['blocked', 'bpa']);
  });

  it('a format without interface-id is an input error naming the fields', async () => {
    const dir = tempFiles({ 'f.log': 'version srcaddr dstaddr action\n2 10.0.0.1 10.0.0.2 REJECT\n' });
    await expect(explainLogs(natInstance, [join(dir, 'f.log')], {})).rejects.toThrow(LogInputError);
    await expect(explainLogs(natInstance, [join(dir, 'f.log')], {})).rejects.toThrow(/interface-id/);
  });
});

describe('logs explain: partial-ephemeral (README answers)', () => {
  it('replies to ports below 32768 are rejected by the public NACL outbound * rule; 40000 is allowed', async () => {
    const j = await explainText(
      partial,
      [
        HEAD,
        rec(WEB2, '10.3.0.10', '192.0.2.10', 443, 2000),
        rec(WEB2, '10.3.0.10', '192.0.2.10', 443, 5000),
        rec(WEB2, '10.3.0.10', '192.0.2.11', 443, 62000),
        rec(WEB2, '10.3.0.10', '192.0.2.10', 443, 40000),
      ].join('\n'),
    );
    const reply = j.groups.find((g) => g.kind === 'reply-nacl');
    expect(reply).toMatchObject({ records: 3, tuples: 3 });
    expect(reply!.blockers).toEqual([nacl(PE_PUBLIC_NACL, 'outbound', '*')]);
    expect(reply!.title).toContain('reply of an allowed flow');
    expect(j.groups.find((g) => g.kind === 'model-allows')).toMatchObject({ records: 1 });
  });
});

const TRAFFIC = {
  'nat-instance': `
- {from: 192.0.2.10, to: web-1, protocol: tcp, port: 22}
- {from: 198.51.100.7, to: web-1, protocol: tcp, port: 22}
- {from: 192.0.2.10, to: web-1, protocol: tcp, port: 443}
- {from: web-1, to: db-1, protocol: tcp, port: 5432}
- {from: web-1, to: app-1, protocol: tcp, port: 8080}
- {from: app-1, to: db-1, protocol: tcp, port: 5432}
- {from: app-1, to: 8.8.8.8, protocol: tcp, port: 443}
- {from: app-1, to: 8.8.8.8, protocol: tcp, port: 22}
- {from: win-1, to: 8.8.8.8, protocol: tcp, port: 443}
`,
  'partial-ephemeral': `
- {from: 192.0.2.10, to: web-2, protocol: tcp, port: 443, sourcePort: 2000}
- {from: 192.0.2.10, to: web-2, protocol: tcp, port: 443, sourcePort: 64000}
- {from: 192.0.2.10, to: web-2, protocol: tcp, port: 443, sourcePort: 40000}
- {from: 192.0.2.12, to: web-2, protocol: tcp, port: 22}
- {from: api-1, to: 8.8.8.8, protocol: tcp, port: 443}
- {from: legacy-1, to: 8.8.8.8, protocol: tcp, port: 443}
`,
} as const;

describe('synth -> explain round trip', () => {
  for (const [name, yaml] of Object.entries(TRAFFIC)) {
    for (const format of [
      DEFAULT_FORMAT,
      new FlowFormat(
        [
          'version',
          'interface-id',
          'srcaddr',
          'dstaddr',
          'srcport',
          'dstport',
          'protocol',
          'action',
          'log-status',
          'flow-direction',
          'pkt-srcaddr',
          'pkt-dstaddr',
        ],
        'fields',
      ),
    ]) {
      it(`${name}, ${format.names.length} fields: every REJECT is explained by the blockers the engine used`, async () => {
        const net = name === 'nat-instance' ? natInstance : partial;
        const flows = synthesize(net, parseTraffic(yaml, 'traffic.yaml'));
        const records = flows.flatMap((f) => f.records);
        expect(records.some((r) => r.action === 'REJECT')).toBe(true);
        const j = await explainText(net, formatRecords(net, records, format), true);
        // Nothing unexplained: every REJECT has a cause, every ACCEPT agrees with the model.
        expect(j.groups.filter((g) => g.kind !== 'blocked' && g.kind !== 'reply-nacl')).toEqual([]);
        expect(j.acceptsConsistent).toBe(records.filter((r) => r.action === 'ACCEPT').length);
        expect(j.groups.reduce((n, g) => n + g.records, 0)).toBe(
          records.filter((r) => r.action === 'REJECT').length,
        );
        // Each explained blocker is one the engine reported for the flow that produced the record.
        for (const g of j.groups) {
          for (const s of g.samples) {
            const fields = s.record.split(' ');
            const eni = fields[format.indexOf('interface-id')];
            const flow = flows.find((f) =>
              f.records.some(
                (r) =>
                  r.action === 'REJECT' &&
                  r.eni.networkInterfaceId === eni &&
                  String(r.srcport) === fields[format.indexOf('srcport')] &&
                  String(r.dstport) === fields[format.indexOf('dstport')],
              ),
            );
            expect(flow, s.record).toBeDefined();
            const engine = flow!.trace.blockers.map((b) => `${b.code}|${b.component.id}|${b.direction}`);
            for (const b of g.blockers)
              expect(engine).toContain(`${b.code}|${b.component.id}|${b.direction}`);
          }
        }
      });
    }
  }

  it('synth writes both ends: source ACCEPT egress, destination REJECT ingress (SG blocks at the destination)', () => {
    const [f] = synthesize(
      natInstance,
      parseTraffic('- {from: web-1, to: db-1, protocol: tcp, port: 5432}', 't.yaml'),
    );
    expect(
      f!.records.map((r) => [r.eni.networkInterfaceId, r.direction, r.action, r.srcaddr, r.dstaddr]),
    ).toEqual([
      [WEB1, 'egress', 'ACCEPT', '10.0.0.10', '10.0.2.10'],
      [DB1, 'ingress', 'REJECT', '10.0.0.10', '10.0.2.10'],
    ]);
  });

  it('synth writes nothing for traffic AWS never logs (instance metadata, Amazon DNS)', () => {
    const flows = synthesize(
      natInstance,
      parseTraffic(
        '- {from: web-1, to: 169.254.169.254, protocol: tcp, port: 80}\n- {from: web-1, to: 10.0.0.2, protocol: udp, port: 53}\n',
        't.yaml',
      ),
    );
    expect(flows.map((f) => f.records.length)).toEqual([0, 0]);
  });

  it('synth logs a rejected reply at the interface whose NACL drops it, after the accepted request', () => {
    const [f] = synthesize(
      partial,
      parseTraffic('- {from: 192.0.2.10, to: web-2, protocol: tcp, port: 443, sourcePort: 2000}', 't.yaml'),
    );
    expect(f!.records.map((r) => [r.direction, r.action, r.srcport, r.dstport])).toEqual([
      ['ingress', 'ACCEPT', 2000, 443],
      ['egress', 'REJECT', 443, 2000],
    ]);
  });
});

describe('traffic file errors', () => {
  it.each([
    ['- {from: a, to: b, protocol: tcp, port: [1\n', /^t\.yaml:\d+:\d+: not valid YAML/],
    ['from: a\n', /^t\.yaml:1:1: the top level must be a list/],
    ['- {from: a, protocol: tcp, port: 1}\n', /^t\.yaml:1:3: `to` is required/],
    ['- {from: a, to: b, protocol: tcp, port: 70000}\n', /^t\.yaml:1:\d+: `port` must be a whole number/],
    ['- {from: a, to: b, protocol: tcpx, port: 1}\n', /^t\.yaml:1:\d+: `protocol` must be/],
    ['- from: a\n  to: b\n  port: 1\n  colour: red\n', /^t\.yaml:4:3: unknown key "colour"/],
    ['- {from: a, to: b, protocol: tcp}\n', /`port` is required/],
  ])('%j', (text, message) => {
    expect(() => parseTraffic(text, 't.yaml')).toThrow(message);
  });
});

describe('logs explain: keys', () => {
  it('IPv6 addresses and interface ids of other shapes are distinct tuples; docs/logs.md names every JSON key', async () => {
    const j = await explainText(
      natInstance,
      [
        HEAD,
        rec('eni-12345678', '192.0.2.10', '10.0.0.10', 40000, 22),
        rec('eni-12345678', '192.0.2.10', '10.0.0.10', 40000, 22),
        rec('eni-123456789', '192.0.2.10', '10.0.0.10', 40000, 22),
        rec('tgw-attach-1', '2001:db8::1', '2001:db8::2', 40000, 22),
        rec('tgw-attach-1', '2001:db8::1', '2001:db8::3', 40000, 22),
        rec('tgw-attach-1', '2001:db8::1', '2001:db8::3', 40000, 22),
        rec(WEB1, '192.0.2.10', '10.0.0.10', 40000, 22),
        rec('eni-09b44f81a505da971', '192.0.2.10', '10.0.0.10', 40000, 22),
      ].join('\n'),
    );
    expect(j.distinctTuples).toBe(6);
    expect(j.groups.reduce((n, g) => n + g.tuples, 0)).toBe(6);
    expect(j.groups.reduce((n, g) => n + g.records, 0)).toBe(8);
    const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'logs.md'), 'utf8');
    for (const key of [...Object.keys(j), ...Object.keys(j.groups[0]!)])
      expect(doc, key).toContain(`\`${key}\``);
    for (const kind of [
      'blocked',
      'reply-nacl',
      'bpa',
      'accept-blocked',
      'blocked-elsewhere',
      'model-allows',
      'unknown-interface',
      'unknown-direction',
      'untraceable',
    ])
      expect(doc).toContain(`\`${kind}\``);
  });
});
