import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** Two virtual interfaces on one Direct Connect connection with the same VLAN id. */
export const DX003: Rule = {
  meta: {
    id: 'DX003',
    area: 'DX',
    severity: 'error',
    summary: 'Two virtual interfaces on the same Direct Connect connection (or LAG) use the same VLAN id.',
    rationale:
      'Virtual interfaces share a Direct Connect port by 802.1Q VLAN tagging: each needs a VLAN id unique on its connection, and every device between the customer router and the AWS port must carry the tags. Two interfaces on one VLAN cannot be told apart; their BGP sessions and traffic collide.',
    docs: [
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithVirtualInterfaces.html',
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/Welcome.html#overview-requirements',
    ],
    fix: 'Recreate one of the virtual interfaces with a VLAN id not used on the connection, and tag it on the customer router and every intermediate device.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    const seen = new Map<string, string>();
    for (const vif of net.virtualInterfaces.values()) {
      if (!vif.connectionId || vif.vlan === undefined || vif.state === 'deleted' || vif.state === 'deleting')
        continue;
      const key = `${vif.connectionId}/${vif.vlan}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, vif.virtualInterfaceId);
        continue;
      }
      out.push({
        ruleId: 'DX003',
        level: 'error',
        resources: [
          ref(vif.virtualInterfaceId, vif.origin),
          ref(first, net.virtualInterfaces.get(first)?.origin),
        ],
        data: { vif: vif.virtualInterfaceId, other: first, vlan: vif.vlan, connection: vif.connectionId },
      });
    }
    return out;
  },
};
