import type { Finding, LintContext, Rule } from '../../types.js';
import { REQUIREMENTS_DOC, statedPorts } from './router-port.js';

/** BGP over Direct Connect without MD5 authentication. */
export const DX008: Rule = {
  meta: {
    id: 'DX008',
    area: 'DX',
    severity: 'warning',
    summary: 'The on-premises router runs BGP over Direct Connect without MD5 authentication.',
    rationale:
      'Direct Connect requires the customer router to support BGP with MD5 authentication: every virtual interface has a BGP authentication key (AWS generates one when none is given). A router peering without the key normally cannot establish the session; without MD5 a session is also open to spoofed TCP resets and route injection.',
    docs: [
      REQUIREMENTS_DOC,
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/Troubleshooting.html',
    ],
    fix: "Configure the virtual interface's BGP authentication key (MD5) on the router's BGP neighbor, then set `bgpMd5: true` in the --onprem file.",
  },
  check({ net }: LintContext): Finding[] {
    return statedPorts(net)
      .filter(({ port }) => port.bgpMd5 === false)
      .map(({ network, file, resources }) => ({
        ruleId: 'DX008',
        level: 'warning',
        resources,
        data: { network: network.name, file, vifs: [...network.virtualInterfaceIds] },
      }));
  },
};
