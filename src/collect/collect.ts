/**
 * Live collection (docs/collect.md): calls the read-only EC2 APIs of COLLECT_APIS in each region
 * with the AWS SDK v3 and writes `<out>/<region>/<Key>.json` = `{"<Key>": [...]}`, the shape of
 * `aws ec2 describe-* --output json` the loader reads (it takes the region from the folder name).
 *
 * `@aws-sdk/client-ec2` is an optional dependency, imported only here and only when collect runs.
 * Credentials come from the SDK's standard chain (`profile` picks a shared-config profile); nothing
 * is stored. Throttling and transient errors are retried by the SDK; a permission error on one API
 * is a warning naming the IAM action, and the other files are still written.
 */
import path from 'node:path';
import { isRegionName } from '../ingest/aws-json/region.js';
import { COLLECT_APIS, type CollectApi, ENTRIES_OPERATION, iamAction } from './apis.js';
import { writeFileAtomic } from './atomic-write.js';
import { redactSecrets } from './redact.js';

export interface CollectOptions {
  readonly out: string;
  /** Regions to collect; default: the region of the profile / environment. */
  readonly regions?: readonly string[];
  readonly profile?: string;
  /** A custom EC2 endpoint (tests, LocalStack); like the AWS CLI's `--endpoint-url`. */
  readonly endpoint?: string;
  /** SDK attempts per call, the first included (default 5). */
  readonly maxAttempts?: number;
  /** SDK retry mode (default `adaptive`: client-side rate limiting on throttling). */
  readonly retryMode?: 'standard' | 'adaptive';
  /** Called once per API done (the CLI prints it on a TTY). */
  readonly onProgress?: (line: string) => void;
  /** Called for each warning (the CLI prints it on stderr). */
  readonly onWarning?: (line: string) => void;
}

export interface CollectWarning {
  readonly region: string;
  readonly operation: string;
  /** The IAM action that was refused, for permission errors. */
  readonly missingPermission?: string;
  readonly code: string;
  readonly message: string;
}

export interface CollectResult {
  readonly regions: readonly string[];
  /** Paths written, relative to `out`. */
  readonly files: readonly string[];
  readonly warnings: readonly CollectWarning[];
}

/** A failure that stops collection: the CLI prints the message as one sentence and exits 2. */
export class CollectError extends Error {}

type Ec2Module = typeof import('@aws-sdk/client-ec2');
type Ec2Client = InstanceType<Ec2Module['EC2Client']>;

export const SDK_MISSING =
  'collect needs the AWS SDK for EC2, which is not installed: run `npm install @aws-sdk/client-ec2`.';

/** The SDK module; `importer` is replaceable for tests. */
export async function loadSdk(
  importer: () => Promise<unknown> = () => import('@aws-sdk/client-ec2'),
): Promise<Ec2Module> {
  // The SDK's notice that future versions need Node 22 is not the user's business on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    return (await importer()) as Ec2Module;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new CollectError(SDK_MISSING);
    throw e;
  }
}

const PERMISSION_ERRORS = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'Client.UnauthorizedOperation',
]);

/** Errors about the credentials themselves: every call would fail the same way. */
const CREDENTIAL_ERRORS = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'CredentialsProviderError',
]);

/** The endpoint cannot be reached (after the SDK's retries): every other call would fail too. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
]);

function errorCode(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { name?: unknown; Code?: unknown; code?: unknown };
    for (const v of [o.Code, o.name, o.code]) if (typeof v === 'string' && v !== 'Error') return v;
  }
  return 'Error';
}

function errorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').trim();
}

function newClient(sdk: Ec2Module, o: CollectOptions, region: string | undefined): Ec2Client {
  return new sdk.EC2Client({
    ...(region ? { region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    maxAttempts: o.maxAttempts ?? 5,
    retryMode: o.retryMode ?? 'adaptive',
  });
}

/** The region of the profile or environment (AWS_REGION, config file), as the AWS CLI would use. */
async function defaultRegion(sdk: Ec2Module, o: CollectOptions): Promise<string> {
  const client = newClient(sdk, o, undefined);
  try {
    const r = await client.config.region();
    if (typeof r === 'string' && r !== '') return r;
  } catch {
    // fall through
  } finally {
    client.destroy();
  }
  throw new CollectError(
    "no AWS region is configured: pass --region (repeatable) or set AWS_REGION or the profile's region.",
  );
}

/** All items of one API, across pages. */
async function fetchAll(
  sdk: Ec2Module,
  client: Ec2Client,
  operation: string,
  outputKey: string,
  input: Readonly<Record<string, unknown>>,
  paginated: boolean,
): Promise<unknown[]> {
  const mod = sdk as unknown as Record<string, unknown>;
  const items: unknown[] = [];
  const take = (page: unknown) => {
    const list = (page as Record<string, unknown> | undefined)?.[outputKey];
    if (Array.isArray(list)) items.push(...list);
  };
  const paginate = mod[`paginate${operation}`];
  if (paginated && typeof paginate === 'function') {
    const pages = (paginate as (c: unknown, i: unknown) => AsyncIterable<unknown>)({ client }, { ...input });
    for await (const page of pages) take(page);
    return items;
  }
  const Command = mod[`${operation}Command`] as new (i: unknown) => unknown;
  // biome-ignore lint/suspicious/noExplicitAny: send() is typed per command; the command is looked up by name.
  take(await client.send(new Command({ ...input }) as any));
  return items;
}

export async function collect(o: CollectOptions): Promise<CollectResult> {
  const sdk = await loadSdk();
  const regions = o.regions && o.regions.length > 0 ? [...new Set(o.regions)] : [await defaultRegion(sdk, o)];
  for (const r of regions)
    if (!isRegionName(r))
      throw new CollectError(`${JSON.stringify(r)} is not an AWS region name (like us-east-1).`);
  const files: string[] = [];
  const warnings: CollectWarning[] = [];
  const warn = (w: CollectWarning) => {
    warnings.push(w);
    o.onWarning?.(
      w.missingPermission
        ? `${w.region}: ${w.operation} was refused (${w.code}); grant ${w.missingPermission} to collect it. Skipped.`
        : `${w.region}: ${w.operation} failed (${w.code}: ${w.message}). Skipped.`,
    );
  };

  for (const region of regions) {
    const client = newClient(sdk, o, region);
    /** Prefix lists whose CIDRs describe-prefix-lists already gave (the AWS service lists). */
    const known = new Set<string>();
    try {
      for (const api of COLLECT_APIS) {
        const input = api.input ?? {};
        let items: unknown[];
        try {
          items = await fetchAll(sdk, client, api.operation, api.outputKey, input, api.paginated);
          if (api.operation === 'DescribePrefixLists') for (const id of listsWithCidrs(items)) known.add(id);
          if (api.operation === 'DescribeManagedPrefixLists')
            items = await withEntries(sdk, client, region, items, known, warn);
        } catch (e) {
          handleError(e, region, api, warn);
          continue;
        }
        const key = api.fileKey ?? api.outputKey;
        const rel = path.join(region, `${key}.json`);
        const doc = redactSecrets({ [key]: items });
        await writeFileAtomic(path.join(o.out, rel), `${JSON.stringify(doc, null, 2)}\n`);
        files.push(rel);
        o.onProgress?.(`${region}: ${api.operation}: ${items.length} ${plural(items.length)} → ${rel}`);
      }
    } finally {
      client.destroy();
    }
  }
  return { regions, files, warnings };
}

function plural(n: number): string {
  return n === 1 ? 'item' : 'items';
}

function handleError(
  e: unknown,
  region: string,
  api: Pick<CollectApi, 'operation'>,
  warn: (w: CollectWarning) => void,
) {
  const code = errorCode(e);
  if (CREDENTIAL_ERRORS.has(code) || (e instanceof Error && e.name === 'CredentialsProviderError'))
    throw new CollectError(
      `AWS rejected or could not find credentials in ${region} (${code}: ${errorMessage(e)}); check --profile or the AWS_* environment.`,
    );
  if (NETWORK_ERRORS.has(code))
    throw new CollectError(
      `could not reach the EC2 endpoint of ${region} (${code}: ${errorMessage(e)}); check the network, proxy and region.`,
    );
  if (PERMISSION_ERRORS.has(code)) {
    warn({
      region,
      operation: api.operation,
      missingPermission: iamAction(api.operation),
      code,
      message: errorMessage(e),
    });
    return;
  }
  warn({ region, operation: api.operation, code, message: errorMessage(e) });
}

function listsWithCidrs(items: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const i of items) {
    const o = i as Record<string, unknown> | null;
    if (o && typeof o.PrefixListId === 'string' && Array.isArray(o.Cidrs)) ids.push(o.PrefixListId);
  }
  return ids;
}

/**
 * Each managed prefix list with its `Entries` (get-managed-prefix-list-entries), except those whose
 * CIDRs describe-prefix-lists gave (the S3 / DynamoDB service lists: listing them twice would load as
 * a duplicate). A list whose entries could not be read keeps no `Entries`: the loader then knows it
 * exists, contents unknown.
 */
async function withEntries(
  sdk: Ec2Module,
  client: Ec2Client,
  region: string,
  lists: readonly unknown[],
  known: ReadonlySet<string>,
  warn: (w: CollectWarning) => void,
): Promise<unknown[]> {
  const out: unknown[] = [];
  let refused = false;
  for (const l of lists) {
    const list = l as Record<string, unknown>;
    const id = list.PrefixListId;
    if (typeof id !== 'string' || known.has(id) || refused) {
      out.push(list);
      continue;
    }
    try {
      const entries = await fetchAll(sdk, client, ENTRIES_OPERATION, 'Entries', { PrefixListId: id }, true);
      out.push({ ...list, Entries: entries });
    } catch (e) {
      const code = errorCode(e);
      // One refusal is enough: the permission is missing for every list.
      if (PERMISSION_ERRORS.has(code)) refused = true;
      handleError(e, region, { operation: `${ENTRIES_OPERATION} ${id}` }, (w) =>
        warn(PERMISSION_ERRORS.has(code) ? { ...w, missingPermission: iamAction(ENTRIES_OPERATION) } : w),
      );
      out.push(list);
    }
  }
  return out;
}
