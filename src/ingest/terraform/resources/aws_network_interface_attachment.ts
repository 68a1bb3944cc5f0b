/**
 * aws_network_interface_attachment (`instance_id`, `network_interface_id`, `device_index`) attaches
 * an interface of the plan to an instance; aws_network_interface_sg_attachment adds a security group
 * (`security_group_id`) to an interface's groups.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num } from '../values.js';

export function readNetworkInterfaceAttachment(ctx: PlanContext, r: PlannedResource): void {
  const eni = ctx.referenced(r, 'network_interface_id', ctx.enis);
  const instanceId = ctx.rv.id(r, ['instance_id']);
  if (!eni) return;
  if (!instanceId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'instance_id' });
    return;
  }
  ctx.enis.set(eni.networkInterfaceId, {
    ...eni,
    status: 'in-use',
    attachment: { instanceId, deviceIndex: num(r.values, 'device_index'), status: 'attached' },
  });
  const idx = ctx.instances.findIndex((i) => i.instanceId === instanceId);
  const inst = ctx.instances[idx];
  if (inst && !inst.networkInterfaceIds.includes(eni.networkInterfaceId))
    ctx.instances[idx] = {
      ...inst,
      networkInterfaceIds: [...inst.networkInterfaceIds, eni.networkInterfaceId],
    };
}

export function readNetworkInterfaceSgAttachment(ctx: PlanContext, r: PlannedResource): void {
  const eni = ctx.referenced(r, 'network_interface_id', ctx.enis);
  const groupId = ctx.rv.id(r, ['security_group_id']);
  if (!eni) return;
  if (!groupId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'security_group_id' });
    return;
  }
  if (!eni.groupIds.includes(groupId))
    ctx.enis.set(eni.networkInterfaceId, { ...eni, groupIds: [...eni.groupIds, groupId] });
}
