/** Defaults of the logs commands (a module of its own, so that the CLI can show them without loading the readers). */
export const DEFAULT_TOP = 10;
export const DEFAULT_QUERY_TOP = 20;
/** Distinct keys per table kept exactly (`--max-keys`). */
export const DEFAULT_MAX_KEYS = 16384;
