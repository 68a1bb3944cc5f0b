/** An EC2 instance: state, platform, status checks (when InstanceStatuses was captured), its ENIs. */
import type { Origin, Tags } from './common.js';

export interface Instance {
  readonly instanceId: string;
  readonly instanceType?: string | undefined;
  readonly state: string;
  /** `windows` for Windows instances; AWS omits the field for Linux. */
  readonly platform?: string | undefined;
  readonly platformDetails?: string | undefined;
  readonly subnetId?: string | undefined;
  readonly vpcId?: string | undefined;
  readonly sourceDestCheck: boolean;
  /**
   * `MetadataOptions`: `HttpEndpoint` (AWS default `enabled`) and `HttpProtocolIpv6` (default
   * `disabled`) decide whether the instance reaches 169.254.169.254 / fd00:ec2::254 (undefined: not captured).
   */
  readonly metadataOptions?:
    | { readonly httpEndpoint?: string | undefined; readonly httpProtocolIpv6?: string | undefined }
    | undefined;
  readonly networkInterfaceIds: readonly string[];
  readonly ownerId?: string | undefined;
  readonly status?:
    | { readonly system?: string | undefined; readonly instance?: string | undefined }
    | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}
