/**
 * Every sentence of `logs correlate`: the verdicts, the note for ELB logs without targets, the input
 * errors (exit 2), and the text report: one block per target, worst first, then the account of
 * every line of both inputs.
 */
import pc from 'picocolors';
import type { ElbLogType } from '../formats/elb.js';
import type { LogType } from '../log-type.js';
import { LOG_TYPE_NAMES } from '../messages.js';
import { int, plural, renderAccount } from '../render.js';
import type { CorrelateJson, TargetJson, Verdict } from './correlate.js';

type Colors = ReturnType<typeof pc.createColors>;

export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  rejects: '5xx with REJECTs at the target',
  'no-flows':
    '5xx with no flow records at the target in the window (flow logs not enabled on that interface, or traffic never arrived)',
  accepted: '5xx while flows are accepted (look at the application)',
  healthy: 'healthy',
};

export function noTargetNote(t: ElbLogType): string {
  return t === 'nlb'
    ? 'NLB access logs name the listener (destination:port), not the target, so their connections cannot be matched to targets; correlate the targets with their flow logs directly (logs query --where), or use ALB or Classic access logs.'
    : `${LOG_TYPE_NAMES[t]} name no target, so their entries cannot be matched to targets; pass ALB or Classic access logs with --elb.`;
}

export const correlateErrors = {
  missingInput:
    'logs correlate needs both --elb <ELB access logs...> and --flow <VPC flow logs...>; give at least one path to each.',
  wrongType: (flag: '--elb' | '--flow', file: string, t: LogType) =>
    flag === '--elb'
      ? `${file} was given with --elb but holds ${LOG_TYPE_NAMES[t]}; pass ELB access logs with --elb and VPC flow logs with --flow.`
      : `${file} was given with --flow but holds ${LOG_TYPE_NAMES[t]}; pass VPC flow logs with --flow and ELB access logs with --elb.`,
  flowFields: (required: readonly string[], missing: readonly string[]) =>
    `logs correlate needs the flow-log fields ${required.join(', ')}; this format lacks ${missing.join(', ')}.`,
};

function counts(m: Readonly<Record<string, number>>): string {
  return Object.entries(m)
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(', ');
}

function targetBlock(t: TargetJson, i: number, c: Colors): string[] {
  const colour = t.verdict === 'healthy' ? c.green : t.verdict === 'accepted' ? c.yellow : c.red;
  const where = t.interface
    ? ` · ${t.interface.id}${t.interface.instanceId ? ` (${t.interface.instanceId}${t.interface.name ? ` ${t.interface.name}` : ''})` : t.interface.name ? ` (${t.interface.name})` : ''}`
    : '';
  const out = ['', c.bold(`${i + 1}. ${t.target}${where}`), colour(`   ${t.verdictText}`)];
  const span = t.timeRange ? ` · ${t.timeRange.startTime} to ${t.timeRange.endTime}` : '';
  out.push(
    `   ${int(t.requests)} ${plural(t.requests, 'request')} · ${int(t.status5xx)} 5xx${t.status5xx > 0 ? ` (${counts(t.byStatus5xx)})` : ''}${span}`,
  );
  if (t.noTargetStatus > 0)
    out.push(`   ${int(t.noTargetStatus)} without a status from the target (target_status_code -)`);
  if (Object.keys(t.errorReasons).length > 0) out.push(`   error_reason: ${counts(t.errorReasons)}`);
  const f = t.flows;
  out.push(
    `   flow records at the target: ${int(f.accept)} ACCEPT, ${int(f.reject)} REJECT; within the window of its requests: ${int(f.inWindow.accept)} ACCEPT, ${int(f.inWindow.reject)} REJECT${f.interfaces.length > 0 ? ` (${f.interfaces.join(', ')})` : ''}`,
  );
  if (t.status5xx > 0) {
    const r = t.requests5xx;
    out.push(
      `   5xx requests: ${int(r.withReject)} with a REJECT nearby, ${int(r.acceptedOnly)} with only ACCEPTs, ${int(r.withoutFlows)} with no flow record`,
    );
  }
  return out;
}

export function renderCorrelate(j: CorrelateJson, color: boolean): string {
  const c: Colors = pc.createColors(color);
  const out: string[] = [];
  const bad = j.targets.filter((t) => t.verdict !== 'healthy').length;
  out.push(
    c.bold(
      `${int(j.requests)} ${plural(j.requests, 'request')} · ${int(j.targets.length)} ${plural(j.targets.length, 'target')} (${int(bad)} with 5xx) · ${int(j.flowRecordsMatched)} flow ${plural(j.flowRecordsMatched, 'record')} at those targets · window ±${int(j.window)} s`,
    ),
  );
  if (j.note) out.push('', c.yellow(j.note));
  j.targets.forEach((t, i) => {
    out.push(...targetBlock(t, i, c));
  });
  const n = j.noTarget;
  if (n.requests > 0) {
    out.push('', c.bold('Requests without a target'));
    out.push(
      `   ${int(n.requests)} ${plural(n.requests, 'request')} · ${int(n.status5xx)} 5xx${n.status5xx > 0 ? ` (${counts(n.byStatus5xx)})` : ''}${Object.keys(n.errorReasons).length > 0 ? ` · error_reason: ${counts(n.errorReasons)}` : ''}`,
    );
  }
  out.push('', c.bold('ELB logs'), ...renderAccount(j.elb, c).slice(1));
  out.push('', c.bold('Flow logs'), ...renderAccount(j.flow, c).slice(1));
  return `${out.join('\n')}\n`;
}
