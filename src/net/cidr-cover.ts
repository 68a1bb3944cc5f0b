// Minimal CIDR cover of an inclusive address range (the classic "range to prefixes" split).
// Knows only aligned power-of-two blocks; knows nothing about sets or routing.

import { bitsOf, type Cidr, type Family, maxValueOf } from './types.js';

/**
 * The fewest CIDR blocks whose union is exactly [start, end], in address order.
 * Each step takes the largest block that is aligned at the cursor and ends within the range.
 */
export function rangeToCidrs(family: Family, start: bigint, end: bigint): Cidr[] {
  if (start < 0n || end > maxValueOf(family) || start > end) {
    throw new RangeError(`invalid IPv${family} range ${start}..${end}`);
  }
  const bits = bitsOf(family);
  const out: Cidr[] = [];
  let cursor = start;
  while (cursor <= end) {
    let hostBits = 0;
    while (hostBits < bits) {
      const grown = 1n << BigInt(hostBits + 1);
      if ((cursor & (grown - 1n)) !== 0n || cursor + grown - 1n > end) break;
      hostBits++;
    }
    out.push({ family, base: cursor, prefix: bits - hostBits });
    cursor += 1n << BigInt(hostBits);
  }
  return out;
}
