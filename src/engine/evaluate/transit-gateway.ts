/**
 * Transit gateway routing (aws-semantics §7.7; AWS Transit Gateway guide, "How transit gateways
 * work"): an attachment's traffic is routed by the route table it is associated with; longest
 * prefix match over static and propagated routes, a static route beating a propagated one for the
 * same prefix; a blackhole route drops. Propagated routes are computed here because describe-*
 * output does not list them: a VPC attachment propagates its VPC's CIDRs, a VPN attachment its
 * static routes (static VPN) or the prefixes the on-premises side advertises over BGP (--onprem),
 * a peering attachment nothing (peering routes are static only).
 * Knows TGW tables; nothing about what happens at the target attachment.
 */
import type { Network, TransitGatewayRoute, TransitGatewayRouteTable } from '../../model/index.js';
import { type Cidr, formatCidr, type Ip, LpmTrie } from '../../net/index.js';

export interface TgwRoutes {
  readonly routes: readonly TransitGatewayRoute[];
  /** Propagating attachments whose prefixes cannot be known (BGP with no --onprem data). */
  readonly unknownPropagations: readonly string[];
}

const cache = new WeakMap<TransitGatewayRouteTable, TgwRoutes>();

export function tgwRoutes(net: Network, table: TransitGatewayRouteTable): TgwRoutes {
  const hit = cache.get(table);
  if (hit) return hit;
  const routes: TransitGatewayRoute[] = [...table.routes];
  const unknownPropagations: string[] = [];
  if (!table.routesComplete) {
    const staticPrefixes = new Set(table.routes.map((r) => formatCidr(r.destination)));
    const add = (c: Cidr, attachmentId: string) => {
      const text = formatCidr(c);
      // A static route beats a propagated route for the same prefix.
      if (staticPrefixes.has(text)) return;
      routes.push({
        destination: c,
        destinationText: text,
        type: 'propagated',
        state: 'active',
        attachmentIds: [attachmentId],
      });
    };
    for (const id of table.propagatingAttachmentIds) {
      const a = net.transitGatewayAttachments.get(id);
      if (a?.state !== 'available') continue;
      if (a.resourceType === 'vpc') {
        // IPv6 CIDRs propagate only when the attachment has IPv6 support enabled.
        for (const c of net.vpcCidrs(a.resourceId)) if (c.family === 4 || a.ipv6Support === true) add(c, id);
      } else if (a.resourceType === 'vpn') {
        const vpn = net.vpnConnections.get(a.resourceId);
        const onprem = net.onPremNetworks.filter((n) => n.vpnConnectionIds.includes(a.resourceId));
        const up = vpn ? vpn.tunnels.length === 0 || vpn.tunnels.some((t) => t.status === 'UP') : true;
        if (vpn?.staticRoutesOnly) {
          for (const r of vpn.routes) if (r.state === 'available') add(r.destination, id);
        } else if (!up) {
          // A BGP VPN with no tunnel up has withdrawn its routes.
        } else if (onprem.length > 0) for (const n of onprem) for (const c of n.advertised) add(c, id);
        else unknownPropagations.push(id);
      } else if (a.resourceType === 'direct-connect-gateway') {
        // Prefixes on-premises advertises over the transit VIFs of this Direct Connect gateway.
        const vifs = [...net.virtualInterfaces.values()]
          .filter((v) => v.directConnectGatewayId === a.resourceId)
          .map((v) => v.virtualInterfaceId);
        const onprem = net.onPremNetworks.filter((n) => n.virtualInterfaceIds.some((v) => vifs.includes(v)));
        if (onprem.length > 0) for (const n of onprem) for (const c of n.advertised) add(c, id);
        else unknownPropagations.push(id);
      } else if (a.resourceType !== 'peering') {
        // Connect (and any other) attachments propagate what they learn over BGP: not in describe-* output.
        unknownPropagations.push(id);
      }
    }
  }
  const result = { routes, unknownPropagations };
  cache.set(table, result);
  return result;
}

export type TgwLookup =
  | { readonly kind: 'route'; readonly route: TransitGatewayRoute }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly attachmentIds: readonly string[] };

const tries = new WeakMap<
  TransitGatewayRouteTable,
  { v4: LpmTrie<TransitGatewayRoute>; v6: LpmTrie<TransitGatewayRoute> }
>();

export function lookupTgwRoute(net: Network, table: TransitGatewayRouteTable, dst: Ip): TgwLookup {
  const { routes, unknownPropagations } = tgwRoutes(net, table);
  let trie = tries.get(table);
  if (!trie) {
    trie = { v4: new LpmTrie(4), v6: new LpmTrie(6) };
    for (const r of routes) (r.destination.family === 4 ? trie.v4 : trie.v6).insert(r.destination, r);
    tries.set(table, trie);
  }
  // Longest prefix first; on the same prefix a static route beats a propagated one.
  const hit = (dst.family === 4 ? trie.v4 : trie.v6).lookup(dst);
  // Same prefix: static, then VPC, Direct Connect gateway, Connect, VPN propagations (Transit
  // Gateway guide, "Route evaluation order").
  const best = hit ? [...hit.values].sort((a, b) => routeRank(net, a) - routeRank(net, b))[0] : undefined;
  // Prefixes learned over BGP that we cannot see could be more specific than what matched. A VPC's
  // own CIDR is taken as authoritative (on-premises advertising more specific routes inside an
  // attached VPC would be a misconfiguration; docs/semantics.md states this assumption); anything
  // else is unknown.
  const vpcRoute = best?.attachmentIds.some(
    (id) => net.transitGatewayAttachments.get(id)?.resourceType === 'vpc',
  );
  if (
    unknownPropagations.length > 0 &&
    !vpcRoute &&
    (!best || best.destination.prefix < (dst.family === 4 ? 32 : 128))
  )
    return { kind: 'unknown', attachmentIds: unknownPropagations };
  return best ? { kind: 'route', route: best } : { kind: 'none' };
}

const PROPAGATION_RANK: Readonly<Record<string, number>> = {
  vpc: 1,
  'direct-connect-gateway': 2,
  connect: 3,
  vpn: 4,
};

function routeRank(net: Network, r: TransitGatewayRoute): number {
  if (r.type === 'static') return 0;
  const type = net.transitGatewayAttachments.get(r.attachmentIds[0] ?? '')?.resourceType ?? '';
  return PROPAGATION_RANK[type] ?? 5;
}
