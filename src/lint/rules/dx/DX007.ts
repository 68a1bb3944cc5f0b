import type { Finding, LintContext, Rule } from '../../types.js';
import { REQUIREMENTS_DOC, statedPorts } from './router-port.js';

/** 802.1Q VLAN encapsulation is not enabled between the customer router and the AWS port. */
export const DX007: Rule = {
  meta: {
    id: 'DX007',
    area: 'DX',
    severity: 'error',
    summary:
      'The on-premises router port facing Direct Connect (or a device between it and AWS) does not carry 802.1Q VLAN encapsulation.',
    rationale:
      'Every virtual interface is an 802.1Q VLAN on the Direct Connect port: the customer router and every intermediate device (patch panel switches, partner equipment) must pass the tagged frames. Without 802.1Q the BGP sessions of the virtual interfaces never come up.',
    docs: [
      REQUIREMENTS_DOC,
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithVirtualInterfaces.html',
    ],
    fix: 'Enable 802.1Q on the router port (a subinterface per virtual interface, on its VLAN id) and on every device up to the AWS port, then set `vlan8021q: true` in the --onprem file.',
  },
  check({ net }: LintContext): Finding[] {
    return statedPorts(net)
      .filter(({ port }) => port.vlan8021q === false)
      .map(({ network, file, resources }) => ({
        ruleId: 'DX007',
        level: 'error',
        resources,
        data: { network: network.name, file, vifs: [...network.virtualInterfaceIds] },
      }));
  },
};
