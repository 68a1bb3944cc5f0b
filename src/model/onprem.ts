/**
 * On-premises networks: what lives behind a customer gateway, VPN connection or Direct Connect
 * virtual interface. AWS output cannot say this; it comes from the user's --onprem file, or is
 * inferred from VPN static routes and propagated routes (and then says so).
 */
import { type Cidr, formatCidr } from '../net/index.js';
import type { NetworkData } from './network.js';

export interface OnPremNetwork {
  readonly name: string;
  /** Address blocks that live there. */
  readonly prefixes: readonly Cidr[];
  /** Prefixes advertised to AWS over BGP (defaults to `prefixes`). */
  readonly advertised: readonly Cidr[];
  readonly vpnConnectionIds: readonly string[];
  readonly customerGatewayIds: readonly string[];
  readonly virtualInterfaceIds: readonly string[];
  readonly bgpAsn?: number | undefined;
  /** The network reaches the internet directly (not through AWS). */
  readonly internet: boolean;
  /** Where it came from: the user's file (with its path) or inference. */
  readonly source:
    | { readonly kind: 'file'; readonly file: string }
    | { readonly kind: 'inferred'; readonly from: string };
}

/**
 * Without an --onprem file: one network per VPN connection, holding its static routes and the
 * routes propagated from its virtual private gateway into VPC route tables (Origin
 * EnableVgwRoutePropagation). BGP-learned prefixes of a VPN on a transit gateway are not in
 * describe-* output, so such a VPN yields no inferred network.
 */
export function inferOnPremNetworks(data: NetworkData): OnPremNetwork[] {
  const out: OnPremNetwork[] = [];
  for (const v of data.vpnConnections ?? []) {
    const prefixes = new Map<string, Cidr>();
    for (const r of v.routes)
      if (r.state !== 'deleted') prefixes.set(formatCidr(r.destination), r.destination);
    if (v.vpnGatewayId)
      for (const t of data.routeTables)
        for (const r of t.routes)
          if (
            r.origin === 'EnableVgwRoutePropagation' &&
            r.target.id === v.vpnGatewayId &&
            r.destination.kind === 'cidr'
          )
            prefixes.set(formatCidr(r.destination.cidr), r.destination.cidr);
    // A default route learned from on-premises says where internet traffic goes, not what lives there.
    const list = [...prefixes.values()].filter((c) => c.prefix > 0);
    if (list.length === 0) continue;
    out.push({
      name: `behind ${v.vpnConnectionId}`,
      prefixes: list,
      advertised: list,
      vpnConnectionIds: [v.vpnConnectionId],
      customerGatewayIds: v.customerGatewayId ? [v.customerGatewayId] : [],
      virtualInterfaceIds: [],
      internet: false,
      source: {
        kind: 'inferred',
        from: v.vpnGatewayId
          ? `${v.vpnConnectionId} static routes and ${v.vpnGatewayId} propagated routes`
          : `${v.vpnConnectionId} static routes`,
      },
    });
  }
  return out;
}
