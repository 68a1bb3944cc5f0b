/**
 * `Network`: the whole loaded snapshot, immutable, with the indexes every query needs
 * (resources by id, subnet → route table and NACL, address → interface, public IP → interface).
 * Pure data and pure lookups; it knows AWS's implicit associations but nothing about packets.
 */
import { type Cidr, cidrContains, formatIp, type Ip } from '../net/index.js';
import type { Origin, ResourceKind } from './common.js';
import type { LoadWarning } from './diagnostic.js';
import type {
  DirectConnectGateway,
  DirectConnectGatewayAssociation,
  DxConnection,
  DxLag,
  VirtualInterface,
} from './direct-connect.js';
import type { EgressOnlyInternetGateway } from './egress-only-internet-gateway.js';
import type { ElasticIp } from './elastic-ip.js';
import type { FlowLog } from './flow-log.js';
import type { HybridResource } from './hybrid.js';
import type { Instance } from './instance.js';
import { type InternetGateway, isAttachedTo } from './internet-gateway.js';
import type { NatGateway } from './nat-gateway.js';
import type { NetworkAcl } from './network-acl.js';
import type { NetworkInterface } from './network-interface.js';
import { inferOnPremNetworks, type OnPremNetwork } from './onprem.js';
import type { PrefixList } from './prefix-list.js';
import type { RouteTable } from './route-table.js';
import type { SecurityGroup } from './security-group.js';
import type { Subnet } from './subnet.js';
import type {
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
} from './transit-gateway.js';
import type { Vpc } from './vpc.js';
import type { VpcEndpoint } from './vpc-endpoint.js';
import type { VpcPeeringConnection } from './vpc-peering-connection.js';
import type { VpnConnection } from './vpn-connection.js';
import type { CustomerGateway, VpnGateway } from './vpn-gateway.js';

/** Everything a loader produces, as arrays; `Network` indexes it. */
export interface NetworkData {
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly networkAcls: readonly NetworkAcl[];
  readonly instances: readonly Instance[];
  readonly networkInterfaces: readonly NetworkInterface[];
  readonly internetGateways: readonly InternetGateway[];
  readonly egressOnlyInternetGateways: readonly EgressOnlyInternetGateway[];
  readonly natGateways: readonly NatGateway[];
  readonly vpcEndpoints: readonly VpcEndpoint[];
  readonly vpcPeeringConnections: readonly VpcPeeringConnection[];
  readonly prefixLists: readonly PrefixList[];
  readonly elasticIps: readonly ElasticIp[];
  readonly hybrid: readonly HybridResource[];
  readonly transitGateways?: readonly TransitGateway[];
  readonly transitGatewayAttachments?: readonly TransitGatewayAttachment[];
  readonly transitGatewayRouteTables?: readonly TransitGatewayRouteTable[];
  readonly vpnConnections?: readonly VpnConnection[];
  readonly vpnGateways?: readonly VpnGateway[];
  readonly customerGateways?: readonly CustomerGateway[];
  readonly dxConnections?: readonly DxConnection[];
  readonly dxLags?: readonly DxLag[];
  readonly virtualInterfaces?: readonly VirtualInterface[];
  readonly directConnectGateways?: readonly DirectConnectGateway[];
  readonly directConnectGatewayAssociations?: readonly DirectConnectGatewayAssociation[];
  /** describe-flow-logs; whether the snapshot held that file at all is `present.has('FlowLogs')`. */
  readonly flowLogs?: readonly FlowLog[];
  /** On-premises networks from the --onprem file (inferred ones are computed by `Network`). */
  readonly onPremNetworks?: readonly OnPremNetwork[];
  /** Resource kinds for which the snapshot held a describe-* file (even an empty one). */
  readonly present: ReadonlySet<ResourceKind>;
  /** Per present kind, the captures (region/account) whose files held it; absent: every capture. */
  readonly presentIn?: ReadonlyMap<ResourceKind, readonly Origin[]>;
  readonly warnings: readonly LoadWarning[];
  readonly files: readonly Origin[];
}

export interface AddressOwner {
  readonly eni: NetworkInterface;
  readonly ip: Ip;
}

function byId<T>(items: readonly T[], key: (t: T) => string): ReadonlyMap<string, T> {
  const m = new Map<string, T>();
  for (const it of items) if (!m.has(key(it))) m.set(key(it), it);
  return m;
}

function ipKey(ip: Ip): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

export class Network {
  readonly data: NetworkData;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  readonly networkAcls: ReadonlyMap<string, NetworkAcl>;
  readonly instances: ReadonlyMap<string, Instance>;
  readonly networkInterfaces: ReadonlyMap<string, NetworkInterface>;
  readonly internetGateways: ReadonlyMap<string, InternetGateway>;
  readonly egressOnlyInternetGateways: ReadonlyMap<string, EgressOnlyInternetGateway>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly vpcPeeringConnections: ReadonlyMap<string, VpcPeeringConnection>;
  readonly prefixLists: ReadonlyMap<string, PrefixList>;
  readonly hybrid: ReadonlyMap<string, HybridResource>;
  readonly transitGateways: ReadonlyMap<string, TransitGateway>;
  readonly transitGatewayAttachments: ReadonlyMap<string, TransitGatewayAttachment>;
  readonly transitGatewayRouteTables: ReadonlyMap<string, TransitGatewayRouteTable>;
  readonly vpnConnections: ReadonlyMap<string, VpnConnection>;
  readonly vpnGateways: ReadonlyMap<string, VpnGateway>;
  readonly customerGateways: ReadonlyMap<string, CustomerGateway>;
  readonly virtualInterfaces: ReadonlyMap<string, VirtualInterface>;
  readonly dxConnections: ReadonlyMap<string, DxConnection>;
  readonly dxLags: ReadonlyMap<string, DxLag>;
  readonly directConnectGateways: ReadonlyMap<string, DirectConnectGateway>;
  readonly directConnectGatewayAssociations: readonly DirectConnectGatewayAssociation[];
  readonly flowLogs: ReadonlyMap<string, FlowLog>;
  /** On-premises networks: from the --onprem file when given, else inferred (see `onprem.ts`). */
  readonly onPremNetworks: readonly OnPremNetwork[];

  private readonly subnetRouteTable = new Map<string, { table: RouteTable; explicit: boolean }>();
  private readonly mainRouteTable = new Map<string, RouteTable>();
  private readonly subnetAcl = new Map<string, NetworkAcl>();
  private readonly privateIpOwner = new Map<string, AddressOwner[]>();
  private readonly publicIpOwner = new Map<string, AddressOwner>();
  private readonly idleElasticIps = new Map<string, ElasticIp>();
  private readonly subnetsByVpc = new Map<string, Subnet[]>();
  private readonly enisBySubnet = new Map<string, NetworkInterface[]>();
  private readonly enisByGroup = new Map<string, NetworkInterface[]>();
  private readonly enisByInstance = new Map<string, NetworkInterface[]>();
  private readonly natGatewayByEni = new Map<string, NatGateway>();
  private readonly endpointByEni = new Map<string, VpcEndpoint>();
  private readonly flowLogsByResource = new Map<string, FlowLog[]>();
  private readonly prefixOwners: NetworkInterface[] = [];

  constructor(data: NetworkData) {
    this.data = data;
    this.vpcs = byId(data.vpcs, (v) => v.vpcId);
    this.subnets = byId(data.subnets, (s) => s.subnetId);
    this.routeTables = byId(data.routeTables, (r) => r.routeTableId);
    this.securityGroups = byId(data.securityGroups, (g) => g.groupId);
    this.networkAcls = byId(data.networkAcls, (a) => a.networkAclId);
    this.instances = byId(data.instances, (i) => i.instanceId);
    this.networkInterfaces = byId(data.networkInterfaces, (e) => e.networkInterfaceId);
    this.internetGateways = byId(data.internetGateways, (g) => g.internetGatewayId);
    this.egressOnlyInternetGateways = byId(
      data.egressOnlyInternetGateways,
      (g) => g.egressOnlyInternetGatewayId,
    );
    this.natGateways = byId(data.natGateways, (n) => n.natGatewayId);
    this.vpcEndpoints = byId(data.vpcEndpoints, (e) => e.vpcEndpointId);
    this.vpcPeeringConnections = byId(data.vpcPeeringConnections, (p) => p.vpcPeeringConnectionId);
    this.prefixLists = byId(data.prefixLists, (p) => p.prefixListId);
    this.hybrid = byId(data.hybrid, (h) => h.id);
    this.transitGateways = byId(data.transitGateways ?? [], (t) => t.transitGatewayId);
    this.transitGatewayAttachments = byId(
      data.transitGatewayAttachments ?? [],
      (a) => a.transitGatewayAttachmentId,
    );
    this.transitGatewayRouteTables = byId(
      data.transitGatewayRouteTables ?? [],
      (t) => t.transitGatewayRouteTableId,
    );
    this.vpnConnections = byId(data.vpnConnections ?? [], (v) => v.vpnConnectionId);
    this.vpnGateways = byId(data.vpnGateways ?? [], (g) => g.vpnGatewayId);
    this.customerGateways = byId(data.customerGateways ?? [], (g) => g.customerGatewayId);
    this.virtualInterfaces = byId(data.virtualInterfaces ?? [], (v) => v.virtualInterfaceId);
    this.dxConnections = byId(data.dxConnections ?? [], (c) => c.connectionId);
    this.dxLags = byId(data.dxLags ?? [], (l) => l.lagId);
    this.directConnectGateways = byId(data.directConnectGateways ?? [], (g) => g.directConnectGatewayId);
    this.directConnectGatewayAssociations = data.directConnectGatewayAssociations ?? [];
    this.flowLogs = byId(data.flowLogs ?? [], (f) => f.flowLogId);
    this.onPremNetworks = data.onPremNetworks ?? inferOnPremNetworks(data);

    for (const s of data.subnets) {
      const list = this.subnetsByVpc.get(s.vpcId) ?? [];
      list.push(s);
      this.subnetsByVpc.set(s.vpcId, list);
    }
    // A subnet with no explicit association uses the VPC's main route table; the API does not list
    // implicit associations at all (aws-semantics §1.1.4, BOTO RouteTableAssociation).
    for (const rt of data.routeTables) {
      for (const a of rt.associations) {
        if (a.state !== undefined && a.state !== 'associated') continue;
        if (a.main) this.mainRouteTable.set(rt.vpcId, rt);
        else if (a.subnetId) this.subnetRouteTable.set(a.subnetId, { table: rt, explicit: true });
      }
    }
    for (const acl of data.networkAcls) {
      for (const a of acl.associations) this.subnetAcl.set(a.subnetId, acl);
    }
    for (const eni of data.networkInterfaces) {
      for (const pa of eni.privateAddresses) {
        this.addPrivate(eni, pa.ip);
        if (pa.publicIp) this.publicIpOwner.set(ipKey(pa.publicIp), { eni, ip: pa.ip });
      }
      for (const ip6 of eni.ipv6Addresses) this.addPrivate(eni, ip6);
      push(this.enisBySubnet, eni.subnetId, eni);
      if (eni.delegatedPrefixes.length > 0) this.prefixOwners.push(eni);
      for (const g of eni.groupIds) push(this.enisByGroup, g, eni);
      if (eni.attachment?.instanceId) push(this.enisByInstance, eni.attachment.instanceId, eni);
    }
    for (const e of data.elasticIps)
      if (!e.networkInterfaceId && !e.instanceId && !e.associationId)
        this.idleElasticIps.set(ipKey(e.publicIp), e);
    for (const ng of data.natGateways) {
      for (const a of ng.addresses)
        if (a.networkInterfaceId) this.natGatewayByEni.set(a.networkInterfaceId, ng);
    }
    for (const ep of data.vpcEndpoints) {
      for (const id of ep.networkInterfaceIds) this.endpointByEni.set(id, ep);
    }
    for (const f of this.flowLogs.values()) push(this.flowLogsByResource, f.resourceId, f);
  }

  private addPrivate(eni: NetworkInterface, ip: Ip): void {
    const key = ipKey(ip);
    const list = this.privateIpOwner.get(key) ?? [];
    list.push({ eni, ip });
    this.privateIpOwner.set(key, list);
  }

  has(kind: ResourceKind): boolean {
    return this.data.present.has(kind);
  }

  /**
   * Was a file of this kind read for the capture (region and account) a resource came from? A
   * multi-account snapshot may hold describe-flow-logs for one account only. Unknown region or
   * account on either side counts as the same capture.
   */
  hasFor(kind: ResourceKind, origin: Origin): boolean {
    if (!this.has(kind)) return false;
    const list = this.data.presentIn?.get(kind);
    return (
      list === undefined ||
      list.some(
        (o) =>
          (!o.region || !origin.region || o.region === origin.region) &&
          (!o.accountId || !origin.accountId || o.accountId === origin.accountId),
      )
    );
  }

  /** The route table that routes a subnet's traffic: its explicit association, else the VPC's main table. */
  routeTableFor(subnetId: string): { table: RouteTable; explicit: boolean } | undefined {
    const explicit = this.subnetRouteTable.get(subnetId);
    if (explicit) return explicit;
    const subnet = this.subnets.get(subnetId);
    const main = subnet ? this.mainRouteTable.get(subnet.vpcId) : undefined;
    return main ? { table: main, explicit: false } : undefined;
  }

  mainRouteTableOf(vpcId: string): RouteTable | undefined {
    return this.mainRouteTable.get(vpcId);
  }

  /** The subnet's NACL: every subnet is associated with exactly one (the default one unless changed). */
  networkAclFor(subnetId: string): NetworkAcl | undefined {
    const acl = this.subnetAcl.get(subnetId);
    if (acl) return acl;
    const subnet = this.subnets.get(subnetId);
    if (!subnet) return undefined;
    return this.data.networkAcls.find((a) => a.vpcId === subnet.vpcId && a.isDefault);
  }

  /** Interfaces holding this private address (IPv4 private or IPv6), optionally within one VPC. */
  ownersOfPrivateIp(ip: Ip, vpcId?: string): readonly AddressOwner[] {
    let all: readonly AddressOwner[] = this.privateIpOwner.get(ipKey(ip)) ?? [];
    if (all.length === 0 && this.prefixOwners.length > 0) {
      all = this.prefixOwners
        .filter((e) => e.delegatedPrefixes.some((c) => cidrContains(c, ip)))
        .map((eni) => ({ eni, ip }));
    }
    return vpcId === undefined ? all : all.filter((o) => o.eni.vpcId === vpcId);
  }

  /** The interface and private address a public IPv4 (auto-assigned or Elastic IP) maps to. */
  ownerOfPublicIp(ip: Ip): AddressOwner | undefined {
    return this.publicIpOwner.get(ipKey(ip));
  }

  /** An Elastic IP of the snapshot associated with nothing (no interface, instance or association). */
  unassociatedElasticIp(ip: Ip): ElasticIp | undefined {
    return this.idleElasticIps.get(ipKey(ip));
  }

  subnetsOf(vpcId: string): readonly Subnet[] {
    return this.subnetsByVpc.get(vpcId) ?? [];
  }

  interfacesIn(subnetId: string): readonly NetworkInterface[] {
    return this.enisBySubnet.get(subnetId) ?? [];
  }

  interfacesWithGroup(groupId: string): readonly NetworkInterface[] {
    return this.enisByGroup.get(groupId) ?? [];
  }

  interfacesOfInstance(instanceId: string): readonly NetworkInterface[] {
    return this.enisByInstance.get(instanceId) ?? [];
  }

  natGatewayOfInterface(eniId: string): NatGateway | undefined {
    return this.natGatewayByEni.get(eniId);
  }

  endpointOfInterface(eniId: string): VpcEndpoint | undefined {
    return this.endpointByEni.get(eniId);
  }

  /** The flow logs capturing one resource (VPC, subnet, interface, transit gateway or attachment). */
  flowLogsOf(resourceId: string): readonly FlowLog[] {
    return this.flowLogsByResource.get(resourceId) ?? [];
  }

  /** The subnet of a VPC whose CIDR (IPv4 or IPv6) contains this address. */
  subnetContaining(vpcId: string, ip: Ip): Subnet | undefined {
    for (const s of this.subnetsOf(vpcId)) {
      if (ip.family === 4 && s.cidrBlock && cidrContains(s.cidrBlock, ip)) return s;
      if (ip.family === 6 && s.ipv6CidrBlocks.some((c) => cidrContains(c, ip))) return s;
    }
    return undefined;
  }

  vpcCidrs(vpcId: string): readonly Cidr[] {
    const v = this.vpcs.get(vpcId);
    return v ? [...v.cidrBlocks, ...v.ipv6CidrBlocks] : [];
  }

  internetGatewayOf(vpcId: string): InternetGateway | undefined {
    return this.data.internetGateways.find((g) => isAttachedTo(g, vpcId));
  }

  describeIp(ip: Ip): string {
    return formatIp(ip);
  }

  /** The attachment of a VPC to a transit gateway. */
  transitGatewayAttachmentOf(
    transitGatewayId: string,
    resourceId: string,
  ): TransitGatewayAttachment | undefined {
    // Deleted and deleting attachments stay listed for a while: prefer the available one.
    const all = (this.data.transitGatewayAttachments ?? []).filter(
      (a) => a.transitGatewayId === transitGatewayId && a.resourceId === resourceId,
    );
    return all.find((a) => a.state === 'available') ?? all.find((a) => a.state !== 'deleted') ?? all[0];
  }

  /** The on-premises network holding an address (longest prefix wins). */
  onPremNetworkOf(ip: Ip): OnPremNetwork | undefined {
    let best: { n: OnPremNetwork; prefix: number } | undefined;
    for (const n of this.onPremNetworks)
      for (const c of n.prefixes)
        if (cidrContains(c, ip) && (!best || c.prefix > best.prefix)) best = { n, prefix: c.prefix };
    return best?.n;
  }

  /** VPN connections terminating on a virtual private gateway or transit gateway. */
  vpnConnectionsOn(gatewayId: string): readonly VpnConnection[] {
    return [...this.vpnConnections.values()].filter(
      (v) => v.vpnGatewayId === gatewayId || v.transitGatewayId === gatewayId,
    );
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
