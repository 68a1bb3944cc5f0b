/**
 * describe-network-interfaces → NetworkInterface: every private IPv4 address with its public IP
 * (auto-assigned or Elastic IP), IPv6 addresses, security groups and what owns the interface.
 * `interfaceFrom` also reads the interface records nested in describe-instances.
 */

import type { NetworkInterface, PrivateAddress } from '../../model/index.js';
import type { Cidr, Ip } from '../../net/index.js';
import { cidrValue, eachResource, ipValue, type ReadContext, required } from './context.js';
import { arr, bool, ids, isObject, type JsonObject, num, obj, str, tagsOf } from './json.js';

/** Values an instance lends to the interface records nested in it. */
export interface InterfaceDefaults {
  readonly instanceId?: string | undefined;
  readonly subnetId?: string | undefined;
  readonly vpcId?: string | undefined;
  readonly availabilityZone?: string | undefined;
  readonly ownerId?: string | undefined;
}

function publicOf(
  ctx: ReadContext,
  assoc: JsonObject | undefined,
  eniId: string,
  field: string,
): { publicIp?: Ip; allocationId?: string } {
  if (!assoc || assoc.PublicIp === undefined) return {};
  const publicIp = ipValue(
    ctx,
    assoc.PublicIp,
    { resourceId: eniId, field: `${field}.PublicIp` },
    undefined,
    4,
  );
  if (!publicIp) return {};
  const allocationId = str(assoc, 'AllocationId');
  return allocationId === undefined ? { publicIp } : { publicIp, allocationId };
}

export function interfaceFrom(
  ctx: ReadContext,
  o: JsonObject,
  eniId: string,
  defaults: InterfaceDefaults = {},
): NetworkInterface | undefined {
  const subnetId = str(o, 'SubnetId') ?? defaults.subnetId;
  const vpcId = str(o, 'VpcId') ?? defaults.vpcId;
  if (subnetId === undefined || vpcId === undefined) {
    required(ctx, o, subnetId === undefined ? 'SubnetId' : 'VpcId', eniId);
    return undefined;
  }

  const privateAddresses: PrivateAddress[] = [];
  const list = arr(o, 'PrivateIpAddresses');
  if (list.length > 0) {
    list.forEach((a, i) => {
      const at = `PrivateIpAddresses[${i}]`;
      const value = isObject(a) ? a.PrivateIpAddress : a;
      const ip = ipValue(
        ctx,
        value,
        { resourceId: eniId, field: `${at}.PrivateIpAddress` },
        `address ${at}`,
        4,
      );
      if (!ip || !isObject(a)) return;
      privateAddresses.push({
        ip,
        primary: bool(a, 'Primary') ?? false,
        ...publicOf(ctx, obj(a, 'Association'), eniId, `${at}.Association`),
      });
    });
  } else if (o.PrivateIpAddress !== undefined) {
    const ip = ipValue(
      ctx,
      o.PrivateIpAddress,
      { resourceId: eniId, field: 'PrivateIpAddress' },
      'address PrivateIpAddress',
      4,
    );
    if (ip) privateAddresses.push({ ip, primary: true });
  }
  // The top-level Association belongs to the primary private address.
  const top = publicOf(ctx, obj(o, 'Association'), eniId, 'Association');
  if (top.publicIp) {
    const i = Math.max(
      0,
      privateAddresses.findIndex((a) => a.primary),
    );
    const pa = privateAddresses[i];
    if (pa && !pa.publicIp) privateAddresses[i] = { ...pa, ...top };
  }

  const ipv6Addresses: Ip[] = [];
  arr(o, 'Ipv6Addresses').forEach((a, i) => {
    const field = `Ipv6Addresses[${i}].Ipv6Address`;
    const ip = ipValue(
      ctx,
      isObject(a) ? a.Ipv6Address : a,
      { resourceId: eniId, field },
      `address Ipv6Addresses[${i}]`,
      6,
    );
    if (ip) ipv6Addresses.push(ip);
  });

  // Prefixes delegated to the interface (prefix delegation): it owns every address in them.
  const delegatedPrefixes: Cidr[] = [];
  for (const [key, field, family] of [
    ['Ipv4Prefixes', 'Ipv4Prefix', 4],
    ['Ipv6Prefixes', 'Ipv6Prefix', 6],
  ] as const) {
    arr(o, key).forEach((p, i) => {
      const c = cidrValue(
        ctx,
        isObject(p) ? p[field] : p,
        { resourceId: eniId, field: `${key}[${i}].${field}` },
        `prefix ${key}[${i}]`,
        family,
      );
      if (c) delegatedPrefixes.push(c);
    });
  }

  const att = obj(o, 'Attachment');
  const instanceId = str(att, 'InstanceId') ?? defaults.instanceId;
  const attachment =
    att || instanceId
      ? { instanceId, deviceIndex: num(att, 'DeviceIndex'), status: str(att, 'Status') }
      : undefined;
  const ownerId = str(o, 'OwnerId') ?? defaults.ownerId;
  const availabilityZone = str(o, 'AvailabilityZone') ?? defaults.availabilityZone;
  return {
    networkInterfaceId: eniId,
    subnetId,
    vpcId,
    availabilityZone,
    interfaceType: str(o, 'InterfaceType') ?? 'interface',
    status: str(o, 'Status'),
    description: str(o, 'Description'),
    requesterManaged: bool(o, 'RequesterManaged') ?? false,
    sourceDestCheck: bool(o, 'SourceDestCheck') ?? true,
    groupIds: ids(o, 'Groups', 'GroupId'),
    privateAddresses,
    ipv6Addresses,
    delegatedPrefixes,
    attachment,
    denyAllIgwTraffic: bool(o, 'DenyAllIgwTraffic') ?? false,
    ownerId,
    tags: tagsOf(o),
    origin: ctx.originFor(ownerId, availabilityZone),
  };
}

export function readNetworkInterfaces(items: readonly unknown[], ctx: ReadContext): NetworkInterface[] {
  return eachResource(items, ctx, 'NetworkInterfaces', 'NetworkInterfaceId', (o, id) =>
    interfaceFrom(ctx, o, id),
  );
}
