/**
 * The calls of one region, one at a time, and what their errors mean: a call refused for lack of a
 * permission or failing otherwise is a warning and the rest goes on; a service that does not answer
 * where EC2 does is skipped in that region; a region whose first call is refused as opt-in regions'
 * are is skipped; missing or rejected credentials and an unreachable EC2 endpoint stop the run.
 */
import path from 'node:path';
import { type CollectApi, iamAction, type ServiceName } from './apis.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CollectOptions } from './collect.js';
import type { CollectProgress, CollectWarning } from './messages.js';
import { redactSecrets } from './redact.js';
import { CollectError, type Fetched, fetchAll, newClient, type SdkClient, type SdkModule } from './sdk.js';

const PERMISSION_ERRORS = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'Client.UnauthorizedOperation',
]);

/**
 * What EC2 answers, on a region's first call, when the region is an opt-in region the account has not
 * enabled (the same codes as for unknown credentials: only when every region answers so is it the
 * credentials).
 */
const REGION_ERRORS = new Set([
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'OptInRequired',
]);

/** Errors about the credentials themselves: every call would fail the same way. */
const CREDENTIAL_ERRORS = new Set([
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'CredentialsProviderError',
]);

/** The endpoint cannot be reached (after the SDK's retries). */
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

export function credentialsError(region: string, code: string, message: string): CollectError {
  return new CollectError(
    `AWS rejected or could not find credentials in ${region} (${code}: ${message}); check --profile or the AWS_* environment.`,
  );
}

/** Thrown out of a region whose first call was refused as an opt-in region's are. */
export class RegionSkip extends Error {
  constructor(
    readonly awsCode: string,
    readonly detail: string,
  ) {
    super(awsCode);
  }
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly refused: boolean };

/** State shared by the regions of one run. */
export class Run {
  readonly files: string[] = [];
  readonly warnings: CollectWarning[] = [];
  /** The first error that stops the run; the other regions stop at their next call. */
  fatal: unknown;

  constructor(
    readonly o: CollectOptions,
    readonly sdks: ReadonlyMap<ServiceName, SdkModule>,
  ) {}

  warn(w: CollectWarning): void {
    this.warnings.push(w);
    this.o.onWarning?.(w);
  }

  async write(
    folder: string,
    fileName: string,
    key: string,
    items: readonly unknown[],
    p: Omit<CollectProgress, 'count' | 'file'>,
  ): Promise<void> {
    const rel = path.join(folder, fileName);
    const doc = redactSecrets({ [key]: items });
    await writeFileAtomic(path.join(this.o.out, rel), `${JSON.stringify(doc, null, 2)}\n`);
    this.files.push(rel);
    this.o.onProgress?.({ ...p, count: items.length, file: rel });
  }
}

/** The calls of one region (or of the global calls, `label` = `global`), one at a time. */
export class RegionRun {
  private readonly clients = new Map<ServiceName, SdkClient>();
  /** Services that stopped answering in this region. */
  private readonly down = new Set<ServiceName>();

  constructor(
    readonly run: Run,
    /** The region the clients talk to. */
    readonly region: string,
    /** The region or `global`, for files and warnings. */
    readonly label: string = region,
  ) {}

  has(service: ServiceName): boolean {
    return this.run.sdks.has(service) && !this.down.has(service);
  }

  private client(service: ServiceName): SdkClient {
    let c = this.clients.get(service);
    if (!c) {
      c = newClient(this.run.sdks.get(service) as SdkModule, service, this.run.o, this.region);
      this.clients.set(service, c);
    }
    return c;
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
  }

  /**
   * One call (all its pages). Errors that concern only this call become warnings; errors that
   * concern the whole service in this region skip the service; errors that concern every call stop
   * the run; the region's `first` call refused as opt-in regions are skips the region.
   */
  async fetch(
    api: CollectApi,
    extra?: Readonly<Record<string, unknown>>,
    resourceId?: string,
    first = false,
  ): Promise<Outcome<Fetched>> {
    if (this.run.fatal) throw this.run.fatal;
    if (!this.has(api.service)) return { ok: false, refused: false };
    try {
      const mod = this.run.sdks.get(api.service) as SdkModule;
      return { ok: true, value: await fetchAll(mod, this.client(api.service), api, extra) };
    } catch (e) {
      const code = errorCode(e);
      const message = errorMessage(e);
      const base = {
        region: this.label,
        service: api.service,
        operation: api.operation,
        ...(resourceId ? { resourceId } : {}),
        awsCode: code,
      };
      if (CREDENTIAL_ERRORS.has(code) || (e instanceof Error && e.name === 'CredentialsProviderError'))
        throw credentialsError(this.region, code, message);
      const refusedLikeRegion = REGION_ERRORS.has(code);
      if (refusedLikeRegion && first) throw new RegionSkip(code, message);
      if ((refusedLikeRegion || NETWORK_ERRORS.has(code)) && api.service !== 'ec2') {
        // EC2 answered in this region: it is this service that is not available here.
        this.down.add(api.service);
        this.run.warn({ ...base, code: 'SERVICE_SKIPPED', message });
        return { ok: false, refused: false };
      }
      if (refusedLikeRegion) throw credentialsError(this.region, code, message);
      if (NETWORK_ERRORS.has(code))
        throw new CollectError(
          `could not reach the EC2 endpoint of ${this.region} (${code}: ${message}); check the network, proxy and region.`,
        );
      // Services without a dedicated code say it in the message (`... is not authorized to perform: ...`).
      if (PERMISSION_ERRORS.has(code) || /\bis not authorized to perform\b/i.test(message)) {
        this.run.warn({ ...base, code: 'PERMISSION_DENIED', missingPermission: iamAction(api), message });
        return { ok: false, refused: true };
      }
      this.run.warn({ ...base, code: 'CALL_FAILED', message });
      return { ok: false, refused: false };
    }
  }

  /**
   * One call per id, concatenated; `undefined` (nothing to write) when the call was refused, which
   * holds for every id, so it is asked once only.
   */
  async perItem(
    api: CollectApi,
    ids: readonly string[],
    input: (id: string) => Record<string, unknown>,
    mapItem: (item: unknown, id: string) => unknown = (i) => i,
  ): Promise<unknown[] | undefined> {
    if (!this.has(api.service)) return undefined;
    const all: unknown[] = [];
    for (const id of ids) {
      const r = await this.fetch(api, input(id), id);
      if (!r.ok) {
        if (r.refused) return undefined;
        continue;
      }
      for (const item of r.value.items) all.push(mapItem(item, id));
    }
    return this.has(api.service) ? all : undefined;
  }

  async write(
    fileName: string,
    key: string,
    items: readonly unknown[],
    operation: string,
    resourceId?: string,
  ) {
    await this.run.write(this.label, fileName, key, items, {
      region: this.label,
      operation,
      ...(resourceId ? { resourceId } : {}),
    });
  }
}
