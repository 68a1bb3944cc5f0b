/**
 * collect's warnings and progress as data (stable codes), and their wording: the CLI prints what
 * these functions return; tests assert codes and fields.
 */
import { SERVICES, type ServiceName } from './apis.js';

export type CollectWarningCode =
  /** A call was refused for lack of an IAM permission: `missingPermission` names it. */
  | 'PERMISSION_DENIED'
  /** A call failed otherwise (after the SDK's retries). */
  | 'CALL_FAILED'
  /** The region's first call was refused as if the credentials were wrong: an opt-in region not enabled. */
  | 'REGION_SKIPPED'
  /** A service other than EC2 did not answer in a region where EC2 did. */
  | 'SERVICE_SKIPPED'
  /** The optional SDK package of a service other than EC2 is not installed. */
  | 'SDK_MISSING'
  /** SearchTransitGatewayRoutes said more routes exist than it returned. */
  | 'ROUTES_TRUNCATED';

export interface CollectWarning {
  readonly code: CollectWarningCode;
  /** The region, or `global` for the calls made once per run; absent for SDK_MISSING. */
  readonly region?: string;
  readonly service?: ServiceName;
  readonly operation?: string;
  /** The resource a per-item call was about (`tgw-rtb-…`, a target group ARN, ...). */
  readonly resourceId?: string;
  /** The IAM action that was refused (PERMISSION_DENIED). */
  readonly missingPermission?: string;
  /** The error code AWS (or the SDK) gave. */
  readonly awsCode?: string;
  /** The error message AWS gave, whitespace collapsed. */
  readonly message?: string;
}

export interface CollectProgress {
  readonly region: string;
  readonly operation: string;
  readonly resourceId?: string;
  readonly count: number;
  /** Path written, relative to the output folder. */
  readonly file: string;
}

function call(w: { operation?: string; resourceId?: string }): string {
  return `${w.operation ?? 'a call'}${w.resourceId ? ` for ${w.resourceId}` : ''}`;
}

export function collectWarningMessage(w: CollectWarning): string {
  const where = w.region ? `${w.region}: ` : '';
  const label = w.service ? SERVICES[w.service].label : 'a service';
  switch (w.code) {
    case 'PERMISSION_DENIED':
      return `${where}${call(w)} was refused (${w.awsCode}); grant ${w.missingPermission} to collect it. Skipped.`;
    case 'CALL_FAILED':
      return `${where}${call(w)} failed (${w.awsCode}: ${w.message}). Skipped.`;
    case 'REGION_SKIPPED':
      return w.awsCode === 'OptInRequired'
        ? `${where}the region is not enabled for this account (OptInRequired); skipped the region.`
        : `${where}AWS refused the region's first call (${w.awsCode}), as it does for an opt-in region that is not enabled; skipped the region.`;
    case 'SERVICE_SKIPPED':
      return `${where}${label} did not answer (${w.awsCode}: ${w.message}); nothing collected from it in this region.`;
    case 'SDK_MISSING':
      return `${label} was not collected because its SDK is not installed: run \`npm install ${w.service ? SERVICES[w.service].packageName : ''}\`.`;
    case 'ROUTES_TRUNCATED':
      return `${where}${call(w)} returned only part of the routes (AdditionalRoutesAvailable); traces through ${w.resourceId} may miss routes.`;
  }
}

export function progressMessage(p: CollectProgress): string {
  return `${p.region}: ${call(p)}: ${p.count} ${p.count === 1 ? 'item' : 'items'} → ${p.file}`;
}
