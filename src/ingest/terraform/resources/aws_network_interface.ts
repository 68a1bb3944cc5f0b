/**
 * aws_network_interface → NetworkInterface: `subnet_id`, `private_ip` / `private_ips` /
 * `private_ip_list`, `ipv6_addresses` / `ipv6_address_list` / `ipv6_address_count`,
 * `security_groups` (none listed: the VPC's default group), `source_dest_check`, and the instance
 * of its `attachment` block.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, num, str, strs, tagsOf } from '../values.js';
import { addressesOf } from './addresses.js';

export function readNetworkInterface(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.idOf(r);
  const subnet = ctx.subnetOf(r);
  if (!subnet) return;
  const ipv6 = [...strs(v, 'ipv6_address_list'), ...strs(v, 'ipv6_addresses')];
  const addrs = addressesOf(ctx, r, subnet, {
    eniId: id,
    ipv4: [str(v, 'private_ip'), ...strs(v, 'private_ip_list'), ...strs(v, 'private_ips')],
    ipv6,
    wantIpv4: true,
    ipv6Count: Math.max(num(v, 'ipv6_address_count') ?? 0, new Set(ipv6).size),
    field: 'private_ip',
  });
  let groupIds = ctx.rv.ids(r, ['security_groups']);
  if (groupIds.length === 0) {
    // AWS: an interface created without security groups gets the VPC's default group (VPC User Guide).
    const vpc = ctx.vpcResource(subnet.vpcId);
    if (vpc) groupIds = [ctx.rv.attrId(vpc, 'default_security_group_id')];
  }
  const att = ctx.blocks(r, 'attachment')[0];
  const instanceId = att ? ctx.rv.id(r, ['attachment', att.configIndex, 'instance'], att.values) : undefined;
  ctx.enis.set(id, {
    networkInterfaceId: id,
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    interfaceType: 'interface',
    status: instanceId ? 'in-use' : 'available',
    description: str(v, 'description'),
    requesterManaged: false,
    sourceDestCheck: bool(v, 'source_dest_check') ?? true,
    groupIds,
    privateAddresses: addrs.privateAddresses,
    ipv6Addresses: addrs.ipv6Addresses,
    delegatedPrefixes: [],
    attachment: instanceId
      ? { instanceId, deviceIndex: att ? num(att.values, 'device_index') : undefined, status: 'attached' }
      : undefined,
    denyAllIgwTraffic: false,
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
  const inst = instanceId ? ctx.instances.find((i) => i.instanceId === instanceId) : undefined;
  if (inst) {
    const idx = ctx.instances.indexOf(inst);
    ctx.instances[idx] = { ...inst, networkInterfaceIds: [...inst.networkInterfaceIds, id] };
  }
  linkLaunchInterface(ctx, id);
}

/** An interface an instance attaches at launch: attached to it; device 0 places the instance in its subnet. */
function linkLaunchInterface(ctx: PlanContext, eniId: string): void {
  const launch = ctx.launchInterfaces.find((l) => l.eniId === eniId);
  const eni = ctx.enis.get(eniId);
  if (!launch || !eni) return;
  ctx.enis.set(eniId, {
    ...eni,
    status: 'in-use',
    attachment: { instanceId: launch.instanceId, deviceIndex: launch.deviceIndex, status: 'attached' },
  });
  const idx = ctx.instances.findIndex((i) => i.instanceId === launch.instanceId);
  const inst = ctx.instances[idx];
  if (inst && launch.deviceIndex === 0)
    ctx.instances[idx] = {
      ...inst,
      subnetId: eni.subnetId,
      vpcId: eni.vpcId,
      sourceDestCheck: eni.sourceDestCheck,
    };
}
