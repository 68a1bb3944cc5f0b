import { describe, expect, it } from 'vitest';
import { hexValue, KEY_NUMBERS, TupleMemo } from './memo.js';

describe('TupleMemo', () => {
  it('remembers values by the whole key, across growth and probing', () => {
    const m = new TupleMemo(4);
    const keyOf = (i: number) => [i % 97, -2, i, 4294967295 - i, i % 3, 6, i * 1024];
    for (let i = 0; i < 20_000; i++) {
      m.key.set(keyOf(i));
      expect(m.get()).toBe(-1);
      m.add(i);
    }
    expect(m.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 7) {
      m.key.set(keyOf(i));
      expect(m.get()).toBe(i);
    }
    m.key.set([0, -2, 0, 4294967295, 0, 6, 1]);
    expect(m.get()).toBe(-1);
    expect(m.key.length).toBe(KEY_NUMBERS);
  });

  it('keys that differ only in the high bits of a number are different', () => {
    const m = new TupleMemo();
    m.key.set([2 ** 40, 0, 0, 0, 0, 0, 0]);
    m.get();
    m.add(1);
    m.key.set([2 ** 41, 0, 0, 0, 0, 0, 0]);
    expect(m.get()).toBe(-1);
  });
});

describe('hexValue', () => {
  it('reads hex digits exactly, -1 for anything else', () => {
    const b = Buffer.from('eni-0123456789abcdef0 eni-zz');
    expect(hexValue(b, 4, 13)).toBe(0x012345678);
    expect(hexValue(b, 13, 21)).toBe(0x9abcdef0);
    expect(hexValue(b, 26, 28)).toBe(-1);
  });
});
