import { describe, expect, it } from 'vitest';
import { parseDecimal } from './decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['0', 255, 0],
    ['7', 255, 7],
    ['255', 255, 255],
    ['65535', 65535, 65535],
  ])('%s (max %i) -> %i', (text, max, value) => {
    expect(parseDecimal(text, max)).toBe(value);
  });
  it.each(['', '256', '01', '00', '-1', '+1', ' 1', '1 ', '1.0', '1e2', 'a', '99999999999999999999'])(
    'rejects %j',
    (text) => {
      expect(parseDecimal(text, 255)).toBeUndefined();
    },
  );
  it('parses a sub-range of the text', () => {
    expect(parseDecimal('ab12cd', 99, 2, 4)).toBe(12);
    expect(parseDecimal('ab12cd', 99, 2, 2)).toBeUndefined();
  });
});
