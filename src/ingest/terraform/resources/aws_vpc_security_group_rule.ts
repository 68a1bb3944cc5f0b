/** aws_vpc_security_group_ingress_rule / _egress_rule → one rule added to `security_group_id`. */
import type { SgPeer } from '../../../model/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { protocolOf, str } from '../values.js';
import { ports, rule } from './aws_security_group.js';

export const readVpcSgIngressRule = (ctx: PlanContext, r: PlannedResource): void => read(ctx, r, false);
export const readVpcSgEgressRule = (ctx: PlanContext, r: PlannedResource): void => read(ctx, r, true);

function read(ctx: PlanContext, r: PlannedResource, egress: boolean): void {
  const v = r.values;
  const entry = ctx.referenced(r, 'security_group_id', ctx.groups);
  if (!entry) return;
  const groupId = entry.sg.groupId;
  const proto = protocolOf(v.ip_protocol);
  if (proto === undefined) {
    ctx.warn({
      code: 'BAD_VALUE',
      resourceId: r.address,
      field: 'ip_protocol',
      value: String(v.ip_protocol),
      skipped: true,
    });
    entry.lost = true;
    return;
  }
  let peer: SgPeer | undefined;
  const c = ctx.cidr(r, 'cidr_ipv4', v.cidr_ipv4) ?? ctx.cidr(r, 'cidr_ipv6', v.cidr_ipv6);
  const g = ctx.rv.id(r, ['referenced_security_group_id']);
  const pl = ctx.rv.id(r, ['prefix_list_id']);
  if (c) peer = { kind: 'cidr', cidr: c };
  else if (g) peer = { kind: 'security-group', groupId: g };
  else if (pl) peer = { kind: 'prefix-list', prefixListId: pl };
  if (!peer) {
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: 'cidr_ipv4', skipped: true });
    entry.lost = true;
    return;
  }
  const [from, to] = ports(proto, v);
  const list = egress ? entry.egress : entry.ingress;
  list.push(rule(groupId, egress, proto, from, to, peer, list.length, str(v, 'description')));
}
