// A set of addresses of one family, kept as sorted, disjoint, non-adjacent inclusive ranges.
// MUTABLE: add…/subtract… change the set in place and return it for chaining; use clone() to
// branch. Arrays returned by ranges() are snapshots (never modified afterwards).
// Knows address arithmetic only; knows nothing about what the addresses belong to.

import { cidrLast } from './cidr.js';
import { rangeToCidrs } from './cidr-cover.js';
import { bitsOf, type Cidr, type Family, type Ip, maxValueOf } from './types.js';

/** Inclusive address range. */
export interface IpRange {
  readonly start: bigint;
  readonly end: bigint;
}

export class IpRangeSet {
  readonly family: Family;
  private list: readonly IpRange[] = [];

  private constructor(family: Family) {
    this.family = family;
  }

  /** A set holding the given blocks (empty when none are given). */
  static of(family: Family, ...cidrs: Cidr[]): IpRangeSet {
    const set = new IpRangeSet(family);
    for (const c of cidrs) set.addCidr(c);
    return set;
  }

  clone(): IpRangeSet {
    const copy = new IpRangeSet(this.family);
    copy.list = this.list;
    return copy;
  }

  addCidr(c: Cidr): this {
    this.checkFamily(c.family);
    return this.addRange(c.base, cidrLast(c).value);
  }

  addRange(start: bigint, end: bigint): this {
    this.checkRange(start, end);
    const list = this.list;
    const out: IpRange[] = [];
    let i = 0;
    while (i < list.length && list[i]!.end + 1n < start) out.push(list[i++]!);
    let s = start;
    let e = end;
    while (i < list.length && list[i]!.start <= e + 1n) {
      const r = list[i++]!;
      if (r.start < s) s = r.start;
      if (r.end > e) e = r.end;
    }
    out.push({ start: s, end: e });
    while (i < list.length) out.push(list[i++]!);
    this.list = out;
    return this;
  }

  subtractCidr(c: Cidr): this {
    this.checkFamily(c.family);
    return this.subtractRange(c.base, cidrLast(c).value);
  }

  subtractRange(start: bigint, end: bigint): this {
    this.checkRange(start, end);
    const out: IpRange[] = [];
    for (const r of this.list) {
      if (r.end < start || r.start > end) {
        out.push(r);
        continue;
      }
      if (r.start < start) out.push({ start: r.start, end: start - 1n });
      if (r.end > end) out.push({ start: end + 1n, end: r.end });
    }
    this.list = out;
    return this;
  }

  /** Membership; addresses of the other family are never members. */
  has(ip: Ip): boolean {
    if (ip.family !== this.family) return false;
    const list = this.list;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = list[mid]!;
      if (ip.value < r.start) hi = mid - 1;
      else if (ip.value > r.end) lo = mid + 1;
      else return true;
    }
    return false;
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Lowest member, if any. */
  first(): Ip | undefined {
    const r = this.list[0];
    return r === undefined ? undefined : { family: this.family, value: r.start };
  }

  /** Number of member addresses. */
  count(): bigint {
    let n = 0n;
    for (const r of this.list) n += r.end - r.start + 1n;
    return n;
  }

  /** Sorted, disjoint, non-adjacent inclusive ranges. */
  ranges(): readonly IpRange[] {
    return this.list;
  }

  /** The fewest CIDR blocks covering exactly this set, in address order. */
  toCidrs(): Cidr[] {
    return this.list.flatMap((r) => rangeToCidrs(this.family, r.start, r.end));
  }

  private checkFamily(family: Family): void {
    if (family !== this.family) throw new Error(`IPv${family} block used with an IPv${this.family} set`);
  }

  private checkRange(start: bigint, end: bigint): void {
    if (start < 0n || end > maxValueOf(this.family) || start > end) {
      throw new RangeError(`invalid IPv${this.family} range ${start}..${end} (${bitsOf(this.family)} bits)`);
    }
  }
}
