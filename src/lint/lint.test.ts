/** The lint framework: registry, LINT000, suppressions, renderers, CLI exit codes, generated docs, SARIF schema. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture.js';
import { main } from '../cli/main.js';
import { loadSnapshot } from '../ingest/snapshot.js';
import { ConfigError, parseLintConfig } from './config.js';
import { rulesDoc } from './doc.js';
import { hasMessage } from './messages.js';
import { RULES } from './registry.js';
import { renderJson, renderSarif, renderText } from './render.js';
import { runLint } from './run.js';
import { EXAMPLES, example } from './test-helpers.js';
import type { Rule } from './types.js';

const RULES_DIR = new URL('./rules/', import.meta.url).pathname;

describe('registry', () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))(
    '%s has complete metadata, a message and its own file',
    (id, r) => {
      expect(id).toMatch(new RegExp(`^${r.meta.area}\\d{3}$`));
      expect(r.meta.summary.length).toBeGreaterThan(20);
      expect(r.meta.rationale.length).toBeGreaterThan(50);
      expect(r.meta.fix.length).toBeGreaterThan(10);
      expect(r.meta.docs.length).toBeGreaterThan(0);
      for (const d of r.meta.docs) expect(d).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(hasMessage(id)).toBe(true);
      expect(existsSync(join(RULES_DIR, r.meta.area.toLowerCase(), `${id}.ts`))).toBe(true);
    },
  );

  it('ids are unique', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('runLint', () => {
  it('turns a rule that throws into a LINT000 finding and still runs the others', () => {
    const broken: Rule = {
      meta: { ...RULES[0]!.meta, id: 'RT999' },
      check() {
        throw new Error('boom');
      },
    };
    const r = runLint(example('vpn-vgw'), { suppressions: [] }, [broken, ...RULES]);
    const internal = r.findings.filter((f) => f.ruleId === 'LINT000');
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ level: 'error', data: { rule: 'RT999', error: 'boom' } });
    expect(internal[0]?.message).toContain('RT999');
    expect(r.findings.some((f) => f.ruleId === 'VPN003')).toBe(true);
  });

  it('applies suppressions by rule and resource, keeping them out of the counts', () => {
    const net = example('vpn-vgw');
    const all = runLint(net);
    expect(all.counts).toEqual({ error: 1, warning: 2, note: 0 });
    const one = runLint(net, {
      suppressions: [
        { rule: 'VPN003', resource: 'vpn-0e568378b1f26a5d6', reason: 'decommissioned next week' },
      ],
    });
    expect(one.counts).toEqual({ error: 0, warning: 2, note: 0 });
    expect(one.suppressed).toBe(1);
    expect(renderText(one, false)).not.toContain('vpn-0e568378b1f26a5d6');
    expect(
      JSON.parse(renderJson(one)).findings.find((f: { suppressed: unknown }) => f.suppressed).suppressed,
    ).toEqual({
      reason: 'decommissioned next week',
    });
    const rule = runLint(net, { suppressions: [{ rule: 'VPN003', reason: 'lab' }] });
    expect(rule.suppressed).toBe(2);
  });
});

describe('.vpcsim.yaml', () => {
  it('reads suppressions', () => {
    expect(
      parseLintConfig(
        'suppressions:\n  - rule: SG001\n    resource: sg-1\n    reason: bastion\n  - rule: RT001\n    reason: legacy\n',
        'c.yaml',
      ),
    ).toEqual([
      { rule: 'SG001', resource: 'sg-1', reason: 'bastion' },
      { rule: 'RT001', resource: undefined, reason: 'legacy' },
    ]);
    expect(parseLintConfig('', 'c.yaml')).toEqual([]);
  });

  it.each([
    [
      'suppressions:\n  - rule: SG001\n    resource: sg-1\n',
      'c.yaml:2:5: suppression of SG001 without `reason`',
    ],
    ['suppressions:\n  - rule: XX001\n    reason: r\n', 'c.yaml:2:11: unknown rule id "XX001"'],
    ['suppressions:\n  - rule: SG001\n    reasn: r\n', 'c.yaml:3:5: unknown key "reasn"'],
    ['suppresions: []\n', 'c.yaml:1:1: unknown key "suppresions"'],
    ['suppressions:\n  - rule: SG001\n    reason: ""\n', 'c.yaml:3:13: `reason` must be a non-empty string'],
    ['suppressions: [\n', 'c.yaml:'],
  ])('rejects %j with file:line:column', (text, want) => {
    let err: unknown;
    try {
      parseLintConfig(text, 'c.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(want);
  });
});

describe('docs/rules.md', () => {
  it('is the document generated from the rule metadata (npx tsx scripts/gen-rules-doc.ts)', () => {
    const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(doc).toBe(rulesDoc());
  });
});

describe('vpcsim lint (CLI)', () => {
  const io = captureOutput();

  const dir = (name: string) => join(EXAMPLES, name);
  const noConfig = () => {
    const d = mkdtempSync(join(tmpdir(), 'vpcsim-lint-'));
    return join(d, 'none.yaml');
  };

  it.each([
    ['nat-instance', 'error', 0],
    ['nat-instance', 'warning', 1],
    ['vpn-vgw', 'error', 1],
    ['transit-gateway', 'note', 0],
  ])('%s with --fail-on %s exits %i', async (name, failOn, code) => {
    const cfg = noConfig();
    writeFileSync(cfg, '');
    expect(await main(['lint', '--snapshot', dir(name), '--fail-on', failOn, '--config', cfg])).toBe(code);
  });

  it('exits 2 on a bad flag, a bad config and a missing snapshot', async () => {
    expect(await main(['lint', '--snapshot', dir('nat-instance'), '--format', 'xml'])).toBe(2);
    expect(io.err).toContain('--format "xml"');
    expect(await main(['lint', '--snapshot', dir('nat-instance'), '--fail-on', 'fatal'])).toBe(2);
    const cfg = noConfig();
    writeFileSync(cfg, 'suppressions:\n  - rule: SG001\n');
    expect(await main(['lint', '--snapshot', dir('nat-instance'), '--config', cfg])).toBe(2);
    expect(io.err).toContain(`${cfg}:2:5`);
    expect(await main(['lint', '--snapshot', dir('nat-instance'), '--config', `${cfg}.missing`])).toBe(2);
    expect(await main(['lint', '--snapshot', '/nonexistent/snapshot'])).toBe(2);
  });

  it('prints text with the raised reason and the fix', async () => {
    const cfg = noConfig();
    writeFileSync(cfg, '');
    expect(await main(['lint', '--snapshot', dir('dual-stack-eigw'), '--config', cfg])).toBe(1);
    expect(io.out).toContain('error SG001 sg-0ac0ff0dea325d960');
    expect(io.out).toContain(
      '(raised from warning: vpcsim traced the flow from the internet and it is reachable)',
    );
    expect(io.out).toContain('fix: Replace the 0.0.0.0/0');
    expect(io.out).toMatch(/2 error\(s\), 1 warning\(s\), 0 note\(s\) from \d+ rules\./);
  });

  it('reads --onprem (its prefixes feed NET001)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'vpcsim-lint-'));
    const cfg = join(d, 'none.yaml');
    writeFileSync(cfg, '');
    const onprem = join(d, 'onprem.yaml');
    writeFileSync(onprem, 'networks:\n  - name: hq\n    prefixes: [10.0.0.0/8]\n');
    expect(
      await main([
        'lint',
        '--snapshot',
        dir('nat-instance'),
        '--onprem',
        onprem,
        '--format',
        'json',
        '--config',
        cfg,
      ]),
    ).toBe(0);
    const json = JSON.parse(io.out);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('NET001');
  });

  it('suppressing the only error makes the exit 0', async () => {
    const cfg = noConfig();
    writeFileSync(
      cfg,
      'suppressions:\n  - rule: VPN003\n    resource: vpn-0e568378b1f26a5d6\n    reason: being replaced\n',
    );
    expect(await main(['lint', '--snapshot', dir('vpn-vgw'), '--config', cfg])).toBe(0);
    expect(io.out).toContain('1 suppressed');
  });
});

const SCHEMA = new URL('../../../shared/data/schemas/sarif-schema-2.1.0.json', import.meta.url).pathname;

/** The OASIS schema is draft-04; Ajv 8 speaks draft-07, which reads it the same once `id` is `$id`. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(schema);
}

describe.skipIf(!existsSync(SCHEMA))(
  'SARIF output (schema in ../shared/data/schemas; skipped when absent)',
  () => {
    const validate = existsSync(SCHEMA) ? sarifValidator() : undefined;
    it.each(['nat-instance', 'partial-ephemeral', 'vpn-vgw', 'dual-stack-eigw', 'endpoints'])(
      'examples/%s validates against SARIF 2.1.0',
      async (name) => {
        const net = await loadSnapshot(join(EXAMPLES, name));
        const sarif = JSON.parse(
          renderSarif(
            runLint(net, { suppressions: [{ rule: 'VPN003', reason: 'test suppression' }] }),
            join(EXAMPLES, name),
          ),
        );
        const ok = validate!(sarif);
        expect(validate!.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      },
    );

    it('validates with an internal-error finding (no location) and a raised finding', () => {
      const broken: Rule = {
        meta: { ...RULES[0]!.meta, id: 'RT999' },
        check() {
          throw new Error('boom');
        },
      };
      const base = join(EXAMPLES, 'dual-stack-eigw');
      const sarif = JSON.parse(
        renderSarif(runLint(example('dual-stack-eigw'), { suppressions: [] }, [broken, ...RULES]), base),
      );
      expect(validate!(sarif)).toBe(true);
      const results = sarif.runs[0].results as { ruleId: string; message: { text: string } }[];
      expect(results.find((r) => r.ruleId === 'LINT000')?.message.text).toContain('boom');
      expect(results.find((r) => r.ruleId === 'SG001')?.message.text).toContain('raised from warning');
    });

    it('points at the snapshot file and the line of the resource id', async () => {
      const base = join(EXAMPLES, 'nat-instance');
      const sarif = JSON.parse(renderSarif(runLint(await loadSnapshot(base)), base));
      const result = sarif.runs[0].results[0];
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe('NetworkAcls.json');
      const lines = readFileSync(join(base, 'NetworkAcls.json'), 'utf8').split('\n');
      expect(lines[loc.region.startLine - 1]).toContain('acl-038d2a390498ad300');
      expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    });
  },
);

const SNAPSHOTS = new URL('../../../shared/data/aws-snapshots/', import.meta.url).pathname;

describe('every example and real snapshot (findings reviewed by hand)', () => {
  const summaryOf = async (path: string) =>
    runLint(await loadSnapshot(path)).findings.map(
      (f) => `${f.level} ${f.ruleId} ${f.resources[0]?.id ?? ''}`,
    );

  it.each([
    ['direct-connect', []],
    ['transit-gateway', []],
    ['nat-instance', ['warning NACL001 acl-038d2a390498ad300']],
    ['partial-ephemeral', ['warning NACL003 acl-02dcbd06c92c81798', 'note EP001 rtb-03b241def77a99e30']],
    ['endpoints', ['warning EP002 vpce-0b07c79370109d984']],
    [
      'vpn-vgw',
      [
        'error VPN003 vpn-0e568378b1f26a5d6',
        'warning VPN003 vpn-03072bf545b516b26',
        'warning VPN004 rtb-07477b320c2c43990',
      ],
    ],
  ])('examples/%s', async (name, want) => {
    expect(await summaryOf(join(EXAMPLES, name))).toEqual(want);
  });

  it.skipIf(!existsSync(join(SNAPSHOTS, 'batfish-hybrid-cloud-aws')))(
    'batfish-hybrid-cloud-aws (skipped when ../shared is absent): blackhole route, MySQL/SSH open to the world',
    async () => {
      const got = await summaryOf(join(SNAPSHOTS, 'batfish-hybrid-cloud-aws'));
      expect(got).toContain('warning RT002 rtb-f28e418b');
      expect(got).toContain('warning SG001 sg-9a1f3ffe');
      expect(got).toContain('warning SG003 sg-55510831');
      expect(got.filter((g) => g.includes('LINT000'))).toEqual([]);
    },
  );

  it.skipIf(!existsSync(join(SNAPSHOTS, 'pybatfish-hybrid-cloud')))(
    'pybatfish-hybrid-cloud (skipped when ../shared is absent): SSH open and reachable is an error',
    async () => {
      const got = await summaryOf(join(SNAPSHOTS, 'pybatfish-hybrid-cloud'));
      expect(got).toContain('error SG001 sg-0e37fc2ef01c89369');
      expect(got.filter((g) => g.includes('LINT000'))).toEqual([]);
    },
  );

  it.skipIf(!existsSync(join(SNAPSHOTS, 'cloudmapper-demo')))(
    'cloudmapper-demo (partial interface list): no unused-group false positives',
    async () => {
      expect(await summaryOf(join(SNAPSHOTS, 'cloudmapper-demo'))).toEqual([]);
    },
  );
});
