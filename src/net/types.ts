// Core value types of the net layer: IP families, addresses, CIDR blocks and port ranges.
// Knows only plain numbers and bit widths; knows nothing about text formats or AWS.

/** IP version. */
export type Family = 4 | 6;

/** An address. v4: 0..2^32-1, v6: 0..2^128-1. */
export interface Ip {
  readonly family: Family;
  readonly value: bigint;
}

/** A CIDR block. `base` always has its host bits cleared. */
export interface Cidr {
  readonly family: Family;
  readonly base: bigint;
  readonly prefix: number;
}

/** An inclusive range of transport ports, 0..65535. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Address width in bits for a family. */
export function bitsOf(family: Family): 32 | 128 {
  return family === 4 ? 32 : 128;
}

/** Largest address value of a family (all bits set). */
export function maxValueOf(family: Family): bigint {
  return family === 4 ? 0xffff_ffffn : (1n << 128n) - 1n;
}
