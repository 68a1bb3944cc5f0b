/**
 * Lint output: text (one block per finding), JSON (documented in docs/rules.md), SARIF 2.1.0.
 * The wording itself comes from messages.ts through the findings.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import pc from 'picocolors';
import { LINT000, RULES } from './registry.js';
import type { LintResult, ReportedFinding } from './run.js';
import type { Level, RuleMeta } from './types.js';

export function renderText(r: LintResult, color: boolean): string {
  const c = pc.createColors(color);
  const paint: Record<Level, (s: string) => string> = { error: c.red, warning: c.yellow, note: c.cyan };
  const lines: string[] = [];
  for (const f of r.findings) {
    if (f.suppressed) continue;
    lines.push(`${paint[f.level](f.level)} ${c.bold(f.ruleId)} ${f.resources[0]?.id ?? ''}`.trimEnd());
    lines.push(`  ${f.message}`);
    if (f.raisedBecause) lines.push(`  ${c.dim(`(${f.raisedBecause})`)}`);
    lines.push(`  ${c.dim('fix:')} ${f.fix}`);
    lines.push('');
  }
  const total = r.counts.error + r.counts.warning + r.counts.note;
  lines.push(
    total === 0
      ? `No findings (${r.rules} rules${r.suppressed ? `, ${r.suppressed} suppressed` : ''}).`
      : `${r.counts.error} error(s), ${r.counts.warning} warning(s), ${r.counts.note} note(s) from ${r.rules} rules${
          r.suppressed ? `; ${r.suppressed} suppressed` : ''
        }.`,
  );
  return lines.join('\n');
}

export function renderJson(r: LintResult): string {
  const findings = r.findings.map((f) => ({
    ruleId: f.ruleId,
    level: f.level,
    raised: f.raised === true,
    raisedBecause: f.raisedBecause ?? null,
    resources: f.resources.map((x) => ({ id: x.id, file: x.file ?? null })),
    message: f.message,
    fix: f.fix,
    data: f.data,
    suppressed: f.suppressed ? { reason: f.suppressed.reason } : null,
  }));
  return JSON.stringify({ version: 1, counts: r.counts, suppressed: r.suppressed, findings }, null, 2);
}

const SARIF_LEVEL: Record<Level, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  note: 'note',
};

function sarifRule(m: RuleMeta) {
  return {
    id: m.id,
    name: m.id,
    shortDescription: { text: m.summary },
    fullDescription: { text: m.rationale },
    help: { text: `${m.rationale}\nFix: ${m.fix}${m.docs.length ? `\nSee: ${m.docs.join(' ')}` : ''}` },
    ...(m.docs[0] ? { helpUri: m.docs[0] } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[m.severity] },
    properties: { area: m.area },
  };
}

/** 1-based line of the first occurrence of `"id"` in a file; files are read once per call. */
function lineFinder(): (file: string, id: string) => number | undefined {
  const texts = new Map<string, string | undefined>();
  return (file, id) => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(file, 'utf8'));
      } catch {
        texts.set(file, undefined);
      }
    }
    const text = texts.get(file);
    if (text === undefined) return undefined;
    let at = text.indexOf(`"${id}"`);
    if (at < 0) at = text.indexOf(id);
    if (at < 0) return undefined;
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
}

/**
 * SARIF 2.1.0; locations are the snapshot files (relative to `baseDir`) and the line of each resource
 * id. On a Terraform plan, the plan file and the line of the resource's address, which is also the
 * logical location (`module.net.aws_instance.web[0]`).
 */
export function renderSarif(r: LintResult, baseDir: string = process.cwd()): string {
  const findLine = lineFinder();
  const rules = [...RULES.map((x) => x.meta), LINT000];
  const index = new Map(rules.map((m, i) => [m.id, i]));
  const uri = (file: string) => relative(baseDir, file).split('\\').join('/') || file;
  const results = r.findings.map((f: ReportedFinding) => {
    const located = f.resources.filter((x) => x.file);
    const locations = located.slice(0, 1).map((x) => {
      const line = findLine(x.file!, x.address ?? x.id);
      return {
        physicalLocation: {
          artifactLocation: { uri: uri(x.file!) },
          ...(line ? { region: { startLine: line } } : {}),
        },
        logicalLocations: [
          x.address
            ? { name: x.address, fullyQualifiedName: x.address, kind: 'resource' }
            : { name: x.id, kind: 'resource' },
        ],
      };
    });
    const related = located.slice(1).map((x, i) => {
      const line = findLine(x.file!, x.address ?? x.id);
      return {
        id: i + 1,
        physicalLocation: {
          artifactLocation: { uri: uri(x.file!) },
          ...(line ? { region: { startLine: line } } : {}),
        },
        ...(x.address
          ? { logicalLocations: [{ name: x.address, fullyQualifiedName: x.address, kind: 'resource' }] }
          : {}),
        message: { text: x.id },
      };
    });
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? 0,
      level: SARIF_LEVEL[f.level],
      message: { text: f.raisedBecause ? `${f.message} (${f.raisedBecause})` : f.message },
      ...(locations.length ? { locations } : {}),
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: {
        vpcsimFinding: createHash('sha256')
          .update(`${f.ruleId}\0${f.resources.map((x) => x.id).join('\0')}\0${f.message}`)
          .digest('hex')
          .slice(0, 32),
      },
      ...(f.suppressed
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.suppressed.reason }] }
        : {}),
      properties: { resources: f.resources.map((x) => x.id), fix: f.fix, raised: f.raised === true },
    };
  });
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'vpcsim',
              version: '0.1.0',
              rules: rules.map(sarifRule),
            },
          },
          results,
        },
      ],
    },
    null,
    2,
  );
}
