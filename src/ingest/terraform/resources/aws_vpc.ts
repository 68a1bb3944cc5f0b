/**
 * aws_vpc → Vpc, plus what AWS creates with every VPC: the main route table, the default network
 * ACL (allow all both ways) and the default security group (all in from itself, all out).
 */
import type { NetworkAclEntry, Route, Vpc } from '../../../model/index.js';
import { type Cidr, formatCidr, parseCidr } from '../../../net/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { tagsOf } from '../values.js';
import { ANY4, denyAll } from './aws_network_acl.js';
import { rule } from './aws_security_group.js';

export function readVpc(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const vpcId = ctx.rv.idOf(r);
  const cidr = ctx.cidr(r, 'cidr_block', v.cidr_block);
  if (!cidr)
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: 'cidr_block', value: String(v.cidr_block) });
  const ipv6 = ctx.cidr(r, 'ipv6_cidr_block', v.ipv6_cidr_block);
  // `ipv6_cidr_block` is computed (unknown in every create plan): only an IPv6 block asked for is missing.
  if (!ipv6 && (v.assign_generated_ipv6_cidr_block === true || 'ipv6_ipam_pool_id' in r.expressions))
    ctx.warn({
      code: 'UNKNOWN_UNTIL_APPLY',
      resourceId: r.address,
      field: 'ipv6_cidr_block',
      detail: 'IPv6 CIDR block',
    });
  ctx.vpcs.set(vpcId, {
    vpcId,
    isDefault: false,
    cidrBlocks: cidr ? [cidr] : [],
    ipv6CidrBlocks: ipv6 ? [ipv6] : [],
    state: 'available',
    tags: tagsOf(v),
    origin: ctx.originOf(r),
  });
  // AWS: CreateVpc creates the main route table, the default NACL and the default security group (VPC User Guide).
  const mainId = ctx.rv.attrId(r, 'default_route_table_id');
  ctx.routeTables.set(mainId, {
    rt: ctx.emptyTable(mainId, vpcId, {}, ctx.originOf(r)),
    routes: [],
    assoc: [{ main: true, state: 'associated' }],
  });
  const aclId = ctx.rv.attrId(r, 'default_network_acl_id');
  const all = (egress: boolean): NetworkAclEntry => ({
    ruleNumber: 100,
    egress,
    ruleAction: 'allow',
    protocol: -1,
    cidr: ANY4,
  });
  ctx.acls.set(aclId, {
    acl: {
      networkAclId: aclId,
      vpcId,
      isDefault: true,
      entries: [],
      associations: [],
      tags: {},
      origin: ctx.originOf(r),
    },
    entries: [all(false), all(true), ...denyAll()],
    subnets: [],
  });
  const sgId = ctx.rv.attrId(r, 'default_security_group_id');
  ctx.groups.set(sgId, {
    sg: {
      groupId: sgId,
      groupName: 'default',
      vpcId,
      description: 'default VPC security group',
      ingress: [],
      egress: [],
      tags: {},
      origin: ctx.originOf(r),
    },
    ingress: [rule(sgId, false, -1, undefined, undefined, { kind: 'security-group', groupId: sgId }, 0)],
    egress: [rule(sgId, true, -1, undefined, undefined, { kind: 'cidr', cidr: ANY4 }, 0)],
  });
}

/** The local route of each VPC CIDR (every route table has them; AWS prints origin CreateRouteTable). */
export function localRoutes(vpc: Vpc | undefined): Route[] {
  return [...(vpc?.cidrBlocks ?? []), ...(vpc?.ipv6CidrBlocks ?? [])].map((cidr) => ({
    destination: { kind: 'cidr', cidr },
    target: { type: 'local', id: 'local' },
    state: 'active',
    origin: 'CreateRouteTable',
    destinationText: formatCidr(cidr),
  }));
}

const ANY6 = parseCidr('::/0')?.cidr as Cidr;

/**
 * AWS: in a VPC with an IPv6 block the default NACL also allows all IPv6 traffic (rule 101, both
 * ways) and the default security group all IPv6 egress (VPC User Guide, default network ACL and
 * default security group). Not for defaults an `aws_default_*` resource adopted: theirs are as listed.
 */
export function addIpv6Defaults(ctx: PlanContext): void {
  for (const vpc of ctx.vpcs.values()) {
    if (vpc.ipv6CidrBlocks.length === 0) continue;
    const res = ctx.vpcResource(vpc.vpcId);
    if (!res) continue;
    const aclId = ctx.rv.attrId(res, 'default_network_acl_id');
    const acl = ctx.acls.get(aclId);
    if (acl && !ctx.adopted.has(aclId))
      for (const egress of [false, true])
        acl.entries.push({ ruleNumber: 101, egress, ruleAction: 'allow', protocol: -1, cidr: ANY6 });
    const sgId = ctx.rv.attrId(res, 'default_security_group_id');
    const sg = ctx.groups.get(sgId);
    if (sg && !ctx.adopted.has(sgId))
      sg.egress.push(rule(sgId, true, -1, undefined, undefined, { kind: 'cidr', cidr: ANY6 }, 1));
  }
}
