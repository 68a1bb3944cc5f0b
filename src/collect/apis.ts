/**
 * The read-only calls `vpcsim collect` makes, each saved in the shape the AWS CLI prints
 * (`aws ec2 describe-* --output json`, `aws directconnect describe-*`, `aws elb(v2) describe-*`) that
 * the loader reads (src/ingest/aws-json/dispatch.ts). Declared once here: the collector, the IAM
 * policy (iamActions, docs/collect.md) and the tests all derive from these tables.
 */

export type ServiceName = 'ec2' | 'directconnect' | 'elb' | 'elbv2';

export interface ServiceInfo {
  /** The optional npm dependency holding the SDK client. */
  readonly packageName: string;
  /** The client class exported by that package. */
  readonly clientName: string;
  /** The IAM service prefix of its actions. */
  readonly iamPrefix: string;
  /** How warnings name it. */
  readonly label: string;
}

export const SERVICES: Readonly<Record<ServiceName, ServiceInfo>> = {
  ec2: { packageName: '@aws-sdk/client-ec2', clientName: 'EC2Client', iamPrefix: 'ec2', label: 'EC2' },
  directconnect: {
    packageName: '@aws-sdk/client-direct-connect',
    clientName: 'DirectConnectClient',
    iamPrefix: 'directconnect',
    label: 'Direct Connect',
  },
  elb: {
    packageName: '@aws-sdk/client-elastic-load-balancing',
    clientName: 'ElasticLoadBalancingClient',
    iamPrefix: 'elasticloadbalancing',
    label: 'Classic Load Balancing',
  },
  elbv2: {
    packageName: '@aws-sdk/client-elastic-load-balancing-v2',
    clientName: 'ElasticLoadBalancingV2Client',
    iamPrefix: 'elasticloadbalancing',
    label: 'Elastic Load Balancing v2',
  },
};

export interface CollectApi {
  readonly service: ServiceName;
  /** The SDK operation: `${operation}Command` and, when `paginated`, `paginate${operation}`. */
  readonly operation: string;
  /** The output member holding the items, and the top-level key written to disk. */
  readonly outputKey: string;
  /** The top-level key the loader reads when it differs from the SDK output member. */
  readonly fileKey?: string;
  /** The file name when it is not `<fileKey ?? outputKey>.json`. */
  readonly fileName?: string;
  /** Extra request parameters. */
  readonly input?: Readonly<Record<string, unknown>>;
  /** Whether the SDK has a paginator for it. */
  readonly paginated: boolean;
  /** For clients without paginators (Direct Connect): the request/response token member to loop on. */
  readonly tokenKey?: string;
}

/** Called once per region, each saved as `<out>/<region>/<file>`. */
export const COLLECT_APIS: readonly CollectApi[] = [
  // DescribeVpcs comes first: it is the call that tells whether the region answers at all.
  { service: 'ec2', operation: 'DescribeVpcs', outputKey: 'Vpcs', paginated: true },
  { service: 'ec2', operation: 'DescribeSubnets', outputKey: 'Subnets', paginated: true },
  { service: 'ec2', operation: 'DescribeRouteTables', outputKey: 'RouteTables', paginated: true },
  { service: 'ec2', operation: 'DescribeSecurityGroups', outputKey: 'SecurityGroups', paginated: true },
  { service: 'ec2', operation: 'DescribeNetworkAcls', outputKey: 'NetworkAcls', paginated: true },
  { service: 'ec2', operation: 'DescribeInstances', outputKey: 'Reservations', paginated: true },
  { service: 'ec2', operation: 'DescribeNetworkInterfaces', outputKey: 'NetworkInterfaces', paginated: true },
  { service: 'ec2', operation: 'DescribeInternetGateways', outputKey: 'InternetGateways', paginated: true },
  {
    service: 'ec2',
    operation: 'DescribeEgressOnlyInternetGateways',
    outputKey: 'EgressOnlyInternetGateways',
    paginated: true,
  },
  { service: 'ec2', operation: 'DescribeNatGateways', outputKey: 'NatGateways', paginated: true },
  { service: 'ec2', operation: 'DescribeVpcEndpoints', outputKey: 'VpcEndpoints', paginated: true },
  {
    service: 'ec2',
    operation: 'DescribeVpcPeeringConnections',
    outputKey: 'VpcPeeringConnections',
    paginated: true,
  },
  { service: 'ec2', operation: 'DescribePrefixLists', outputKey: 'PrefixLists', paginated: true },
  // describe-managed-prefix-lists prints `PrefixLists` too; the loader tells them apart by the key
  // `ManagedPrefixLists`, and reads each list's `Entries` (get-managed-prefix-list-entries) in it.
  {
    service: 'ec2',
    operation: 'DescribeManagedPrefixLists',
    outputKey: 'PrefixLists',
    fileKey: 'ManagedPrefixLists',
    paginated: true,
  },
  { service: 'ec2', operation: 'DescribeAddresses', outputKey: 'Addresses', paginated: false },
  {
    service: 'ec2',
    operation: 'DescribeInstanceStatus',
    outputKey: 'InstanceStatuses',
    input: { IncludeAllInstances: true },
    paginated: true,
  },
  { service: 'ec2', operation: 'DescribeFlowLogs', outputKey: 'FlowLogs', paginated: true },
  { service: 'ec2', operation: 'DescribeVpnGateways', outputKey: 'VpnGateways', paginated: false },
  { service: 'ec2', operation: 'DescribeCustomerGateways', outputKey: 'CustomerGateways', paginated: false },
  { service: 'ec2', operation: 'DescribeVpnConnections', outputKey: 'VpnConnections', paginated: false },
  { service: 'ec2', operation: 'DescribeTransitGateways', outputKey: 'TransitGateways', paginated: true },
  {
    service: 'ec2',
    operation: 'DescribeTransitGatewayAttachments',
    outputKey: 'TransitGatewayAttachments',
    paginated: true,
  },
  {
    service: 'ec2',
    operation: 'DescribeTransitGatewayVpcAttachments',
    outputKey: 'TransitGatewayVpcAttachments',
    paginated: true,
  },
  {
    service: 'ec2',
    operation: 'DescribeTransitGatewayPeeringAttachments',
    outputKey: 'TransitGatewayPeeringAttachments',
    paginated: true,
  },
  {
    service: 'ec2',
    operation: 'DescribeTransitGatewayRouteTables',
    outputKey: 'TransitGatewayRouteTables',
    paginated: true,
  },
  // Direct Connect: connections, LAGs and virtual interfaces are regional (gateways are global).
  {
    service: 'directconnect',
    operation: 'DescribeConnections',
    outputKey: 'connections',
    fileName: 'DirectConnectConnections.json',
    paginated: false,
    tokenKey: 'nextToken',
  },
  {
    service: 'directconnect',
    operation: 'DescribeLags',
    outputKey: 'lags',
    fileName: 'DirectConnectLags.json',
    paginated: false,
    tokenKey: 'nextToken',
  },
  {
    service: 'directconnect',
    operation: 'DescribeVirtualInterfaces',
    outputKey: 'virtualInterfaces',
    fileName: 'DirectConnectVirtualInterfaces.json',
    paginated: false,
    tokenKey: 'nextToken',
  },
  // Load balancers: saved for completeness (the loader does not model them yet; their network
  // interfaces come from describe-network-interfaces).
  {
    service: 'elb',
    operation: 'DescribeLoadBalancers',
    outputKey: 'LoadBalancerDescriptions',
    fileName: 'ClassicLoadBalancers.json',
    paginated: true,
  },
  { service: 'elbv2', operation: 'DescribeLoadBalancers', outputKey: 'LoadBalancers', paginated: true },
  { service: 'elbv2', operation: 'DescribeTargetGroups', outputKey: 'TargetGroups', paginated: true },
];

/** Calls made once per resource another call listed. */
export const PER_ITEM_APIS = {
  /** Per managed prefix list; the entries are stored in the list's `ManagedPrefixLists` item. */
  prefixListEntries: {
    service: 'ec2',
    operation: 'GetManagedPrefixListEntries',
    outputKey: 'Entries',
    paginated: true,
  },
  /**
   * Per TGW route table, saved as `<region>/<tgw-rtb-id>.routes.json` (the loader takes the table from
   * the file name). The API requires a filter; static and propagated together are every route, and a
   * list holding propagated routes tells the loader the table is complete.
   */
  tgwRoutes: {
    service: 'ec2',
    operation: 'SearchTransitGatewayRoutes',
    outputKey: 'Routes',
    fileName: 'routes',
    input: { Filters: [{ Name: 'type', Values: ['static', 'propagated'] }] },
    paginated: true,
  },
  tgwPropagations: {
    service: 'ec2',
    operation: 'GetTransitGatewayRouteTablePropagations',
    outputKey: 'TransitGatewayRouteTablePropagations',
    fileName: 'propagations',
    paginated: true,
  },
  tgwAssociations: {
    service: 'ec2',
    operation: 'GetTransitGatewayRouteTableAssociations',
    outputKey: 'Associations',
    fileName: 'associations',
    paginated: true,
  },
  /** Per ELBv2 load balancer, all in one `Listeners.json` (each listener names its load balancer). */
  listeners: { service: 'elbv2', operation: 'DescribeListeners', outputKey: 'Listeners', paginated: true },
  /**
   * Per target group, all in one `TargetHealthDescriptions.json`; each item also carries the
   * `TargetGroupArn` it was asked for, which the CLI's per-group output leaves implicit.
   */
  targetHealth: {
    service: 'elbv2',
    operation: 'DescribeTargetHealth',
    outputKey: 'TargetHealthDescriptions',
    paginated: false,
  },
  /** Per Direct Connect gateway (the API needs a gateway, VGW or TGW to list associations for). */
  dxGatewayAssociations: {
    service: 'directconnect',
    operation: 'DescribeDirectConnectGatewayAssociations',
    outputKey: 'directConnectGatewayAssociations',
    fileName: 'DirectConnectGatewayAssociations.json',
    paginated: false,
    tokenKey: 'nextToken',
  },
} as const satisfies Record<string, CollectApi>;

/**
 * Called once per run: Direct Connect gateways are global (every region's endpoint lists the same
 * ones), saved with their associations in `<out>/global/` so they are not loaded once per region.
 */
export const GLOBAL_APIS: readonly CollectApi[] = [
  {
    service: 'directconnect',
    operation: 'DescribeDirectConnectGateways',
    outputKey: 'directConnectGateways',
    fileName: 'DirectConnectGateways.json',
    paginated: false,
    tokenKey: 'nextToken',
  },
];

/** The folder of GLOBAL_APIS' files (not a region name, so the loader takes no region from it). */
export const GLOBAL_FOLDER = 'global';

/** The file an API's items are written to (inside the region or global folder). */
export function fileNameOf(api: CollectApi): string {
  return api.fileName ?? `${api.fileKey ?? api.outputKey}.json`;
}

/** The IAM action a call needs: `ec2:DescribeFlowLogs`, `directconnect:DescribeLags`, ... */
export function iamAction(api: Pick<CollectApi, 'service' | 'operation'>): string {
  return `${SERVICES[api.service].iamPrefix}:${api.operation}`;
}

/** Every IAM action collect uses (docs/collect.md lists the same). */
export function iamActions(): string[] {
  const all = [...COLLECT_APIS, ...Object.values(PER_ITEM_APIS), ...GLOBAL_APIS];
  return [...new Set(all.map(iamAction))].sort();
}
