/**
 * Shared model vocabulary: tags, where a resource came from, and the resource-type names
 * used in warnings and in the `component.type` field of traces.
 * Knows nothing about parsing or evaluation.
 */

export type Tags = Readonly<Record<string, string>>;

/** Where a resource was read from, so warnings and SARIF can point at it. */
export interface Origin {
  readonly file: string;
  readonly region?: string | undefined;
  readonly accountId?: string | undefined;
  /** Read from a Terraform plan: the address of the resource that creates it (`module.net.aws_subnet.a[0]`). */
  readonly terraformAddress?: string | undefined;
}

/** The describe-* resource families the loader knows; used to say what a snapshot lacks. */
export type ResourceKind =
  | 'Vpcs'
  | 'Subnets'
  | 'RouteTables'
  | 'SecurityGroups'
  | 'NetworkAcls'
  | 'Instances'
  | 'InstanceStatuses'
  | 'NetworkInterfaces'
  | 'InternetGateways'
  | 'EgressOnlyInternetGateways'
  | 'NatGateways'
  | 'VpcEndpoints'
  | 'VpcPeeringConnections'
  | 'PrefixLists'
  | 'ManagedPrefixLists'
  | 'Addresses'
  | 'VpnGateways'
  | 'CustomerGateways'
  | 'VpnConnections'
  | 'TransitGateways'
  | 'TransitGatewayAttachments'
  | 'TransitGatewayRouteTables'
  | 'DirectConnectConnections'
  | 'DirectConnectLags'
  | 'VirtualInterfaces'
  | 'DirectConnectGateways'
  | 'DirectConnectGatewayAssociations'
  | 'FlowLogs';

/** The describe-* kinds every VPC network has (the rest are hybrid or optional): what `inspect` counts first. */
export const CORE_KINDS = [
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
] as const satisfies readonly ResourceKind[];

export function nameOf(tags: Tags): string | undefined {
  return tags.Name;
}
