/**
 * aws_nat_gateway → NatGateway in `subnet_id` and its requester-managed interface (type
 * `nat_gateway`, source/destination check off), carrying the Elastic IP of `allocation_id`.
 * An address picked at apply is handled as for any interface (resources/addresses.ts).
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { str, strs, tagsOf } from '../values.js';
import { addressesOf } from './addresses.js';

export function readNatGateway(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.idOf(r);
  const subnet = ctx.subnetOf(r);
  if (!subnet) return;
  const subnetId = subnet.subnetId;
  const connectivityType = v.connectivity_type === 'private' ? 'private' : 'public';
  const allocationId = ctx.rv.id(r, ['allocation_id']);
  const eip = allocationId ? ctx.eips.find((e) => e.allocationId === allocationId) : undefined;
  const known = str(v, 'network_interface_id');
  const eniId = known ?? `${id}.network_interface_id`;
  const addrs = addressesOf(ctx, r, subnet, {
    eniId,
    ipv4: [str(v, 'private_ip'), ...strs(v, 'secondary_private_ip_addresses')],
    ipv6: [],
    wantIpv4: true,
    ipv6Count: 0,
    field: 'private_ip',
    publicIp: eip?.publicIp,
  });
  const primary = addrs.privateAddresses[0];
  const pending = ctx.pendingAddresses.find((p) => p.eniId === eniId);
  if (pending) pending.allocationId = allocationId;
  ctx.enis.set(eniId, {
    networkInterfaceId: eniId,
    subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    interfaceType: 'nat_gateway',
    status: 'in-use',
    requesterManaged: true,
    sourceDestCheck: false,
    groupIds: [],
    privateAddresses: addrs.privateAddresses.map((a) => (a.primary ? { ...a, allocationId } : a)),
    ipv6Addresses: [],
    delegatedPrefixes: [],
    denyAllIgwTraffic: false,
    tags: {},
    origin: ctx.originOf(r),
  });
  ctx.nats.push({
    natGatewayId: id,
    subnetId,
    vpcId: subnet.vpcId,
    state: 'available',
    connectivityType,
    addresses: [
      {
        allocationId,
        networkInterfaceId: eniId,
        privateIp: primary?.ip,
        publicIp: eip?.publicIp,
        isPrimary: true,
      },
    ],
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
}
