import { internetRouteOfSubnet } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** An interface holds a public IPv4 address but its subnet has no route to an internet gateway. */
export const EC2001: Rule = {
  meta: {
    id: 'EC2001',
    area: 'EC2',
    severity: 'warning',
    summary: 'An instance has a public IPv4 address but its subnet has no route to an internet gateway.',
    rationale:
      "A public IPv4 address works only when the subnet's route table sends internet traffic to an internet gateway. Without that route the address is unreachable and still billed; usually the instance was launched in the wrong subnet or the subnet auto-assigns public addresses by mistake.",
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
    ],
    fix: "Add a 0.0.0.0/0 route to the internet gateway in the subnet's route table, or release the address (and turn off auto-assign public IPv4 on the subnet).",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const eni of net.data.networkInterfaces) {
      if (eni.interfaceType === 'nat_gateway') continue;
      const pub = eni.privateAddresses.find((a) => a.publicIp)?.publicIp;
      if (!pub || !net.routeTableFor(eni.subnetId)) continue;
      const r = internetRouteOfSubnet(net, eni.subnetId);
      if (r?.target.type === 'internet-gateway') continue;
      const id = eni.attachment?.instanceId ?? eni.networkInterfaceId;
      out.push({
        ruleId: 'EC2001',
        level: 'warning',
        resources: [
          ref(
            id,
            (eni.attachment?.instanceId && net.instances.get(eni.attachment.instanceId)?.origin) ||
              eni.origin,
          ),
        ],
        data: {
          resource: id,
          eni: eni.networkInterfaceId,
          subnet: eni.subnetId,
          route: r ? `${r.destinationText} -> ${r.target.id}` : 'none',
        },
      });
    }
    return out;
  },
};
