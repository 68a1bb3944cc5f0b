/**
 * Where a JSON syntax error is. V8 words its SyntaxError in several ways: "... at position N",
 * newer versions "... (line L column C)", and some messages ("Unexpected token 'x', "..." is not
 * valid JSON") carry no position at all; for those a small scanner finds the first bad character.
 */

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export function positionOfOffset(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Line and column (1-based) of the syntax error V8 reported for `text`. */
export function jsonErrorPosition(text: string, message: string): TextPosition | undefined {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /at position (\d+)/.exec(message);
  if (pos) return positionOfOffset(text, Number(pos[1]));
  if (message.includes('end of JSON input')) return positionOfOffset(text, text.length);
  const at = locateJsonError(text);
  return at === undefined ? undefined : positionOfOffset(text, at);
}

/** V8's message without the position and the echoed source text. */
export function jsonErrorReason(message: string): string {
  return message
    .replace(/,? ?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ \(line \d+ column \d+\)/, '')
    .trim();
}

/** Offset of the first character that makes `text` invalid JSON, or `undefined` if it is valid. */
export function locateJsonError(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };
  const eat = (ch: string): boolean => {
    if (text[i] !== ch) return false;
    i++;
    return true;
  };
  const digits = (): boolean => {
    const start = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i > start;
  };
  const literal = (word: string): boolean => {
    for (const ch of word) if (!eat(ch)) return false;
    return true;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c !== 92) {
        i++;
        continue;
      }
      i++; // backslash
      if (eat('u')) {
        for (let k = 0; k < 4; k++) {
          if (!isHexDigit(text.charCodeAt(i))) return false;
          i++;
        }
      } else if (i < n && '"\\/bfnrt'.includes(text.charAt(i))) i++;
      else return false;
    }
    return false;
  };
  const number = (): boolean => {
    eat('-');
    if (!eat('0') && !digits()) return false;
    if (eat('.') && !digits()) return false;
    if (eat('e') || eat('E')) {
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  };
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (eat('}')) return true;
      for (;;) {
        ws();
        if (text[i] !== '"' || !string()) return false;
        ws();
        if (!eat(':') || !value()) return false;
        ws();
        if (eat('}')) return true;
        if (!eat(',')) return false;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (eat(']')) return true;
      for (;;) {
        if (!value()) return false;
        ws();
        if (eat(']')) return true;
        if (!eat(',')) return false;
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    return false;
  };
  if (!value()) return Math.min(i, n);
  ws();
  return i < n ? i : undefined;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
