/**
 * A YAML (or JSON) file read for validation: its root node and where any node is, as
 * `file:line:column`, so that every error names its place. Shared by the files users write (intent
 * files, traffic files, --onprem files); each says itself what its shape must be.
 */
import { LineCounter, type Node, parseDocument } from 'yaml';

export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

export type YamlDocument =
  | {
      readonly ok: true;
      readonly root: Node | null;
      /** Where a node starts (1:1 when it has no place). */
      readonly pos: (node: Node | null | undefined) => YamlPosition;
      /** `file:line:column` of a node. */
      readonly at: (node: Node | null | undefined) => string;
    }
  | { readonly ok: false; readonly pos: YamlPosition; readonly code: string; readonly at: string };

export function readYamlDocument(text: string, file: string): YamlDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const p = first.linePos?.[0] ?? { line: 1, col: 1 };
    return {
      ok: false,
      pos: { line: p.line, column: p.col },
      code: first.code,
      at: `${file}:${p.line}:${p.col}`,
    };
  }
  const pos = (node: Node | null | undefined): YamlPosition => {
    const p = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    return { line: p.line, column: p.col };
  };
  return {
    ok: true,
    root: doc.contents as Node | null,
    pos,
    at: (node) => {
      const p = pos(node);
      return `${file}:${p.line}:${p.column}`;
    },
  };
}
