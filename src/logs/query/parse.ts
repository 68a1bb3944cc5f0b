/**
 * The `--where` grammar, over AWS's own field names:
 *
 *   expr       := or
 *   or         := and ('or' and)*
 *   and        := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expr ')' | comparison
 *   comparison := field op value | field ['not'] 'in' cidr
 *   op         := '=' | '!=' | '<' | '<=' | '>' | '>='
 *
 * Keywords are case-insensitive. A field or value is a run of characters other than blanks,
 * parentheses, `=`, `!`, `<`, `>` and quotes; a value may also be quoted ('...' or "...") to hold
 * those. `-` is the null value: `instance-id = -`. Errors carry the 1-based column of the offending
 * token.
 */

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { readonly type: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'not'; readonly expr: Expr }
  | {
      readonly type: 'compare';
      readonly field: string;
      readonly fieldColumn: number;
      readonly op: CompareOp;
      readonly value: string;
      readonly valueColumn: number;
    }
  | {
      readonly type: 'in';
      readonly field: string;
      readonly fieldColumn: number;
      readonly cidr: string;
      readonly valueColumn: number;
    };

export class QueryError extends Error {
  constructor(
    message: string,
    /** 1-based column in the expression. */
    readonly column: number,
  ) {
    super(message);
  }
}

type Token =
  | { readonly kind: 'word' | 'string'; readonly text: string; readonly column: number }
  | { readonly kind: 'op'; readonly text: CompareOp; readonly column: number }
  | { readonly kind: '(' | ')' | 'end'; readonly text: string; readonly column: number };

const SPECIAL = new Set([' ', '\t', '\n', '(', ')', '=', '!', '<', '>', '"', "'"]);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ kind: c, text: c, column });
      i++;
    } else if (c === '=' || c === '<' || c === '>' || c === '!') {
      const two = src.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        out.push({ kind: 'op', text: two, column });
        i += 2;
      } else if (c === '!') {
        throw new QueryError("'!' must be followed by '=' (use 'not' to negate)", column);
      } else {
        out.push({ kind: 'op', text: c, column });
        i++;
      }
    } else if (c === '"' || c === "'") {
      const close = src.indexOf(c, i + 1);
      if (close === -1) throw new QueryError(`the quote ${c} is not closed`, column);
      out.push({ kind: 'string', text: src.slice(i + 1, close), column });
      i = close + 1;
    } else {
      let j = i;
      while (j < src.length && !SPECIAL.has(src[j]!)) j++;
      out.push({ kind: 'word', text: src.slice(i, j), column });
      i = j;
    }
  }
  out.push({ kind: 'end', text: '', column: src.length + 1 });
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in']);

export function parseWhere(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const isKeyword = (t: Token, k: string) => t.kind === 'word' && t.text.toLowerCase() === k;
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the expression' : `'${t.text}'`);

  function or(): Expr {
    let left = and();
    while (isKeyword(peek(), 'or')) {
      pos++;
      left = { type: 'or', left, right: and() };
    }
    return left;
  }
  function and(): Expr {
    let left = unary();
    while (isKeyword(peek(), 'and')) {
      pos++;
      left = { type: 'and', left, right: unary() };
    }
    return left;
  }
  function unary(): Expr {
    const t = peek();
    if (isKeyword(t, 'not')) {
      pos++;
      return { type: 'not', expr: unary() };
    }
    if (t.kind === '(') {
      pos++;
      const e = or();
      const close = peek();
      if (close.kind !== ')')
        throw new QueryError(
          `expected ')' to close the '(' at column ${t.column}, found ${describe(close)}`,
          close.column,
        );
      pos++;
      return e;
    }
    return comparison();
  }
  function comparison(): Expr {
    const f = peek();
    if (f.kind !== 'word' || KEYWORDS.has(f.text.toLowerCase()))
      throw new QueryError(`expected a field name, found ${describe(f)}`, f.column);
    pos++;
    const op = peek();
    let negated = false;
    if (isKeyword(op, 'not')) {
      negated = true;
      pos++;
      if (!isKeyword(peek(), 'in'))
        throw new QueryError(`expected 'in' after '${f.text} not', found ${describe(peek())}`, peek().column);
    }
    if (isKeyword(peek(), 'in')) {
      pos++;
      const v = peek();
      if (v.kind !== 'word' && v.kind !== 'string')
        throw new QueryError(`expected a CIDR block after 'in', found ${describe(v)}`, v.column);
      pos++;
      const e: Expr = {
        type: 'in',
        field: f.text,
        fieldColumn: f.column,
        cidr: v.text,
        valueColumn: v.column,
      };
      return negated ? { type: 'not', expr: e } : e;
    }
    if (op.kind !== 'op')
      throw new QueryError(
        `expected an operator (=, !=, <, <=, >, >= or in) after '${f.text}', found ${describe(op)}`,
        op.column,
      );
    pos++;
    const v = peek();
    if (v.kind !== 'word' && v.kind !== 'string')
      throw new QueryError(`expected a value after '${op.text}', found ${describe(v)}`, v.column);
    pos++;
    return {
      type: 'compare',
      field: f.text,
      fieldColumn: f.column,
      op: op.text as CompareOp,
      value: v.text,
      valueColumn: v.column,
    };
  }

  if (peek().kind === 'end') throw new QueryError('the expression is empty', 1);
  const e = or();
  const rest = peek();
  if (rest.kind !== 'end')
    throw new QueryError(
      `expected 'and', 'or' or the end of the expression, found ${describe(rest)}`,
      rest.column,
    );
  return e;
}
