import type { Finding, LintContext, Rule } from '../../types.js';
import { REQUIREMENTS_DOC, speedOf, statedPorts } from './router-port.js';

/** The router port facing Direct Connect negotiates its speed, or runs half duplex. */
export const DX006: Rule = {
  meta: {
    id: 'DX006',
    area: 'DX',
    severity: 'error',
    summary:
      'The on-premises router port facing Direct Connect has auto-negotiation enabled at more than 1 Gbps (a note at 1 Gbps or unstated speed), or runs half duplex.',
    rationale:
      'AWS requires auto-negotiation disabled on ports faster than 1 Gbps, with the port speed and full duplex set manually; with auto-negotiation on, the link does not come up. On 1 Gbps ports auto-negotiation may need to be enabled or disabled depending on the AWS Direct Connect device serving the connection, so it is only a note there: check it if the link stays down.',
    docs: [REQUIREMENTS_DOC],
    fix: 'Disable auto-negotiation on the port and set the speed and full duplex manually (on 1 Gbps ports, match the AWS device: try the other setting if the link stays down).',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const { network, port, file, resources } of statedPorts(net)) {
      if (port.autoNegotiation === true) {
        const speed = speedOf(port);
        out.push({
          ruleId: 'DX006',
          level: speed === undefined || speed === '1G' ? 'note' : 'error',
          resources,
          data: { network: network.name, file, setting: 'autoNegotiation', speed: speed ?? 'not stated' },
        });
      }
      if (port.duplex === 'half')
        out.push({
          ruleId: 'DX006',
          level: 'error',
          resources,
          data: { network: network.name, file, setting: 'duplex', speed: speedOf(port) ?? 'not stated' },
        });
    }
    return out;
  },
};
