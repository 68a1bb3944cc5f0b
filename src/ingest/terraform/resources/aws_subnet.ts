/** aws_subnet → Subnet (`cidr_block`, `ipv6_cidr_block`, `availability_zone`, `map_public_ip_on_launch`). */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, str, tagsOf } from '../values.js';

export function readSubnet(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  const cidr = ctx.cidr(r, 'cidr_block', v.cidr_block);
  if (!vpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
    return;
  }
  const ipv6 = ctx.cidr(r, 'ipv6_cidr_block', v.ipv6_cidr_block);
  if (!ipv6 && 'ipv6_cidr_block' in r.expressions)
    ctx.warn({
      code: 'UNKNOWN_UNTIL_APPLY',
      resourceId: r.address,
      field: 'ipv6_cidr_block',
      detail: 'IPv6 CIDR block',
    });
  const id = ctx.rv.idOf(r);
  if (bool(v, 'assign_ipv6_address_on_creation') === true) ctx.ipv6OnCreation.add(id);
  ctx.subnets.set(id, {
    subnetId: id,
    vpcId,
    cidrBlock: cidr,
    ipv6CidrBlocks: ipv6 ? [ipv6] : [],
    availabilityZone: str(v, 'availability_zone'),
    mapPublicIpOnLaunch: bool(v, 'map_public_ip_on_launch') ?? false,
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
}
