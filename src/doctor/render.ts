/** The doctor's text output: the checklist with ✓ / ✗ / ? marks and fixes, then the full trace. */
import pc from 'picocolors';
import { renderTrace } from '../engine/explain/render-text.js';
import { RENDER } from './messages.js';
import type { CheckItem, DoctorReport } from './types.js';

export function renderDoctor(r: DoctorReport, opts: { readonly color: boolean }): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [c.bold(r.question)];
  if (r.symptom === 'connect') out.push(`${RENDER.connectTo}: ${r.connectTo ?? c.red(RENDER.noConnectTo)}`);
  out.push('');
  r.items.forEach((item, i) => {
    out.push(...renderItem(item, i + 1, c));
  });
  out.push('');
  const s = r.summary;
  const line = RENDER.result(s.failed, s.passed, s['not-checkable-offline'], s['not-in-snapshot']);
  out.push(c.bold(s.failed > 0 ? c.red(line) : c.green(line)));
  out.push('');
  out.push(c.bold(RENDER.traceHeading));
  out.push(r.trace ? renderTrace(r.trace, opts) : RENDER.noTrace);
  return out.join('\n');
}

function renderItem(item: CheckItem, n: number, c: ReturnType<typeof pc.createColors>): string[] {
  const mark = item.state === 'passed' ? c.green('✓') : item.state === 'failed' ? c.red('✗') : c.yellow('?');
  const num = String(n).padStart(2);
  const label = item.state === 'passed' ? '' : ` ${c.dim(`[${RENDER.states[item.state]}]`)}`;
  const lines = [`${num} ${mark} ${item.title}${label}`];
  for (const d of item.details) lines.push(`       ${c.dim(d)}`);
  for (const f of item.fixes) lines.push(`       ${c.bold(`${RENDER.fix}:`)} ${f.text}`);
  return lines;
}
