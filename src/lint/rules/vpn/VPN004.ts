import { lookupRoute } from '../../../engine/evaluate/route-table.js';
import type { Network, RouteTable, VpnConnection } from '../../../model/index.js';
import { type Cidr, cidrOverlaps, formatCidr } from '../../../net/index.js';
import { sampleIn, subnetsOfTable } from '../../helpers.js';
import { type Finding, type LintContext, type ResourceRef, type Rule, ref } from '../../types.js';

/**
 * A route table whose subnets talk to on-premises networks (their security groups name on-premises
 * prefixes) but which sends those prefixes nowhere near the gateway holding the VPN: a virtual
 * private gateway it neither propagates nor routes to, or a transit gateway with a VPN attachment
 * it has no route to (VPC route tables cannot propagate from a transit gateway: only static routes).
 */
export const VPN004: Rule = {
  meta: {
    id: 'VPN004',
    area: 'VPN',
    severity: 'warning',
    summary:
      'Subnets whose security groups expect on-premises traffic use a route table with neither route propagation from the virtual private gateway nor static routes to the on-premises prefixes (or, behind a transit gateway with a VPN attachment, no route to the transit gateway).',
    rationale:
      "A Site-to-Site VPN or Direct Connect link only carries traffic from subnets whose route table sends the on-premises prefixes to the gateway. On a virtual private gateway: either by enabling route propagation (routes learned over BGP or the VPN's static routes appear automatically) or with static routes. On a transit gateway, a VPC route table cannot propagate: it needs static routes covering the on-premises prefixes with the transit gateway as target. Forgetting one route table is the most common reason a VPN is up but some instances cannot reach on-premises hosts.",
    docs: [
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html',
      'https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html',
    ],
    fix: 'Enable route propagation from the virtual private gateway on the route table (aws ec2 enable-vgw-route-propagation), or add static routes for the on-premises prefixes to the gateway (for a transit gateway: aws ec2 create-route --transit-gateway-id).',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const vgw of net.vpnGateways.values()) {
      const vpns = net.vpnConnectionsOn(vgw.vpnGatewayId).filter((v) => v.state === 'available');
      const prefixes = onPremPrefixesOf(net, vpns);
      if (prefixes.length === 0) continue;
      for (const att of vgw.vpcAttachments) {
        if (att.state !== 'attached') continue;
        for (const table of net.data.routeTables) {
          if (table.vpcId !== att.vpcId || table.propagatingVgws.includes(vgw.vpnGatewayId)) continue;
          const hit = unrouted(net, table, prefixes, vgw.vpnGatewayId);
          if (!hit) continue;
          out.push({
            ruleId: 'VPN004',
            level: 'warning',
            resources: [ref(table.routeTableId, table.origin), ref(vgw.vpnGatewayId, vgw.origin)],
            data: { table: table.routeTableId, vgw: vgw.vpnGatewayId, ...hit },
          });
        }
      }
    }
    for (const tgw of net.transitGateways.values()) {
      const tgwId = tgw.transitGatewayId;
      if (tgw.state === 'deleted' || tgw.state === 'deleting') continue;
      // A VPN attachment that is up: the VPN available and its attachment (when listed) available.
      const vpns = net.vpnConnectionsOn(tgwId).filter((v) => {
        if (v.state !== 'available' || v.transitGatewayId !== tgwId) return false;
        const att = net.transitGatewayAttachmentOf(tgwId, v.vpnConnectionId);
        return !att || att.state === 'available';
      });
      const prefixes = onPremPrefixesOf(net, vpns);
      if (prefixes.length === 0) continue;
      const vpcIds = new Set(
        [...net.transitGatewayAttachments.values()]
          .filter((a) => a.transitGatewayId === tgwId && a.resourceType === 'vpc' && a.state === 'available')
          .map((a) => a.resourceId),
      );
      for (const table of net.data.routeTables) {
        if (!vpcIds.has(table.vpcId)) continue;
        const hit = unrouted(net, table, prefixes, tgwId);
        if (!hit) continue;
        const att = net.transitGatewayAttachmentOf(tgwId, table.vpcId);
        const resources: ResourceRef[] = [ref(table.routeTableId, table.origin), ref(tgwId, tgw.origin)];
        if (att) resources.push(ref(att.transitGatewayAttachmentId, att.origin));
        out.push({
          ruleId: 'VPN004',
          level: 'warning',
          resources,
          data: { table: table.routeTableId, tgw: tgwId, vpns: vpns.map((v) => v.vpnConnectionId), ...hit },
        });
      }
    }
    return out;
  },
};

/** The prefixes of the on-premises networks behind some of these VPN connections. */
function onPremPrefixesOf(net: Network, vpns: readonly VpnConnection[]): Cidr[] {
  if (vpns.length === 0) return [];
  const ids = new Set(vpns.map((v) => v.vpnConnectionId));
  return net.onPremNetworks
    .filter((n) => n.vpnConnectionIds.some((id) => ids.has(id)))
    .flatMap((n) => n.prefixes);
}

/**
 * The on-premises prefixes the table's subnets' security groups name (0.0.0.0/0 names no one) for
 * which the table has no route to `gatewayId`; undefined when there are none.
 */
function unrouted(
  net: Network,
  table: RouteTable,
  prefixes: readonly Cidr[],
  gatewayId: string,
): { prefixes: string[]; subnets: string[] } | undefined {
  const subnets = subnetsOfTable(net, table);
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
    return !(r.kind === 'route' && r.choice.route.target.id === gatewayId) && r.kind !== 'unknown';
  });
  if (missing.length === 0) return undefined;
  return { prefixes: missing.map(formatCidr), subnets: subnets.map((s) => s.subnetId) };
}
