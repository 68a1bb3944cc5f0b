/**
 * aws_vpc_ipv4_cidr_block_association / aws_vpc_ipv6_cidr_block_association → a secondary CIDR of
 * the VPC (AWS adds a local route for it to every route table of the VPC: VPC User Guide, "Route tables").
 * A block unknown until apply (IPAM or Amazon-provided IPv6) is warned about and left out.
 */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';

export const readVpcIpv4CidrAssociation = (ctx: PlanContext, r: PlannedResource): void =>
  read(ctx, r, 'cidr_block', 4);
export const readVpcIpv6CidrAssociation = (ctx: PlanContext, r: PlannedResource): void =>
  read(ctx, r, 'ipv6_cidr_block', 6);

function read(ctx: PlanContext, r: PlannedResource, field: string, family: 4 | 6): void {
  const vpc = ctx.referenced(r, 'vpc_id', ctx.vpcs);
  if (!vpc) return;
  const cidr = ctx.cidr(r, field, r.values[field]);
  if (!cidr) {
    if (r.values[field] === undefined || r.values[field] === null)
      ctx.warn({ code: 'UNKNOWN_UNTIL_APPLY', resourceId: r.address, field, detail: 'VPC CIDR block' });
    return;
  }
  if (cidr.family !== family) {
    ctx.warn({
      code: 'BAD_VALUE',
      resourceId: r.address,
      field,
      value: String(r.values[field]),
      skipped: true,
    });
    return;
  }
  ctx.vpcs.set(
    vpc.vpcId,
    family === 4
      ? { ...vpc, cidrBlocks: [...vpc.cidrBlocks, cidr] }
      : { ...vpc, ipv6CidrBlocks: [...vpc.ipv6CidrBlocks, cidr] },
  );
}
