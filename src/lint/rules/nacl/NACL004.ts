import type { ClientType } from '../../../net/index.js';
import { clientTypeOf, INITIATORS, subnetsOfAcl } from '../../helpers.js';
import type { Finding, LintContext, Rule } from '../../types.js';
import { gapFinding, returnGaps } from './ephemeral.js';

/** Mirror of NACL003: the subnet opens connections out, but replies to its own ephemeral ports are not let in. */
export const NACL004: Rule = {
  meta: {
    id: 'NACL004',
    area: 'NACL',
    severity: 'warning',
    summary:
      "A subnet may open connections to a service port outbound but its inbound NACL rules do not let the replies back to its instances' ephemeral ports.",
    rationale:
      "Network ACLs are stateless: when an instance initiates a connection, the reply arrives on the instance's ephemeral source port and must be allowed in explicitly. Linux uses 32768-61000, Windows Server 2008 and later 49152-65535, NAT gateways and Lambda 1024-65535.",
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html'],
    fix: 'Add an inbound allow rule for tcp (or udp) 1024-65535 from the destination CIDR, numbered before any deny that catches it.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const acl of net.data.networkAcls) {
      const subnets = subnetsOfAcl(net, acl);
      const types = new Set<ClientType>();
      for (const s of subnets)
        for (const eni of net.interfacesIn(s.subnetId))
          if (INITIATORS.has(eni.interfaceType)) types.add(clientTypeOf(net, eni));
      if (types.size === 0) continue;
      const subnet = subnets.find((s) => s.cidrBlock) ?? subnets[0]!;
      for (const g of returnGaps(net, acl, subnet, true, () => [...types])) {
        out.push(gapFinding('NACL004', 'warning', acl, subnets, g));
      }
    }
    return out;
  },
};
