/**
 * SQL columns of flow-log fields, shared by `logs sql` (DuckDB) and `logs athena` (Athena DDL):
 * AWS's names with hyphens turned into underscores (Athena's spelling), typed from the field table
 * in formats/vpc-flow.ts. `-` is NULL in both.
 */
import { type FlowFieldSpec, flowField } from '../formats/vpc-flow.js';

export interface SqlColumn {
  /** AWS's name, as in the format (`log-status`), or the name as given for unknown fields. */
  readonly field: string;
  /** The column name: hyphens become underscores (`log_status`). */
  readonly name: string;
  readonly spec: FlowFieldSpec | undefined;
}

export function sqlName(field: string): string {
  return field.replaceAll('-', '_');
}

export function sqlColumns(fields: readonly string[]): SqlColumn[] {
  return fields.map((f) => {
    const spec = flowField(f);
    const field = spec?.name ?? f;
    return { field, name: sqlName(field), spec };
  });
}

/** DuckDB type: int INTEGER, bigint BIGINT, everything else (ids, addresses, enums) VARCHAR. */
export function duckdbType(spec: FlowFieldSpec | undefined): string {
  if (spec?.type === 'int') return 'INTEGER';
  if (spec?.type === 'bigint') return 'BIGINT';
  return 'VARCHAR';
}

/** Athena (Hive DDL) type: int int, bigint bigint, everything else string. */
export function athenaType(spec: FlowFieldSpec | undefined): string {
  if (spec?.type === 'int') return 'int';
  if (spec?.type === 'bigint') return 'bigint';
  return 'string';
}

/** A DuckDB string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A double-quoted identifier (DuckDB, and Athena/Trino queries). */
export function quoteIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
