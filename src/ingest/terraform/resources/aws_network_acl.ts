/**
 * aws_network_acl and aws_default_network_acl → NetworkAcl with the inline `ingress` / `egress`
 * rules, `subnet_ids`, and AWS's `*` deny rules; aws_network_acl_rule and
 * aws_network_acl_association add to it.
 */
import type { NetworkAclEntry } from '../../../model/index.js';
import { type Cidr, parseCidr } from '../../../net/index.js';
import type { PlanContext } from '../context.js';
import type { JsonObj, PlannedResource } from '../plan.js';
import { num, protocolOf, str, tagsOf } from '../values.js';

export const ANY4 = parseCidr('0.0.0.0/0')?.cidr as Cidr;

/** AWS: every NACL ends with the rule `*` (32767) denying all, inbound and outbound (VPC User Guide, NACL rules). */
export function denyAll(): NetworkAclEntry[] {
  return [false, true].map((egress) => ({
    ruleNumber: 32767,
    egress,
    ruleAction: 'deny',
    protocol: -1,
    cidr: ANY4,
  }));
}

export function readNetworkAcl(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.idOf(r);
  const existing = ctx.acls.get(id);
  if (existing) ctx.adopted.add(id);
  const vpcId = existing?.acl.vpcId ?? ctx.rv.id(r, ['vpc_id']);
  if (!vpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id' });
    return;
  }
  const entry = existing ?? {
    acl: {
      networkAclId: id,
      vpcId,
      isDefault: false,
      entries: [],
      associations: [],
      tags: {},
      origin: ctx.originOf(r),
    },
    entries: [],
    subnets: [],
  };
  entry.acl = { ...entry.acl, tags: tagsOf(r.values), origin: ctx.originOf(r) };
  // Terraform: only the listed rules exist (an adopted default NACL loses its allow-all rules), plus AWS's `*`.
  entry.entries = [...denyAll()];
  for (const name of ['ingress', 'egress'] as const)
    ctx.blocks(r, name).forEach((b, i) => {
      const e = aclEntry(ctx, r, b.values, name === 'egress', 'rule_no', 'action', `${name}[${i}]`);
      if (e) entry.entries.push(e);
      else entry.acl = { ...entry.acl, incomplete: true };
    });
  entry.subnets.push(...ctx.rv.ids(r, ['subnet_ids']));
  ctx.acls.set(id, entry);
}

export function readNetworkAclRule(ctx: PlanContext, r: PlannedResource): void {
  const entry = ctx.referenced(r, 'network_acl_id', ctx.acls);
  if (!entry) return;
  const e = aclEntry(ctx, r, r.values, r.values.egress === true, 'rule_number', 'rule_action', '');
  if (e) entry.entries.push(e);
  else entry.acl = { ...entry.acl, incomplete: true };
}

export function readNetworkAclAssociation(ctx: PlanContext, r: PlannedResource): void {
  const aclId = ctx.rv.id(r, ['network_acl_id']);
  const subnetId = ctx.rv.id(r, ['subnet_id']);
  const entry = aclId ? ctx.acls.get(aclId) : undefined;
  if (!entry || !subnetId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'network_acl_id', value: aclId });
    return;
  }
  entry.subnets.push(subnetId);
}

function aclEntry(
  ctx: PlanContext,
  r: PlannedResource,
  v: JsonObj,
  egress: boolean,
  numberKey: string,
  actionKey: string,
  field: string,
): NetworkAclEntry | undefined {
  const f = (k: string) => (field ? `${field}.${k}` : k);
  const ruleNumber = num(v, numberKey);
  const action = str(v, actionKey)?.toLowerCase();
  const protocol = protocolOf(v.protocol);
  const cidr =
    ctx.cidr(r, f('cidr_block'), v.cidr_block) ?? ctx.cidr(r, f('ipv6_cidr_block'), v.ipv6_cidr_block);
  if (
    ruleNumber === undefined ||
    (action !== 'allow' && action !== 'deny') ||
    protocol === undefined ||
    !cidr
  ) {
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: field || numberKey, skipped: true });
    return undefined;
  }
  const from = num(v, 'from_port');
  const to = num(v, 'to_port');
  const icmpType = num(v, 'icmp_type');
  return {
    ruleNumber,
    egress,
    ruleAction: action,
    protocol,
    cidr,
    portRange:
      (protocol === 6 || protocol === 17) && from !== undefined && to !== undefined
        ? { from, to }
        : undefined,
    icmpTypeCode:
      (protocol === 1 || protocol === 58) && icmpType !== undefined
        ? { type: icmpType, code: num(v, 'icmp_code') ?? -1 }
        : undefined,
  };
}
