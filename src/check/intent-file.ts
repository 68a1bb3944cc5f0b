/**
 * The intent file of `vpcsim check`: a YAML or JSON list of flows, each with the verdict it must
 * have — `{name?, from, to, protocol?, port?, sourcePort?, clientOs?, icmpType?, icmpCode?, ipv6?,
 * expect}` — or the same list under `checks:`; `from`, `to` and `port` may be lists, and such a
 * check stands for every combination (each result shows its flow beside the shared name). Validated here, once, for shape; every problem is a
 * CheckFileError naming file:line:column and the offending value. Values stay text: the command
 * parses protocol and ports as `trace` does, and the engine resolves the endpoints.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { FlowText } from '../engine/flow-text.js';
import { readYamlDocument } from '../ingest/yaml-document.js';

export const EXPECTATIONS = ['reachable', 'unreachable'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

/** A check: a flow as text (parsed as `trace` parses its flags) and the verdict it must have. */
export interface Intent extends FlowText {
  /** As written; undefined when the check has no name. */
  readonly name?: string | undefined;
  readonly expect: Expectation;
  /** file:line:column of the check, for messages. */
  readonly where: string;
}

export class CheckFileError extends Error {}

/** A check's `where` (`file:line:column`) into its parts; the file may hold colons. */
export function placeOf(where: string): { file: string; line: number; column: number } {
  const m = /^(.*):(\d+):(\d+)$/.exec(where);
  return m ? { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } : { file: where, line: 1, column: 1 };
}

const KEYS = [
  'name',
  'from',
  'to',
  'protocol',
  'port',
  'sourcePort',
  'clientOs',
  'icmpType',
  'icmpCode',
  'ipv6',
  'expect',
];
const SHAPE =
  'the intent file is a YAML or JSON list of {from, to, protocol?, port?, expect: reachable|unreachable} (docs/check.md)';

export function loadIntents(file: string): Intent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CheckFileError(`${file}: cannot read the intent file; give an existing YAML or JSON file.`);
  }
  return parseIntents(text, file);
}

export function parseIntents(text: string, file: string): Intent[] {
  const doc = readYamlDocument(text, file);
  if (!doc.ok) throw new CheckFileError(`${doc.at}: not valid YAML or JSON (${doc.code}); ${SHAPE}.`);
  const { at } = doc;
  const fail = (node: Node | null | undefined, what: string): never => {
    throw new CheckFileError(`${at(node)}: ${what}; ${SHAPE}.`);
  };
  let root = doc.root;
  if (isMap(root)) {
    const checks = root.get('checks', true) as Node | undefined;
    if (checks === undefined)
      return fail(root, 'a mapping at the top level must hold the list under `checks`');
    root = checks;
  }
  if (!isSeq(root)) return fail(root, 'the top level must be a list of checks');
  if (root.items.length === 0) return fail(root, 'the file holds no checks');
  return root.items.flatMap((item) => readIntents(item as Node, at, fail));
}

/** The keys that may hold a list: the check stands for one flow per combination. */
const LIST_KEYS = new Set(['from', 'to', 'port']);

function readIntents(
  item: Node,
  at: (n: Node | null | undefined) => string,
  fail: (n: Node | null | undefined, what: string) => never,
): Intent[] {
  if (!isMap(item)) return fail(item, 'each check must be a mapping');
  const map = item as YAMLMap;
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KEYS.includes(key))
      fail(pair.key as Node, `unknown key ${JSON.stringify(key)} (known: ${KEYS.join(', ')})`);
  }
  const node = (key: string) => map.get(key, true) as Node | undefined;
  const scalar = (key: string, n: Node): string => {
    const v = isScalar(n) ? n.value : undefined;
    if ((typeof v !== 'string' && typeof v !== 'number') || String(v).trim() === '')
      return fail(
        n,
        `\`${key}\` must be text or a number${LIST_KEYS.has(key) ? ', or a list of them' : ''}, not ${
          isSeq(n) ? 'a list' : isMap(n) ? 'a mapping' : JSON.stringify(v ?? null)
        }`,
      );
    return String(v).trim();
  };
  /** The values of a key (several for a list), or [] when absent. */
  const values = (key: string, required: boolean): string[] => {
    const n = node(key);
    if (n === undefined) return required ? fail(map, `\`${key}\` is required`) : [];
    if (LIST_KEYS.has(key) && isSeq(n)) {
      if (n.items.length === 0) return fail(n, `\`${key}\` must not be an empty list`);
      return n.items.map((x) => scalar(key, x as Node));
    }
    return [scalar(key, n)];
  };
  const text = (key: string, required: boolean): string | undefined => values(key, required)[0];
  const froms = values('from', true);
  const tos = values('to', true);
  const expectNode = node('expect');
  const expect = text('expect', true)!;
  if (!(EXPECTATIONS as readonly string[]).includes(expect))
    fail(expectNode, `\`expect\` must be ${EXPECTATIONS.join(' or ')}, not ${JSON.stringify(expect)}`);
  const ipv6Node = node('ipv6');
  const ipv6 = ipv6Node === undefined ? undefined : isScalar(ipv6Node) ? ipv6Node.value : null;
  if (ipv6 !== undefined && typeof ipv6 !== 'boolean')
    fail(ipv6Node, `\`ipv6\` must be true or false, not ${JSON.stringify(ipv6)}`);
  const ports = values('port', false);
  const name = text('name', false);
  const out: Intent[] = [];
  for (const from of froms)
    for (const to of tos)
      for (const port of ports.length > 0 ? ports : [undefined]) {
        out.push({
          name,
          from,
          to,
          protocol: text('protocol', false) ?? 'tcp',
          port,
          sourcePort: text('sourcePort', false),
          clientOs: text('clientOs', false),
          icmpType: text('icmpType', false),
          icmpCode: text('icmpCode', false),
          ipv6: ipv6 as boolean | undefined,
          expect: expect as Expectation,
          where: at(map),
        });
      }
  return out;
}
