/**
 * The state shared by the per-resource readers in resources/: what has been built so far (by id),
 * the resolver that links references, and the helpers every reader uses to parse values and
 * report problems. Readers add to it; `build.ts` turns it into NetworkData at the end.
 */
import type {
  CustomerGateway,
  DirectConnectGateway,
  DirectConnectGatewayAssociation,
  EgressOnlyInternetGateway,
  ElasticIp,
  FlowLog,
  Instance,
  InternetGateway,
  LoadWarning,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  NetworkInterface,
  Origin,
  PrefixList,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Tags,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  VirtualInterface,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
  VpnConnection,
  VpnGateway,
} from '../../model/index.js';
import { type Cidr, type Ip, parseCidr, parseIp, parseIpv4 } from '../../net/index.js';
import { isObj, type Json, type JsonObj, type ParsedPlan, type PlannedResource } from './plan.js';
import { Resolver } from './resolve.js';
import type { PendingAddress } from './resources/addresses.js';
import { constantsOf, matches } from './values.js';

/** Placeholder public IPv4 addresses (198.18.0.0/15, RFC 2544) for public IPs unknown until apply. */
const PLACEHOLDER_BASE = 0xc6120000;

/** A planned nested block, with the index of the configuration block it came from (for its references). */
export interface Block {
  readonly values: JsonObj;
  readonly configIndex: number;
}

/** A route table being built: its routes (the local routes are added at the end) and associations. */
export interface TableEntry {
  rt: RouteTable;
  routes: Route[];
  assoc: RouteTableAssociation[];
}

export interface GroupEntry {
  sg: SecurityGroup;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
  /** A rule could not be read: the group is incomplete (SecurityGroup.incomplete). */
  lost?: boolean;
}

export interface AclEntry {
  acl: NetworkAcl;
  entries: NetworkAclEntry[];
  subnets: string[];
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A reader of one Terraform resource type. */
export type ResourceReader = (ctx: PlanContext, r: PlannedResource) => void;

export class PlanContext {
  readonly warnings: LoadWarning[] = [];
  readonly origin: Origin;
  readonly rv: Resolver;
  private placeholder = 0;

  readonly vpcs = new Map<string, Vpc>();
  readonly subnets = new Map<string, Subnet>();
  readonly routeTables = new Map<string, TableEntry>();
  readonly groups = new Map<string, GroupEntry>();
  readonly acls = new Map<string, AclEntry>();
  readonly instances: Instance[] = [];
  readonly enis = new Map<string, NetworkInterface>();
  readonly igws: InternetGateway[] = [];
  readonly nats: NatGateway[] = [];
  readonly eips: ElasticIp[] = [];
  readonly eigws: EgressOnlyInternetGateway[] = [];
  readonly prefixLists = new Map<string, PrefixList>();
  /** `tf:<endpoint>.prefix_list_id` copies of a list known by another id: kept only when something refers to them. */
  readonly prefixListAliases = new Set<string>();
  readonly endpoints = new Map<string, { endpoint: VpcEndpoint; readonly resource: PlannedResource }>();
  readonly peerings = new Map<string, VpcPeeringConnection>();
  readonly flowLogs: FlowLog[] = [];
  readonly transitGateways = new Map<string, TransitGateway>();
  /** TGW attachments by id (a peering attachment by `id|transit gateway`: one record per side). */
  readonly tgwAttachments = new Map<string, Mutable<TransitGatewayAttachment>>();
  readonly tgwRouteTables = new Map<string, Mutable<TransitGatewayRouteTable>>();
  readonly vpnGateways = new Map<string, VpnGateway>();
  readonly customerGateways = new Map<string, CustomerGateway>();
  readonly vpnConnections = new Map<string, Mutable<VpnConnection>>();
  readonly dxGateways = new Map<string, DirectConnectGateway>();
  readonly dxAssociations: DirectConnectGatewayAssociation[] = [];
  readonly virtualInterfaces: VirtualInterface[] = [];
  /** Subnets with `assign_ipv6_address_on_creation`: an instance launched there gets an IPv6 address. */
  readonly ipv6OnCreation = new Set<string>();
  /** Interfaces an `aws_instance` attaches at launch (`network_interface` blocks), linked when the interface is read. */
  readonly launchInterfaces: { instanceId: string; eniId: string; deviceIndex: number }[] = [];
  /** Default NACLs / security groups adopted by an `aws_default_*` resource (their rules are as listed). */
  readonly adopted = new Set<string>();
  /** Addresses AWS picks at apply, assigned once the whole network is built (resources/addresses.ts). */
  readonly pendingAddresses: PendingAddress[] = [];
  /** CIDRs outside route tables, rules and prefix lists that decide a path (TGW routes, VPN routes). */
  readonly extraDecisionCidrs: Cidr[] = [];

  constructor(
    readonly plan: ParsedPlan,
    readonly file: string,
  ) {
    this.origin = plan.region ? { file, region: plan.region } : { file };
    this.rv = new Resolver(plan.resources, plan.moduleCalls);
  }

  /** The origin of what `r` creates: the plan file, and the resource's address (SARIF logical location). */
  originOf(r: PlannedResource): Origin {
    return { ...this.origin, terraformAddress: r.address };
  }

  /** Resources of one type (managed, or data sources with `data`), in plan order. */
  ofType(type: string, mode: 'managed' | 'data' = 'managed'): PlannedResource[] {
    return this.plan.resources.filter((r) => r.type === type && r.mode === mode);
  }

  warn(w: Omit<LoadWarning, 'file'>): void {
    this.warnings.push({ file: this.file, ...w });
  }

  cidr(r: PlannedResource, field: string, v: Json | undefined): Cidr | undefined {
    if (typeof v !== 'string' || v === '') return undefined;
    const p = parseCidr(v);
    if (!p) {
      this.warn({ code: 'BAD_VALUE', resourceId: r.address, field, value: v, skipped: true });
      return undefined;
    }
    return p.cidr;
  }

  ip(r: PlannedResource, field: string, v: Json | undefined): Ip | undefined {
    if (typeof v !== 'string' || v === '') return undefined;
    const ip = parseIp(v);
    if (!ip) this.warn({ code: 'BAD_VALUE', resourceId: r.address, field, value: v });
    return ip;
  }

  nextPlaceholder(r: PlannedResource, field: string): Ip {
    const text = intToIpv4(PLACEHOLDER_BASE + ++this.placeholder);
    this.warn({
      code: 'UNKNOWN_UNTIL_APPLY',
      resourceId: r.address,
      field,
      value: text,
      detail: 'public IPv4 address',
    });
    return parseIpv4(text) as Ip;
  }

  /** Blocks of a nested block list, each matched to its configuration block (by constant values). */
  blocks(r: PlannedResource, name: string): Block[] {
    const planned = r.values[name];
    const config = r.expressions[name];
    const configBlocks = Array.isArray(config) ? config.filter(isObj) : [];
    if (!Array.isArray(planned)) {
      // Whole list unknown in planned values: read the configuration constants.
      return configBlocks.map((c, i) => ({ values: constantsOf(c), configIndex: i }));
    }
    const used = new Set<number>();
    return planned.filter(isObj).map((values, i) => {
      let idx = configBlocks.findIndex((c, j) => !used.has(j) && matches(c, values));
      if (idx < 0) idx = Math.min(i, Math.max(configBlocks.length - 1, 0));
      used.add(idx);
      return { values, configIndex: idx };
    });
  }

  /** What `field` of `r` refers to among `known`, or a MISSING_REFERENCE warning and undefined. */
  referenced<T>(r: PlannedResource, field: string, known: ReadonlyMap<string, T>): T | undefined {
    const id = this.rv.id(r, [field]);
    const found = id ? known.get(id) : undefined;
    if (found === undefined)
      this.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field, value: id });
    return found;
  }

  subnetOf(r: PlannedResource): Subnet | undefined {
    return this.referenced(r, 'subnet_id', this.subnets);
  }

  /** The planned `aws_vpc` whose id is `vpcId`. */
  vpcResource(vpcId: string): PlannedResource | undefined {
    return this.plan.resources.find((x) => x.type === 'aws_vpc' && this.rv.idOf(x) === vpcId);
  }

  emptyTable(routeTableId: string, vpcId: string, tags: Tags, origin: Origin): RouteTable {
    return {
      routeTableId,
      vpcId,
      routes: [],
      associations: [],
      propagatingVgws: [],
      tags,
      origin,
    };
  }
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}
