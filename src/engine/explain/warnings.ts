/** Wording of load warnings (codes from src/model/diagnostic.ts), for `inspect` and trace output. */
import type { LoadWarning } from '../../model/index.js';

export function warningMessage(w: LoadWarning): string {
  const id = w.resourceId ? ` ${w.resourceId}` : '';
  const field = w.field ? ` ${w.field}` : '';
  const value = w.value !== undefined ? ` = ${JSON.stringify(w.value)}` : '';
  const detail = w.detail ? ` (${w.detail})` : '';
  switch (w.code) {
    case 'UNKNOWN_TOP_LEVEL_KEY':
      return `unknown top-level key${value}: skipped${detail}`;
    case 'UNRECOGNISED_FILE':
      return `not describe-* output: skipped${detail}`;
    case 'UNKNOWN_FIELD':
      return `unknown field${field}${value}: ignored${detail}`;
    case 'BAD_VALUE':
      return `bad value in${id}${field}${value}: ${w.skipped ? 'item skipped' : 'value ignored'}${detail}`;
    case 'NON_CANONICAL_CIDR':
      return `CIDR with host bits set in${id}${field}${value}: used as its network address${detail}`;
    case 'DUPLICATE_RESOURCE':
      return `${id.trim() || 'a resource'} appears twice: the first copy is kept${detail}`;
    case 'MISSING_REFERENCE':
      return `${id.trim() || 'a resource'}${field} refers to${value} which is not in the snapshot${detail}`;
    case 'ROUTE_TARGET_MISSING':
      return `a route of${id}${field} points at${value}, which is not in the snapshot: treated as a blackhole route${detail}`;
    case 'NO_MAIN_ROUTE_TABLE':
      return `VPC${id} has route tables but none is marked main: subnets without an explicit association have no route table${detail}`;
    case 'NO_NETWORK_ACL':
      return `subnet${id} has no network ACL in the snapshot${detail}`;
    case 'UNSUPPORTED_RESOURCE':
      return `resource type${value} is not part of the network model: skipped${detail}`;
    case 'UNKNOWN_UNTIL_APPLY':
      if (w.value === undefined) return `${w.detail ?? 'value'} of${id}${field} is known only after apply`;
      return `${w.detail ?? 'value'} of${id}${field} is known only after apply: placeholder ${w.value} stands in for it (answers that depend on the address itself are about the placeholder)`;
    case 'EMPTY_FILE':
      return `empty file: skipped${detail}`;
    case 'UNRESOLVED_REFERENCE':
      return `${id.trim() || 'a resource'}${field} is known only after apply and refers to ${w.value ?? 'something'}, which the plan does not describe (terraform show -json leaves out locals): answers that depend on it are unknown${detail}`;
  }
}
