/**
 * Totals per key (an address, a pair, an interface, ...) with bounded memory. Exact while the
 * number of distinct keys stays within `maxKeys`; past that, a weighted Misra-Gries summary with
 * batch decrements: when the table is full, the (keep+1)-th largest value of each metric is
 * subtracted from every entry of that metric (keep = maxKeys / 16), and entries left with nothing are
 * dropped. Each reported value is then a lower bound at most `maxError[m]` below the true total,
 * `maxError[m]` <= (total of metric m) / (keep + 1), and every key whose true total exceeds
 * `maxError[m]` is still in the table.
 *
 * Keys are short sequences of 32-bit words built without allocation (an IPv4 address is one word,
 * text is packed four bytes to a word); lookups hash and compare words, and nothing becomes a string
 * until the report.
 */

export const METRICS = 3;

/** Keys are built word by word into a batch; `commit` closes the current key with its metrics. */
export class KeyBatch {
  words = new Int32Array(4096);
  readonly starts: Int32Array;
  readonly lens: Int32Array;
  readonly hashes: Int32Array;
  readonly vals: Float64Array;
  count = 0;
  private end = 0;
  private start = 0;
  private h = 0;

  constructor(readonly capacity: number) {
    this.starts = new Int32Array(capacity);
    this.lens = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.vals = new Float64Array(capacity * 3);
  }

  /** Starts a new key (dropping an uncommitted one). */
  begin(): this {
    this.end = this.start;
    this.h = 0x9747b28c;
    return this;
  }

  word(v: number): this {
    if (this.end === this.words.length) this.grow();
    this.words[this.end++] = v;
    let k = Math.imul(v, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let h = this.h ^ k;
    h = (h << 13) | (h >>> 19);
    this.h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    return this;
  }

  /** An address: [4, value] or [6, text...] ([0] stands for none). */
  ipv4(v: number): this {
    return this.word(4).word(v | 0);
  }

  ipv6(text: string): this {
    return this.word(6).text(text);
  }

  /** Bytes buf[s, e): their count, then four to a word. */
  bytes(buf: Uint8Array, s: number, e: number): this {
    this.word(e - s);
    let j = s;
    // Big-endian, so that keys of the same length order as their bytes do.
    for (; j + 4 <= e; j += 4)
      this.word((buf[j]! << 24) | (buf[j + 1]! << 16) | (buf[j + 2]! << 8) | buf[j + 3]!);
    if (j < e) {
      let w = 0;
      for (let sh = 24; j < e; j++, sh -= 8) w |= buf[j]! << sh;
      this.word(w);
    }
    return this;
  }

  /** Latin-1 text, as `bytes` would pack it. */
  text(t: string): this {
    this.word(t.length);
    let w = 0;
    let sh = 24;
    for (let i = 0; i < t.length; i++) {
      w |= (t.charCodeAt(i) & 255) << sh;
      sh -= 8;
      if (sh < 0) {
        this.word(w);
        w = 0;
        sh = 24;
      }
    }
    if (sh < 24) this.word(w);
    return this;
  }

  /** A non-negative integer below 2^53, in two words. */
  number(v: number): this {
    return this.word(Math.floor(v / 4294967296)).word(v >>> 0);
  }

  /** Closes the current key; true when the batch is full. */
  commit(a: number, b: number, c: number): boolean {
    const j = this.count++;
    const len = this.end - this.start;
    let h = this.h ^ len;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    this.hashes[j] = h;
    this.starts[j] = this.start;
    this.lens[j] = len;
    this.vals[j * 3] = a;
    this.vals[j * 3 + 1] = b;
    this.vals[j * 3 + 2] = c;
    this.start = this.end;
    return this.count === this.capacity;
  }

  clear(): void {
    this.count = 0;
    this.start = 0;
    this.end = 0;
  }

  private grow(): void {
    const w = new Int32Array(this.words.length * 2);
    w.set(this.words.subarray(0, this.end));
    this.words = w;
  }
}

/** Reads a key back, in the order it was built. */
export class KeyReader {
  private i = 0;
  constructor(private readonly w: Int32Array) {}

  word(): number {
    return this.w[this.i++]!;
  }

  /** A number written with `number` (two words). */
  number(): number {
    const hi = this.word();
    return hi * 4294967296 + (this.word() >>> 0);
  }

  /** A number written with `word`, -1 meaning none. */
  int(): number | null {
    const v = this.word();
    return v === -1 ? null : v;
  }

  text(): string {
    const n = this.word();
    let s = '';
    for (let i = 0; i < n; i += 4) {
      const w = this.word();
      for (let j = 0; j < 4 && i + j < n; j++) s += String.fromCharCode((w >>> (24 - 8 * j)) & 255);
    }
    return s;
  }

  /** Text written as UTF-8 bytes. */
  utf8(): string {
    return Buffer.from(this.text(), 'latin1').toString('utf8');
  }

  /** An address, or `-` for the null marker. */
  addr(): string {
    const fam = this.word();
    if (fam === 0) return '-';
    if (fam === 4) {
      const v = this.word() >>> 0;
      return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    }
    return this.text();
  }
}

/** A table's memory, to move between threads (transferable) and merge; absorbed once (an empty table takes its buffers over). */
export interface TopTableState {
  /** The slots (layout below). */
  readonly slots: ArrayBuffer;
  /** Keys longer than the slot holds. */
  readonly arena: ArrayBuffer;
  readonly maxError: Float64Array;
  readonly approximate: boolean;
}

export interface TopEntry {
  readonly key: Int32Array;
  readonly values: readonly [number, number, number];
}

/**
 * A slot is one 64-byte cache line: int32 [0] hash, [1] key length in words (0: empty), [2..9] the
 * key when it fits in 8 words (else [2] is its start in the arena); float64 [5..7] the metrics.
 */
const SLOT_I32 = 16;
/** Entries room is made for at first (the default maxKeys, defaults.ts); larger tables grow. */
const INITIAL = 16384;
const INLINE = 8;

export class TopTable {
  private cap = 0;
  private size = 0;
  private mask = 0;
  /** One empty slot until the first key: a table that only absorbs another never allocates its own. */
  private i32 = new Int32Array(SLOT_I32);
  private f64 = new Float64Array(this.i32.buffer);
  private arena = new Int32Array(256);
  private arenaLen = 0;
  private readonly keep: number;
  private readonly batch = new KeyBatch(256);
  /** Purge working memory, allocated on the first purge. */
  private scratch: Float64Array | undefined;
  private where: Int32Array | undefined;
  /** Written by the first pass of `flush` so that its reads are not optimised away. */
  touched = 0;
  /** Per metric: the most any reported value can be below the true total (0 while exact). */
  readonly maxError = new Float64Array(METRICS);
  private approx = false;
  /** Bumped on every change, so that the lists `top` computes are reused until the next one. */
  private version = 0;
  private lists: { readonly version: number; readonly n: number; readonly lists: TopEntry[][] } | undefined;

  constructor(readonly maxKeys: number) {
    this.keep = Math.max(1, Math.floor(maxKeys / 16));
  }

  /** Room for keys: the default size at once (growing by rehashing costs more than untouched pages). */
  private ready(): void {
    if (this.cap === 0) this.alloc(Math.min(INITIAL, this.maxKeys));
  }

  get distinct(): number {
    this.flush();
    return this.size;
  }

  /** True once the table outgrew `maxKeys` (values are then lower bounds, see `maxError`). */
  get approximate(): boolean {
    this.flush();
    return this.approx;
  }

  /** Starts a key; build it with the returned batch, then `commit` it. */
  key(): KeyBatch {
    return this.batch.begin();
  }

  /** Adds the metrics to the key just built. */
  commit(a: number, b: number, c: number): void {
    if (this.batch.commit(a, b, c)) this.flush();
  }

  /**
   * Applies the batch. The first pass only reads each key's home slot: the reads do not depend on
   * one another, so their cache misses overlap, and the second pass finds the slots in cache.
   */
  flush(): void {
    const B = this.batch;
    const n = B.count;
    if (n === 0) return;
    this.version++;
    this.ready();
    const i32 = this.i32;
    const mask = this.mask;
    let touch = 0;
    for (let j = 0; j < n; j++) {
      // Both ends: a slot may straddle two cache lines.
      const o = (B.hashes[j]! & mask) * SLOT_I32;
      touch ^= i32[o]! ^ i32[o + SLOT_I32 - 1]!;
    }
    this.touched = touch;
    const v = B.vals;
    for (let j = 0; j < n; j++)
      this.add(B.hashes[j]!, B.words, B.starts[j]!, B.lens[j]!, v[j * 3]!, v[j * 3 + 1]!, v[j * 3 + 2]!);
    B.clear();
  }

  /** Adds to the key w[start, start + len) with hash h. */
  private add(h: number, w: Int32Array, start: number, len: number, a: number, b: number, c: number): void {
    const i32 = this.i32;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const o = i * SLOT_I32;
      const l = i32[o + 1]!;
      if (l === 0) break;
      if (
        i32[o] === h &&
        l === len &&
        (len <= INLINE ? sameInline(i32, o, w, start, len) : this.same(o, w, start, len))
      ) {
        const f = this.f64;
        const p = (o >> 1) + 5;
        f[p] = f[p]! + a;
        f[p + 1] = f[p + 1]! + b;
        f[p + 2] = f[p + 2]! + c;
        return;
      }
      i = (i + 1) & mask;
    }
    if (this.size === this.cap) {
      if (this.cap < this.maxKeys) this.alloc(Math.min(this.cap * 2, this.maxKeys));
      else this.purge();
      i = this.free(h);
    }
    const o = i * SLOT_I32;
    const t = this.i32;
    t[o] = h;
    t[o + 1] = len;
    if (len <= INLINE) for (let x = 0; x < len; x++) t[o + 2 + x] = w[start + x]!;
    else t[o + 2] = this.store(w, start, len);
    const p = (o >> 1) + 5;
    this.f64[p] = a;
    this.f64[p + 1] = b;
    this.f64[p + 2] = c;
    this.size++;
  }

  private same(o: number, w: Int32Array, start: number, len: number): boolean {
    if (len <= INLINE) {
      const i32 = this.i32;
      for (let j = 0; j < len; j++) if (i32[o + 2 + j] !== w[start + j]) return false;
      return true;
    }
    const ar = this.arena;
    const s = this.i32[o + 2]!;
    for (let j = 0; j < len; j++) if (ar[s + j] !== w[start + j]) return false;
    return true;
  }

  private free(h: number): number {
    let i = h & this.mask;
    while (this.i32[i * SLOT_I32 + 1] !== 0) i = (i + 1) & this.mask;
    return i;
  }

  private store(words: Int32Array, from: number, len: number): number {
    if (this.arenaLen + len > this.arena.length) {
      let n = this.arena.length * 2;
      while (n < this.arenaLen + len) n *= 2;
      const ar = new Int32Array(n);
      ar.set(this.arena.subarray(0, this.arenaLen));
      this.arena = ar;
    }
    const start = this.arenaLen;
    this.arena.set(words.subarray(from, from + len), start);
    this.arenaLen += len;
    return start;
  }

  /** compareKeys(key of slot o, key), reading the slot in place. */
  private compareAt(o: number, key: Int32Array): number {
    const len = this.i32[o + 1]!;
    const w = len <= INLINE ? this.i32 : this.arena;
    const s = len <= INLINE ? o + 2 : this.i32[o + 2]!;
    for (let j = 0; j < len && j < key.length; j++) {
      const x = w[s + j]! >>> 0;
      const y = key[j]! >>> 0;
      if (x !== y) return x < y ? -1 : 1;
    }
    return len - key.length;
  }

  private keyOf(o: number): Int32Array {
    const len = this.i32[o + 1]!;
    if (len <= INLINE) return this.i32.slice(o + 2, o + 2 + len);
    const start = this.i32[o + 2]!;
    return this.arena.slice(start, start + len);
  }

  /** The table as it is in memory (its buffers can be transferred to another thread). */
  export(): TopTableState {
    this.flush();
    return {
      slots: this.i32.buffer as ArrayBuffer,
      arena: this.arena.buffer.slice(0, this.arenaLen * 4) as ArrayBuffer,
      maxError: Float64Array.from(this.maxError),
      approximate: this.approx,
    };
  }

  /**
   * Adds another table's contents (a mergeable summary: values add, error bounds add, and a purge
   * the merge causes adds its own). Hashes are reused, keys not rebuilt.
   */
  absorb(s: TopTableState): void {
    this.flush();
    this.version++;
    if (this.size === 0 && !this.approx && this.adopt(s)) return;
    this.ready();
    const i32 = new Int32Array(s.slots);
    const f64 = new Float64Array(s.slots);
    const arena = new Int32Array(s.arena);
    const slots = i32.length / SLOT_I32;
    for (let i = 0; i < slots; i++) {
      const o = i * SLOT_I32;
      const len = i32[o + 1]!;
      if (len === 0) continue;
      const p = (o >> 1) + 5;
      if (len <= INLINE) this.add(i32[o]!, i32, o + 2, len, f64[p]!, f64[p + 1]!, f64[p + 2]!);
      else this.add(i32[o]!, arena, i32[o + 2]!, len, f64[p]!, f64[p + 1]!, f64[p + 2]!);
    }
    for (let m = 0; m < METRICS; m++) this.maxError[m] = this.maxError[m]! + s.maxError[m]!;
    if (s.approximate) this.approx = true;
  }

  /**
   * An empty table takes another's contents as they are (the same layout, slot for slot) instead
   * of adding entry by entry; false when the state does not fit, and nothing changed.
   */
  private adopt(s: TopTableState): boolean {
    const slots = s.slots.byteLength / (SLOT_I32 * 4);
    if (slots < 16 || !Number.isInteger(slots) || (slots & (slots - 1)) !== 0) return false;
    const cap = Math.min(this.maxKeys, slots / 2);
    const buf = s.slots;
    const i32 = new Int32Array(buf);
    let size = 0;
    for (let i = 0; i < slots; i++) if (i32[i * SLOT_I32 + 1] !== 0) size++;
    if (size > cap) return false;
    this.i32 = i32;
    this.f64 = new Float64Array(buf);
    this.mask = slots - 1;
    this.cap = cap;
    this.size = size;
    const arena = new Int32Array(s.arena);
    this.arena = new Int32Array(Math.max(256, arena.length));
    this.arena.set(arena);
    this.arenaLen = arena.length;
    this.maxError.set(s.maxError);
    this.approx = s.approximate;
    return true;
  }

  /** The `n` entries with the largest value of `metric`, largest first (ties: by key). */
  top(n: number, metric: number): TopEntry[] {
    this.flush();
    const c = this.lists;
    if (c && c.version === this.version && c.n === n) return c.lists[metric]!;
    const lists = this.scanTops(n);
    this.lists = { version: this.version, n, lists };
    return lists[metric]!;
  }

  /** The top-n lists of every metric, in one pass over the slots. */
  private scanTops(n: number): TopEntry[][] {
    const bests: { o: number; x: number; key: Int32Array }[][] = [[], [], []];
    const f = this.f64;
    const slots = this.mask + 1;
    for (let i = 0; i < slots; i++) {
      const o = i * SLOT_I32;
      if (this.i32[o + 1] === 0) continue;
      const v = (o >> 1) + 5;
      if (f[v]! <= 0 && f[v + 1]! <= 0 && f[v + 2]! <= 0) continue;
      let key: Int32Array | undefined;
      for (let m = 0; m < METRICS; m++) {
        const best = bests[m]!;
        const x = f[v + m]!;
        if (best.length === n) {
          // Most entries lose to the last one kept (on ties, the smaller key wins), without a copy.
          const last = best[n - 1]!;
          if (x < last.x || (x === last.x && this.compareAt(o, last.key) >= 0)) continue;
        }
        key ??= this.keyOf(o);
        // Insertion in order: largest first, ties by key.
        let j = best.length;
        best.push({ o, x, key });
        while (j > 0) {
          const p = best[j - 1]!;
          if (p.x > x || (p.x === x && compareKeys(p.key, key) <= 0)) break;
          best[j] = p;
          j--;
        }
        best[j] = { o, x, key };
        if (best.length > n) best.pop();
      }
    }
    return bests.map((best) =>
      best.map(({ o, key }) => {
        const v = (o >> 1) + 5;
        return { key, values: [f[v]!, f[v + 1]!, f[v + 2]!] as [number, number, number] };
      }),
    );
  }

  /** Allocates room for `cap` entries and moves the current ones in. */
  private alloc(cap: number): void {
    const old32 = this.i32;
    const oldF = this.f64;
    const oldSlots = old32.length / SLOT_I32;
    let slots = 16;
    while (slots < cap * 2) slots *= 2;
    const buf = new ArrayBuffer(slots * SLOT_I32 * 4);
    this.i32 = new Int32Array(buf);
    this.f64 = new Float64Array(buf);
    this.mask = slots - 1;
    this.cap = cap;
    for (let i = 0; i < oldSlots; i++) {
      const o = i * SLOT_I32;
      if (old32[o + 1] === 0) continue;
      this.copySlot(old32, oldF, o, this.free(old32[o]!) * SLOT_I32);
    }
  }

  private copySlot(from32: Int32Array, fromF: Float64Array, o: number, n: number): void {
    const t = this.i32;
    for (let x = 0; x < 10; x++) t[n + x] = from32[o + x]!;
    const p = (o >> 1) + 5;
    const q = (n >> 1) + 5;
    const f = this.f64;
    f[q] = fromF[p]!;
    f[q + 1] = fromF[p + 1]!;
    f[q + 2] = fromF[p + 2]!;
  }

  /** The batch decrement of Misra-Gries, on every metric; leaves at most 3 * keep entries. */
  private purge(): void {
    const slots = this.mask + 1;
    const i32 = this.i32;
    const f = this.f64;
    const n = this.size;
    this.scratch ??= new Float64Array(this.maxKeys * 4);
    this.where ??= new Int32Array(this.maxKeys);
    const sc = this.scratch;
    const where = this.where;
    // One pass: where each entry is, and its metrics side by side for the three selections.
    let c = 0;
    for (let i = 0; i < slots; i++) {
      if (i32[i * SLOT_I32 + 1] === 0) continue;
      const p = i * 8 + 5;
      where[c] = i;
      sc[c] = f[p]!;
      sc[n + c] = f[p + 1]!;
      sc[2 * n + c] = f[p + 2]!;
      c++;
    }
    const sel = sc.subarray(3 * n, 4 * n);
    const cut = [0, 0, 0];
    for (let m = 0; m < METRICS; m++) {
      sel.set(sc.subarray(m * n, m * n + c));
      cut[m] = c > this.keep ? kthLargest(sel, c, this.keep + 1) : 0;
      this.maxError[m] = this.maxError[m]! + cut[m]!;
    }
    // Decrement; survivors are set aside, and every slot is emptied.
    const [c0, c1, c2] = cut as [number, number, number];
    const saved: number[] = [];
    for (let j = 0; j < c; j++) {
      const a = sc[j]! - c0;
      const b = sc[n + j]! - c1;
      const d = sc[2 * n + j]! - c2;
      const o = where[j]! * SLOT_I32;
      if (a > 0 || b > 0 || d > 0) {
        const p = (o >> 1) + 5;
        f[p] = Math.max(0, a);
        f[p + 1] = Math.max(0, b);
        f[p + 2] = Math.max(0, d);
        saved.push(o);
      } else i32[o + 1] = 0;
    }
    // Survivors move to the first free slot of their probe sequence; long keys get a new arena.
    const tmp32 = new Int32Array(saved.length * SLOT_I32);
    const tmpF = new Float64Array(tmp32.buffer);
    saved.forEach((o, j) => {
      const t = j * SLOT_I32;
      for (let x = 0; x < SLOT_I32; x++) tmp32[t + x] = i32[o + x]!;
      i32[o + 1] = 0;
    });
    const oldArena = this.arena;
    this.arena = new Int32Array(Math.max(256, this.arenaLen));
    this.arenaLen = 0;
    for (let j = 0; j < saved.length; j++) {
      const t = j * SLOT_I32;
      const o = this.free(tmp32[t]!) * SLOT_I32;
      this.copySlot(tmp32, tmpF, t, o);
      const len = tmp32[t + 1]!;
      if (len > INLINE) i32[o + 2] = this.store(oldArena, tmp32[t + 2]!, len);
    }
    this.size = saved.length;
    this.approx = true;
  }
}

function sameInline(i32: Int32Array, o: number, w: Int32Array, start: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (i32[o + 2 + j] !== w[start + j]) return false;
  return true;
}

function compareKeys(a: Int32Array, b: Int32Array): number {
  for (let j = 0; j < a.length && j < b.length; j++) {
    const x = a[j]! >>> 0;
    const y = b[j]! >>> 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The k-th largest (1-based) of a[0, n); reorders a. Quickselect with a three-way partition. */
export function kthLargest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  let target = k - 1;
  let seed = 0x9e3779b9;
  while (lo < hi) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const pivot = a[lo + (seed % (hi - lo + 1))]!;
    // Descending: [lo, lt) > pivot, [lt, gt] == pivot, (gt, hi] < pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const x = a[i]!;
      if (x > pivot) {
        a[i] = a[lt]!;
        a[lt] = x;
        lt++;
        i++;
      } else if (x < pivot) {
        a[i] = a[gt]!;
        a[gt] = x;
        gt--;
      } else i++;
    }
    if (target < lt - lo) hi = lt - 1;
    else if (target <= gt - lo) return pivot;
    else {
      target -= gt - lo + 1;
      lo = gt + 1;
    }
  }
  return a[lo]!;
}
