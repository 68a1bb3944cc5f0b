/**
 * aws_instance → Instance and its primary interface: `subnet_id`, `private_ip` and
 * `secondary_private_ips`, `ipv6_addresses` / `ipv6_address_count`, the public IP
 * (`associate_public_ip_address`, else the subnet's `map_public_ip_on_launch`), the security groups
 * (none listed: the VPC's default group), `source_dest_check`. An instance launched with
 * `network_interface` blocks instead of `subnet_id` uses those interfaces (device 0 is the primary
 * one; the instance is in its subnet and takes its security groups).
 */
import type { Ip } from '../../../net/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { eniIdOf } from '../routes.js';
import { bool, num, str, strs, tagsOf } from '../values.js';
import { addressesOf } from './addresses.js';

export function readInstance(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const instanceId = ctx.rv.idOf(r);
  const subnetId = ctx.rv.id(r, ['subnet_id']);
  const subnet = subnetId ? ctx.subnets.get(subnetId) : undefined;
  const vpcId = subnet?.vpcId;
  const sourceDestCheck = bool(v, 'source_dest_check') ?? true;
  const metadata = ctx.blocks(r, 'metadata_options')[0]?.values;
  const eniId = eniIdOf(instanceId, r);
  const launch = ctx.blocks(r, 'network_interface').flatMap((b) => {
    const id = ctx.rv.id(r, ['network_interface', b.configIndex, 'network_interface_id'], b.values);
    return id ? [{ instanceId, eniId: id, deviceIndex: num(b.values, 'device_index') ?? 0 }] : [];
  });
  if (!subnet && launch.length > 0) {
    launch.sort((a, b) => a.deviceIndex - b.deviceIndex);
    ctx.launchInterfaces.push(...launch);
    ctx.instances.push({
      instanceId,
      instanceType: str(v, 'instance_type'),
      state: 'running',
      sourceDestCheck,
      networkInterfaceIds: launch.map((l) => l.eniId),
      tags: tagsOf(v),
      origin: ctx.originOf(r),
    });
    return;
  }
  ctx.instances.push({
    instanceId,
    instanceType: str(v, 'instance_type'),
    state: 'running',
    subnetId,
    vpcId,
    sourceDestCheck,
    // The provider writes AWS's defaults into the block when it is not configured.
    ...(metadata
      ? {
          metadataOptions: {
            httpEndpoint: str(metadata, 'http_endpoint'),
            httpProtocolIpv6: str(metadata, 'http_protocol_ipv6'),
          },
        }
      : {}),
    networkInterfaceIds: subnetId ? [eniId] : [],
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
  if (!subnet || !vpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'subnet_id', value: subnetId });
    return;
  }
  let groups = [...ctx.rv.ids(r, ['vpc_security_group_ids']), ...ctx.rv.ids(r, ['security_groups'])];
  if (groups.length === 0) {
    // AWS: an instance launched without security groups gets the VPC's default group (EC2 User Guide).
    const vpc = ctx.vpcResource(vpcId);
    if (vpc) groups = [ctx.rv.attrId(vpc, 'default_security_group_id')];
  }
  // An Elastic IP of this plan replaces the auto-assigned address: no placeholder for it.
  const eipField: Readonly<Record<string, string>> = {
    aws_eip: 'instance',
    aws_eip_association: 'instance_id',
  };
  const hasEip = ctx.plan.resources.some((x) => {
    const field = eipField[x.type];
    return field !== undefined && ctx.rv.refs(x, [field]).some((t) => t.res === r);
  });
  const wantsPublic =
    !hasEip && (bool(v, 'associate_public_ip_address') ?? subnet.mapPublicIpOnLaunch ?? false);
  let publicIp: Ip | undefined;
  if (wantsPublic) publicIp = ctx.ip(r, 'public_ip', v.public_ip) ?? ctx.nextPlaceholder(r, 'public_ip');
  const ipv6 = strs(v, 'ipv6_addresses');
  const addrs = addressesOf(ctx, r, subnet, {
    eniId,
    ipv4: [str(v, 'private_ip'), ...strs(v, 'secondary_private_ips')],
    ipv6,
    wantIpv4: true,
    // AWS: a subnet with assign_ipv6_address_on_creation gives each new instance one IPv6 address (VPC User Guide).
    ipv6Count: Math.max(
      num(v, 'ipv6_address_count') ?? (ctx.ipv6OnCreation.has(subnet.subnetId) ? 1 : 0),
      ipv6.length,
    ),
    field: 'private_ip',
    publicIp,
  });
  ctx.enis.set(eniId, {
    networkInterfaceId: eniId,
    subnetId: subnet.subnetId,
    vpcId,
    availabilityZone: subnet.availabilityZone,
    interfaceType: 'interface',
    status: 'in-use',
    requesterManaged: false,
    sourceDestCheck,
    groupIds: [...new Set(groups)],
    privateAddresses: addrs.privateAddresses,
    ipv6Addresses: addrs.ipv6Addresses,
    delegatedPrefixes: [],
    attachment: { instanceId, deviceIndex: 0, status: 'attached' },
    denyAllIgwTraffic: false,
    tags: {},
    origin: ctx.originOf(r),
  });
}
