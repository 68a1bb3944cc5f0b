/**
 * aws_security_group and aws_default_security_group → SecurityGroup with the inline `ingress` /
 * `egress` blocks, one rule per peer (as describe-security-group-rules flattens them).
 */
import type { SecurityGroupRule, SgPeer } from '../../../model/index.js';
import type { GroupEntry, PlanContext } from '../context.js';
import type { JsonObj, PlannedResource } from '../plan.js';
import { num, protocolOf, str, strs, tagsOf } from '../values.js';

export function readSecurityGroup(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.idOf(r);
  const existing = ctx.groups.get(id);
  if (existing) ctx.adopted.add(id);
  const vpcId = existing?.sg.vpcId ?? ctx.rv.id(r, ['vpc_id']);
  const entry = existing ?? {
    sg: {
      groupId: id,
      groupName: str(v, 'name') ?? str(v, 'name_prefix') ?? r.address,
      vpcId,
      description: str(v, 'description'),
      ingress: [],
      egress: [],
      tags: {},
      origin: ctx.originOf(r),
    },
    ingress: [],
    egress: [],
  };
  entry.sg = { ...entry.sg, tags: tagsOf(v), origin: ctx.originOf(r) };
  // Terraform aws_security_group manages the whole rule set: only the listed blocks exist (no default
  // allow-all egress; an adopted default group loses its rules unless listed).
  entry.lost = false;
  entry.ingress = inlineRules(ctx, r, entry, 'ingress');
  entry.egress = inlineRules(ctx, r, entry, 'egress');
  ctx.groups.set(id, entry);
}

function inlineRules(
  ctx: PlanContext,
  r: PlannedResource,
  entry: GroupEntry,
  name: 'ingress' | 'egress',
): SecurityGroupRule[] {
  const groupId = entry.sg.groupId;
  const out: SecurityGroupRule[] = [];
  ctx.blocks(r, name).forEach((b, i) => {
    const v = b.values;
    const at = [name, b.configIndex] as const;
    const proto = ruleProtocol(ctx, r, v, `${name}[${i}].`, entry);
    if (proto === undefined) return;
    const peers = cidrPeers(ctx, r, v, `${name}[${i}].`, entry);
    for (const pl of ctx.rv.ids(r, [...at, 'prefix_list_ids'], v))
      peers.push({ kind: 'prefix-list', prefixListId: pl });
    for (const g of ctx.rv.ids(r, [...at, 'security_groups'], v))
      peers.push({ kind: 'security-group', groupId: g });
    if (v.self === true) peers.push({ kind: 'security-group', groupId });
    const [from, to] = ports(proto, v);
    for (const peer of peers)
      out.push(rule(groupId, name === 'egress', proto, from, to, peer, i, str(v, 'description')));
  });
  return out;
}

/** A rule's `protocol` as a number; a bad one is warned (`<field>protocol`), the rule skipped and the group incomplete. */
export function ruleProtocol(
  ctx: PlanContext,
  r: PlannedResource,
  v: JsonObj,
  field: string,
  group: GroupEntry,
): number | undefined {
  const proto = protocolOf(v.protocol);
  if (proto === undefined) group.lost = true;
  if (proto === undefined)
    ctx.warn({
      code: 'BAD_VALUE',
      resourceId: r.address,
      field: `${field}protocol`,
      value: String(v.protocol),
      skipped: true,
    });
  return proto;
}

/** The peers of a rule's `cidr_blocks` and `ipv6_cidr_blocks`; a bad CIDR is warned (`<field><key>`) and makes the group incomplete. */
export function cidrPeers(
  ctx: PlanContext,
  r: PlannedResource,
  v: JsonObj,
  field: string,
  group: GroupEntry,
): SgPeer[] {
  const peers: SgPeer[] = [];
  for (const k of ['cidr_blocks', 'ipv6_cidr_blocks'])
    for (const c of strs(v, k)) {
      const cidr = ctx.cidr(r, `${field}${k}`, c);
      if (cidr) peers.push({ kind: 'cidr', cidr });
      else group.lost = true;
    }
  return peers;
}

export function rule(
  groupId: string,
  egress: boolean,
  ipProtocol: number,
  fromPort: number | undefined,
  toPort: number | undefined,
  peer: SgPeer,
  permissionIndex: number,
  description?: string,
): SecurityGroupRule {
  return { groupId, egress, ipProtocol, fromPort, toPort, peer, permissionIndex, description };
}

/** Ports as AWS prints them: none for all protocols, type/code for ICMP. */
export function ports(proto: number, v: JsonObj): [number | undefined, number | undefined] {
  if (proto === -1) return [undefined, undefined];
  return [num(v, 'from_port'), num(v, 'to_port')];
}
