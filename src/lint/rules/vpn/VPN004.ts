import { lookupRoute } from '../../../engine/evaluate/route-table.js';
import { type Cidr, cidrOverlaps, formatCidr } from '../../../net/index.js';
import { sampleIn, subnetsOfTable } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/**
 * A route table whose subnets talk to on-premises networks (their security groups name on-premises
 * prefixes) but which neither propagates the VPC's virtual private gateway nor has routes covering them.
 */
export const VPN004: Rule = {
  meta: {
    id: 'VPN004',
    area: 'VPN',
    severity: 'warning',
    summary:
      'Subnets whose security groups expect on-premises traffic use a route table with neither route propagation from the virtual private gateway nor static routes to the on-premises prefixes.',
    rationale:
      "A Site-to-Site VPN or Direct Connect link only carries traffic from subnets whose route table sends the on-premises prefixes to the virtual private gateway: either by enabling route propagation (routes learned over BGP or the VPN's static routes appear automatically) or with static routes. Forgetting one route table is the most common reason a VPN is up but some instances cannot reach on-premises hosts.",
    docs: [
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html',
    ],
    fix: 'Enable route propagation from the virtual private gateway on the route table (aws ec2 enable-vgw-route-propagation), or add static routes for the on-premises prefixes to the gateway.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const vgw of net.vpnGateways.values()) {
      const vpns = net.vpnConnectionsOn(vgw.vpnGatewayId).filter((v) => v.state === 'available');
      if (vpns.length === 0) continue;
      const vpnIds = new Set(vpns.map((v) => v.vpnConnectionId));
      const prefixes: Cidr[] = net.onPremNetworks
        .filter((n) => n.vpnConnectionIds.some((id) => vpnIds.has(id)))
        .flatMap((n) => n.prefixes);
      if (prefixes.length === 0) continue;
      for (const att of vgw.vpcAttachments) {
        if (att.state !== 'attached') continue;
        for (const table of net.data.routeTables) {
          if (table.vpcId !== att.vpcId || table.propagatingVgws.includes(vgw.vpnGatewayId)) continue;
          const subnets = subnetsOfTable(net, table);
          // The on-premises prefixes the subnets' security groups name (0.0.0.0/0 names no one).
          const named = new Map<string, Cidr>();
          for (const s of subnets)
            for (const eni of net.interfacesIn(s.subnetId))
              for (const gid of eni.groupIds) {
                const g = net.securityGroups.get(gid);
                for (const r of [...(g?.ingress ?? []), ...(g?.egress ?? [])]) {
                  if (r.peer.kind !== 'cidr' || r.peer.cidr.prefix === 0) continue;
                  for (const p of prefixes) if (cidrOverlaps(p, r.peer.cidr)) named.set(formatCidr(p), p);
                }
              }
          const missing = [...named.values()].filter((p) => {
            const r = lookupRoute(net, table, sampleIn(net, p));
            return (
              !(r.kind === 'route' && r.choice.route.target.id === vgw.vpnGatewayId) && r.kind !== 'unknown'
            );
          });
          if (missing.length === 0) continue;
          out.push({
            ruleId: 'VPN004',
            level: 'warning',
            resources: [ref(table.routeTableId, table.origin), ref(vgw.vpnGatewayId, vgw.origin)],
            data: {
              table: table.routeTableId,
              vgw: vgw.vpnGatewayId,
              prefixes: missing.map(formatCidr),
              subnets: subnets.map((s) => s.subnetId),
            },
          });
        }
      }
    }
    return out;
  },
};
