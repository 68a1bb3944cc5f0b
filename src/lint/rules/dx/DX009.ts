import type { Finding, LintContext, Rule } from '../../types.js';
import { REQUIREMENTS_DOC, statedPorts } from './router-port.js';

/** BFD is not configured on the router: failover waits for the BGP hold timer. */
export const DX009: Rule = {
  meta: {
    id: 'DX009',
    area: 'DX',
    severity: 'note',
    summary: 'The on-premises router does not configure BFD on its Direct Connect BGP sessions.',
    rationale:
      'AWS enables asynchronous Bidirectional Forwarding Detection on every Direct Connect virtual interface, but it takes effect only once the customer router configures BFD too. Without it, a failed link is detected only when the BGP hold timer expires (90 seconds by default), and failover to another connection or a VPN waits that long.',
    docs: [
      REQUIREMENTS_DOC,
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/Troubleshooting.html',
    ],
    fix: 'Configure BFD on the BGP neighbors of the Direct Connect virtual interfaces (for example 300 ms interval, multiplier 3), then set `bfd: true` in the --onprem file.',
  },
  check({ net }: LintContext): Finding[] {
    return statedPorts(net)
      .filter(({ port }) => port.bfd === false)
      .map(({ network, file, resources }) => ({
        ruleId: 'DX009',
        level: 'note',
        resources,
        data: { network: network.name, file, vifs: [...network.virtualInterfaceIds] },
      }));
  },
};
