/** The result of `logs sql` as an aligned text table (numbers right-aligned, NULL as `-`). */
import type { SqlResult, SqlValue } from './run.js';

function cell(v: SqlValue): string {
  if (v === null) return '-';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|DECIMAL.*)$/;

export function renderSqlTable(r: SqlResult): string {
  const cells = r.rows.map((row) => row.map(cell));
  const widths = r.columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const right = r.types.map((t) => NUMERIC.test(t));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => (right[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(r.columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  return `${out.join('\n')}\n`;
}

export function renderSqlJson(r: SqlResult): string {
  const rows = r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i] ?? null])));
  return `${JSON.stringify({ columns: r.columns.map((c, i) => ({ name: c, type: r.types[i] })), rows }, null, 2)}\n`;
}
