/**
 * A flow-log format: the ordered field names of one file (from its header line, from `--fields`, or
 * the default), compiled into per-column kinds the parser switches on. Names the table does not know
 * are kept as text columns and reported once.
 */
import { DEFAULT_FLOW_FIELDS, type FlowFieldSpec, flowField } from './vpc-flow.js';

/** Column kinds, as small integers for the parser's switch. */
export const KIND_TEXT = 0;
export const KIND_INT = 1;
export const KIND_IP = 2;
export const KIND_ENUM = 3;

export type FormatSource = 'default' | 'header' | 'fields';

export interface FlowColumn {
  readonly name: string;
  /** Undefined for a name the table does not know (kept as text). */
  readonly spec: FlowFieldSpec | undefined;
}

export class FlowFormat {
  readonly names: readonly string[];
  readonly columns: readonly FlowColumn[];
  /** Names not in the field table, in order. */
  readonly unknown: readonly string[];
  readonly kinds: Int8Array;
  readonly mins: Float64Array;
  readonly maxs: Float64Array;
  /** Per enum column: its documented values as bytes, and whether others are malformed. */
  readonly enumBytes: readonly (readonly Uint8Array[] | undefined)[];
  readonly enumClosed: Uint8Array;
  /** Column of log-status, or -1. */
  readonly statusColumn: number;
  private readonly index: Map<string, number>;

  constructor(
    names: readonly string[],
    readonly source: FormatSource,
  ) {
    // Athena spells names with underscores; the table and output use AWS's hyphens.
    this.names = names.map((n) => (flowField(n)?.name ?? n) as string);
    this.columns = this.names.map((name) => ({ name, spec: flowField(name) }));
    this.unknown = this.columns.filter((c) => !c.spec).map((c) => c.name);
    const n = this.columns.length;
    this.kinds = new Int8Array(n);
    this.mins = new Float64Array(n);
    this.maxs = new Float64Array(n);
    this.enumClosed = new Uint8Array(n);
    const enums: (Uint8Array[] | undefined)[] = [];
    this.index = new Map();
    this.columns.forEach((c, i) => {
      this.index.set(c.name, i);
      const s = c.spec;
      this.mins[i] = s?.min ?? 0;
      this.maxs[i] = s?.max ?? Number.MAX_SAFE_INTEGER;
      enums.push(undefined);
      if (!s) return;
      if (s.type === 'int' || s.type === 'bigint') this.kinds[i] = KIND_INT;
      else if (s.type === 'ip') this.kinds[i] = KIND_IP;
      else if (s.type === 'enum') {
        this.kinds[i] = KIND_ENUM;
        enums[i] = (s.values ?? []).map((v) => Buffer.from(v, 'latin1'));
        this.enumClosed[i] = s.closed ? 1 : 0;
      }
    });
    this.enumBytes = enums;
    this.statusColumn = this.indexOf('log-status');
  }

  /** Column of a field, or -1. */
  indexOf(name: string): number {
    return this.index.get(name) ?? this.index.get(flowField(name)?.name ?? '') ?? -1;
  }

  /** The format as AWS writes it in `LogFormat`: `${version} ${account-id} ...`. */
  toFormatString(): string {
    return this.names.map((n) => '${' + n + '}').join(' ');
  }

  sameNames(other: FlowFormat): boolean {
    return other.names.length === this.names.length && other.names.every((n, i) => n === this.names[i]);
  }
}

export const DEFAULT_FORMAT = new FlowFormat(DEFAULT_FLOW_FIELDS, 'default');

export type FieldListResult =
  | { readonly ok: true; readonly names: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly column: number };

/**
 * Parses a field list: AWS's `${version} ${srcaddr} ...` (LogFormat), or plain names separated by
 * spaces or commas. Columns in errors are 1-based.
 */
export function parseFieldList(text: string): FieldListResult {
  const names: string[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === ',' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    let name: string;
    const at = i + 1;
    if (c === '$') {
      if (text[i + 1] !== '{') return { ok: false, message: "expected '{' after '$'", column: i + 2 };
      const close = text.indexOf('}', i + 2);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the message quotes AWS's syntax
      if (close === -1) return { ok: false, message: "'${' is not closed by '}'", column: at };
      name = text.slice(i + 2, close).trim();
      i = close + 1;
    } else {
      let j = i;
      while (j < text.length && !' ,\t\n$'.includes(text[j]!)) j++;
      name = text.slice(i, j);
      i = j;
    }
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name))
      return { ok: false, message: `${JSON.stringify(name)} is not a field name`, column: at };
    const canonical = flowField(name)?.name ?? name;
    if (seen.has(canonical)) return { ok: false, message: `${name} is named twice`, column: at };
    seen.add(canonical);
    names.push(canonical);
  }
  if (names.length === 0) return { ok: false, message: 'no field names given', column: 1 };
  return { ok: true, names };
}

const LOWER_A = 97;
const LOWER_Z = 122;

/**
 * True when the tokens of a line read as a header: every token is name-shaped (lower-case letter,
 * then letters, digits, `-` or `_`) and at least half are names the table knows.
 */
export function isHeaderTokens(tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  let known = 0;
  for (const t of tokens) {
    const c0 = t.charCodeAt(0);
    if (c0 < LOWER_A || c0 > LOWER_Z) return false;
    for (let i = 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      const ok = (c >= LOWER_A && c <= LOWER_Z) || (c >= 48 && c <= 57) || c === 45 || c === 95;
      if (!ok) return false;
    }
    if (flowField(t)) known++;
  }
  return known * 2 >= tokens.length;
}
