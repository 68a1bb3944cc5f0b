/**
 * Load-time diagnostics as data: a stable `code`, where (file, resource id), and the offending
 * value. All wording lives in the renderer (src/engine/explain).
 */

export type WarningCode =
  | 'UNKNOWN_TOP_LEVEL_KEY'
  | 'UNRECOGNISED_FILE'
  | 'UNKNOWN_FIELD'
  | 'BAD_VALUE'
  | 'NON_CANONICAL_CIDR'
  | 'DUPLICATE_RESOURCE'
  | 'MISSING_REFERENCE'
  | 'ROUTE_TARGET_MISSING'
  | 'NO_MAIN_ROUTE_TABLE'
  | 'NO_NETWORK_ACL'
  | 'UNSUPPORTED_RESOURCE'
  | 'EMPTY_FILE'
  | 'UNKNOWN_UNTIL_APPLY'
  | 'UNRESOLVED_REFERENCE';

export interface LoadWarning {
  readonly code: WarningCode;
  readonly file?: string | undefined;
  readonly resourceId?: string | undefined;
  /** The field or key concerned, e.g. `IpPermissions[0].IpRanges[1].CidrIp`. */
  readonly field?: string | undefined;
  /** The offending value, as text. */
  readonly value?: string | undefined;
  /** Extra machine-readable context (e.g. the id referenced). */
  readonly detail?: string | undefined;
  /**
   * True when the item at `field` (a security-group or NACL rule, a route, an address) was dropped
   * because of this problem: an answer that depends on that item must not treat it as absent.
   */
  readonly skipped?: boolean | undefined;
}
