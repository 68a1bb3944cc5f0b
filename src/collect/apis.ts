/**
 * The read-only EC2 calls `vpcsim collect` makes, each saved as one file per region in the shape of
 * `aws ec2 describe-* --output json` that the loader reads (src/ingest/aws-json/dispatch.ts).
 */

export interface CollectApi {
  /** The SDK operation: `Describe${...}Command` and, when it exists, `paginate${...}`. */
  readonly operation: string;
  /** The output member holding the items, and the top-level key written to disk. */
  readonly outputKey: string;
  /** The top-level key the loader reads when it differs from the SDK output member. */
  readonly fileKey?: string;
  /** Extra request parameters. */
  readonly input?: Readonly<Record<string, unknown>>;
  /** Whether the SDK has a paginator for it (the rest answer in one page). */
  readonly paginated: boolean;
}

export const COLLECT_APIS: readonly CollectApi[] = [
  { operation: 'DescribeVpcs', outputKey: 'Vpcs', paginated: true },
  { operation: 'DescribeSubnets', outputKey: 'Subnets', paginated: true },
  { operation: 'DescribeRouteTables', outputKey: 'RouteTables', paginated: true },
  { operation: 'DescribeSecurityGroups', outputKey: 'SecurityGroups', paginated: true },
  { operation: 'DescribeNetworkAcls', outputKey: 'NetworkAcls', paginated: true },
  { operation: 'DescribeInstances', outputKey: 'Reservations', paginated: true },
  { operation: 'DescribeNetworkInterfaces', outputKey: 'NetworkInterfaces', paginated: true },
  { operation: 'DescribeInternetGateways', outputKey: 'InternetGateways', paginated: true },
  {
    operation: 'DescribeEgressOnlyInternetGateways',
    outputKey: 'EgressOnlyInternetGateways',
    paginated: true,
  },
  { operation: 'DescribeNatGateways', outputKey: 'NatGateways', paginated: true },
  { operation: 'DescribeVpcEndpoints', outputKey: 'VpcEndpoints', paginated: true },
  { operation: 'DescribeVpcPeeringConnections', outputKey: 'VpcPeeringConnections', paginated: true },
  { operation: 'DescribePrefixLists', outputKey: 'PrefixLists', paginated: true },
  // describe-managed-prefix-lists prints `PrefixLists` too; the loader tells them apart by the key
  // `ManagedPrefixLists`, and reads each list's `Entries` (get-managed-prefix-list-entries) in it.
  {
    operation: 'DescribeManagedPrefixLists',
    outputKey: 'PrefixLists',
    fileKey: 'ManagedPrefixLists',
    paginated: true,
  },
  { operation: 'DescribeAddresses', outputKey: 'Addresses', paginated: false },
  {
    operation: 'DescribeInstanceStatus',
    outputKey: 'InstanceStatuses',
    input: { IncludeAllInstances: true },
    paginated: true,
  },
  { operation: 'DescribeFlowLogs', outputKey: 'FlowLogs', paginated: true },
  { operation: 'DescribeVpnGateways', outputKey: 'VpnGateways', paginated: false },
  { operation: 'DescribeCustomerGateways', outputKey: 'CustomerGateways', paginated: false },
  { operation: 'DescribeVpnConnections', outputKey: 'VpnConnections', paginated: false },
  { operation: 'DescribeTransitGateways', outputKey: 'TransitGateways', paginated: true },
  { operation: 'DescribeTransitGatewayAttachments', outputKey: 'TransitGatewayAttachments', paginated: true },
  { operation: 'DescribeTransitGatewayRouteTables', outputKey: 'TransitGatewayRouteTables', paginated: true },
];

/** Called once per managed prefix list, its entries stored in the list's `ManagedPrefixLists` item. */
export const ENTRIES_OPERATION = 'GetManagedPrefixListEntries';

/** The IAM action an operation needs: `DescribeFlowLogs` → `ec2:DescribeFlowLogs`. */
export function iamAction(operation: string): string {
  return `ec2:${operation}`;
}

/** Every IAM action collect uses (docs/collect.md lists the same). */
export function iamActions(): string[] {
  return [...COLLECT_APIS.map((a) => iamAction(a.operation)), iamAction(ENTRIES_OPERATION)].sort();
}
