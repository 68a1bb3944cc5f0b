// Test-only helper: a vitest `it` that runs a fast-check property (not exported from index.ts).
// Uses plain fast-check: importing @fast-check/vitest costs ~1.5 s per test file here.

import * as fc from 'fast-check';
import { it } from 'vitest';

export { fc };

/** Registers a property test; `check` should throw (e.g. via expect) on a counterexample. */
export function prop<Ts extends unknown[]>(
  name: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  check: (...args: Ts) => void,
  params: fc.Parameters<[Ts]> = {},
): void {
  it(name, () => {
    fc.assert(
      fc.property(fc.tuple<Ts>(...arbitraries), (args) => check(...args)),
      params,
    );
  });
}
