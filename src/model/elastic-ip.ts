/** Elastic IP addresses (describe-addresses). */
import type { Ip } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface ElasticIp {
  readonly allocationId?: string | undefined;
  readonly publicIp: Ip;
  readonly associationId?: string | undefined;
  readonly instanceId?: string | undefined;
  readonly networkInterfaceId?: string | undefined;
  readonly privateIpAddress?: Ip | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
