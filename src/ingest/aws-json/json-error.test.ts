import { describe, expect, it } from 'vitest';
import { jsonErrorPosition, jsonErrorReason, locateJsonError, positionOfOffset } from './json-error.js';

describe('positionOfOffset', () => {
  it('counts lines and columns from 1', () => {
    expect(positionOfOffset('ab\ncd\r\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOfOffset('ab\ncd\r\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(positionOfOffset('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 });
  });
});

describe('jsonErrorPosition', () => {
  const text = '{\n  "Vpcs": [\n    {"VpcId": }\n  ]\n}';
  it('reads "at position N" messages', () => {
    expect(jsonErrorPosition(text, 'Unexpected token } in JSON at position 28')).toEqual({
      line: 3,
      column: 15,
    });
  });
  it('reads "(line L column C)" messages', () => {
    expect(
      jsonErrorPosition(
        text,
        `Unexpected token '}', ..."{"VpcId": }"... is not valid JSON (line 3 column 15)`,
      ),
    ).toEqual({ line: 3, column: 15 });
  });
  it('locates the error itself when the message has no position', () => {
    expect(jsonErrorPosition(text, `Unexpected token '}', "{\n  "Vpcs"... is not valid JSON`)).toEqual({
      line: 3,
      column: 15,
    });
  });
  it('puts "Unexpected end of JSON input" at the end', () => {
    expect(jsonErrorPosition('{\n"a": [1,', 'Unexpected end of JSON input')).toEqual({ line: 2, column: 9 });
  });
  it('agrees with what this Node version throws', () => {
    for (const bad of [text, '{"a": 1,}', '{"a": "x\u0001"}', '[1 2]', '{"a":1} x', 'nul']) {
      let message = '';
      try {
        JSON.parse(bad);
      } catch (e) {
        message = (e as Error).message;
      }
      const at = locateJsonError(bad);
      expect(at).toBeDefined();
      expect(jsonErrorPosition(bad, message)).toEqual(positionOfOffset(bad, at ?? 0));
    }
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{}', undefined],
    ['{"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]}', undefined],
    ['{"a": }', 6],
    ['{"a" 1}', 5],
    ['[1,]', 3],
    ['{"a": 01}', 7],
    ['"abc', 4],
    ['{"a": "\\x"}', 8],
    ['{} {}', 3],
    ['', 0],
  ])('%j → %s', (text, offset) => {
    expect(locateJsonError(text)).toBe(offset);
  });
});

describe('jsonErrorReason', () => {
  it('strips the position and the echoed source', () => {
    expect(jsonErrorReason('Unexpected token } in JSON at position 29')).toBe('Unexpected token }');
    expect(jsonErrorReason(`Unexpected token '}', "{"a": }" is not valid JSON`)).toBe(`Unexpected token '}'`);
    expect(
      jsonErrorReason(`Expected ',' or '}' after property value in JSON at position 13 (line 2 column 3)`),
    ).toBe(`Expected ',' or '}' after property value`);
  });
});
