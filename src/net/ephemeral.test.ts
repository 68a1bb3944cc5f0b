import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES, ephemeralRange, parseClientType } from './ephemeral.js';

describe('ephemeral ports', () => {
  it.each([
    ['linux', 32768, 61000],
    ['windows', 49152, 65535],
    ['windows-2003', 1025, 5000],
    ['elb', 1024, 65535],
    ['nat-gateway', 1024, 65535],
    ['lambda', 1024, 65535],
    ['any', 1024, 65535],
  ] as const)('%s: %i-%i', (type, from, to) => {
    expect(ephemeralRange(type)).toEqual({ from, to });
    expect(parseClientType(type)).toBe(type);
    expect(parseClientType(type.toUpperCase())).toBe(type);
  });
  it('lists each type once with a label', () => {
    expect(new Set(CLIENT_TYPES.map((c) => c.type)).size).toBe(CLIENT_TYPES.length);
    expect(CLIENT_TYPES.every((c) => c.label.length > 0)).toBe(true);
  });
  it('rejects unknown types', () => {
    expect(parseClientType('macos')).toBeUndefined();
    expect(parseClientType(' linux')).toBeUndefined();
    expect(() => ephemeralRange('bsd' as never)).toThrow();
  });
});
