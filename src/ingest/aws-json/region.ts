/**
 * Region and account from folder names and from resources. Batfish lays snapshots out as
 * `aws_configs/[account/][region/]*.json`, CloudMapper as `account-data/<name>/<region>/ec2-describe-*.json`.
 */
import path from 'node:path';

const REGION =
  /^(us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)(-(gov|iso|isob|isoe|isof|[a-z]{2}))?-(east|west|north|south|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;

/** `us-east-2`, `eu-west-1`, `ap-southeast-1`, `us-gov-west-1`, `cn-north-1`, ... */
export function isRegionName(s: string): boolean {
  return REGION.test(s);
}

export function isAccountId(s: string | undefined): s is string {
  return s !== undefined && ACCOUNT.test(s);
}

/**
 * `us-east-1a` → `us-east-1`; Local and Wavelength Zones (`us-west-2-lax-1a`,
 * `us-east-1-wl1-bos-wlz-1`) → their parent region.
 */
export function regionOfAvailabilityZone(az: string | undefined): string | undefined {
  if (!az) return undefined;
  const parts = az.split('-');
  for (let i = 2; i <= parts.length; i++) {
    let candidate = parts.slice(0, i).join('-');
    if (i === parts.length) candidate = stripTrailingLetters(candidate);
    if (isRegionName(candidate)) return candidate;
  }
  return undefined;
}

function stripTrailingLetters(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c < 97 || c > 122) break;
    end--;
  }
  return s.slice(0, end);
}

/** The deepest folder named like a region and the deepest named like an account id. */
export function folderOrigin(file: string): { region?: string; accountId?: string } {
  const parts = path.resolve(file).split(path.sep);
  parts.pop();
  let region: string | undefined;
  let accountId: string | undefined;
  for (const p of parts) {
    if (isRegionName(p)) region = p;
    else if (isAccountId(p)) accountId = p;
  }
  return { ...(region ? { region } : {}), ...(accountId ? { accountId } : {}) };
}
