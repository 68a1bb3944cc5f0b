/**
 * The text of `vpcsim check`: one line per check (PASS, FAIL, ?), and under each failure what
 * stops the flow (every blocker, with its fix) or what lets it through (the allowing rules), under
 * each undecided check why. The wording of blockers, rules and unknowns is the engine's.
 */
import pc from 'picocolors';
import { ruleText } from '../engine/explain/messages.js';
import { fixCheckLines } from '../engine/explain/render-text.js';
import type { FlowView } from '../engine/types.js';
import type { CheckReport, CheckResult } from './run.js';

function flowText(f: FlowView): string {
  const who = (e: FlowView['source']) =>
    e.kind === 'internet' ? `internet ${e.address}` : (e.name ?? e.id ?? e.address);
  const port = f.destinationPort ? ` ${f.destinationPort}` : f.icmpType !== null ? ` type ${f.icmpType}` : '';
  return `${who(f.source)} -> ${who(f.destination)} ${f.protocolName.toLowerCase()}${port}`;
}

function details(r: CheckResult, c: ReturnType<typeof pc.createColors>): string[] {
  const out: string[] = [];
  if (r.outcome === 'fail' && r.expect === 'unreachable') {
    out.push(
      `      gets through${r.verdict === 'partial' ? ' (for some ports or clients)' : ''}; allowed by:`,
    );
    for (const m of r.allowedBy) out.push(`        ${ruleText(m)}`);
    if (r.allowedBy.length === 0)
      out.push('        no security group or network ACL rule (nothing filters this path)');
  }
  if (r.outcome === 'fail' && r.expect === 'reachable') {
    r.blockers.forEach((b, i) => {
      out.push(`      ${i + 1}. ${c.red(b.code)} [${b.path}] ${b.message}`);
      if (b.fix) out.push(`         ${c.cyan('fix:')} ${b.fix.text}`);
    });
    if (r.fixCheck) {
      const [first, ...rest] = fixCheckLines(r.fixCheck, c);
      out.push(`      ${c.cyan('fix check:')} ${first}`, ...rest.map((l) => `      ${l}`));
    }
  }
  if (r.outcome === 'unknown')
    for (const u of r.unknowns) out.push(`      - ${c.yellow(u.code)} ${u.message}`);
  return out;
}

/** With --compare, when the plan changes the outcome: what it was before. */
export function beforeText(
  r: CheckResult,
  c: ReturnType<typeof pc.createColors> = pc.createColors(false),
): string {
  if (r.before === undefined) return '';
  if (r.before === null) return c.bold(' (new with the plan)');
  if (r.before.outcome === r.outcome) return '';
  const was = r.before.outcome === 'pass' ? 'passed' : r.before.outcome === 'fail' ? 'failed' : 'undecided';
  return c.bold(` (changed by the plan: ${r.before.verdict} before, ${was})`);
}

/** The check's name with its flow, or the flow alone. */
export function checkTitle(r: CheckResult): string {
  const flow = flowText(r.flow);
  return r.name === null ? flow : `${r.name} (${flow})`;
}

/** What blocks a failed check, lets it through, or leaves it undecided: plain lines, not indented. */
export function checkDetails(r: CheckResult): string[] {
  return details(r, pc.createColors(false)).map((l) => l.slice(6));
}

export function renderChecks(report: CheckReport, color: boolean): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  for (const r of report.results) {
    const mark =
      r.outcome === 'pass' ? c.green('PASS') : r.outcome === 'fail' ? c.red('FAIL') : c.yellow('  ? ');
    const verdict = r.outcome === 'pass' ? r.verdict : `${r.verdict}, expected ${r.expect}`;
    out.push(`${mark}  ${checkTitle(r)}: ${verdict}${beforeText(r, c)}`);
    out.push(...details(r, c));
  }
  const n = report.counts;
  out.push('');
  out.push(
    `${n.checks} check${n.checks === 1 ? '' : 's'}: ${n.passed} passed, ${n.failed} failed, ${n.unknown} cannot be decided${
      n.changed !== undefined ? `; ${n.changed} changed by the plan` : ''
    }.`,
  );
  return `${out.join('\n')}\n`;
}
