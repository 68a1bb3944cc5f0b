// Transport port ranges ("22", "1024-65535") and PortSet, an immutable set of ports 0..65535
// stored as sorted, disjoint, non-adjacent ranges. Knows port numbers only; knows nothing about
// protocols, rules or AWS.

import { parseDecimal } from './decimal.js';
import type { PortRange } from './types.js';

export const MIN_PORT = 0;
export const MAX_PORT = 65535;

/** Parses "p" or "a-b" (decimal, no spaces/signs/leading zeros, a <= b <= 65535). */
export function parsePortRange(text: string): PortRange | undefined {
  const dash = text.indexOf('-');
  if (dash === -1) {
    const port = parseDecimal(text, MAX_PORT);
    return port === undefined ? undefined : { from: port, to: port };
  }
  const from = parseDecimal(text, MAX_PORT, 0, dash);
  const to = parseDecimal(text, MAX_PORT, dash + 1);
  if (from === undefined || to === undefined || from > to) return undefined;
  return { from, to };
}

/** "22" for a single port, otherwise "from-to". */
export function formatPortRange(r: PortRange): string {
  return r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
}

function isPort(p: number): boolean {
  return Number.isInteger(p) && p >= MIN_PORT && p <= MAX_PORT;
}

/** Sorts, merges overlapping and adjacent ranges, and copies them. Throws on invalid ranges. */
function normalize(ranges: readonly PortRange[]): PortRange[] {
  for (const r of ranges) {
    if (!isPort(r.from) || !isPort(r.to) || r.from > r.to) {
      throw new RangeError(`invalid port range ${r.from}-${r.to}`);
    }
  }
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to + 1) {
      if (r.to > last.to) out[out.length - 1] = { from: last.from, to: r.to };
    } else {
      out.push({ from: r.from, to: r.to });
    }
  }
  return out;
}

/** Immutable set of ports. Every operation returns a new set. */
export class PortSet {
  private static readonly EMPTY = new PortSet([]);
  private static readonly ALL = new PortSet([{ from: MIN_PORT, to: MAX_PORT }]);

  private readonly list: readonly PortRange[];

  /** `list` must already be normalized. */
  private constructor(list: PortRange[]) {
    this.list = Object.freeze(list);
  }

  static empty(): PortSet {
    return PortSet.EMPTY;
  }

  static all(): PortSet {
    return PortSet.ALL;
  }

  /** Throws RangeError on a range outside 0..65535 or with from > to. */
  static of(...ranges: PortRange[]): PortSet {
    return new PortSet(normalize(ranges));
  }

  static single(port: number): PortSet {
    return PortSet.of({ from: port, to: port });
  }

  union(o: PortSet): PortSet {
    return new PortSet(normalize([...this.list, ...o.list]));
  }

  intersect(o: PortSet): PortSet {
    const out: PortRange[] = [];
    const a = this.list;
    const b = o.list;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
      if (x.to < y.to) i++;
      else j++;
    }
    return new PortSet(out);
  }

  /** Ports 0..65535 not in this set. */
  complement(): PortSet {
    const out: PortRange[] = [];
    let next = MIN_PORT;
    for (const r of this.list) {
      if (r.from > next) out.push({ from: next, to: r.from - 1 });
      next = r.to + 1;
    }
    if (next <= MAX_PORT) out.push({ from: next, to: MAX_PORT });
    return new PortSet(out);
  }

  subtract(o: PortSet): PortSet {
    return this.intersect(o.complement());
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  isAll(): boolean {
    const r = this.list[0];
    return this.list.length === 1 && r !== undefined && r.from === MIN_PORT && r.to === MAX_PORT;
  }

  equals(o: PortSet): boolean {
    if (this.list.length !== o.list.length) return false;
    return this.list.every((r, i) => r.from === o.list[i]!.from && r.to === o.list[i]!.to);
  }

  has(port: number): boolean {
    const list = this.list;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = list[mid]!;
      if (port < r.from) hi = mid - 1;
      else if (port > r.to) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Number of ports in the set. */
  count(): number {
    let n = 0;
    for (const r of this.list) n += r.to - r.from + 1;
    return n;
  }

  ranges(): readonly PortRange[] {
    return this.list;
  }

  /** e.g. "22, 1024-5000"; "none" when empty; "0-65535" when all. */
  toString(): string {
    return this.list.length === 0 ? 'none' : this.list.map(formatPortRange).join(', ');
  }
}
