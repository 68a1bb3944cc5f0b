import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

export const PRIVATE_VIF_PREFIX_LIMIT = 100;

/** An on-premises network advertises more prefixes over a private VIF than AWS accepts. */
export const DX001: Rule = {
  meta: {
    id: 'DX001',
    area: 'DX',
    severity: 'error',
    summary:
      'An on-premises network advertises more than 100 prefixes over a Direct Connect private virtual interface.',
    rationale:
      'A BGP session on a private virtual interface accepts at most 100 prefixes per address family. When the customer router advertises more, AWS puts the BGP session into idle: the virtual interface goes down and all on-premises routes are withdrawn. Summarise the routes, or advertise a default route.',
    docs: [
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/limits.html',
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/Troubleshooting.html',
    ],
    fix: 'Summarise the advertised prefixes to 100 or fewer per address family (or advertise a default route), or move to a transit virtual interface with a transit gateway.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const n of net.onPremNetworks) {
      if (n.source.kind !== 'file') continue;
      for (const vifId of n.virtualInterfaceIds) {
        const vif = net.virtualInterfaces.get(vifId);
        if (vif && vif.type !== 'private') continue;
        for (const family of [4, 6] as const) {
          const count = n.advertised.filter((c) => c.family === family).length;
          if (count <= PRIVATE_VIF_PREFIX_LIMIT) continue;
          out.push({
            ruleId: 'DX001',
            level: 'error',
            resources: [vif ? ref(vifId, vif.origin) : ref(vifId, { file: n.source.file })],
            data: {
              vif: vifId,
              network: n.name,
              count,
              family: `IPv${family}`,
              limit: PRIVATE_VIF_PREFIX_LIMIT,
              file: n.source.file,
            },
          });
        }
      }
    }
    return out;
  },
};
