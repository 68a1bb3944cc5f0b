import type { Finding, LintContext, Rule } from '../../types.js';
import { OPTIC_FOR_SPEED, REQUIREMENTS_DOC, statedPorts } from './router-port.js';

/** The router port facing Direct Connect states a transceiver or fibre AWS does not use at its speed. */
export const DX005: Rule = {
  meta: {
    id: 'DX005',
    area: 'DX',
    severity: 'error',
    summary:
      'The on-premises router port facing Direct Connect uses a transceiver that does not match its port speed, or fibre other than single-mode.',
    rationale:
      'A dedicated Direct Connect port is single-mode fibre with a fixed transceiver per speed: 1000BASE-LX (1310 nm) for 1 Gbps, 10GBASE-LR (1310 nm) for 10 Gbps, 100GBASE-LR4 for 100 Gbps, 400GBASE-LR4 for 400 Gbps. A different transceiver or multi-mode fibre gets no light level or link on the cross-connect, so the connection never comes up.',
    docs: [REQUIREMENTS_DOC],
    fix: 'Fit the transceiver AWS requires for the port speed (1000BASE-LX, 10GBASE-LR, 100GBASE-LR4 or 400GBASE-LR4) on single-mode fibre, and correct the `router` block of the --onprem file.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const { network, port, file, resources } of statedPorts(net)) {
      if (port.fibre !== undefined && port.fibre !== 'single-mode')
        out.push({
          ruleId: 'DX005',
          level: 'error',
          resources,
          data: {
            network: network.name,
            file,
            setting: 'fibre',
            stated: port.fibre,
            required: 'single-mode',
          },
        });
      if (port.optic !== undefined && port.speed !== undefined && port.optic !== OPTIC_FOR_SPEED[port.speed])
        out.push({
          ruleId: 'DX005',
          level: 'error',
          resources,
          data: {
            network: network.name,
            file,
            setting: 'optic',
            stated: port.optic,
            required: OPTIC_FOR_SPEED[port.speed],
            speed: port.speed,
          },
        });
    }
    return out;
  },
};
