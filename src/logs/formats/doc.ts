/**
 * The field tables of docs/logs.md, rendered from the format tables (the one place they are
 * declared). `npm run docs:logs` rewrites the generated blocks; a test checks they are current.
 */
import { ELB_FORMATS, type ElbLogType } from './elb.js';
import { DEFAULT_FLOW_FIELDS, VPC_FLOW_FIELDS } from './vpc-flow.js';

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

function flowTable(): string {
  const rows = VPC_FLOW_FIELDS.map((f) => {
    const spec = f as {
      values?: readonly string[];
      closed?: boolean;
      min?: number;
      max?: number;
      meanings?: readonly (readonly [number, string])[];
    };
    const notes: string[] = [];
    if (spec.values)
      notes.push(
        `${spec.closed ? 'one of' : 'documented values (others kept)'}: ${spec.values.map((v) => `\`${v}\``).join(', ')}`,
      );
    if (spec.min !== undefined || spec.max !== undefined)
      notes.push(spec.max !== undefined ? `${spec.min ?? 0}-${spec.max}` : `at least ${spec.min}`);
    if (spec.meanings) notes.push(spec.meanings.map(([n, m]) => `${n} ${m}`).join('; '));
    const logs = f.logs === 'both' ? 'VPC, TGW' : f.logs === 'vpc' ? 'VPC' : 'TGW';
    return `| \`${f.name}\` | ${f.version} | ${f.type} | ${logs} | ${cell(f.description)} | ${cell(notes.join('. '))} |`;
  });
  return [
    '| field | version | type | logs | meaning | values |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function elbTable(type: ElbLogType): string {
  const spec = ELB_FORMATS[type];
  const rows = spec.fields.map((f, i) => {
    const notes: string[] = [];
    if (f.quoted) notes.push('quoted');
    if (f.optional) notes.push('newer logs only');
    if (f.unit) notes.push(`unit: ${f.unit}`);
    if (f.values)
      notes.push(`${f.closed ? 'one of' : 'values'}: ${f.values.map((v) => `\`${v}\``).join(', ')}`);
    return `| ${i + 1} | \`${f.name}\` | ${f.type} | ${cell(f.description)} | ${cell(notes.join('; '))} |`;
  });
  return ['| # | field | type | meaning | notes |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Every generated block, by name. */
export function generatedBlocks(): Record<string, string> {
  return {
    'vpc-flow-fields': flowTable(),
    'default-format': `\`\`\`\n${DEFAULT_FLOW_FIELDS.map((n) => '${' + n + '}').join(' ')}\n\`\`\``,
    'alb-fields': elbTable('alb'),
    'nlb-fields': elbTable('nlb'),
    'clb-fields': elbTable('clb'),
    'alb-conn-fields': elbTable('alb-conn'),
  };
}

/** The document with each `<!-- BEGIN GENERATED: name -->` ... `<!-- END GENERATED: name -->` block rewritten. */
export function updateLogsDoc(text: string): string {
  let out = text;
  for (const [name, body] of Object.entries(generatedBlocks())) {
    const begin = `<!-- BEGIN GENERATED: ${name} -->`;
    const end = `<!-- END GENERATED: ${name} -->`;
    const a = out.indexOf(begin);
    const b = out.indexOf(end);
    if (a === -1 || b === -1 || b < a) throw new Error(`docs/logs.md lacks the markers of the ${name} block`);
    out = `${out.slice(0, a + begin.length)}\n${body}\n${out.slice(b)}`;
  }
  return out;
}
