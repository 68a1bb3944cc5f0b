import { cidrOverlaps, formatCidr } from '../../../net/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A VPC CIDR overlaps an on-premises prefix from the --onprem file, or the CIDR of a peered VPC. */
export const NET001: Rule = {
  meta: {
    id: 'NET001',
    area: 'NET',
    severity: 'warning',
    summary: "A VPC's CIDR overlaps an on-premises prefix or the CIDR of a VPC it is peered with.",
    rationale:
      "Inside a VPC the local route always wins: traffic to addresses in the VPC's own CIDR never leaves it, so on-premises hosts (or peer-VPC hosts) in an overlapping range are unreachable from the VPC. Address plans for connected networks must not overlap; peering connections between overlapping VPCs are not supported.",
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html',
      'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations',
    ],
    fix: 'Renumber one side (a VPC cannot change its primary CIDR: create a new VPC), or use a private NAT gateway to translate between overlapping ranges.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const vpc of net.data.vpcs) {
      const cidrs = [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks];
      for (const n of net.onPremNetworks) {
        if (n.source.kind !== 'file') continue;
        const hits = n.prefixes.filter((p) => cidrs.some((c) => cidrOverlaps(c, p)));
        if (hits.length === 0) continue;
        out.push({
          ruleId: 'NET001',
          level: 'warning',
          resources: [ref(vpc.vpcId, vpc.origin)],
          data: { vpc: vpc.vpcId, other: `on-premises network ${n.name}`, prefixes: hits.map(formatCidr) },
        });
      }
    }
    for (const p of net.data.vpcPeeringConnections) {
      if (p.status !== 'active') continue;
      const a = net.vpcs.get(p.requester.vpcId);
      const b = net.vpcs.get(p.accepter.vpcId);
      if (!a || !b) continue;
      const hits = a.cidrBlocks.filter((c) => b.cidrBlocks.some((d) => cidrOverlaps(c, d)));
      if (hits.length === 0) continue;
      out.push({
        ruleId: 'NET001',
        level: 'warning',
        resources: [ref(a.vpcId, a.origin), ref(p.vpcPeeringConnectionId, p.origin), ref(b.vpcId, b.origin)],
        data: {
          vpc: a.vpcId,
          other: `peered VPC ${b.vpcId} (${p.vpcPeeringConnectionId})`,
          prefixes: hits.map(formatCidr),
        },
      });
    }
    return out;
  },
};
