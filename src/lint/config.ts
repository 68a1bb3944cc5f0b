/**
 * `.vpcsim.yaml`: lint suppressions by rule id and (optionally) resource id, each with a required
 * reason. Validated here, once; every error names file:line:column.
 *
 *   suppressions:
 *     - rule: SG001
 *       resource: sg-0123456789abcdef0
 *       reason: bastion host, address ranges enforced upstream
 */
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ruleMeta } from './registry.js';

export interface Suppression {
  readonly rule: string;
  /** Absent: every resource of the rule. */
  readonly resource?: string | undefined;
  readonly reason: string;
}

export interface LintConfig {
  readonly file?: string | undefined;
  readonly suppressions: readonly Suppression[];
}

/** A bad config file: the CLI prints the message and exits 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly what: string,
  ) {
    super(`${file}:${line}:${column}: ${what}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG = '.vpcsim.yaml';

/** The config of `--config` (must exist), else `.vpcsim.yaml` in `cwd` when present, else empty. */
export function loadLintConfig(explicit: string | undefined, cwd: string = process.cwd()): LintConfig {
  const file = explicit ?? `${cwd}/${DEFAULT_CONFIG}`;
  if (!explicit && !existsSync(file)) return { suppressions: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, 1, 1, 'cannot read the file; give an existing YAML file to --config');
  }
  return { file, suppressions: parseLintConfig(text, file) };
}

const ITEM_KEYS = new Set(['rule', 'resource', 'reason']);

export function parseLintConfig(text: string, file: string): Suppression[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (node: Node | null | undefined, what: string): never => {
    const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    throw new ConfigError(file, pos.line, pos.col, what);
  };
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ConfigError(file, pos.line, pos.col, `not valid YAML (${first.message.split('\n')[0]})`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isMap(root)) return fail(root, 'expected a mapping with a `suppressions` list');
  let list: Node | null | undefined;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'suppressions')
      fail(pair.key as Node, `unknown key ${JSON.stringify(key)}; the only key is \`suppressions\``);
    list = pair.value as Node | null;
  }
  if (list === undefined || list === null) return [];
  if (!isSeq(list)) return fail(list, '`suppressions` must be a list of {rule, resource, reason}');
  const out: Suppression[] = [];
  for (const item of list.items as Node[]) {
    if (!isMap(item))
      fail(item, 'each suppression must be a mapping with `rule`, `reason` and optionally `resource`');
    const m = item as unknown as { items: { key: Node; value: Node | null }[] };
    const got: Record<string, { value: string; node: Node }> = {};
    for (const pair of m.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!ITEM_KEYS.has(key))
        fail(pair.key, `unknown key ${JSON.stringify(key)}; use rule, resource, reason`);
      if (!isScalar(pair.value) || pair.value.value === null || String(pair.value.value).trim() === '')
        fail(pair.value ?? pair.key, `\`${key}\` must be a non-empty string`);
      got[key] = {
        value: String((pair.value as unknown as { value: unknown }).value).trim(),
        node: pair.value as Node,
      };
    }
    if (!got.rule) fail(item, 'suppression without `rule` (a rule id such as SG001; see docs/rules.md)');
    if (!ruleMeta(got.rule!.value))
      fail(
        got.rule!.node,
        `unknown rule id ${JSON.stringify(got.rule!.value)}; see docs/rules.md for the ids`,
      );
    if (!got.reason)
      fail(item, `suppression of ${got.rule!.value} without \`reason\`: every suppression must say why`);
    out.push({ rule: got.rule!.value, resource: got.resource?.value, reason: got.reason!.value });
  }
  return out;
}

export function suppressionFor(
  config: LintConfig,
  ruleId: string,
  resourceIds: readonly string[],
): Suppression | undefined {
  return config.suppressions.find(
    (s) => s.rule === ruleId && (s.resource === undefined || resourceIds.includes(s.resource)),
  );
}
