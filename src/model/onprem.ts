/**
 * On-premises networks: what lives behind a customer gateway, VPN connection or Direct Connect
 * virtual interface. AWS output cannot say this; it comes from the user's --onprem file, or is
 * inferred from VPN static routes and propagated routes (and then says so).
 */
import { type Cidr, formatCidr } from '../net/index.js';
import type { NetworkData } from './network.js';

/** Transceivers AWS Direct Connect ports accept (the `optic` of a router block). */
export const ROUTER_OPTICS = ['1000BASE-LX', '10GBASE-LR', '100GBASE-LR4', '400GBASE-LR4'] as const;
export type RouterOptic = (typeof ROUTER_OPTICS)[number];
/** Port speeds of a dedicated Direct Connect connection. */
export const ROUTER_SPEEDS = ['1G', '10G', '100G', '400G'] as const;
export type RouterSpeed = (typeof ROUTER_SPEEDS)[number];
export const ROUTER_FIBRES = ['single-mode', 'multi-mode'] as const;
export type RouterFibre = (typeof ROUTER_FIBRES)[number];
export const ROUTER_DUPLEXES = ['full', 'half'] as const;
export type RouterDuplex = (typeof ROUTER_DUPLEXES)[number];

/**
 * The customer router port facing Direct Connect, as the --onprem file states it (`router`).
 * Every field is optional: what the file does not state is unknown, not a default.
 */
export interface OnPremRouterPort {
  readonly optic?: RouterOptic | undefined;
  readonly fibre?: RouterFibre | undefined;
  readonly speed?: RouterSpeed | undefined;
  readonly duplex?: RouterDuplex | undefined;
  readonly autoNegotiation?: boolean | undefined;
  /** 802.1Q VLAN encapsulation on the port and every device up to the AWS port. */
  readonly vlan8021q?: boolean | undefined;
  readonly bgpMd5?: boolean | undefined;
  readonly bfd?: boolean | undefined;
}

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
  /** The customer router port facing Direct Connect (file only; absent when not stated). */
  readonly router?: OnPremRouterPort | undefined;
  /** Where it came from: the user's file (with its path) or inference. */
  readonly source:
    | { readonly kind: 'file'; readonly file: string }
    | { readonly kind: 'inferred'; readonly from: string };
}

/**
 * Without an --onprem file: one network per virtual private gateway, holding the routes it
 * propagates into VPC route tables (Origin EnableVgwRoutePropagation) and the static routes of its
 * VPN connections, reached through those VPNs and the Direct Connect private VIFs that lead to the
 * gateway; and one per static VPN on a transit gateway. BGP-learned prefixes of a transit gateway
 * are not in describe-* output, so they cannot be inferred.
 */
export function inferOnPremNetworks(data: NetworkData): OnPremNetwork[] {
  const out: OnPremNetwork[] = [];
  const vpns = data.vpnConnections ?? [];
  const vgwIds = new Set<string>((data.vpnGateways ?? []).map((g) => g.vpnGatewayId));
  for (const t of data.routeTables)
    for (const r of t.routes) if (r.target.type === 'vpn-gateway') vgwIds.add(r.target.id);
  for (const vgwId of vgwIds) {
    const prefixes = new Map<string, Cidr>();
    const onVgw = vpns.filter((v) => v.vpnGatewayId === vgwId);
    for (const v of onVgw)
      for (const r of v.routes)
        if (r.state !== 'deleted') prefixes.set(formatCidr(r.destination), r.destination);
    for (const t of data.routeTables)
      for (const r of t.routes)
        if (
          r.origin === 'EnableVgwRoutePropagation' &&
          r.target.id === vgwId &&
          r.destination.kind === 'cidr'
        )
          prefixes.set(formatCidr(r.destination.cidr), r.destination.cidr);
    // A default route learned from on-premises says where internet traffic goes, not what lives there.
    const list = [...prefixes.values()].filter((c) => c.prefix > 0);
    if (list.length === 0) continue;
    const dxgws = new Set(
      (data.directConnectGatewayAssociations ?? [])
        .filter((a) => a.gatewayId === vgwId)
        .map((a) => a.directConnectGatewayId),
    );
    const vifs = (data.virtualInterfaces ?? []).filter(
      (v) =>
        v.type === 'private' &&
        (v.virtualGatewayId === vgwId ||
          (v.directConnectGatewayId !== undefined && dxgws.has(v.directConnectGatewayId))),
    );
    out.push({
      name: `behind ${vgwId}`,
      prefixes: list,
      advertised: list,
      vpnConnectionIds: onVgw.map((v) => v.vpnConnectionId),
      customerGatewayIds: onVgw.flatMap((v) => (v.customerGatewayId ? [v.customerGatewayId] : [])),
      virtualInterfaceIds: vifs.map((v) => v.virtualInterfaceId),
      internet: false,
      source: { kind: 'inferred', from: `routes propagated from ${vgwId} and its VPN static routes` },
    });
  }
  for (const v of vpns) {
    if (!v.transitGatewayId || !v.staticRoutesOnly) continue;
    const list = v.routes
      .filter((r) => r.state !== 'deleted' && r.destination.prefix > 0)
      .map((r) => r.destination);
    if (list.length === 0) continue;
    out.push({
      name: `behind ${v.vpnConnectionId}`,
      prefixes: list,
      advertised: list,
      vpnConnectionIds: [v.vpnConnectionId],
      customerGatewayIds: v.customerGatewayId ? [v.customerGatewayId] : [],
      virtualInterfaceIds: [],
      internet: false,
      source: { kind: 'inferred', from: `${v.vpnConnectionId} static routes` },
    });
  }
  return out;
}
