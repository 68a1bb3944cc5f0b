/** aws_security_group_rule → rules added to `security_group_id` (one per CIDR, prefix list or group). */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { str } from '../values.js';
import { cidrPeers, ports, rule, ruleProtocol } from './aws_security_group.js';

export function readSecurityGroupRule(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const entry = ctx.referenced(r, 'security_group_id', ctx.groups);
  if (!entry) return;
  const groupId = entry.sg.groupId;
  const egress = v.type === 'egress';
  const proto = ruleProtocol(ctx, r, v, '', entry);
  if (proto === undefined) return;
  const peers = cidrPeers(ctx, r, v, '', entry);
  for (const pl of ctx.rv.ids(r, ['prefix_list_ids'])) peers.push({ kind: 'prefix-list', prefixListId: pl });
  const src = ctx.rv.id(r, ['source_security_group_id']);
  if (src) peers.push({ kind: 'security-group', groupId: src });
  if (v.self === true) peers.push({ kind: 'security-group', groupId });
  const [from, to] = ports(proto, v);
  const list = egress ? entry.egress : entry.ingress;
  for (const peer of peers)
    list.push(rule(groupId, egress, proto, from, to, peer, list.length, str(v, 'description')));
}
