import { type NetworkAclEntry, primaryPrivateIp } from '../../../model/index.js';
import { type ClientType, cidrContains, cidrContainsCidr } from '../../../net/index.js';
import { clientTypeOf, INITIATORS, subnetsOfAcl } from '../../helpers.js';
import type { Finding, Level, LintContext, Rule } from '../../types.js';
import { gapFinding, returnGaps } from './ephemeral.js';

const MAJOR: readonly ClientType[] = ['linux', 'windows', 'elb', 'nat-gateway', 'lambda'];

/** A NACL accepts a service port inbound but does not let replies out to the clients' ephemeral ports. */
export const NACL003: Rule = {
  meta: {
    id: 'NACL003',
    area: 'NACL',
    severity: 'warning',
    summary:
      'A subnet accepts a service port inbound but its outbound NACL rules do not cover the ephemeral ports of the clients that connect.',
    rationale:
      "Network ACLs are stateless: the reply to an accepted connection must be allowed out explicitly, to the client's ephemeral source port. The range depends on the client: Linux 32768-61000, Windows Server 2008 and later 49152-65535, Windows Server 2003 1025-5000, Elastic Load Balancing, NAT gateways and Lambda 1024-65535. An outbound rule for one range silently breaks the other clients (connections time out).",
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html',
    ],
    fix: "Add an outbound allow rule for tcp (or udp) 1024-65535 to the clients' CIDR, numbered before any deny that catches it.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const acl of net.data.networkAcls) {
      const subnets = subnetsOfAcl(net, acl);
      const subnet = subnets.find((s) => s.cidrBlock) ?? subnets[0];
      if (!subnet) continue;
      // Clients inside the VPC are what the snapshot shows (the interfaces in the rule's CIDR); anyone
      // else may be Linux or Windows (Windows 2003 only makes a note).
      const vpc = net.vpcs.get(acl.vpcId);
      const clients = (entry: NetworkAclEntry): ClientType[] => {
        const inVpc = vpc?.cidrBlocks.some((c) => cidrContainsCidr(c, entry.cidr)) ?? false;
        if (!inVpc) return ['linux', 'windows', 'windows-2003'];
        const types = new Set<ClientType>();
        for (const eni of net.data.networkInterfaces) {
          if (eni.vpcId !== acl.vpcId || !INITIATORS.has(eni.interfaceType)) continue;
          const ip = primaryPrivateIp(eni);
          if (ip && cidrContains(entry.cidr, ip)) types.add(clientTypeOf(net, eni));
        }
        return types.size > 0 ? [...types] : ['linux', 'windows', 'windows-2003'];
      };
      for (const g of returnGaps(net, acl, subnet, false, clients)) {
        const level: Level = g.gaps.some((x) => MAJOR.includes(x.client)) ? 'warning' : 'note';
        out.push(gapFinding('NACL003', level, acl, subnets, g));
      }
    }
    return out;
  },
};
