/**
 * An elastic network interface: its private and public addresses, security groups, and what
 * kind of thing owns it (`interfaceType`: interface, nat_gateway, vpc_endpoint, lambda, ...).
 */
import type { Cidr, Ip } from '../net/index.js';
import type { Origin, Tags } from './common.js';

export interface PrivateAddress {
  readonly ip: Ip;
  readonly primary: boolean;
  /** Public IPv4 (auto-assigned or Elastic IP) mapped 1:1 to this private address by the IGW. */
  readonly publicIp?: Ip | undefined;
  readonly allocationId?: string | undefined;
}

export interface NetworkInterface {
  readonly networkInterfaceId: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone?: string | undefined;
  readonly interfaceType: string;
  readonly status?: string | undefined;
  readonly description?: string | undefined;
  readonly requesterManaged: boolean;
  readonly sourceDestCheck: boolean;
  readonly groupIds: readonly string[];
  readonly privateAddresses: readonly PrivateAddress[];
  readonly ipv6Addresses: readonly Ip[];
  /** IPv4/IPv6 prefixes delegated to the interface (`Ipv4Prefixes`, `Ipv6Prefixes`): it owns all their addresses. */
  readonly delegatedPrefixes: readonly Cidr[];
  readonly attachment?:
    | {
        readonly instanceId?: string | undefined;
        readonly deviceIndex?: number | undefined;
        readonly status?: string | undefined;
      }
    | undefined;
  readonly denyAllIgwTraffic: boolean;
  /**
   * Terraform plans only: addresses AWS may still pick at apply, one for each part of the subnet that
   * rules, routes or prefix lists treat differently. The interface's primary IPv4 (or first IPv6)
   * address is the first of its family; traces try each and say when the answers differ.
   */
  readonly pickedAtApply?: readonly Ip[] | undefined;
  readonly ownerId?: string | undefined;
  readonly tags: Tags;
  readonly origin: Origin;
}

export function primaryPrivateIp(eni: NetworkInterface): Ip | undefined {
  return (eni.privateAddresses.find((a) => a.primary) ?? eni.privateAddresses[0])?.ip;
}
