/**
 * The dispatch table: top-level key of a describe-* output → its reader and the resource kind
 * that key makes `present`. Adding a resource type is one reader file plus one line here.
 */
import type { ResourceKind } from '../../model/index.js';
import { readAddresses } from './addresses.js';
import type { Accumulator } from './assemble.js';
import type { ReadContext } from './context.js';
import { readCustomerGateways } from './customer-gateways.js';
import {
  readDirectConnectGatewayAssociations,
  readDirectConnectGateways,
  readDxConnections,
  readDxLags,
  readVirtualInterfaces,
} from './direct-connect.js';
import { readEgressOnlyInternetGateways } from './egress-only-internet-gateways.js';
import { readFlowLogs } from './flow-logs.js';
import { readRawTgwTableOutput } from './hybrid-typed.js';
import { readInstanceStatuses } from './instance-statuses.js';
import { readInternetGateways } from './internet-gateways.js';
import type { JsonObject } from './json.js';
import { entriesListId, readManagedPrefixLists, readPrefixListEntries } from './managed-prefix-lists.js';
import { readNatGateways } from './nat-gateways.js';
import { readNetworkAcls } from './network-acls.js';
import { readNetworkInterfaces } from './network-interfaces.js';
import { readPrefixLists } from './prefix-lists.js';
import { readReservations } from './reservations.js';
import { readRouteTables } from './route-tables.js';
import { readSecurityGroups } from './security-groups.js';
import { readSubnets } from './subnets.js';
import { readTransitGatewayAttachments } from './transit-gateway-attachments.js';
import { readTransitGatewayPropagations } from './transit-gateway-propagations.js';
import { readTransitGatewayRouteTables } from './transit-gateway-route-tables.js';
import { readTransitGatewayStaticRoutes } from './transit-gateway-static-routes.js';
import { readTransitGatewayVpcAttachments } from './transit-gateway-vpc-attachments.js';
import { readTransitGateways } from './transit-gateways.js';
import { readVpcEndpoints } from './vpc-endpoints.js';
import { readVpcPeeringConnections } from './vpc-peering-connections.js';
import { readVpcs } from './vpcs.js';
import { readVpnConnections } from './vpn-connections.js';
import { readVpnGateways } from './vpn-gateways.js';

export interface KeyReader {
  /** What `present` records for a file holding this key (even with an empty list). */
  readonly kind?: ResourceKind;
  readonly read: (items: readonly unknown[], ctx: ReadContext, acc: Accumulator, doc: JsonObject) => void;
}

type HybridReader = (items: readonly unknown[], ctx: ReadContext) => Parameters<Accumulator['addHybrid']>[0];

function hybridKey(key: string, kind: ResourceKind | undefined, reader: HybridReader): [string, KeyReader] {
  return [
    key,
    {
      ...(kind ? { kind } : {}),
      read: (items, ctx, acc) => {
        acc.addHybrid(reader(items, ctx), key, ctx);
        acc.hybridParts.read(key, items, ctx);
      },
    },
  ];
}

export const KEY_READERS: ReadonlyMap<string, KeyReader> = new Map<string, KeyReader>([
  ['Vpcs', { kind: 'Vpcs', read: (items, ctx, acc) => acc.vpcs.add(readVpcs(items, ctx), ctx) }],
  ['Subnets', { kind: 'Subnets', read: (items, ctx, acc) => acc.subnets.add(readSubnets(items, ctx), ctx) }],
  [
    'RouteTables',
    { kind: 'RouteTables', read: (items, ctx, acc) => acc.routeTables.add(readRouteTables(items, ctx), ctx) },
  ],
  [
    'SecurityGroups',
    {
      kind: 'SecurityGroups',
      read: (items, ctx, acc) => acc.securityGroups.add(readSecurityGroups(items, ctx), ctx),
    },
  ],
  [
    'NetworkAcls',
    { kind: 'NetworkAcls', read: (items, ctx, acc) => acc.networkAcls.add(readNetworkAcls(items, ctx), ctx) },
  ],
  [
    'Reservations',
    {
      kind: 'Instances',
      read: (items, ctx, acc) => {
        const r = readReservations(items, ctx);
        acc.instances.add(r.instances, ctx);
        acc.instanceInterfaces.push(...r.interfaces);
        acc.instancePublicIps.push(...r.publicIps);
      },
    },
  ],
  [
    'InstanceStatuses',
    {
      kind: 'InstanceStatuses',
      read: (items, ctx, acc) => {
        for (const read of readInstanceStatuses(items, ctx))
          acc.instanceStatuses.push({ read, file: ctx.file });
      },
    },
  ],
  [
    'NetworkInterfaces',
    {
      kind: 'NetworkInterfaces',
      read: (items, ctx, acc) => acc.networkInterfaces.add(readNetworkInterfaces(items, ctx), ctx),
    },
  ],
  [
    'InternetGateways',
    {
      kind: 'InternetGateways',
      read: (items, ctx, acc) => acc.internetGateways.add(readInternetGateways(items, ctx), ctx),
    },
  ],
  [
    'EgressOnlyInternetGateways',
    {
      kind: 'EgressOnlyInternetGateways',
      read: (items, ctx, acc) =>
        acc.egressOnlyInternetGateways.add(readEgressOnlyInternetGateways(items, ctx), ctx),
    },
  ],
  [
    'NatGateways',
    { kind: 'NatGateways', read: (items, ctx, acc) => acc.natGateways.add(readNatGateways(items, ctx), ctx) },
  ],
  [
    'VpcEndpoints',
    {
      kind: 'VpcEndpoints',
      read: (items, ctx, acc) => acc.vpcEndpoints.add(readVpcEndpoints(items, ctx), ctx),
    },
  ],
  [
    'VpcPeeringConnections',
    {
      kind: 'VpcPeeringConnections',
      read: (items, ctx, acc) => acc.vpcPeeringConnections.add(readVpcPeeringConnections(items, ctx), ctx),
    },
  ],
  [
    'PrefixLists',
    { kind: 'PrefixLists', read: (items, ctx, acc) => acc.addPrefixLists(readPrefixLists(items, ctx), ctx) },
  ],
  [
    'ManagedPrefixLists',
    {
      kind: 'ManagedPrefixLists',
      read: (items, ctx, acc) => acc.addPrefixLists(readManagedPrefixLists(items, ctx), ctx),
    },
  ],
  [
    // get-managed-prefix-list-entries; see managed-prefix-lists.ts for how to say which list.
    'Entries',
    {
      read: (items, ctx, acc, doc) => {
        const id = entriesListId(doc, ctx);
        if (id !== undefined) acc.addPrefixListEntries(id, readPrefixListEntries(items, ctx, id), ctx);
      },
    },
  ],
  [
    'Addresses',
    { kind: 'Addresses', read: (items, ctx, acc) => acc.elasticIps.add(readAddresses(items, ctx), ctx) },
  ],
  [
    'FlowLogs',
    { kind: 'FlowLogs', read: (items, ctx, acc) => acc.flowLogs.add(readFlowLogs(items, ctx), ctx) },
  ],
  [
    'connections',
    {
      kind: 'DirectConnectConnections',
      read: (items, ctx, acc) => acc.dxConnections.add(readDxConnections(items, ctx), ctx),
    },
  ],
  [
    'lags',
    { kind: 'DirectConnectLags', read: (items, ctx, acc) => acc.dxLags.add(readDxLags(items, ctx), ctx) },
  ],
  [
    'virtualInterfaces',
    {
      kind: 'VirtualInterfaces',
      read: (items, ctx, acc) => acc.virtualInterfaces.add(readVirtualInterfaces(items, ctx), ctx),
    },
  ],
  [
    'directConnectGateways',
    {
      kind: 'DirectConnectGateways',
      read: (items, ctx, acc) => acc.directConnectGateways.add(readDirectConnectGateways(items, ctx), ctx),
    },
  ],
  [
    'directConnectGatewayAssociations',
    {
      kind: 'DirectConnectGatewayAssociations',
      read: (items, ctx, acc) =>
        acc.directConnectGatewayAssociations.push(...readDirectConnectGatewayAssociations(items, ctx)),
    },
  ],
  hybridKey('VpnGateways', 'VpnGateways', readVpnGateways),
  hybridKey('CustomerGateways', 'CustomerGateways', readCustomerGateways),
  hybridKey('VpnConnections', 'VpnConnections', readVpnConnections),
  hybridKey('TransitGateways', 'TransitGateways', readTransitGateways),
  hybridKey('TransitGatewayAttachments', 'TransitGatewayAttachments', readTransitGatewayAttachments),
  // Only describe-transit-gateway-attachments prints associations, so only it makes the kind present.
  hybridKey('TransitGatewayVpcAttachments', undefined, readTransitGatewayVpcAttachments),
  hybridKey('TransitGatewayRouteTables', 'TransitGatewayRouteTables', readTransitGatewayRouteTables),
  ...(['Routes', 'TransitGatewayRouteTablePropagations', 'Associations'] as const).map(
    (key) =>
      [
        key,
        {
          read: (items: readonly unknown[], ctx: ReadContext, acc: Accumulator, doc: JsonObject) => {
            if (!readRawTgwTableOutput(acc.hybridParts, key, items, ctx, doc))
              acc.warn({
                code: 'BAD_VALUE',
                file: ctx.file,
                field: key,
                skipped: true,
                detail:
                  'name the transit gateway route table: put its tgw-rtb-… id in the file name, or "TransitGatewayRouteTableId" beside the list',
              });
          },
        },
      ] as [string, KeyReader],
  ),
  [
    'TransitGatewayPeeringAttachments',
    {
      kind: 'TransitGatewayAttachments',
      read: (items, ctx, acc) => acc.hybridParts.read('TransitGatewayPeeringAttachments', items, ctx),
    },
  ],
  // Batfish's own captures of TGW route-table contents; they add to the route table record.
  hybridKey('TransitGatewayStaticRoutes', undefined, readTransitGatewayStaticRoutes),
  hybridKey('TransitGatewayPropagations', undefined, readTransitGatewayPropagations),
]);

/**
 * Keys of real AWS outputs that hold no network resource the simulator uses: skipped with one
 * UNSUPPORTED_RESOURCE warning per file. (`Instances` alone is describe-classic-link-instances or
 * run-instances output; describe-instances prints `Reservations`.)
 */
export const UNSUPPORTED_KEYS: ReadonlySet<string> = new Set([
  'AccountAttributes',
  'AvailabilityZones',
  'CacheClusters',
  'CacheSubnetGroups',
  'CarrierGateways',
  'ClassicLinkInstances',
  'ClientVpnEndpoints',
  'ClusterSubnetGroups',
  'Clusters',
  'CoipPools',
  'DBClusters',
  'DBInstances',
  'DBSubnetGroups',
  'DhcpOptions',
  'DomainNames',
  'DomainStatusList',
  'Functions',
  'Hosts',
  'Images',
  'InstanceTypes',
  'Instances',
  'Ipams',
  'KeyPairs',
  'LaunchTemplates',
  'Listeners',
  'LoadBalancerDescriptions',
  'LoadBalancers',
  'LocalGatewayRouteTables',
  'LocalGateways',
  'MovingAddressStatuses',
  'NetworkInsightsAnalyses',
  'NetworkInsightsPaths',
  'NetworkInterfacePermissions',
  'PlacementGroups',
  'PublicIpv4Pools',
  'Regions',
  'ReservedInstances',
  'SecurityGroupReferenceSet',
  'SecurityGroupRules',
  'ServiceConfigurations',
  'ServiceDetails',
  'ServiceNames',
  'Snapshots',
  'SpotInstanceRequests',
  'Tags',
  'TargetGroups',
  'TargetHealthDescriptions',
  'TrafficMirrorFilters',
  'TrafficMirrorSessions',
  'TrafficMirrorTargets',
  'TransitGatewayConnects',
  'TransitGatewayMulticastDomains',
  'Volumes',
  'VpcEndpointConnections',
  'VpcEndpointServices',
]);

/**
 * Elastic Load Balancing outputs (`aws elb describe-load-balancers`, `aws elbv2 describe-load-balancers`,
 * `-target-groups`, `-listeners`, `-target-health`; `vpcsim collect` saves them): also in
 * UNSUPPORTED_KEYS, and their one warning per file says why.
 */
export const LOAD_BALANCER_KEYS: ReadonlySet<string> = new Set([
  'LoadBalancerDescriptions',
  'LoadBalancers',
  'TargetGroups',
  'Listeners',
  'TargetHealthDescriptions',
]);

/** The `detail` of the UNSUPPORTED_RESOURCE warning of a file holding only LOAD_BALANCER_KEYS. */
export const LOAD_BALANCERS_NOT_MODELLED =
  'load balancers are not modelled yet; their network interfaces are read from describe-network-interfaces';

/** Keys that carry no resources (pagination, SDK metadata) or belong to another key (`PrefixListId` beside `Entries`). */
export const IGNORED_KEYS: ReadonlySet<string> = new Set([
  'NextToken',
  'Marker',
  'NextMarker',
  'ResponseMetadata',
  'PrefixListId',
]);
