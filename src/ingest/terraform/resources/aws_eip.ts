/**
 * aws_eip → ElasticIp, mapped onto the private address of the `instance` or `network_interface` it
 * is associated with (`associate_with_private_ip`, else the primary address); aws_eip_association
 * associates an Elastic IP of the plan (`allocation_id`) the same way (`instance_id`,
 * `network_interface_id`, `private_ip_address`).
 */
import type { ElasticIp, NetworkInterface } from '../../../model/index.js';
import type { Ip } from '../../../net/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { tagsOf } from '../values.js';

export function readEip(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const eip: ElasticIp = {
    allocationId: ctx.rv.idOf(r),
    publicIp: ctx.ip(r, 'public_ip', v.public_ip) ?? ctx.nextPlaceholder(r, 'public_ip'),
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  };
  const instanceId = ctx.rv.id(r, ['instance']);
  const eniId = ctx.rv.id(r, ['network_interface']);
  const wanted = ctx.ip(r, 'associate_with_private_ip', v.associate_with_private_ip);
  ctx.eips.push(instanceId || eniId ? associate(ctx, r, eip, instanceId, eniId, wanted) : eip);
}

export function readEipAssociation(ctx: PlanContext, r: PlannedResource): void {
  const allocationId = ctx.rv.id(r, ['allocation_id']);
  const at = ctx.eips.findIndex((e) => e.allocationId === allocationId);
  const eip = ctx.eips[at];
  if (!eip) {
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: 'allocation_id',
      value: allocationId,
    });
    return;
  }
  const wanted = ctx.ip(r, 'private_ip_address', r.values.private_ip_address);
  const associated = associate(
    ctx,
    r,
    eip,
    ctx.rv.id(r, ['instance_id']),
    ctx.rv.id(r, ['network_interface_id']),
    wanted,
  );
  ctx.eips[at] = { ...associated, associationId: associated.networkInterfaceId ? ctx.rv.idOf(r) : undefined };
}

/** Puts the Elastic IP on the interface's address (`wanted`, else the primary one). */
function associate(
  ctx: PlanContext,
  r: PlannedResource,
  eip: ElasticIp,
  instanceId: string | undefined,
  eniIdGiven: string | undefined,
  wanted: Ip | undefined,
): ElasticIp {
  let eniId = eniIdGiven;
  if (!eniId && instanceId)
    eniId = ctx.instances.find((i) => i.instanceId === instanceId)?.networkInterfaceIds[0];
  const eni: NetworkInterface | undefined = eniId ? ctx.enis.get(eniId) : undefined;
  if (!eni) {
    ctx.warn({
      code: 'MISSING_REFERENCE',
      resourceId: r.address,
      field: eniIdGiven ? 'network_interface' : 'instance',
      value: eniId ?? instanceId,
    });
    return { ...eip, instanceId };
  }
  const { publicIp, allocationId } = eip;
  let privateIp: Ip | undefined;
  if (eni.privateAddresses.length > 0) {
    const idx = Math.max(
      0,
      eni.privateAddresses.findIndex((a) => (wanted ? a.ip.value === wanted.value : a.primary)),
    );
    privateIp = eni.privateAddresses[idx]?.ip;
    const addrs = eni.privateAddresses.map((a, i) => (i === idx ? { ...a, publicIp, allocationId } : a));
    ctx.enis.set(eni.networkInterfaceId, { ...eni, privateAddresses: addrs });
  } else {
    // The interface's address is picked at apply: the Elastic IP goes with it.
    const pending = ctx.pendingAddresses.find((p) => p.eniId === eni.networkInterfaceId && p.family === 4);
    if (pending) {
      pending.publicIp = publicIp;
      pending.allocationId = allocationId;
    }
  }
  return {
    ...eip,
    associationId: `tf:${r.address}.association_id`,
    instanceId: instanceId ?? eni.attachment?.instanceId,
    networkInterfaceId: eni.networkInterfaceId,
    privateIpAddress: privateIp,
  };
}
