/** Exit codes of every command (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** trace: unreachable or partial. */
  blocked: 1,
  /** Usage or input error. */
  input: 2,
  /** trace: the answer depends on data the input does not hold. */
  unknown: 3,
  /** A bug in vpcsim (never an answer about the network). */
  internal: 4,
} as const;

/** An error the CLI reports as one sentence and exit 2. */
export class UsageError extends Error {}
