import { evaluateSecurityGroups } from '../../../engine/evaluate/security-group.js';
import type { Packet } from '../../../engine/packet.js';
import { formatPortRange, PortSet } from '../../../net/index.js';
import { internetRouteOfSubnet } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { subnetAddress } from '../nacl/ephemeral.js';
import { admittedFromWorld } from '../sg/SG001.js';
import { routedInterfaces } from './NAT004.js';

const WEB = PortSet.of({ from: 80, to: 80 }, { from: 443, to: 443 });
const text = (p: PortSet) => p.ranges().map(formatPortRange).join(', ');

/** A NAT instance whose security groups do not follow the NATSG pattern of AWS's NAT-instance guide. */
export const NAT005: Rule = {
  meta: {
    id: 'NAT005',
    area: 'NAT',
    severity: 'warning',
    summary:
      "A NAT instance's security groups do not admit tcp 80/443 from the private subnets routed through it, or admit traffic from the whole internet.",
    rationale:
      "AWS's NAT-instance guide gives the NATSG pattern: inbound HTTP and HTTPS from the private subnets that use the NAT instance (and SSH from your own network only), outbound HTTP and HTTPS to the internet. Missing inbound rules break the private subnets' web access; inbound rules open to the whole internet expose the instance that forwards all private traffic.",
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#NATSG'],
    fix: "Allow inbound tcp 80 and 443 from each private subnet's CIDR, and remove inbound rules whose source is 0.0.0.0/0 or ::/0.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const [eni] of routedInterfaces(net)) {
      const instanceId = eni.attachment?.instanceId;
      const routesHere = (subnetId: string) => {
        const r = internetRouteOfSubnet(net, subnetId);
        return (
          (r?.target.type === 'instance' && r.target.id === instanceId) ||
          (r?.target.type === 'network-interface' && r.target.id === eni.networkInterfaceId) ||
          (r?.target.type === 'instance' && r.target.networkInterfaceId === eni.networkInterfaceId)
        );
      };
      const privates = net.data.subnets.filter((s) => s.vpcId === eni.vpcId && routesHere(s.subnetId));
      // Only a NAT: an instance that private subnets use as their way to the internet.
      if (privates.length === 0) continue;
      const dst = eni.privateAddresses[0]?.ip;
      if (!dst) continue;
      const missing: string[] = [];
      for (const s of privates) {
        const src = subnetAddress(s, 4);
        if (!src) continue;
        const pkt: Packet = { src, dst, protocol: 6, srcPorts: PortSet.all(), dstPorts: WEB };
        const gap = WEB.subtract(evaluateSecurityGroups(net, eni.groupIds, eni.vpcId, false, pkt).allowed);
        if (!gap.isEmpty()) missing.push(`tcp ${text(gap)} from ${s.subnetId}`);
      }
      const extra: string[] = [];
      for (const family of [4, 6] as const)
        for (const [proto, name] of [
          [6, 'tcp'],
          [17, 'udp'],
        ] as const) {
          const open = admittedFromWorld(net, eni.groupIds, eni.vpcId, family, proto, PortSet.all());
          if (!open.isEmpty())
            extra.push(`${name} ${text(open)} from ${family === 4 ? '0.0.0.0/0' : '::/0'}`);
        }
      if (missing.length === 0 && extra.length === 0) continue;
      const instance = instanceId ? net.instances.get(instanceId) : undefined;
      out.push({
        ruleId: 'NAT005',
        level: 'warning',
        resources: [
          ref(instanceId ?? eni.networkInterfaceId, instance?.origin ?? eni.origin),
          ...eni.groupIds.map((g) => ref(g, net.securityGroups.get(g)?.origin)),
        ],
        data: { instance: instanceId ?? eni.networkInterfaceId, groups: eni.groupIds, missing, extra },
      });
    }
    return out;
  },
};
