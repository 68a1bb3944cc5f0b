/** VPC endpoints: gateway (S3/DynamoDB via route tables), interface (ENIs + SGs), GWLB. */
import type { Origin, Tags } from './common.js';

export interface VpcEndpoint {
  readonly vpcEndpointId: string;
  readonly vpcEndpointType: 'Gateway' | 'Interface' | 'GatewayLoadBalancer' | string;
  readonly vpcId: string;
  readonly serviceName: string;
  readonly state: string;
  readonly routeTableIds: readonly string[];
  readonly subnetIds: readonly string[];
  readonly networkInterfaceIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly privateDnsEnabled: boolean;
  readonly tags: Tags;
  readonly origin: Origin;
}

/** `com.amazonaws.us-east-1.s3` → `s3`; other naming schemes give the last dotted part. */
export function serviceShortName(serviceName: string): string {
  const parts = serviceName.split('.');
  return parts[parts.length - 1] ?? serviceName;
}
