import type { Network, NetworkInterface } from '../../../model/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** The ENIs that route tables use as next hop (instance or network-interface targets): NAT instances and appliances. */
export function routedInterfaces(net: Network): Map<NetworkInterface, string[]> {
  const out = new Map<NetworkInterface, string[]>();
  for (const t of net.data.routeTables)
    for (const r of t.routes) {
      const ids: string[] = [];
      if (r.target.type === 'instance') {
        if (r.target.networkInterfaceId) ids.push(r.target.networkInterfaceId);
        else ids.push(...net.interfacesOfInstance(r.target.id).map((e) => e.networkInterfaceId));
      } else if (r.target.type === 'network-interface') ids.push(r.target.id);
      for (const id of ids) {
        const eni = net.networkInterfaces.get(id);
        if (!eni) continue;
        const list = out.get(eni) ?? [];
        if (!list.includes(t.routeTableId)) list.push(t.routeTableId);
        out.set(eni, list);
      }
    }
  return out;
}

/** An instance used as a route target (NAT instance, appliance) with source/destination checking on. */
export const NAT004: Rule = {
  meta: {
    id: 'NAT004',
    area: 'NAT',
    severity: 'error',
    summary:
      'An instance is a route target (NAT instance or appliance) but source/destination checking is enabled.',
    rationale:
      'By default an instance drops traffic not addressed to or from itself. A NAT instance or any appliance that forwards traffic for others must have source/destination checking disabled, or everything routed through it is dropped.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck'],
    fix: 'Disable the check: aws ec2 modify-instance-attribute --instance-id <id> --no-source-dest-check (or on the network interface).',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const [eni, tables] of routedInterfaces(net)) {
      if (!eni.sourceDestCheck || eni.requesterManaged) continue;
      const id = eni.attachment?.instanceId ?? eni.networkInterfaceId;
      const instance = eni.attachment?.instanceId ? net.instances.get(eni.attachment.instanceId) : undefined;
      out.push({
        ruleId: 'NAT004',
        level: 'error',
        resources: [ref(id, instance?.origin ?? eni.origin), ref(eni.networkInterfaceId, eni.origin)],
        data: { instance: id, eni: eni.networkInterfaceId, tables },
      });
    }
    return out;
  },
};
