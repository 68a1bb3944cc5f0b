/**
 * Planned Terraform resources → NetworkData, in the same model the describe-* loader builds.
 * Adds what AWS creates implicitly (each VPC's main route table, default NACL and default security
 * group, the local routes, the NACL `*` deny rules) and applies Terraform's own semantics: an
 * `aws_security_group` without `egress` blocks has no egress rule, and `aws_default_*` resources
 * replace the rules of what they adopt.
 */
import type {
  ElasticIp,
  Instance,
  InternetGateway,
  LoadWarning,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  NetworkData,
  NetworkInterface,
  Origin,
  ResourceKind,
  Route,
  RouteTable,
  RouteTableAssociation,
  RouteTarget,
  RouteTargetType,
  SecurityGroup,
  SecurityGroupRule,
  SgPeer,
  Subnet,
  Tags,
  Vpc,
} from '../../model/index.js';
import {
  type Cidr,
  formatCidr,
  type Ip,
  parseCidr,
  parseIp,
  parseIpv4,
  parseProtocol,
} from '../../net/index.js';
import { isObj, type Json, type JsonObj, type ParsedPlan, type PlannedResource } from './plan.js';
import { Resolver } from './resolve.js';

/** Resource types this loader turns into model resources. */
export const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_main_route_table_association',
  'aws_default_route_table',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_eip',
  'aws_instance',
  'aws_network_interface',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_default_security_group',
  'aws_network_acl',
  'aws_network_acl_rule',
  'aws_network_acl_association',
  'aws_default_network_acl',
]);

const PRESENT: readonly ResourceKind[] = [
  'Vpcs',
  'Subnets',
  'RouteTables',
  'SecurityGroups',
  'NetworkAcls',
  'Instances',
  'NetworkInterfaces',
  'InternetGateways',
  'EgressOnlyInternetGateways',
  'NatGateways',
  'VpcEndpoints',
  'VpcPeeringConnections',
  'PrefixLists',
  'Addresses',
];

/**
 * Kinds the plan may hold but this loader does not read yet: when one of these types is planned,
 * the kind is not marked present, so answers that need it say "unknown" instead of "absent".
 */
const UNREAD_KINDS: Readonly<Partial<Record<ResourceKind, readonly string[]>>> = {
  EgressOnlyInternetGateways: ['aws_egress_only_internet_gateway'],
  VpcEndpoints: ['aws_vpc_endpoint'],
  VpcPeeringConnections: ['aws_vpc_peering_connection', 'aws_vpc_peering_connection_accepter'],
  PrefixLists: ['aws_ec2_managed_prefix_list'],
};

/** Placeholder public IPv4 addresses (198.18.0.0/15, RFC 2544) for public IPs unknown until apply. */
const PLACEHOLDER_BASE = 0xc6120000;

const str = (o: JsonObj, k: string): string | undefined => {
  const v = o[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const num = (o: JsonObj, k: string): number | undefined => {
  const v = o[k];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
};
const bool = (o: JsonObj, k: string): boolean | undefined => {
  const v = o[k];
  return typeof v === 'boolean' ? v : undefined;
};
const strs = (o: JsonObj, k: string): string[] => {
  const v = o[k];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
};
const tagsOf = (o: JsonObj): Tags => {
  const t = isObj(o.tags_all) && Object.keys(o.tags_all).length > 0 ? o.tags_all : o.tags;
  const out: Record<string, string> = {};
  if (isObj(t)) for (const [k, v] of Object.entries(t)) if (typeof v === 'string') out[k] = v;
  return out;
};

interface Block {
  readonly values: JsonObj;
  /** Index of the matching configuration block, for its references. */
  readonly configIndex: number;
}

/** Terraform's `-1`/`all` and names (`tcp`) or numbers. */
function protocolOf(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  return parseProtocol(v.toLowerCase() === 'all' ? '-1' : v.toLowerCase());
}

class Builder {
  readonly warnings: LoadWarning[] = [];
  readonly origin: Origin;
  readonly rv: Resolver;
  private placeholder = 0;

  readonly vpcs: Vpc[] = [];
  readonly subnets = new Map<string, Subnet>();
  readonly routeTables = new Map<
    string,
    { rt: RouteTable; routes: Route[]; assoc: RouteTableAssociation[] }
  >();
  readonly groups = new Map<
    string,
    { sg: SecurityGroup; ingress: SecurityGroupRule[]; egress: SecurityGroupRule[] }
  >();
  readonly acls = new Map<string, { acl: NetworkAcl; entries: NetworkAclEntry[]; subnets: string[] }>();
  readonly instances: Instance[] = [];
  readonly enis = new Map<string, NetworkInterface>();
  readonly igws: InternetGateway[] = [];
  readonly nats: NatGateway[] = [];
  readonly eips: ElasticIp[] = [];

  constructor(
    readonly plan: ParsedPlan,
    readonly file: string,
  ) {
    this.origin = plan.region ? { file, region: plan.region } : { file };
    this.rv = new Resolver(plan.resources);
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
    const ip = parseIpv4(intToIpv4(PLACEHOLDER_BASE + ++this.placeholder)) as Ip;
    this.warn({
      code: 'UNKNOWN_UNTIL_APPLY',
      resourceId: r.address,
      field,
      value: intToIpv4(PLACEHOLDER_BASE + this.placeholder),
      detail: 'public IPv4 address',
    });
    return ip;
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

  build(): void {
    const byType = (t: string) => this.plan.resources.filter((r) => r.type === t && r.mode === 'managed');
    for (const r of this.plan.resources) {
      if (r.mode !== 'managed')
        this.warn({
          code: 'UNSUPPORTED_RESOURCE',
          resourceId: r.address,
          value: r.type,
          detail: 'data source',
        });
      else if (!SUPPORTED_TYPES.has(r.type))
        this.warn({ code: 'UNSUPPORTED_RESOURCE', resourceId: r.address, value: r.type });
    }
    for (const r of byType('aws_vpc')) this.vpc(r);
    for (const r of byType('aws_subnet')) this.subnet(r);
    for (const r of byType('aws_internet_gateway')) this.igw(r);
    for (const r of [...byType('aws_default_route_table'), ...byType('aws_route_table')]) this.routeTable(r);
    for (const r of byType('aws_route')) this.route(r);
    for (const r of byType('aws_route_table_association')) this.rtAssociation(r);
    for (const r of byType('aws_main_route_table_association')) this.mainAssociation(r);
    for (const r of [...byType('aws_default_security_group'), ...byType('aws_security_group')])
      this.securityGroup(r);
    for (const r of byType('aws_security_group_rule')) this.sgRule(r);
    for (const r of byType('aws_vpc_security_group_ingress_rule')) this.vpcSgRule(r, false);
    for (const r of byType('aws_vpc_security_group_egress_rule')) this.vpcSgRule(r, true);
    for (const r of [...byType('aws_default_network_acl'), ...byType('aws_network_acl')]) this.networkAcl(r);
    for (const r of byType('aws_network_acl_rule')) this.aclRule(r);
    for (const r of byType('aws_network_acl_association')) this.aclAssociation(r);
    for (const r of byType('aws_instance')) this.instance(r);
    for (const r of byType('aws_network_interface')) this.networkInterface(r);
    for (const r of byType('aws_eip')) this.eip(r);
    for (const r of byType('aws_nat_gateway')) this.natGateway(r);
  }

  // ---- VPC and what AWS creates with it -------------------------------------------------------

  vpc(r: PlannedResource): void {
    const v = r.values;
    const vpcId = this.rv.idOf(r);
    const cidr = this.cidr(r, 'cidr_block', v.cidr_block);
    if (!cidr)
      this.warn({
        code: 'BAD_VALUE',
        resourceId: r.address,
        field: 'cidr_block',
        value: String(v.cidr_block),
      });
    const ipv6 = this.cidr(r, 'ipv6_cidr_block', v.ipv6_cidr_block);
    this.vpcs.push({
      vpcId,
      isDefault: false,
      cidrBlocks: cidr ? [cidr] : [],
      ipv6CidrBlocks: ipv6 ? [ipv6] : [],
      state: 'available',
      tags: tagsOf(v),
      origin: this.origin,
    });
    const mainId = this.rv.attrId(r, 'default_route_table_id');
    this.routeTables.set(mainId, {
      rt: this.emptyTable(mainId, vpcId, {}),
      routes: this.localRoutes(vpcId),
      assoc: [{ main: true, state: 'associated' }],
    });
    const aclId = this.rv.attrId(r, 'default_network_acl_id');
    const all = (egress: boolean, ruleNumber: number, ruleAction: 'allow' | 'deny'): NetworkAclEntry => ({
      ruleNumber,
      egress,
      ruleAction,
      protocol: -1,
      cidr: ANY4,
    });
    this.acls.set(aclId, {
      acl: {
        networkAclId: aclId,
        vpcId,
        isDefault: true,
        entries: [],
        associations: [],
        tags: {},
        origin: this.origin,
      },
      entries: [all(false, 100, 'allow'), all(true, 100, 'allow'), ...denyAll()],
      subnets: [],
    });
    const sgId = this.rv.attrId(r, 'default_security_group_id');
    this.groups.set(sgId, {
      sg: {
        groupId: sgId,
        groupName: 'default',
        vpcId,
        description: 'default VPC security group',
        ingress: [],
        egress: [],
        tags: {},
        origin: this.origin,
      },
      ingress: [rule(sgId, false, -1, undefined, undefined, { kind: 'security-group', groupId: sgId }, 0)],
      egress: [rule(sgId, true, -1, undefined, undefined, { kind: 'cidr', cidr: ANY4 }, 0)],
    });
  }

  localRoutes(vpcId: string): Route[] {
    const vpc = this.vpcs.find((v) => v.vpcId === vpcId);
    return [...(vpc?.cidrBlocks ?? []), ...(vpc?.ipv6CidrBlocks ?? [])].map((cidr) => ({
      destination: { kind: 'cidr', cidr },
      target: { type: 'local', id: 'local' },
      state: 'active',
      origin: 'CreateRouteTable',
      destinationText: formatCidr(cidr),
    }));
  }

  emptyTable(routeTableId: string, vpcId: string, tags: Tags): RouteTable {
    return {
      routeTableId,
      vpcId,
      routes: [],
      associations: [],
      propagatingVgws: [],
      tags,
      origin: this.origin,
    };
  }

  subnet(r: PlannedResource): void {
    const v = r.values;
    const vpcId = this.rv.id(r, ['vpc_id']);
    const cidr = this.cidr(r, 'cidr_block', v.cidr_block);
    if (!vpcId) {
      this.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
      return;
    }
    const ipv6 = this.cidr(r, 'ipv6_cidr_block', v.ipv6_cidr_block);
    const id = this.rv.idOf(r);
    this.subnets.set(id, {
      subnetId: id,
      vpcId,
      cidrBlock: cidr,
      ipv6CidrBlocks: ipv6 ? [ipv6] : [],
      availabilityZone: str(v, 'availability_zone'),
      mapPublicIpOnLaunch: bool(v, 'map_public_ip_on_launch') ?? false,
      tags: tagsOf(v),
      origin: this.origin,
    });
  }

  igw(r: PlannedResource): void {
    const vpcId = this.rv.id(r, ['vpc_id']);
    this.igws.push({
      internetGatewayId: this.rv.idOf(r),
      attachments: vpcId ? [{ vpcId, state: 'available' }] : [],
      tags: tagsOf(r.values),
      origin: this.origin,
    });
  }

  // ---- Route tables ---------------------------------------------------------------------------

  routeTable(r: PlannedResource): void {
    const id = this.rv.idOf(r);
    const existing = this.routeTables.get(id);
    const vpcId = existing?.rt.vpcId ?? this.rv.id(r, ['vpc_id']);
    if (!vpcId) {
      this.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
      return;
    }
    // aws_default_route_table adopts the main table and replaces its routes with the listed ones.
    const entry = existing ?? {
      rt: this.emptyTable(id, vpcId, {}),
      routes: this.localRoutes(vpcId),
      assoc: [],
    };
    entry.rt = { ...entry.rt, tags: tagsOf(r.values) };
    entry.routes = this.localRoutes(vpcId);
    this.blocks(r, 'route').forEach((b, i) => {
      const route = this.routeFrom(r, b.values, ['route', b.configIndex], `route[${i}]`);
      if (route) entry.routes.push(route);
    });
    this.routeTables.set(id, entry);
  }

  route(r: PlannedResource): void {
    const entry = this.referenced(r, 'route_table_id', this.routeTables);
    if (!entry) return;
    const route = this.routeFrom(r, r.values, [], '');
    if (route) entry.routes.push(route);
  }

  routeFrom(
    r: PlannedResource,
    v: JsonObj,
    at: readonly (string | number)[],
    field: string,
  ): Route | undefined {
    const f = (k: string) => (field ? `${field}.${k}` : k);
    const destText =
      str(v, 'cidr_block') ??
      str(v, 'destination_cidr_block') ??
      str(v, 'ipv6_cidr_block') ??
      str(v, 'destination_ipv6_cidr_block');
    const plId =
      str(v, 'destination_prefix_list_id') ?? this.rv.id(r, [...at, 'destination_prefix_list_id'], v);
    let destination: Route['destination'];
    if (destText) {
      const cidr = this.cidr(r, f('cidr_block'), destText);
      if (!cidr) return undefined;
      destination = { kind: 'cidr', cidr };
    } else if (plId) destination = { kind: 'prefix-list', prefixListId: plId };
    else {
      this.warn({ code: 'BAD_VALUE', resourceId: r.address, field: f('cidr_block'), skipped: true });
      return undefined;
    }
    const target = this.routeTarget(r, v, at);
    if (!target) {
      this.warn({
        code: 'ROUTE_TARGET_MISSING',
        resourceId: r.address,
        field: field || undefined,
        skipped: true,
      });
      return undefined;
    }
    return {
      destination,
      target,
      state: 'active',
      origin: 'CreateRoute',
      destinationText: destText ?? plId ?? '',
    };
  }

  routeTarget(r: PlannedResource, v: JsonObj, at: readonly (string | number)[]): RouteTarget | undefined {
    for (const field of TARGET_FIELDS) {
      const known = str(v, field);
      const ref = known ? undefined : this.rv.ref(r, [...at, field]);
      if (!known && !ref) continue;
      if (ref) {
        const id = this.rv.attrId(ref.res, ref.attr);
        if (ref.res.type === 'aws_instance')
          return {
            type: 'instance',
            id: this.rv.idOf(ref.res),
            networkInterfaceId: eniIdOf(this.rv.idOf(ref.res), ref.res),
          };
        const type = TYPE_OF_RESOURCE[ref.res.type] ?? typeFromId(id, field);
        return { type, id };
      }
      if (known === 'local') return { type: 'local', id: 'local' };
      return { type: typeFromId(known as string, field), id: known as string };
    }
    return undefined;
  }

  rtAssociation(r: PlannedResource): void {
    const entry = this.referenced(r, 'route_table_id', this.routeTables);
    if (!entry) return;
    const subnetId = this.rv.id(r, ['subnet_id']);
    const gatewayId = this.rv.id(r, ['gateway_id']);
    entry.assoc.push({
      routeTableAssociationId: this.rv.idOf(r),
      main: false,
      subnetId,
      gatewayId,
      state: 'associated',
    });
  }

  mainAssociation(r: PlannedResource): void {
    const tableId = this.rv.id(r, ['route_table_id']);
    const vpcId = this.rv.id(r, ['vpc_id']);
    const entry = tableId ? this.routeTables.get(tableId) : undefined;
    if (!entry || !vpcId) {
      this.warn({
        code: 'MISSING_REFERENCE',
        resourceId: r.address,
        field: 'route_table_id',
        value: tableId,
      });
      return;
    }
    for (const other of this.routeTables.values())
      if (other.rt.vpcId === vpcId) other.assoc = other.assoc.filter((a) => !a.main);
    entry.assoc.push({ routeTableAssociationId: this.rv.idOf(r), main: true, state: 'associated' });
  }

  // ---- Security groups ------------------------------------------------------------------------

  securityGroup(r: PlannedResource): void {
    const v = r.values;
    const id = this.rv.idOf(r);
    const existing = this.groups.get(id);
    const vpcId = existing?.sg.vpcId ?? this.rv.id(r, ['vpc_id']);
    const entry = existing ?? {
      sg: {
        groupId: id,
        groupName: str(v, 'name') ?? str(v, 'name_prefix') ?? r.address,
        vpcId,
        description: str(v, 'description'),
        ingress: [],
        egress: [],
        tags: {},
        origin: this.origin,
      },
      ingress: [],
      egress: [],
    };
    entry.sg = { ...entry.sg, tags: tagsOf(v) };
    // Terraform manages the whole rule set: only the listed blocks exist (no default allow-all egress;
    // an adopted default group loses its rules unless listed).
    entry.ingress = this.inlineRules(r, id, vpcId, 'ingress');
    entry.egress = this.inlineRules(r, id, vpcId, 'egress');
    this.groups.set(id, entry);
  }

  inlineRules(
    r: PlannedResource,
    groupId: string,
    _vpcId: string | undefined,
    name: 'ingress' | 'egress',
  ): SecurityGroupRule[] {
    const out: SecurityGroupRule[] = [];
    this.blocks(r, name).forEach((b, i) => {
      const v = b.values;
      const at = [name, b.configIndex] as const;
      const proto = protocolOf(v.protocol);
      if (proto === undefined) {
        this.warn({
          code: 'BAD_VALUE',
          resourceId: r.address,
          field: `${name}[${i}].protocol`,
          value: String(v.protocol),
          skipped: true,
        });
        return;
      }
      const peers: SgPeer[] = [];
      for (const k of ['cidr_blocks', 'ipv6_cidr_blocks'])
        for (const c of strs(v, k)) {
          const cidr = this.cidr(r, `${name}[${i}].${k}`, c);
          if (cidr) peers.push({ kind: 'cidr', cidr });
        }
      for (const pl of this.rv.ids(r, [...at, 'prefix_list_ids'], v))
        peers.push({ kind: 'prefix-list', prefixListId: pl });
      for (const g of this.rv.ids(r, [...at, 'security_groups'], v))
        peers.push({ kind: 'security-group', groupId: g });
      if (v.self === true) peers.push({ kind: 'security-group', groupId });
      const [from, to] = ports(proto, v);
      for (const peer of peers)
        out.push(rule(groupId, name === 'egress', proto, from, to, peer, i, str(v, 'description')));
    });
    return out;
  }

  sgRule(r: PlannedResource): void {
    const v = r.values;
    const entry = this.referenced(r, 'security_group_id', this.groups);
    if (!entry) return;
    const groupId = entry.sg.groupId;
    const egress = v.type === 'egress';
    const proto = protocolOf(v.protocol);
    if (proto === undefined) {
      this.warn({
        code: 'BAD_VALUE',
        resourceId: r.address,
        field: 'protocol',
        value: String(v.protocol),
        skipped: true,
      });
      return;
    }
    const peers: SgPeer[] = [];
    for (const k of ['cidr_blocks', 'ipv6_cidr_blocks'])
      for (const c of strs(v, k)) {
        const cidr = this.cidr(r, k, c);
        if (cidr) peers.push({ kind: 'cidr', cidr });
      }
    for (const pl of this.rv.ids(r, ['prefix_list_ids']))
      peers.push({ kind: 'prefix-list', prefixListId: pl });
    const src = this.rv.id(r, ['source_security_group_id']);
    if (src) peers.push({ kind: 'security-group', groupId: src });
    if (v.self === true) peers.push({ kind: 'security-group', groupId });
    const [from, to] = ports(proto, v);
    const list = egress ? entry.egress : entry.ingress;
    for (const peer of peers)
      list.push(rule(groupId, egress, proto, from, to, peer, list.length, str(v, 'description')));
  }

  vpcSgRule(r: PlannedResource, egress: boolean): void {
    const v = r.values;
    const entry = this.referenced(r, 'security_group_id', this.groups);
    if (!entry) return;
    const groupId = entry.sg.groupId;
    const proto = protocolOf(v.ip_protocol);
    if (proto === undefined) {
      this.warn({
        code: 'BAD_VALUE',
        resourceId: r.address,
        field: 'ip_protocol',
        value: String(v.ip_protocol),
        skipped: true,
      });
      return;
    }
    let peer: SgPeer | undefined;
    const c = this.cidr(r, 'cidr_ipv4', v.cidr_ipv4) ?? this.cidr(r, 'cidr_ipv6', v.cidr_ipv6);
    const g = this.rv.id(r, ['referenced_security_group_id']);
    const pl = this.rv.id(r, ['prefix_list_id']);
    if (c) peer = { kind: 'cidr', cidr: c };
    else if (g) peer = { kind: 'security-group', groupId: g };
    else if (pl) peer = { kind: 'prefix-list', prefixListId: pl };
    if (!peer) {
      this.warn({ code: 'BAD_VALUE', resourceId: r.address, field: 'cidr_ipv4', skipped: true });
      return;
    }
    const [from, to] = ports(proto, v);
    const list = egress ? entry.egress : entry.ingress;
    list.push(rule(groupId, egress, proto, from, to, peer, list.length, str(v, 'description')));
  }

  // ---- Network ACLs ---------------------------------------------------------------------------

  networkAcl(r: PlannedResource): void {
    const id = this.rv.idOf(r);
    const existing = this.acls.get(id);
    const vpcId = existing?.acl.vpcId ?? this.rv.id(r, ['vpc_id']);
    if (!vpcId) {
      this.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
      return;
    }
    const entry = existing ?? {
      acl: {
        networkAclId: id,
        vpcId,
        isDefault: false,
        entries: [],
        associations: [],
        tags: {},
        origin: this.origin,
      },
      entries: [],
      subnets: [],
    };
    entry.acl = { ...entry.acl, tags: tagsOf(r.values) };
    // Only the listed rules exist (an adopted default NACL loses its allow-all rules), plus AWS's `*`.
    entry.entries = [...denyAll()];
    for (const name of ['ingress', 'egress'] as const)
      this.blocks(r, name).forEach((b, i) => {
        const e = this.aclEntry(r, b.values, name === 'egress', 'rule_no', 'action', `${name}[${i}]`);
        if (e) entry.entries.push(e);
      });
    entry.subnets.push(...this.rv.ids(r, ['subnet_ids']));
    this.acls.set(id, entry);
  }

  aclEntry(
    r: PlannedResource,
    v: JsonObj,
    egress: boolean,
    numberKey: string,
    actionKey: string,
    field: string,
  ): NetworkAclEntry | undefined {
    const f = (k: string) => (field ? `${field}.${k}` : k);
    const ruleNumber = num(v, numberKey);
    const action = str(v, actionKey)?.toLowerCase();
    const protocol = protocolOf(v.protocol);
    const cidr =
      this.cidr(r, f('cidr_block'), v.cidr_block) ?? this.cidr(r, f('ipv6_cidr_block'), v.ipv6_cidr_block);
    if (
      ruleNumber === undefined ||
      (action !== 'allow' && action !== 'deny') ||
      protocol === undefined ||
      !cidr
    ) {
      this.warn({ code: 'BAD_VALUE', resourceId: r.address, field: field || numberKey, skipped: true });
      return undefined;
    }
    const from = num(v, 'from_port');
    const to = num(v, 'to_port');
    const icmpType = num(v, 'icmp_type');
    return {
      ruleNumber,
      egress,
      ruleAction: action,
      protocol,
      cidr,
      portRange:
        (protocol === 6 || protocol === 17) && from !== undefined && to !== undefined
          ? { from, to }
          : undefined,
      icmpTypeCode:
        (protocol === 1 || protocol === 58) && icmpType !== undefined
          ? { type: icmpType, code: num(v, 'icmp_code') ?? -1 }
          : undefined,
    };
  }

  aclRule(r: PlannedResource): void {
    const entry = this.referenced(r, 'network_acl_id', this.acls);
    if (!entry) return;
    const e = this.aclEntry(r, r.values, r.values.egress === true, 'rule_number', 'rule_action', '');
    if (e) entry.entries.push(e);
  }

  aclAssociation(r: PlannedResource): void {
    const aclId = this.rv.id(r, ['network_acl_id']);
    const subnetId = this.rv.id(r, ['subnet_id']);
    const entry = aclId ? this.acls.get(aclId) : undefined;
    if (!entry || !subnetId) {
      this.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'network_acl_id', value: aclId });
      return;
    }
    entry.subnets.push(subnetId);
  }

  // ---- Instances, interfaces, addresses -------------------------------------------------------

  instance(r: PlannedResource): void {
    const v = r.values;
    const instanceId = this.rv.idOf(r);
    const subnetId = this.rv.id(r, ['subnet_id']);
    const subnet = subnetId ? this.subnets.get(subnetId) : undefined;
    const vpcId = subnet?.vpcId;
    const sourceDestCheck = bool(v, 'source_dest_check') ?? true;
    const eniId = eniIdOf(instanceId, r);
    const ip = this.ip(r, 'private_ip', v.private_ip);
    this.instances.push({
      instanceId,
      instanceType: str(v, 'instance_type'),
      state: 'running',
      subnetId,
      vpcId,
      sourceDestCheck,
      networkInterfaceIds: subnetId ? [eniId] : [],
      tags: tagsOf(v),
      origin: this.origin,
    });
    if (!subnetId || !vpcId) {
      this.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'subnet_id', value: subnetId });
      return;
    }
    if (!ip)
      this.warn({
        code: 'BAD_VALUE',
        resourceId: r.address,
        field: 'private_ip',
        value: '(known after apply)',
        detail: 'set private_ip to trace this instance',
      });
    let groups = [...this.rv.ids(r, ['vpc_security_group_ids']), ...this.rv.ids(r, ['security_groups'])];
    if (groups.length === 0) {
      const vpc = this.plan.resources.find((x) => x.type === 'aws_vpc' && this.rv.idOf(x) === vpcId);
      if (vpc) groups = [this.rv.attrId(vpc, 'default_security_group_id')];
    }
    // An Elastic IP of this plan replaces the auto-assigned address: no placeholder for it.
    const hasEip = this.plan.resources.some(
      (x) => x.type === 'aws_eip' && this.rv.refs(x, ['instance']).some((t) => t.res === r),
    );
    const wantsPublic =
      !hasEip && (bool(v, 'associate_public_ip_address') ?? subnet?.mapPublicIpOnLaunch ?? false);
    let publicIp: Ip | undefined;
    if (wantsPublic) publicIp = this.ip(r, 'public_ip', v.public_ip) ?? this.nextPlaceholder(r, 'public_ip');
    this.enis.set(eniId, {
      networkInterfaceId: eniId,
      subnetId,
      vpcId,
      availabilityZone: subnet?.availabilityZone,
      interfaceType: 'interface',
      status: 'in-use',
      requesterManaged: false,
      sourceDestCheck,
      groupIds: [...new Set(groups)],
      privateAddresses: ip ? [{ ip, primary: true, publicIp }] : [],
      ipv6Addresses: [],
      delegatedPrefixes: [],
      attachment: { instanceId, deviceIndex: 0, status: 'attached' },
      denyAllIgwTraffic: false,
      tags: {},
      origin: this.origin,
    });
  }

  /** What `field` of `r` refers to among `known`, or a MISSING_REFERENCE warning and undefined. */
  private referenced<T>(r: PlannedResource, field: string, known: ReadonlyMap<string, T>): T | undefined {
    const id = this.rv.id(r, [field]);
    const found = id ? known.get(id) : undefined;
    if (found === undefined)
      this.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field, value: id });
    return found;
  }

  private subnetOf(r: PlannedResource): Subnet | undefined {
    return this.referenced(r, 'subnet_id', this.subnets);
  }

  networkInterface(r: PlannedResource): void {
    const v = r.values;
    const id = this.rv.idOf(r);
    const subnet = this.subnetOf(r);
    if (!subnet) return;
    const subnetId = subnet.subnetId;
    const ips = [
      ...strs(v, 'private_ips'),
      ...(str(v, 'private_ip') ? [str(v, 'private_ip') as string] : []),
    ];
    const addrs = [...new Set(ips)]
      .map((t) => this.ip(r, 'private_ips', t))
      .filter((x): x is Ip => x !== undefined)
      .map((ip, i) => ({ ip, primary: i === 0 }));
    if (addrs.length === 0)
      this.warn({
        code: 'BAD_VALUE',
        resourceId: r.address,
        field: 'private_ip',
        value: '(known after apply)',
      });
    const att = this.blocks(r, 'attachment')[0];
    const instanceId = att
      ? this.rv.id(r, ['attachment', att.configIndex, 'instance'], att.values)
      : undefined;
    this.enis.set(id, {
      networkInterfaceId: id,
      subnetId,
      vpcId: subnet.vpcId,
      availabilityZone: subnet.availabilityZone,
      interfaceType: 'interface',
      status: instanceId ? 'in-use' : 'available',
      description: str(v, 'description'),
      requesterManaged: false,
      sourceDestCheck: bool(v, 'source_dest_check') ?? true,
      groupIds: this.rv.ids(r, ['security_groups']),
      privateAddresses: addrs,
      ipv6Addresses: [],
      delegatedPrefixes: [],
      attachment: instanceId
        ? { instanceId, deviceIndex: att ? num(att.values, 'device_index') : undefined, status: 'attached' }
        : undefined,
      denyAllIgwTraffic: false,
      tags: tagsOf(v),
      origin: this.origin,
    });
    const inst = instanceId ? this.instances.find((i) => i.instanceId === instanceId) : undefined;
    if (inst) {
      const idx = this.instances.indexOf(inst);
      this.instances[idx] = { ...inst, networkInterfaceIds: [...inst.networkInterfaceIds, id] };
    }
  }

  eip(r: PlannedResource): void {
    const v = r.values;
    const allocationId = this.rv.idOf(r);
    const instanceId = this.rv.id(r, ['instance']);
    let eniId = this.rv.id(r, ['network_interface']);
    if (!eniId && instanceId)
      eniId = this.instances.find((i) => i.instanceId === instanceId)?.networkInterfaceIds[0];
    const publicIp = this.ip(r, 'public_ip', v.public_ip) ?? this.nextPlaceholder(r, 'public_ip');
    const eni = eniId ? this.enis.get(eniId) : undefined;
    const wanted = this.ip(r, 'associate_with_private_ip', v.associate_with_private_ip);
    let privateIp: Ip | undefined;
    if (eni && eni.privateAddresses.length > 0) {
      const idx = Math.max(
        0,
        eni.privateAddresses.findIndex((a) => (wanted ? a.ip.value === wanted.value : a.primary)),
      );
      privateIp = eni.privateAddresses[idx]?.ip;
      const addrs = eni.privateAddresses.map((a, i) => (i === idx ? { ...a, publicIp, allocationId } : a));
      this.enis.set(eni.networkInterfaceId, { ...eni, privateAddresses: addrs });
    }
    this.eips.push({
      allocationId,
      publicIp,
      associationId: eni ? `tf:${r.address}.association_id` : undefined,
      instanceId,
      networkInterfaceId: eni?.networkInterfaceId,
      privateIpAddress: privateIp,
      tags: tagsOf(v),
      origin: this.origin,
    });
  }

  natGateway(r: PlannedResource): void {
    const v = r.values;
    const id = this.rv.idOf(r);
    const subnet = this.subnetOf(r);
    if (!subnet) return;
    const subnetId = subnet.subnetId;
    const connectivityType = v.connectivity_type === 'private' ? 'private' : 'public';
    const allocationId = this.rv.id(r, ['allocation_id']);
    const eip = allocationId ? this.eips.find((e) => e.allocationId === allocationId) : undefined;
    const privateIp = this.ip(r, 'private_ip', v.private_ip);
    const eniId = `${id}.network_interface_id`;
    if (!privateIp)
      this.warn({
        code: 'BAD_VALUE',
        resourceId: r.address,
        field: 'private_ip',
        value: '(known after apply)',
      });
    else
      this.enis.set(eniId, {
        networkInterfaceId: eniId,
        subnetId,
        vpcId: subnet.vpcId,
        availabilityZone: subnet.availabilityZone,
        interfaceType: 'nat_gateway',
        status: 'in-use',
        requesterManaged: true,
        sourceDestCheck: false,
        groupIds: [],
        privateAddresses: [{ ip: privateIp, primary: true, publicIp: eip?.publicIp, allocationId }],
        ipv6Addresses: [],
        delegatedPrefixes: [],
        denyAllIgwTraffic: false,
        tags: {},
        origin: this.origin,
      });
    this.nats.push({
      natGatewayId: id,
      subnetId,
      vpcId: subnet.vpcId,
      state: 'available',
      connectivityType,
      addresses: [
        {
          allocationId,
          networkInterfaceId: privateIp ? eniId : undefined,
          privateIp,
          publicIp: eip?.publicIp,
          isPrimary: true,
        },
      ],
      tags: tagsOf(v),
      origin: this.origin,
    });
  }

  result(): NetworkData {
    const routeTables = [...this.routeTables.values()].map(({ rt, routes, assoc }) => ({
      ...rt,
      routes,
      associations: assoc,
    }));
    const securityGroups = [...this.groups.values()].map(({ sg, ingress, egress }) => ({
      ...sg,
      ingress,
      egress,
    }));
    // A subnet is associated with exactly one NACL: the last association wins, the rest use the default.
    const aclOf = new Map<string, string>();
    for (const [id, a] of this.acls) for (const s of a.subnets) aclOf.set(s, id);
    const networkAcls = [...this.acls.entries()].map(([id, { acl, entries }]) => ({
      ...acl,
      entries: [...entries].sort(
        (a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber,
      ),
      associations: [...aclOf].filter(([, a]) => a === id).map(([subnetId]) => ({ subnetId })),
    }));
    return {
      vpcs: this.vpcs,
      subnets: [...this.subnets.values()],
      routeTables,
      securityGroups,
      networkAcls,
      instances: this.instances,
      networkInterfaces: [...this.enis.values()],
      internetGateways: this.igws,
      egressOnlyInternetGateways: [],
      natGateways: this.nats,
      vpcEndpoints: [],
      vpcPeeringConnections: [],
      prefixLists: [],
      elasticIps: this.eips,
      hybrid: [],
      present: new Set(
        PRESENT.filter((k) => !this.plan.resources.some((r) => UNREAD_KINDS[k]?.includes(r.type))),
      ),
      warnings: this.warnings,
      files: [this.origin],
    };
  }
}

const ANY4 = parseCidr('0.0.0.0/0')?.cidr as Cidr;

function denyAll(): NetworkAclEntry[] {
  return [false, true].map((egress) => ({
    ruleNumber: 32767,
    egress,
    ruleAction: 'deny',
    protocol: -1,
    cidr: ANY4,
  }));
}

function rule(
  groupId: string,
  egress: boolean,
  ipProtocol: number,
  fromPort: number | undefined,
  toPort: number | undefined,
  peer: SgPeer,
  permissionIndex: number,
  description?: string,
): SecurityGroupRule {
  return { groupId, egress, ipProtocol, fromPort, toPort, peer, permissionIndex, description };
}

/** Ports as AWS prints them: none for all protocols, type/code for ICMP. */
function ports(proto: number, v: JsonObj): [number | undefined, number | undefined] {
  if (proto === -1) return [undefined, undefined];
  return [num(v, 'from_port'), num(v, 'to_port')];
}

const TARGET_FIELDS = [
  'gateway_id',
  'nat_gateway_id',
  'network_interface_id',
  'instance_id',
  'transit_gateway_id',
  'vpc_peering_connection_id',
  'vpc_endpoint_id',
  'egress_only_gateway_id',
  'local_gateway_id',
  'carrier_gateway_id',
  'core_network_arn',
] as const;

const TYPE_OF_RESOURCE: Readonly<Record<string, RouteTargetType>> = {
  aws_internet_gateway: 'internet-gateway',
  aws_nat_gateway: 'nat-gateway',
  aws_network_interface: 'network-interface',
  aws_egress_only_internet_gateway: 'egress-only-internet-gateway',
  aws_vpc_peering_connection: 'vpc-peering-connection',
  aws_vpc_endpoint: 'vpc-endpoint',
  aws_ec2_transit_gateway: 'transit-gateway',
  aws_vpn_gateway: 'vpn-gateway',
};

const ID_PREFIXES: readonly (readonly [string, RouteTargetType])[] = [
  ['igw-', 'internet-gateway'],
  ['vgw-', 'vpn-gateway'],
  ['vpce-', 'vpc-endpoint'],
  ['eigw-', 'egress-only-internet-gateway'],
  ['nat-', 'nat-gateway'],
  ['i-', 'instance'],
  ['eni-', 'network-interface'],
  ['pcx-', 'vpc-peering-connection'],
  ['tgw-', 'transit-gateway'],
  ['lgw-', 'local-gateway'],
  ['cagw-', 'carrier-gateway'],
];

const FIELD_TYPES: Readonly<Record<string, RouteTargetType>> = {
  nat_gateway_id: 'nat-gateway',
  network_interface_id: 'network-interface',
  instance_id: 'instance',
  transit_gateway_id: 'transit-gateway',
  vpc_peering_connection_id: 'vpc-peering-connection',
  vpc_endpoint_id: 'vpc-endpoint',
  egress_only_gateway_id: 'egress-only-internet-gateway',
  local_gateway_id: 'local-gateway',
  carrier_gateway_id: 'carrier-gateway',
  core_network_arn: 'core-network',
};

function typeFromId(id: string, field: string): RouteTargetType {
  for (const [p, t] of ID_PREFIXES) if (id.startsWith(p)) return t;
  return FIELD_TYPES[field] ?? 'unknown';
}

/** An instance's primary interface: known `primary_network_interface_id`, else `<instance id>.primary_network_interface_id`. */
function eniIdOf(instanceId: string, r: PlannedResource): string {
  const known = r.values.primary_network_interface_id;
  if (typeof known === 'string' && known !== '') return known;
  return instanceId.startsWith('tf:')
    ? `${instanceId}.primary_network_interface_id`
    : `tf:${r.address}.primary_network_interface_id`;
}

function constantsOf(c: JsonObj): JsonObj {
  const out: JsonObj = {};
  for (const [k, e] of Object.entries(c))
    if (isObj(e) && 'constant_value' in e) out[k] = e.constant_value ?? null;
  return out;
}

function matches(config: JsonObj, values: JsonObj): boolean {
  for (const [k, e] of Object.entries(config)) {
    if (!isObj(e) || !('constant_value' in e)) continue;
    if (JSON.stringify(e.constant_value) !== JSON.stringify(values[k])) return false;
  }
  return true;
}

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

export function buildFromPlan(plan: ParsedPlan, file: string): NetworkData {
  const b = new Builder(plan, file);
  b.build();
  return b.result();
}
