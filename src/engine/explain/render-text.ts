/**
 * Human-readable trace: verdict, flow, hop-by-hop forward and return paths, blockers with fixes,
 * unknowns and warnings. Colour only when asked (the CLI asks on a terminal).
 */
import pc from 'picocolors';
import type { FixCheck, Hop, Step, Trace } from '../types.js';
import { componentText, NOTE_TEXT, ruleText } from './messages.js';

export interface RenderOptions {
  readonly color: boolean;
}

export function renderTrace(t: Trace, opts: RenderOptions): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [];
  const verdictColor =
    t.verdict === 'reachable'
      ? c.green
      : t.verdict === 'unknown'
        ? c.yellow
        : t.verdict === 'partial'
          ? c.yellow
          : c.red;
  const f = t.flow;
  const port = f.destinationPort
    ? ` port ${f.destinationPort}`
    : f.icmpType !== null
      ? ` type ${f.icmpType}`
      : '';
  const who = (e: Trace['flow']['source']) =>
    e.kind === 'aws-service'
      ? `${e.id} ${e.address}${e.name ? ` [${e.name}]` : ''}`
      : `${e.name ? `${e.name} ` : ''}${e.id ? `${e.id} ` : ''}${e.kind === 'internet' ? 'internet ' : ''}${e.address}`;
  out.push(
    `${c.bold(verdictColor(t.verdict.toUpperCase()))}  ${who(f.source)} -> ${who(f.destination)}  ${f.protocolName.toLowerCase()}${port}`,
  );
  out.push(
    c.dim(
      `disposition: ${t.disposition}${f.sourcePorts ? `; client ports ${f.sourcePorts}${f.clientType ? ` (${f.clientType})` : ''}` : ''}`,
    ),
  );
  if (t.ports) out.push(`ports: replies reach client ports ${t.ports.working}; fail for ${t.ports.failing}`);
  out.push('');
  out.push(c.bold('Forward path'));
  out.push(...renderHops(t.forward, c));
  if (t.return.length > 0) {
    out.push('');
    out.push(c.bold('Return path'));
    out.push(...renderHops(t.return, c));
  }
  if (t.blockers.length > 0) {
    out.push('');
    out.push(c.bold(`Blockers (${t.blockers.length})`));
    t.blockers.forEach((b, i) => {
      out.push(`  ${i + 1}. ${c.red(b.code)} [${b.path}] ${b.message}`);
      if (b.rule) out.push(`     rule: ${ruleText(b.rule)}`);
      if (b.affectedClients?.length) out.push(`     affects clients: ${b.affectedClients.join(', ')}`);
      if (b.fix) out.push(`     ${c.cyan('fix:')} ${b.fix.text}`);
    });
  }
  if (t.fixCheck) {
    const [first, ...rest] = fixCheckLines(t.fixCheck, c);
    out.push(`  ${c.cyan('fix check:')} ${first}`, ...rest.map((l) => `  ${l}`));
  }
  if (t.unknowns.length > 0) {
    out.push('');
    out.push(c.bold('Cannot decide'));
    for (const u of t.unknowns) out.push(`  - ${c.yellow(u.code)} ${u.message}`);
  }
  if (t.warnings.length > 0) {
    out.push('');
    out.push(c.bold('Warnings'));
    for (const w of t.warnings) out.push(`  - ${w.code} ${w.message}`);
  }
  return out.join('\n');
}

type Colors = ReturnType<typeof pc.createColors>;

function renderHops(hops: readonly Hop[], c: Colors): string[] {
  const out: string[] = [];
  hops.forEach((h, i) => {
    const blocked = h.steps.some((s) => s.blocking);
    const mark = blocked ? c.red('x') : c.green('>');
    out.push(`  ${String(i + 1).padStart(2)} ${mark} ${h.component.type} ${componentText(h.component)}`);
    for (const s of h.steps) {
      const line = stepText(s);
      if (line) out.push(`        ${s.blocking ? c.red(line) : c.dim(line)}`);
    }
  });
  return out;
}

function stepText(s: Step): string {
  const parts: string[] = [];
  if (s.kind === 'origin') return '';
  const dir = s.direction ? `${s.direction} ` : '';
  if (s.kind === 'security-group' || s.kind === 'network-acl') {
    parts.push(`${dir}${s.result}`);
    if (s.matched.length > 0) parts.push(s.matched.map(ruleText).join('; '));
    else if (s.kind === 'security-group')
      parts.push(`no rule of ${s.groups?.join(', ') ?? 'the groups'} matches`);
    if (s.ports && s.result === 'partial')
      parts.push(`ports allowed ${s.ports.allowed}, denied ${s.ports.denied}`);
  } else if (s.kind === 'route') {
    if (s.matched[0]) parts.push(`route ${ruleText(s.matched[0])}`);
  } else if (s.translation) {
    const t = s.translation;
    parts.push(`${t.field} ${t.from} -> ${t.to}${t.ports ? ` (ports ${t.ports})` : ''}`);
  }
  if (s.note) parts.push(NOTE_TEXT[s.note] ?? s.note);
  return parts.join(' | ');
}

/**
 * What the fix check found: the verdict with the fixes applied (and with the further fixes for
 * blockers they uncover), or why it could not tell. Lines, the first after "fix check:".
 */
export function fixCheckLines(f: FixCheck, c: Colors = pc.createColors(false)): string[] {
  const skipped = [...new Set(f.notApplied)].join(', ');
  if (f.applied === 0)
    return [`none of these fixes can be applied automatically (${skipped}: a choice left to you)`];
  const verdict = (f.verdict === 'reachable' ? c.green : c.red)(f.verdict.toUpperCase());
  const left = f.remaining.length > 0 ? ` (left: ${f.remaining.join(', ')})` : '';
  const these =
    f.notApplied.length === 0
      ? 'these fixes applied'
      : `the ${f.applied} fixes vpcsim can apply (not ${skipped})`;
  if (f.further.length === 0) return [`with ${these}, the flow is ${verdict}${left}`];
  const n = f.further.length;
  return [
    `with ${these}, the flow meets ${n} more blocker${n === 1 ? '' : 's'} they uncover; fixing ${n === 1 ? 'it' : 'them'} too:`,
    ...f.further.map((x) => `   ${c.cyan('fix:')} ${x.text}`),
    `then the flow is ${verdict}${left}`,
  ];
}
