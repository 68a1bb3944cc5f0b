import { describe, expect, it } from 'vitest';
import { formatPortRange, MAX_PORT, PortSet, parsePortRange } from './ports.js';
import { fc, prop } from './test-prop.js';
import type { PortRange } from './types.js';

describe('parsePortRange', () => {
  it.each([
    ['0', 0, 0],
    ['22', 22, 22],
    ['65535', 65535, 65535],
    ['1024-65535', 1024, 65535],
    ['0-65535', 0, 65535],
    ['80-80', 80, 80],
  ])('%s', (text, from, to) => {
    expect(parsePortRange(text)).toEqual({ from, to });
  });
  it.each([
    '',
    '-',
    '65536',
    '-1',
    '1--2',
    '5-4',
    '1-65536',
    ' 22',
    '22 ',
    '1 - 2',
    '+22',
    '022',
    '22-',
    '-22',
    '1-2-3',
    '2.5',
    'http',
  ])('rejects %j', (text) => {
    expect(parsePortRange(text)).toBeUndefined();
  });
  it('formats', () => {
    expect(formatPortRange({ from: 22, to: 22 })).toBe('22');
    expect(formatPortRange({ from: 1024, to: 65535 })).toBe('1024-65535');
  });
  prop(
    'parse(format(r)) == r',
    [fc.integer({ min: 0, max: MAX_PORT }), fc.integer({ min: 0, max: MAX_PORT })],
    (a, b) => {
      const r = { from: Math.min(a, b), to: Math.max(a, b) };
      expect(parsePortRange(formatPortRange(r))).toEqual(r);
    },
  );
});

describe('PortSet basics', () => {
  it('builds, normalizes and prints', () => {
    expect(PortSet.empty().toString()).toBe('none');
    expect(PortSet.all().toString()).toBe('0-65535');
    expect(PortSet.all().isAll()).toBe(true);
    expect(PortSet.all().count()).toBe(65536);
    const s = PortSet.of(
      { from: 1024, to: 5000 },
      { from: 22, to: 22 },
      { from: 4000, to: 4100 },
      { from: 23, to: 30 },
    );
    expect(s.toString()).toBe('22-30, 1024-5000');
    expect(PortSet.of({ from: 22, to: 22 }, { from: 1024, to: 5000 }).toString()).toBe('22, 1024-5000');
    expect(s.has(25)).toBe(true);
    expect(s.has(31)).toBe(false);
    expect(PortSet.single(443).ranges()).toEqual([{ from: 443, to: 443 }]);
    expect(PortSet.of({ from: 0, to: 100 }, { from: 101, to: 65535 }).isAll()).toBe(true);
    expect(PortSet.all().subtract(PortSet.single(22)).toString()).toBe('0-21, 23-65535');
    expect(PortSet.all().complement().isEmpty()).toBe(true);
  });
  it('rejects invalid ranges', () => {
    expect(() => PortSet.of({ from: 5, to: 4 })).toThrow(RangeError);
    expect(() => PortSet.of({ from: -1, to: 4 })).toThrow(RangeError);
    expect(() => PortSet.of({ from: 0, to: 65536 })).toThrow(RangeError);
    expect(() => PortSet.single(1.5)).toThrow(RangeError);
  });
  it('is immutable', () => {
    const input: PortRange[] = [{ from: 1, to: 2 }];
    const s = PortSet.of(...input);
    (input[0] as { from: number }).from = 0;
    expect(s.toString()).toBe('1-2');
    expect(Object.isFrozen(s.ranges())).toBe(true);
    s.union(PortSet.single(9));
    expect(s.toString()).toBe('1-2');
  });
});

// Ports are drawn mostly near the edges and in a small window, so ranges touch and overlap often.
const port = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: MAX_PORT - 40, max: MAX_PORT }),
  fc.integer({ min: 0, max: MAX_PORT }),
);
const range = fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const portSet = fc.array(range, { maxLength: 5 }).map((rs) => PortSet.of(...rs));

function model(s: PortSet): Uint8Array {
  const bits = new Uint8Array(MAX_PORT + 1);
  for (const r of s.ranges()) bits.fill(1, r.from, r.to + 1);
  return bits;
}
function fromModel(bits: Uint8Array): PortSet {
  const ranges: PortRange[] = [];
  for (let p = 0; p <= MAX_PORT; p++) {
    if (bits[p] !== 1) continue;
    let q = p;
    while (q < MAX_PORT && bits[q + 1] === 1) q++;
    ranges.push({ from: p, to: q });
    p = q;
  }
  return PortSet.of(...ranges);
}
const combine = (a: Uint8Array, b: Uint8Array, f: (x: number, y: number) => number) =>
  a.map((x, i) => f(x, b[i]!));

describe('PortSet against a boolean-array model', () => {
  prop(
    'of / has / count / ranges',
    [fc.array(range, { maxLength: 6 }), fc.array(port, { maxLength: 10 })],
    (rs, probes) => {
      const s = PortSet.of(...rs);
      const bits = new Uint8Array(MAX_PORT + 1);
      for (const r of rs) bits.fill(1, r.from, r.to + 1);
      expect(s.ranges()).toEqual(fromModel(bits).ranges());
      expect(s.count()).toBe(bits.reduce((n, b) => n + b, 0));
      for (const p of [...probes, ...rs.flatMap((r) => [r.from - 1, r.from, r.to, r.to + 1])]) {
        expect(s.has(p)).toBe(bits[p] === 1);
      }
      const list = s.ranges();
      for (let i = 1; i < list.length; i++) expect(list[i - 1]!.to + 1 < list[i]!.from).toBe(true);
    },
    { numRuns: 200 },
  );
  prop(
    'union / intersect / subtract / complement',
    [portSet, portSet],
    (a, b) => {
      const ma = model(a);
      const mb = model(b);
      expect(a.union(b).equals(fromModel(combine(ma, mb, (x, y) => x | y)))).toBe(true);
      expect(a.intersect(b).equals(fromModel(combine(ma, mb, (x, y) => x & y)))).toBe(true);
      expect(a.subtract(b).equals(fromModel(combine(ma, mb, (x, y) => x & (1 - y))))).toBe(true);
      expect(a.complement().equals(fromModel(ma.map((x) => 1 - x)))).toBe(true);
    },
    { numRuns: 100 },
  );
});

describe('PortSet algebra laws', () => {
  const all = PortSet.all();
  const none = PortSet.empty();
  prop('commutative, associative, distributive', [portSet, portSet, portSet], (a, b, c) => {
    expect(a.union(b).equals(b.union(a))).toBe(true);
    expect(a.intersect(b).equals(b.intersect(a))).toBe(true);
    expect(
      a
        .union(b)
        .union(c)
        .equals(a.union(b.union(c))),
    ).toBe(true);
    expect(
      a
        .intersect(b)
        .intersect(c)
        .equals(a.intersect(b.intersect(c))),
    ).toBe(true);
    expect(a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c)))).toBe(true);
    expect(a.union(b.intersect(c)).equals(a.union(b).intersect(a.union(c)))).toBe(true);
  });
  prop('identities, absorption, De Morgan, difference', [portSet, portSet], (a, b) => {
    expect(a.union(none).equals(a)).toBe(true);
    expect(a.intersect(all).equals(a)).toBe(true);
    expect(a.intersect(none).isEmpty()).toBe(true);
    expect(a.union(all).isAll()).toBe(true);
    expect(a.union(a).equals(a) && a.intersect(a).equals(a)).toBe(true);
    expect(a.union(a.intersect(b)).equals(a)).toBe(true);
    expect(a.intersect(a.union(b)).equals(a)).toBe(true);
    expect(a.union(a.complement()).isAll()).toBe(true);
    expect(a.complement().complement().equals(a)).toBe(true);
    expect(a.union(b).complement().equals(a.complement().intersect(b.complement()))).toBe(true);
    expect(a.subtract(b).equals(a.intersect(b.complement()))).toBe(true);
    expect(a.subtract(b).intersect(b).isEmpty()).toBe(true);
    expect(a.subtract(b).union(a.intersect(b)).equals(a)).toBe(true);
    expect(a.count() + a.complement().count()).toBe(65536);
    expect(a.equals(b)).toBe(a.toString() === b.toString());
  });
});
