/** Text of `logs explain`: one block per cause, explained causes first, then the account of every line. */
import pc from 'picocolors';
import { int, plural, renderAccount } from '../render.js';
import type { ExplainGroup, ExplainJson } from './explain.js';

type Colors = ReturnType<typeof pc.createColors>;

const HEADINGS: Readonly<Record<ExplainGroup['kind'], string>> = {
  blocked: 'Rejected by',
  'reply-nacl': 'Rejected reply',
  bpa: 'Rejected by',
  'accept-blocked': 'Not explained',
  'blocked-elsewhere': 'Not explained',
  'model-allows': 'Not explained',
  untraceable: 'Not explained',
  'unknown-direction': 'Not explained',
  'unknown-interface': 'Not explained',
};

export function renderExplain(j: ExplainJson, color: boolean, top = Number.POSITIVE_INFINITY): string {
  const c: Colors = pc.createColors(color);
  const out: string[] = [];
  const what = j.accepted > 0 && j.examined > j.rejected ? 'REJECT and ACCEPT records' : 'REJECT records';
  out.push(
    c.bold(
      `${int(j.examined)} ${what} examined · ${int(j.distinctTuples)} distinct ${plural(j.distinctTuples, 'flow')} traced · ${int(j.groups.length)} ${plural(j.groups.length, 'cause')}`,
    ),
  );
  if (j.groups.length === 0) out.push('', 'No REJECT record to explain.');
  j.groups.slice(0, top).forEach((g, i) => {
    const head = HEADINGS[g.kind];
    const colour = head === 'Not explained' ? c.yellow : c.red;
    out.push('');
    out.push(colour(c.bold(`${i + 1}. ${head}: ${g.title}`)));
    const span = g.timeRange ? ` · ${g.timeRange.startTime} to ${g.timeRange.endTime}` : '';
    out.push(
      `   ${int(g.records)} ${plural(g.records, 'record')} · ${int(g.tuples)} distinct ${plural(g.tuples, 'flow')} · ${int(g.packets)} packets${span}`,
    );
    if (g.detail) out.push(`   ${g.detail}`);
    for (const s of g.samples) out.push(c.dim(`   ${s.file}:${s.line}: ${s.record}`));
    if (g.fix) out.push(`   ${c.green('fix:')} ${g.fix}`);
  });
  if (j.groups.length > top) {
    const rest = j.groups.slice(top).reduce((n, g) => n + g.records, 0);
    out.push(
      '',
      `... and ${int(j.groups.length - top)} more ${plural(j.groups.length - top, 'cause')} (${int(rest)} ${plural(rest, 'record')}); --top to show more, --json for all`,
    );
  }
  if (j.acceptsConsistent > 0)
    out.push(
      '',
      `${int(j.acceptsConsistent)} ACCEPT ${plural(j.acceptsConsistent, 'record')} agree with the model.`,
    );
  out.push(...renderAccount(j, c));
  return `${out.join('\n')}\n`;
}
