// Longest-prefix-match table: a binary trie over the address bits of one family.
// Knows prefixes and bits only; the values it stores (routes, rules, ...) are opaque to it.

import { cidrOf } from './cidr.js';
import { bitsOf, type Cidr, type Family, type Ip } from './types.js';

/** One prefix in the table with the values stored for it, in insertion order. */
export interface LpmEntry<T> {
  readonly cidr: Cidr;
  readonly values: readonly T[];
}

interface MutableEntry<T> {
  readonly cidr: Cidr;
  readonly values: T[];
}

class TrieNode<T> {
  zero: TrieNode<T> | undefined = undefined;
  one: TrieNode<T> | undefined = undefined;
  entry: MutableEntry<T> | undefined = undefined;
}

/**
 * Binary trie keyed by prefix bits. The address is split into 32-bit words once per call, so the
 * walk itself uses only number arithmetic. Returned entries are live views: do not mutate them.
 */
export class LpmTrie<T> {
  readonly family: Family;
  private readonly bits: number;
  private readonly root = new TrieNode<T>();
  private readonly words: Uint32Array;
  private count = 0;

  constructor(family: Family) {
    this.family = family;
    this.bits = bitsOf(family);
    this.words = new Uint32Array(this.bits / 32);
  }

  /** Number of stored values (not prefixes). */
  get size(): number {
    return this.count;
  }

  /** Adds a value under a prefix; values sharing a prefix keep insertion order. */
  insert(cidr: Cidr, value: T): void {
    if (cidr.family !== this.family) {
      throw new Error(`IPv${cidr.family} prefix inserted into an IPv${this.family} table`);
    }
    const normal = cidrOf({ family: cidr.family, value: cidr.base }, cidr.prefix);
    if (normal.base !== cidr.base) throw new RangeError('CIDR base has host bits set');
    this.load(cidr.base);
    let node = this.root;
    for (let depth = 0; depth < cidr.prefix; depth++) {
      if (this.bit(depth) === 0) node = node.zero ??= new TrieNode<T>();
      else node = node.one ??= new TrieNode<T>();
    }
    if (node.entry === undefined) node.entry = { cidr: normal, values: [] };
    node.entry.values.push(value);
    this.count++;
  }

  /** The longest stored prefix containing `ip`, or undefined. Other-family addresses never match. */
  lookup(ip: Ip): LpmEntry<T> | undefined {
    if (ip.family !== this.family) return undefined;
    this.load(ip.value);
    let node: TrieNode<T> | undefined = this.root;
    let best: MutableEntry<T> | undefined;
    for (let depth = 0; node !== undefined; depth++) {
      if (node.entry !== undefined) best = node.entry;
      if (depth === this.bits) break;
      node = this.bit(depth) === 0 ? node.zero : node.one;
    }
    return best;
  }

  /** Every stored prefix containing `ip`, longest first. */
  matches(ip: Ip): Array<LpmEntry<T>> {
    const found: Array<LpmEntry<T>> = [];
    if (ip.family !== this.family) return found;
    this.load(ip.value);
    let node: TrieNode<T> | undefined = this.root;
    for (let depth = 0; node !== undefined; depth++) {
      if (node.entry !== undefined) found.push(node.entry);
      if (depth === this.bits) break;
      node = this.bit(depth) === 0 ? node.zero : node.one;
    }
    return found.reverse();
  }

  /** Every stored prefix, ordered by base address, then shorter prefix first (pre-order walk). */
  entries(): Array<LpmEntry<T>> {
    const out: Array<LpmEntry<T>> = [];
    const stack: Array<TrieNode<T>> = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.entry !== undefined) out.push(node.entry);
      if (node.one !== undefined) stack.push(node.one);
      if (node.zero !== undefined) stack.push(node.zero);
    }
    return out;
  }

  /** Splits a value into big-endian 32-bit words in the scratch buffer. */
  private load(value: bigint): void {
    const words = this.words;
    if (words.length === 1) {
      words[0] = Number(value);
      return;
    }
    for (let i = words.length - 1; i >= 0; i--) {
      words[i] = Number(value & 0xffff_ffffn);
      value >>= 32n;
    }
  }

  /** Bit `depth` of the loaded value, counting from the most significant bit. */
  private bit(depth: number): number {
    return (this.words[depth >>> 5]! >>> (31 - (depth & 31))) & 1;
  }
}
