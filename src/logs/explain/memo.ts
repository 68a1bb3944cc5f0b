/**
 * The tuple memo of `logs explain`: distinct flows keyed by up to seven numbers (the interface id
 * read as hex, IPv4 addresses and ports as parsed, interned ids for anything else), in one flat
 * open-addressing table. A key and its value share one 64-byte slot of a Float64Array, so a hit
 * costs a probe and a slot read, with no string built and no object per key. Keys are compared in
 * full: a hash collision costs a probe, never a wrong answer.
 */

export const KEY_NUMBERS = 7;
const STRIDE = 8;

export class TupleMemo {
  /** The key of the next `get`/`add`: filled by the caller. */
  readonly key = new Float64Array(KEY_NUMBERS);
  size = 0;
  private slots: Float64Array;
  /** Slot index + 1, 0 for empty; linear probing. */
  private table: Int32Array;
  private mask: number;
  private pos = 0;

  constructor(capacity = 1 << 12) {
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity * 2 - 1;
    this.slots = new Float64Array(capacity * STRIDE);
  }

  private hashKey(k: Float64Array): number {
    let h = 0x2545f491;
    for (let i = 0; i < KEY_NUMBERS; i++) {
      const v = k[i]!;
      h = Math.imul(h ^ (v | 0), 0x85ebca6b);
      h = (h << 13) | (h >>> 19);
      h = Math.imul(h ^ ((v / 4294967296) | 0), 0xc2b2ae35);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 0;
  }

  /** The value remembered for `key`, or -1 (then `add` may follow with the same key). */
  get(): number {
    const k = this.key;
    const slots = this.slots;
    const table = this.table;
    let p = this.hashKey(k) & this.mask;
    for (;;) {
      const e = table[p]!;
      if (e === 0) {
        this.pos = p;
        return -1;
      }
      const o = (e - 1) * STRIDE;
      if (
        slots[o] === k[0] &&
        slots[o + 1] === k[1] &&
        slots[o + 2] === k[2] &&
        slots[o + 3] === k[3] &&
        slots[o + 4] === k[4] &&
        slots[o + 5] === k[5] &&
        slots[o + 6] === k[6]
      )
        return slots[o + 7]!;
      p = (p + 1) & this.mask;
    }
  }

  /** Remembers `value` (a whole number >= 0) for the key of the last `get`, which returned -1. */
  add(value: number): void {
    if ((this.size + 1) * STRIDE > this.slots.length) this.grow();
    const o = this.size * STRIDE;
    this.slots.set(this.key, o);
    this.slots[o + 7] = value;
    this.size++;
    this.table[this.pos] = this.size;
    if (this.size * 2 > this.table.length) this.rehash(this.table.length * 2);
  }

  private grow(): void {
    const next = new Float64Array(this.slots.length * 2);
    next.set(this.slots);
    this.slots = next;
  }

  private rehash(n: number): void {
    this.table = new Int32Array(n);
    this.mask = n - 1;
    const k = new Float64Array(KEY_NUMBERS);
    for (let s = 0; s < this.size; s++) {
      for (let i = 0; i < KEY_NUMBERS; i++) k[i] = this.slots[s * STRIDE + i]!;
      let p = this.hashKey(k) & this.mask;
      while (this.table[p] !== 0) p = (p + 1) & this.mask;
      this.table[p] = s + 1;
    }
  }
}

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[97 + i] = 10 + i;
  HEX[65 + i] = 10 + i;
}

/**
 * Hex digits buf[s, e) as a number (at most 13 digits, exact), or -1 when a byte is not a hex digit.
 */
export function hexValue(buf: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = HEX[buf[i]!]!;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}
