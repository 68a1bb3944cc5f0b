// fast-check arbitraries shared by the net tests (test-only; not exported from index.ts).
// Knows how to make random addresses and blocks that often nest or overlap.

import * as fc from 'fast-check';
import { cidrOf } from './cidr.js';
import { bitsOf, type Cidr, type Family, type Ip, maxValueOf } from './types.js';

export const valueArb = (family: Family) => fc.bigInt({ min: 0n, max: maxValueOf(family) });

export const ipArb = (family: Family): fc.Arbitrary<Ip> =>
  valueArb(family).map((value) => ({ family, value }));

export const cidrArb = (family: Family): fc.Arbitrary<Cidr> =>
  fc
    .tuple(valueArb(family), fc.integer({ min: 0, max: bitsOf(family) }))
    .map(([value, prefix]) => cidrOf({ family, value }, prefix));

/** An address near `seed`: the top bits are kept, the low `keep`-selected bits are random. */
export const nearArb = (family: Family, seed: bigint): fc.Arbitrary<Ip> =>
  fc.tuple(fc.integer({ min: 0, max: bitsOf(family) }), valueArb(family)).map(([hostBits, noise]) => {
    const mask = (1n << BigInt(hostBits)) - 1n;
    return { family, value: (seed & ~mask & maxValueOf(family)) | (noise & mask) };
  });

/** Blocks drawn around a few shared seeds, so they frequently nest and overlap. */
export const clusteredCidrsArb = (family: Family, maxLength: number): fc.Arbitrary<Cidr[]> =>
  fc.array(valueArb(family), { minLength: 1, maxLength: 3 }).chain((seeds) =>
    fc.array(
      fc
        .tuple(fc.constantFrom(...seeds), fc.integer({ min: 0, max: bitsOf(family) }))
        .chain(([seed, prefix]) => nearArb(family, seed).map((ip) => cidrOf(ip, prefix))),
      { maxLength },
    ),
  );

/** Addresses drawn around the given blocks (inside, at edges, or anywhere). */
export const probeArb = (family: Family, cidrs: readonly Cidr[]): fc.Arbitrary<Ip> =>
  cidrs.length === 0
    ? ipArb(family)
    : fc.oneof(
        ipArb(family),
        fc.constantFrom(...cidrs).chain((c) => nearArb(family, c.base)),
      );
