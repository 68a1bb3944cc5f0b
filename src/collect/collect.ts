/**
 * Live collection (docs/collect.md): calls the read-only APIs of apis.ts in each region with the AWS
 * SDK v3 and writes `<out>/<region>/<file>.json` in the shape the AWS CLI prints and the loader reads
 * (it takes the region from the folder name); Direct Connect gateways, which are global, go to
 * `<out>/global/`.
 *
 * The SDK clients are optional dependencies, imported only by sdk.ts and only when collect runs;
 * EC2 is required, the others (Direct Connect, ELB, ELBv2) are skipped with a warning when missing.
 * Credentials come from the SDK's standard chain (`profile` picks a shared-config profile); nothing is
 * stored. Throttling and transient errors are retried by the SDK; a permission error on one API is a
 * warning naming the IAM action, and the other files are still written. Regions run a few at a time;
 * a region whose first call is refused as opt-in regions are is skipped with a warning.
 */
import { isRegionName } from '../ingest/aws-json/region.js';
import { COLLECT_APIS, fileNameOf, GLOBAL_APIS, GLOBAL_FOLDER, PER_ITEM_APIS } from './apis.js';
import type { CollectProgress, CollectWarning } from './messages.js';
import { credentialsError, RegionRun, RegionSkip, Run } from './region-run.js';
import { type ClientOptions, CollectError, defaultRegion, loadServices, type SdkModule } from './sdk.js';

export type { CollectProgress, CollectWarning } from './messages.js';
export { CollectError, loadSdk, SDK_MISSING } from './sdk.js';

export interface CollectOptions extends ClientOptions {
  readonly out: string;
  /** Regions to collect; default: the region of the profile / environment. */
  readonly regions?: readonly string[];
  /** Regions collected at the same time, each making one call at a time (default 4). */
  readonly concurrency?: number;
  /** Called once per file written (the CLI prints it on a TTY). */
  readonly onProgress?: (p: CollectProgress) => void;
  /** Called for each warning (the CLI prints it on stderr). */
  readonly onWarning?: (w: CollectWarning) => void;
}

export interface CollectResult {
  /** Regions collected, in the order asked (skipped ones left out). */
  readonly regions: readonly string[];
  /** Regions skipped because their first call was refused (opt-in regions not enabled). */
  readonly skippedRegions: readonly string[];
  /** Paths written, relative to `out`, sorted. */
  readonly files: readonly string[];
  readonly warnings: readonly CollectWarning[];
}

function stringsOf(
  items: readonly unknown[],
  key: string,
  skip?: (o: Record<string, unknown>) => boolean,
): string[] {
  const out: string[] = [];
  for (const i of items) {
    const o = i as Record<string, unknown> | null;
    if (o && typeof o[key] === 'string' && !skip?.(o)) out.push(o[key] as string);
  }
  return out;
}

async function collectRegion(run: Run, region: string): Promise<void> {
  const r = new RegionRun(run, region);
  try {
    /** Prefix lists whose CIDRs describe-prefix-lists already gave (the AWS service lists). */
    const known = new Set<string>();
    let first = true;
    for (const api of COLLECT_APIS) {
      if (!run.sdks.has(api.service)) continue;
      const res = await r.fetch(api, undefined, undefined, first);
      first = false;
      if (!res.ok) continue;
      let items = res.value.items;
      if (api.service === 'ec2' && api.operation === 'DescribePrefixLists')
        for (const id of listsWithCidrs(items)) known.add(id);
      if (api.service === 'ec2' && api.operation === 'DescribeManagedPrefixLists')
        items = await withEntries(r, items, known);
      await r.write(fileNameOf(api), api.fileKey ?? api.outputKey, items, api.operation);
      await FOLLOW_UPS[`${api.service}:${api.operation}`]?.(r, items);
    }
  } finally {
    r.destroy();
  }
}

/** The per-item calls that the items of a region-level call lead to (`service:operation`). */
const FOLLOW_UPS: Readonly<Record<string, (r: RegionRun, items: readonly unknown[]) => Promise<void>>> = {
  'ec2:DescribeTransitGatewayRouteTables': (r, items) => tgwTableContents(r, items),
  // One Listeners.json for every load balancer: each listener names its load balancer.
  'elbv2:DescribeLoadBalancers': async (r, items) => {
    const api = PER_ITEM_APIS.listeners;
    const all = await r.perItem(api, stringsOf(items, 'LoadBalancerArn'), (arn) => ({
      LoadBalancerArn: arn,
    }));
    if (all) await r.write(fileNameOf(api), api.outputKey, all, api.operation);
  },
  // One TargetHealthDescriptions.json for every target group, each item naming its group.
  'elbv2:DescribeTargetGroups': async (r, items) => {
    const api = PER_ITEM_APIS.targetHealth;
    const all = await r.perItem(
      api,
      stringsOf(items, 'TargetGroupArn'),
      (arn) => ({ TargetGroupArn: arn }),
      (d, arn) => ({ TargetGroupArn: arn, ...(d as object) }),
    );
    if (all) await r.write(fileNameOf(api), api.outputKey, all, api.operation);
  },
};

/**
 * Each TGW route table's routes, propagations and associations, one file per table and call named
 * `<tgw-rtb-id>.<routes|propagations|associations>.json`: the raw CLI output does not name the
 * table, and the loader takes it from the file name.
 */
async function tgwTableContents(r: RegionRun, tables: readonly unknown[]): Promise<void> {
  const ids = stringsOf(tables, 'TransitGatewayRouteTableId', (o) =>
    ['deleting', 'deleted'].includes(String(o.State)),
  );
  for (const api of [PER_ITEM_APIS.tgwRoutes, PER_ITEM_APIS.tgwPropagations, PER_ITEM_APIS.tgwAssociations]) {
    for (const id of ids) {
      const res = await r.fetch(api, { TransitGatewayRouteTableId: id }, id);
      if (!res.ok) {
        if (res.refused) break;
        continue;
      }
      if (res.value.last?.AdditionalRoutesAvailable === true)
        r.run.warn({
          code: 'ROUTES_TRUNCATED',
          region: r.label,
          service: api.service,
          operation: api.operation,
          resourceId: id,
        });
      await r.write(`${id}.${api.fileName}.json`, api.outputKey, res.value.items, api.operation, id);
    }
  }
}

/** Direct Connect gateways and their associations, once per run, into `<out>/global/`. */
async function collectGlobal(run: Run, region: string): Promise<void> {
  const r = new RegionRun(run, region, GLOBAL_FOLDER);
  try {
    for (const api of GLOBAL_APIS) {
      if (!r.has(api.service)) continue;
      const res = await r.fetch(api);
      if (!res.ok) continue;
      await r.write(fileNameOf(api), api.outputKey, res.value.items, api.operation);
      if (api.operation === 'DescribeDirectConnectGateways') {
        const api2 = PER_ITEM_APIS.dxGatewayAssociations;
        const ids = stringsOf(res.value.items, 'directConnectGatewayId');
        const assocs = await r.perItem(api2, ids, (id) => ({ directConnectGatewayId: id }));
        if (assocs) await r.write(fileNameOf(api2), api2.outputKey, assocs, api2.operation);
      }
    }
  } finally {
    r.destroy();
  }
}

export async function collect(o: CollectOptions): Promise<CollectResult> {
  const { sdks, missing } = await loadServices(o);
  const ec2 = sdks.get('ec2') as SdkModule;
  const regions = o.regions && o.regions.length > 0 ? [...new Set(o.regions)] : [await defaultRegion(ec2, o)];
  for (const r of regions)
    if (!isRegionName(r))
      throw new CollectError(`${JSON.stringify(r)} is not an AWS region name (like us-east-1).`);
  const run = new Run(o, sdks);
  for (const service of missing) run.warn({ code: 'SDK_MISSING', service });

  const skipped = new Map<string, RegionSkip>();
  let next = 0;
  const worker = async () => {
    while (!run.fatal && next < regions.length) {
      const region = regions[next++] as string;
      try {
        await collectRegion(run, region);
      } catch (e) {
        if (e instanceof RegionSkip) skipped.set(region, e);
        else run.fatal ??= e;
      }
    }
  };
  const width = Math.max(1, Math.min(o.concurrency ?? 4, regions.length));
  await Promise.all(Array.from({ length: width }, worker));
  if (run.fatal) throw run.fatal;

  const collected = regions.filter((r) => !skipped.has(r));
  if (collected.length === 0) {
    const [region, skip] = [...skipped][0] as [string, RegionSkip];
    if ([...skipped.values()].every((s) => s.awsCode === 'OptInRequired'))
      throw new CollectError(
        `none of the regions asked for is enabled for this account (${region}: OptInRequired); enable it or pass another --region.`,
      );
    throw credentialsError(region, skip.awsCode, skip.detail);
  }
  for (const [region, skip] of skipped)
    run.warn({ code: 'REGION_SKIPPED', region, service: 'ec2', awsCode: skip.awsCode, message: skip.detail });

  await collectGlobal(run, collected[0] as string);
  if (run.fatal) throw run.fatal;
  return {
    regions: collected,
    skippedRegions: [...skipped.keys()],
    files: run.files.sort(),
    warnings: run.warnings,
  };
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
  r: RegionRun,
  lists: readonly unknown[],
  known: ReadonlySet<string>,
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
    const res = await r.fetch(PER_ITEM_APIS.prefixListEntries, { PrefixListId: id }, id);
    if (res.ok) out.push({ ...list, Entries: res.value.items });
    else {
      // One refusal is enough: the permission is missing for every list.
      refused = res.refused;
      out.push(list);
    }
  }
  return out;
}
