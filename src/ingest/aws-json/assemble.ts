/**
 * Collects what the readers return across files: keeps the first copy of a resource id (warning
 * DUPLICATE_RESOURCE when two files of the same region and account both hold it; the same peering
 * connection or TGW attachment listed by both regions or accounts is expected and kept silently),
 * merges the hybrid records that several describe calls print about one resource, and records
 * which resource kinds had a file in which region/account.
 */

import type {
  DirectConnectGateway,
  DirectConnectGatewayAssociation,
  DxConnection,
  DxLag,
  EgressOnlyInternetGateway,
  ElasticIp,
  FlowLog,
  HybridResource,
  Instance,
  InternetGateway,
  LoadWarning,
  NatGateway,
  NetworkAcl,
  NetworkInterface,
  Origin,
  PrefixList,
  ResourceKind,
  RouteTable,
  SecurityGroup,
  Subnet,
  VirtualInterface,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
} from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { OriginRegistry, type ReadContext } from './context.js';
import { HybridParts } from './hybrid-typed.js';
import type { InstanceStatusRead } from './instance-statuses.js';
import type { InstancePublicIp } from './reservations.js';

/** Two origins that could be the same capture: equal region and account, or one of them unknown. */
export function sameScope(a: Origin, b: Origin): boolean {
  return (
    (!a.region || !b.region || a.region === b.region) &&
    (!a.accountId || !b.accountId || a.accountId === b.accountId)
  );
}

export class Keyed<T extends { readonly origin: Origin }> {
  readonly byId = new Map<string, T>();

  constructor(
    private readonly acc: Accumulator,
    private readonly idOf: (t: T) => string,
  ) {}

  add(items: readonly T[], ctx: ReadContext): void {
    for (const item of items) {
      const id = this.idOf(item);
      const first = this.byId.get(id);
      if (first === undefined) this.byId.set(id, item);
      else this.acc.duplicate(ctx, id, first.origin, item.origin);
    }
  }

  values(): T[] {
    return [...this.byId.values()];
  }
}

export class Accumulator {
  readonly warnings: LoadWarning[] = [];
  readonly present = new Set<ResourceKind>();
  /** File-level origins (region/account from folder names, completed at the end), per file and per kind. */
  readonly files = new Map<string, Origin>();
  readonly kindFiles = new Map<ResourceKind, Origin[]>();
  readonly origins = new OriginRegistry();
  /** Typed transit-gateway and VPN records, merged across the describe calls that print them. */
  readonly hybridParts = new HybridParts();
  readonly dxConnections = new Keyed<DxConnection>(this, (c) => c.connectionId);
  readonly dxLags = new Keyed<DxLag>(this, (l) => l.lagId);
  readonly virtualInterfaces = new Keyed<VirtualInterface>(this, (v) => v.virtualInterfaceId);
  readonly directConnectGateways = new Keyed<DirectConnectGateway>(this, (g) => g.directConnectGatewayId);
  readonly directConnectGatewayAssociations: DirectConnectGatewayAssociation[] = [];

  readonly vpcs = new Keyed<Vpc>(this, (v) => v.vpcId);
  readonly subnets = new Keyed<Subnet>(this, (s) => s.subnetId);
  readonly routeTables = new Keyed<RouteTable>(this, (r) => r.routeTableId);
  readonly securityGroups = new Keyed<SecurityGroup>(this, (g) => g.groupId);
  readonly networkAcls = new Keyed<NetworkAcl>(this, (a) => a.networkAclId);
  readonly instances = new Keyed<Instance>(this, (i) => i.instanceId);
  readonly networkInterfaces = new Keyed<NetworkInterface>(this, (e) => e.networkInterfaceId);
  readonly internetGateways = new Keyed<InternetGateway>(this, (g) => g.internetGatewayId);
  readonly egressOnlyInternetGateways = new Keyed<EgressOnlyInternetGateway>(
    this,
    (g) => g.egressOnlyInternetGatewayId,
  );
  readonly natGateways = new Keyed<NatGateway>(this, (n) => n.natGatewayId);
  readonly vpcEndpoints = new Keyed<VpcEndpoint>(this, (e) => e.vpcEndpointId);
  readonly vpcPeeringConnections = new Keyed<VpcPeeringConnection>(this, (p) => p.vpcPeeringConnectionId);
  readonly flowLogs = new Keyed<FlowLog>(this, (f) => f.flowLogId);
  readonly elasticIps = new Keyed<ElasticIp>(this, (e) => e.allocationId ?? `${e.publicIp.value}`);

  /** Prefix lists: a describe-prefix-lists record (with CIDRs) replaces a managed-list record without them. */
  readonly prefixLists = new Map<string, PrefixList>();
  /** get-managed-prefix-list-entries, by list id (pages are concatenated). */
  readonly prefixListEntries = new Map<string, { cidrs: Cidr[]; origin: Origin }>();
  /** Interfaces nested in describe-instances, in file order. */
  readonly instanceInterfaces: NetworkInterface[] = [];
  readonly instancePublicIps: InstancePublicIp[] = [];
  readonly instanceStatuses: { read: InstanceStatusRead; file: string }[] = [];
  /** Hybrid records by `kind:id`, with the top-level key that first gave each. */
  readonly hybrid = new Map<string, { res: HybridResource; key: string }>();

  readonly warn = (w: LoadWarning): void => {
    this.warnings.push(w);
  };

  markPresent(kind: ResourceKind, ctx: ReadContext): void {
    this.present.add(kind);
    const list = this.kindFiles.get(kind);
    if (list) list.push(ctx.origin);
    else this.kindFiles.set(kind, [ctx.origin]);
  }

  /** Was a file of this kind read for the capture (region/account) that produced `file`? */
  presentFor(kind: ResourceKind, file: string): boolean {
    const list = this.kindFiles.get(kind);
    if (!list) return false;
    const at = this.files.get(file);
    return at === undefined || list.some((o) => sameScope(o, at));
  }

  duplicate(ctx: ReadContext, id: string, first: Origin, second: Origin): void {
    if (!sameScope(first, second)) return;
    this.warn({
      code: 'DUPLICATE_RESOURCE',
      file: ctx.file,
      resourceId: id,
      detail: `kept the copy from ${first.file}`,
    });
  }

  addPrefixLists(items: readonly PrefixList[], ctx: ReadContext): void {
    for (const pl of items) {
      const first = this.prefixLists.get(pl.prefixListId);
      if (first === undefined) this.prefixLists.set(pl.prefixListId, pl);
      else if (first.cidrs === undefined && pl.cidrs !== undefined)
        this.prefixLists.set(pl.prefixListId, {
          ...pl,
          addressFamily: pl.addressFamily ?? first.addressFamily,
        });
      else if (first.cidrs !== undefined && pl.cidrs === undefined) continue;
      else this.duplicate(ctx, pl.prefixListId, first.origin, pl.origin);
    }
  }

  addPrefixListEntries(prefixListId: string, cidrs: Cidr[], ctx: ReadContext): void {
    const known = this.prefixListEntries.get(prefixListId);
    if (known) known.cidrs.push(...cidrs);
    else this.prefixListEntries.set(prefixListId, { cidrs, origin: ctx.originFor() });
  }

  /** Several calls describe one hybrid resource (attachments and VPC attachments, TGW route tables and their propagations): merge them. */
  addHybrid(items: readonly HybridResource[], key: string, ctx: ReadContext): void {
    for (const res of items) {
      const k = `${res.kind}:${res.id}`;
      const first = this.hybrid.get(k);
      if (first === undefined) {
        this.hybrid.set(k, { res, key });
        continue;
      }
      if (first.key === key) {
        this.duplicate(ctx, res.id, first.res.origin, res.origin);
        continue;
      }
      // The record of the resource's own describe call wins; the others add ids and a state.
      const own = PRIMARY_HYBRID_KEYS.has(key) && !PRIMARY_HYBRID_KEYS.has(first.key);
      const base = own ? res : first.res;
      const extra = own ? first.res : res;
      first.res = {
        ...base,
        state: base.state ?? extra.state,
        vpcIds: union(base.vpcIds, extra.vpcIds),
        relatedIds: union(base.relatedIds ?? [], extra.relatedIds ?? []),
        tags: Object.keys(base.tags).length > 0 ? base.tags : extra.tags,
      };
      if (own) first.key = key;
    }
  }
}

/** Keys whose records describe the resource itself (others add to it). */
const PRIMARY_HYBRID_KEYS: ReadonlySet<string> = new Set([
  'TransitGatewayAttachments',
  'TransitGatewayRouteTables',
]);

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
