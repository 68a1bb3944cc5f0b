/**
 * `vpcsim check`: the intent file (shape errors with their place), the outcome of each verdict
 * against each expectation, and the command on example (a) — results, what blocks or lets a failed
 * check through, exit codes 0 / 1 / 2 / 3.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture.js';
import { examplePath } from '../../test/helpers.js';
import { main } from '../cli/main.js';
import { CheckFileError, parseIntents } from './intent-file.js';
import { type CheckReport, outcomeOf } from './run.js';

const io = captureOutput();

/** docs/check.schema.json, with the trace schema it refers to. */
const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const f of ['trace.schema.json', 'check.schema.json'])
  ajv.addSchema(JSON.parse(readFileSync(fileURLToPath(new URL(`../../docs/${f}`, import.meta.url)), 'utf8')));
function expectValidReport(r: unknown): void {
  const validate = ajv.getSchema('https://vpcsim.dev/schemas/check-v1.json')!;
  if (!validate(r))
    throw new Error(`check output does not match docs/check.schema.json: ${ajv.errorsText(validate.errors)}`);
}
const A = examplePath('nat-instance');

function file(text: string, name = 'intent.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-check-'));
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('intent file', () => {
  it('reads YAML and JSON, a list or a list under checks, with defaults', () => {
    const yaml = parseIntents('- {from: web-1, to: db-1, port: 5432, expect: unreachable}\n', 'i.yaml');
    const json = parseIntents(
      JSON.stringify({
        checks: [{ name: 'db', from: 'web-1', to: 'db-1', port: '5432', expect: 'unreachable' }],
      }),
      'i.json',
    );
    expect(yaml).toEqual([
      expect.objectContaining({
        name: undefined,
        from: 'web-1',
        to: 'db-1',
        protocol: 'tcp',
        port: '5432',
        expect: 'unreachable',
        where: 'i.yaml:1:3',
      }),
    ]);
    expect(json[0]).toMatchObject({ name: 'db', port: '5432', protocol: 'tcp', where: 'i.json:1:12' });
  });

  it('lists of from, to and port stand for every combination, in order', () => {
    const got = parseIntents(
      '- {name: closed, from: [internet, 198.51.100.7], to: db-1, port: [22, 5432], expect: unreachable}\n',
      'i.yaml',
    );
    expect(got.map((i) => [i.name, i.from, i.to, i.port, i.where])).toEqual([
      ['closed', 'internet', 'db-1', '22', 'i.yaml:1:3'],
      ['closed', 'internet', 'db-1', '5432', 'i.yaml:1:3'],
      ['closed', '198.51.100.7', 'db-1', '22', 'i.yaml:1:3'],
      ['closed', '198.51.100.7', 'db-1', '5432', 'i.yaml:1:3'],
    ]);
    expect(parseIntents('- {from: a, to: [b], expect: reachable}\n', 'i.yaml')[0]!.name).toBeUndefined();
  });

  it.each([
    ['not a list', 'from: a\n', 'i.yaml:1:1: a mapping at the top level must hold the list under `checks`'],
    ['an empty list', '[]\n', 'i.yaml:1:1: the file holds no checks'],
    ['a check that is not a mapping', '- web-1\n', 'i.yaml:1:3: each check must be a mapping'],
    [
      'an unknown key',
      '- {from: a, to: b, expect: reachable, prot: tcp}\n',
      'i.yaml:1:39: unknown key "prot" (known: name, from, to,',
    ],
    ['no from', '- {to: b, expect: reachable}\n', 'i.yaml:1:3: `from` is required'],
    ['no expect', '- {from: a, to: b}\n', 'i.yaml:1:3: `expect` is required'],
    [
      'an expectation that is neither',
      '- {from: a, to: b, expect: blocked}\n',
      'i.yaml:1:28: `expect` must be reachable or unreachable, not "blocked"',
    ],
    [
      'ipv6 that is not a boolean',
      '- {from: a, to: b, expect: reachable, ipv6: yes}\n',
      '`ipv6` must be true or false, not "yes"',
    ],
    [
      'a list inside a list of ports',
      '- {from: a, to: b, port: [[1, 2]], expect: reachable}\n',
      '`port` must be text or a number, or a list of them, not a list',
    ],
    [
      'a list as a protocol',
      '- {from: a, to: b, protocol: [tcp], expect: reachable}\n',
      '`protocol` must be text or a number, not a list',
    ],
    [
      'an empty list of ports',
      '- {from: a, to: b, port: [], expect: reachable}\n',
      '`port` must not be an empty list',
    ],
    ['broken YAML', '- {from: a\n', 'i.yaml:1:1: not valid YAML or JSON'],
  ])('%s: one sentence with the place', (_name, text, message) => {
    expect(() => parseIntents(text, 'i.yaml')).toThrow(CheckFileError);
    expect(() => parseIntents(text, 'i.yaml')).toThrow(message);
  });
});

describe('outcome of a verdict against an expectation', () => {
  it.each([
    ['reachable', 'reachable', 'pass'],
    ['reachable', 'unreachable', 'fail'],
    ['reachable', 'partial', 'fail'],
    ['reachable', 'unknown', 'unknown'],
    ['unreachable', 'unreachable', 'pass'],
    ['unreachable', 'reachable', 'fail'],
    ['unreachable', 'partial', 'fail'],
    ['unreachable', 'unknown', 'unknown'],
  ] as const)('expected %s, got %s: %s', (expectation, verdict, outcome) => {
    expect(outcomeOf(expectation, verdict)).toBe(outcome);
  });
});

const INTENT = `# What example (a) must do.
- name: web serves HTTPS to the internet
  from: internet
  to: web-1
  port: 443
  expect: reachable
- name: app-1 SSH out
  from: app-1
  to: 8.8.8.8
  port: 22
  expect: reachable
- name: HTTPS closed to the internet
  from: internet
  to: web-1
  port: 443
  expect: unreachable
- from: web-1
  to: db-1
  port: 5432
  expect: unreachable
`;

describe('vpcsim check', () => {
  it('prints one line per check and what blocks or lets through each failure; exit 1', async () => {
    expect(await main(['check', file(INTENT), '--snapshot', A])).toBe(1);
    const lines = io.out.split('\n');
    expect(lines.filter((l) => /^(PASS|FAIL| {2}\? )/.test(l))).toEqual([
      'PASS  web serves HTTPS to the internet (internet 8.8.8.8 -> web-1 tcp 443): reachable',
      'FAIL  app-1 SSH out (app-1 -> internet 8.8.8.8 tcp 22): unreachable, expected reachable',
      'FAIL  HTTPS closed to the internet (internet 8.8.8.8 -> web-1 tcp 443): reachable, expected unreachable',
      'PASS  web-1 -> db-1 tcp 5432: unreachable',
    ]);
    expect(io.out).toContain(
      'fix: add to acl-023bdf45da0646348 outbound, before the default * rule (as rule 140): allow tcp 22 to 8.8.8.8/32',
    );
    expect(io.out).toContain('        acl-038d2a390498ad300 inbound rule 110: allow tcp 443 from 0.0.0.0/0');
    expect(io.out).toContain('        sg-08e300187b090fe12 inbound rule: tcp 443 from 0.0.0.0/0');
    expect(io.out).toContain('4 checks: 2 passed, 2 failed, 0 cannot be decided.');
  });

  it('--json: counts, and per check the verdict, blockers in path order and the allowing rules', async () => {
    expect(await main(['check', file(INTENT), '--snapshot', A, '--json'])).toBe(1);
    const r = JSON.parse(io.out) as CheckReport;
    expectValidReport(r);
    expect(r.version).toBe(1);
    expect(r.counts).toEqual({ checks: 4, passed: 2, failed: 2, unknown: 0 });
    expect(r.results.map((x) => [x.outcome, x.verdict])).toEqual([
      ['pass', 'reachable'],
      ['fail', 'unreachable'],
      ['fail', 'reachable'],
      ['pass', 'unreachable'],
    ]);
    expect(r.results[1]!.blockers.map((b) => `${b.code} ${b.component.id}`)).toEqual([
      'SUBNET_ACL_RESTRICTION acl-023bdf45da0646348',
      'SUBNET_ACL_RESTRICTION acl-038d2a390498ad300',
      'ENI_SG_RULES_MISMATCH sg-0e32e84a35064bd28',
      'ENI_SG_RULES_MISMATCH sg-0e32e84a35064bd28',
      'SUBNET_ACL_RESTRICTION acl-038d2a390498ad300',
    ]);
    expect(r.results[2]!.allowedBy).toEqual([
      expect.objectContaining({
        type: 'network-acl-entry',
        networkAclId: 'acl-038d2a390498ad300',
        ruleNumber: 110,
      }),
      expect.objectContaining({
        type: 'security-group-rule',
        groupId: 'sg-08e300187b090fe12',
        egress: false,
      }),
    ]);
    expect(r.results[0]!.allowedBy).toEqual([]);
    expect(r.results[3]!.where).toMatch(/intent\.yaml:17:3$/);
  });

  it('--format junit: one test case per flow, failures with their blockers, XML escaped', async () => {
    const named = `${INTENT}- name: 'quotes " & <angles>'\n  from: internet\n  to: web-1\n  port: 443\n  expect: reachable\n`;
    const path = file(named);
    expect(await main(['check', path, '--snapshot', A, '--format', 'junit'])).toBe(1);
    const x = io.out;
    expect(
      x.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vpcsim check" tests="5" failures="2" errors="0">',
      ),
    ).toBe(true);
    expect(x.match(/<testcase /g)).toHaveLength(5);
    expect(x.match(/<failure /g)).toHaveLength(2);
    expect(x).toContain(
      '<failure message="unreachable, expected reachable" type="SUBNET_ACL_RESTRICTION">1. SUBNET_ACL_RESTRICTION [forward]',
    );
    expect(x).toContain(
      '<failure message="reachable, expected unreachable" type="GETS_THROUGH">gets through; allowed by:',
    );
    expect(x).toContain('name="quotes &quot; &amp; &lt;angles&gt; (internet 8.8.8.8 -&gt; web-1 tcp 443)"');
    expect(x).toContain(`file="${path}" line="21"`);
    expect(x.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('--format junit: an undecided check is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-check-snap-'));
    cpSync(A, dir, { recursive: true });
    rmSync(join(dir, 'NetworkAcls.json'));
    const ok = '- {from: internet, to: web-1, port: 443, expect: reachable}\n';
    expect(await main(['check', file(ok), '--snapshot', dir, '--format', 'junit'])).toBe(3);
    expect(io.out).toContain('<error message="unknown, expected reachable" type="MISSING_RESOURCE_TYPE">');
  });

  it('--format sarif: failed checks as errors on the intent file line, passed ones left out', async () => {
    const path = file(INTENT);
    expect(await main(['check', path, '--snapshot', A, '--format', 'sarif'])).toBe(1);
    const sarif = JSON.parse(io.out) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['CHECK001', 'CHECK002']);
    expect(
      run.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine]),
    ).toEqual([
      ['CHECK001', 'error', 7],
      ['CHECK001', 'error', 12],
    ]);
    expect(run.results[0]!.message.text).toMatch(
      /^app-1 SSH out \(app-1 -> internet 8\.8\.8\.8 tcp 22\): unreachable, expected reachable\n1\. SUBNET_ACL_RESTRICTION/,
    );
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/intent\.yaml$/);
  });

  it('exit 2 for an unknown --format', async () => {
    expect(await main(['check', file(INTENT), '--snapshot', A, '--format', 'xml'])).toBe(2);
    expect(io.err).toContain('--format "xml" is not a format; use text, json, junit or sarif.');
  });

  it('exit 0 when every check holds', async () => {
    const ok = '- {from: internet, to: web-1, port: 443, expect: reachable}\n';
    expect(await main(['check', file(ok), '--snapshot', A])).toBe(0);
    expect(io.out).toContain('1 check: 1 passed, 0 failed, 0 cannot be decided.');
  });

  it('exit 3 when a check cannot be decided (no network ACLs in the snapshot)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-check-snap-'));
    cpSync(A, dir, { recursive: true });
    rmSync(join(dir, 'NetworkAcls.json'));
    const ok = '- {from: internet, to: web-1, port: 443, expect: reachable}\n';
    expect(await main(['check', file(ok), '--snapshot', dir])).toBe(3);
    expect(io.out).toMatch(/^ {2}\? {3}internet 8\.8\.8\.8 -> web-1 tcp 443: unknown, expected reachable$/m);
    expect(io.out).toContain('MISSING_RESOURCE_TYPE');
    io.out = '';
    expect(await main(['check', file(ok), '--snapshot', dir, '--json'])).toBe(3);
    const r = JSON.parse(io.out) as CheckReport;
    expectValidReport(r);
    expect(r.results[0]).toMatchObject({ outcome: 'unknown', verdict: 'unknown', name: null });
    expect(r.results[0]!.unknowns.map((u) => u.code)).toContain('MISSING_RESOURCE_TYPE');
  });

  it.each([
    [
      'an endpoint the snapshot does not hold',
      '- {from: internet, to: web-9, port: 443, expect: reachable}\n',
      /intent\.yaml:1:3: --to "web-9" matches no instance/,
    ],
    [
      'a bad port',
      '- {from: internet, to: web-1, port: 70000, expect: reachable}\n',
      /intent\.yaml:1:3: --port "70000"/,
    ],
    ['a shape error', '- {from: internet, to: web-1}\n', /intent\.yaml:1:3: `expect` is required/],
  ])('exit 2 with one sentence for %s', async (_name, text, message) => {
    expect(await main(['check', file(text), '--snapshot', A])).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.out).toBe('');
  });

  it('exit 2 for a missing intent file', async () => {
    expect(await main(['check', '/no/such/intent.yaml', '--snapshot', A])).toBe(2);
    expect(io.err).toContain('/no/such/intent.yaml: cannot read the intent file');
  });
});

describe('the documented output', () => {
  const read = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
  /** The lines of the fenced block that starts with this command. */
  const block = (doc: string, command: string) => {
    const start = doc.indexOf(`$ ${command}\n`);
    const end = doc.indexOf('```', start);
    return doc
      .slice(start + command.length + 3, end)
      .trimEnd()
      .split('\n');
  };
  const command = 'vpcsim check examples/nat-instance/intent.yaml --snapshot examples/nat-instance';

  it('docs/check.md and README show what the command prints on the example', async () => {
    expect(await main(['check', join(A, 'intent.yaml'), '--snapshot', A])).toBe(1);
    const printed = io.out.trimEnd().split('\n');
    expect(block(read('../../docs/check.md'), command)).toEqual(printed);
    const readme = block(read('../../README.md'), command).filter((l) => l.trim() !== '...');
    for (const line of readme) expect(printed).toContain(line);
  });
});

describe('vpcsim check --compare (a Terraform plan against the network before it)', () => {
  // The Terraform twin of example (a) with state behind it: everything exists but db-1, and the
  // plan takes HTTPS out of web-sg and creates db-1.
  const plan = () => {
    type Res = { address: string; values: { ingress?: { from_port: number }[] } };
    const json = JSON.parse(
      readFileSync(join(examplePath('terraform-nat-instance'), 'plan.json'), 'utf8'),
    ) as {
      planned_values: { root_module: { resources: Res[] } };
      prior_state?: unknown;
    };
    const prior = structuredClone(json.planned_values);
    prior.root_module.resources = prior.root_module.resources.filter((r) => r.address !== 'aws_instance.db');
    json.prior_state = { format_version: '1.0', values: prior };
    const web = json.planned_values.root_module.resources.find(
      (r) => r.address === 'aws_security_group.web',
    )!;
    web.values.ingress = web.values.ingress!.filter((i) => i.from_port !== 443);
    return file(JSON.stringify(json), 'plan.json');
  };
  const intent = `- {name: https, from: internet, to: web-1, port: 443, expect: reachable}
- {name: private db, from: internet, to: db-1, port: 5432, expect: unreachable}
- {name: no ssh, from: internet, to: web-1, port: 22, expect: unreachable}
`;

  it('marks what the plan changes: a check it breaks, one whose endpoint it creates', async () => {
    expect(await main(['check', file(intent), '--terraform', plan(), '--compare'])).toBe(1);
    const lines = io.out.split('\n').filter((l) => /^(PASS|FAIL)/.test(l));
    expect(lines[0]).toMatch(
      /^FAIL {2}https .*: unreachable, expected reachable \(changed by the plan: reachable before, passed\)$/,
    );
    expect(lines[1]).toMatch(/^PASS {2}private db .*: unreachable \(new with the plan\)$/);
    expect(lines[2]).toMatch(/^PASS {2}no ssh .*: unreachable$/);
    expect(io.out).toContain('3 checks: 2 passed, 1 failed, 0 cannot be decided; 2 changed by the plan.');
    // docs/check.md shows this run.
    const doc = readFileSync(fileURLToPath(new URL('../../docs/check.md', import.meta.url)), 'utf8');
    const at = doc.indexOf('```\n', doc.indexOf('## What a plan changes'));
    expect(doc.slice(at + 4, doc.indexOf('```', at + 4)).trimEnd()).toBe(io.out.trimEnd());
  });

  it('--json carries each check before the plan', async () => {
    expect(await main(['check', file(intent), '--terraform', plan(), '--compare', '--json'])).toBe(1);
    const r = JSON.parse(io.out) as CheckReport;
    expectValidReport(r);
    expect(r.counts.changed).toBe(2);
    expect(r.results.map((x) => x.before)).toEqual([
      { verdict: 'reachable', outcome: 'pass' },
      null,
      { verdict: 'unreachable', outcome: 'pass' },
    ]);
  });

  it('needs --terraform, and not --before', async () => {
    expect(await main(['check', file(intent), '--snapshot', A, '--compare'])).toBe(2);
    expect(io.err).toContain('--compare needs --terraform <plan.json>');
  });
});
