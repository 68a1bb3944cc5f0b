/**
 * The SDK side of collect: the optional client packages (imported only when collect runs), one
 * client per service and region, and fetching every page of a call (the SDK's paginator, or a loop
 * on the token for clients that have none).
 */
import { type CollectApi, SERVICES, type ServiceName } from './apis.js';

/** A failure that stops collection: the CLI prints the message as one sentence and exits 2. */
export class CollectError extends Error {}

export type SdkModule = Record<string, unknown>;

export interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
  readonly config: { region: () => Promise<string> };
}

export const SDK_MISSING =
  'collect needs the AWS SDK for EC2, which is not installed: run `npm install @aws-sdk/client-ec2`.';

const defaultImport = (packageName: string): Promise<unknown> => import(packageName);

function quietSdk(): void {
  // The SDK's notice that future versions need Node 22 is not the user's business on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

function isModuleNotFound(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** The EC2 SDK module; `importer` is replaceable for tests. */
export async function loadSdk(
  importer: () => Promise<unknown> = () => defaultImport(SERVICES.ec2.packageName),
): Promise<SdkModule> {
  quietSdk();
  try {
    return (await importer()) as SdkModule;
  } catch (e) {
    if (isModuleNotFound(e)) throw new CollectError(SDK_MISSING);
    throw e;
  }
}

/** What a client is built from (CollectOptions holds these). */
export interface ClientOptions {
  /** A shared-config profile for credentials and region. */
  readonly profile?: string;
  /** A custom endpoint for every service (tests, LocalStack); like the AWS CLI's `--endpoint-url`. */
  readonly endpoint?: string;
  /** SDK attempts per call, the first included (default 5). */
  readonly maxAttempts?: number;
  /** SDK retry mode (default `adaptive`: client-side rate limiting on throttling). */
  readonly retryMode?: 'standard' | 'adaptive';
  /** Imports an SDK package by name (tests replace it). */
  readonly importSdk?: (packageName: string) => Promise<unknown>;
}

export function newClient(
  mod: SdkModule,
  service: ServiceName,
  o: ClientOptions,
  region?: string,
): SdkClient {
  const Client = mod[SERVICES[service].clientName] as new (config: object) => SdkClient;
  return new Client({
    ...(region ? { region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    maxAttempts: o.maxAttempts ?? 5,
    retryMode: o.retryMode ?? 'adaptive',
  });
}

/** The region of the profile or environment (AWS_REGION, config file), as the AWS CLI would use. */
export async function defaultRegion(ec2: SdkModule, o: ClientOptions): Promise<string> {
  const client = newClient(ec2, 'ec2', o);
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

export interface Fetched {
  readonly items: unknown[];
  /** The last page, for members beside the list (`AdditionalRoutesAvailable`). */
  readonly last: Record<string, unknown> | undefined;
}

/** All items of one call, across pages (the SDK's paginator, or a loop on `tokenKey`). */
export async function fetchAll(
  mod: SdkModule,
  client: SdkClient,
  api: CollectApi,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<Fetched> {
  const input = { ...api.input, ...extra };
  const items: unknown[] = [];
  let last: Record<string, unknown> | undefined;
  const take = (page: unknown) => {
    last = page as Record<string, unknown> | undefined;
    const list = last?.[api.outputKey];
    if (Array.isArray(list)) items.push(...list);
  };
  const paginate = mod[`paginate${api.operation}`];
  if (api.paginated && typeof paginate === 'function') {
    const pages = (paginate as (c: unknown, i: unknown) => AsyncIterable<unknown>)({ client }, input);
    for await (const page of pages) take(page);
    return { items, last };
  }
  const Command = mod[`${api.operation}Command`] as new (i: unknown) => unknown;
  const tokens = new Set<string>();
  let token: string | undefined;
  for (;;) {
    take(
      await client.send(
        new Command(token === undefined || !api.tokenKey ? input : { ...input, [api.tokenKey]: token }),
      ),
    );
    const next = api.tokenKey ? last?.[api.tokenKey] : undefined;
    if (typeof next !== 'string' || next === '' || tokens.has(next)) break;
    tokens.add(next);
    token = next;
  }
  return { items, last };
}

export async function loadServices(
  o: ClientOptions,
): Promise<{ sdks: Map<ServiceName, SdkModule>; missing: ServiceName[] }> {
  const importer = o.importSdk ?? defaultImport;
  const sdks = new Map<ServiceName, SdkModule>();
  sdks.set('ec2', await loadSdk(() => importer(SERVICES.ec2.packageName)));
  const missing: ServiceName[] = [];
  for (const service of ['directconnect', 'elb', 'elbv2'] as const) {
    try {
      sdks.set(service, (await importer(SERVICES[service].packageName)) as SdkModule);
    } catch (e) {
      if (!isModuleNotFound(e)) throw e;
      missing.push(service);
    }
  }
  return { sdks, missing };
}
