/**
 * Direct Connect hops (aws-semantics §8): a private virtual interface reaches a virtual private
 * gateway directly or through a Direct Connect gateway associated with it; a transit virtual
 * interface reaches a Direct Connect gateway associated with transit gateways. A VIF carries
 * traffic only while it is `available`, its BGP session for the packet's family is up, and its
 * connection (or LAG) is available; otherwise its routes are withdrawn.
 */
import type { OnPremNetwork, VirtualInterface } from '../../model/index.js';
import type { Family } from '../../net/index.js';
import type { Packet } from '../packet.js';
import type { ComponentRef } from '../types.js';
import type { Walker } from '../walker.js';
import { deliverOnPrem } from './vpn.js';

/** Private VIFs that reach a virtual private gateway (directly or through an associated DX gateway). */
export function vifsForVgw(w: Walker, vgwId: string): VirtualInterface[] {
  const dxgws = new Set(
    w.net.directConnectGatewayAssociations
      .filter((a) => a.gatewayId === vgwId && a.state === 'associated')
      .map((a) => a.directConnectGatewayId),
  );
  return [...w.net.virtualInterfaces.values()].filter(
    (v) =>
      v.type === 'private' &&
      (v.virtualGatewayId === vgwId ||
        (v.directConnectGatewayId !== undefined && dxgws.has(v.directConnectGatewayId))),
  );
}

/** Transit VIFs on a Direct Connect gateway. */
export function transitVifsOn(w: Walker, dxgwId: string): VirtualInterface[] {
  return [...w.net.virtualInterfaces.values()].filter(
    (v) => v.type === 'transit' && v.directConnectGatewayId === dxgwId,
  );
}

/** Why a VIF does not carry traffic now, or undefined when it does. */
export function vifDown(w: Walker, vif: VirtualInterface, family: Family): string | undefined {
  if (vif.state !== 'available') return vif.state;
  const fam = family === 4 ? 'ipv4' : 'ipv6';
  const peers = vif.bgpPeers.filter((p) => p.addressFamily === fam);
  if (vif.bgpPeers.length > 0 && !peers.some((p) => p.status === 'up')) return `no ${fam} BGP session up`;
  const conn = vif.connectionId ? w.net.dxConnections.get(vif.connectionId) : undefined;
  if (conn && conn.state !== 'available') return `connection ${conn.connectionId} ${conn.state}`;
  const lag = vif.connectionId ? w.net.dxLags.get(vif.connectionId) : undefined;
  if (lag && lag.state !== 'available') return `LAG ${lag.lagId} ${lag.state}`;
  return undefined;
}

export function vifRef(w: Walker, vif: VirtualInterface): ComponentRef {
  return vif.virtualInterfaceName
    ? { type: 'virtual-interface', id: vif.virtualInterfaceId, name: vif.virtualInterfaceName }
    : w.ref('virtual-interface', vif.virtualInterfaceId);
}

/** The VIF hop with its state; a VIF that is down blocks (BAD_STATE). */
export function vifHop(w: Walker, vif: VirtualInterface, family: Family): void {
  const down = vifDown(w, vif, family);
  const ref = vifRef(w, vif);
  w.hop(ref, [
    {
      kind: 'state',
      result: down ? 'deny' : 'info',
      matched: [],
      note: down ? 'VIF_DOWN' : 'VIF_UP',
      blocking: down !== undefined,
    },
  ]);
  if (down)
    w.block({
      code: 'BAD_STATE',
      component: ref,
      direction: null,
      rule: null,
      fix: null,
      facts: { state: down },
    });
}

/** Out of AWS over a Direct Connect virtual interface to the on-premises network. */
export function dxToOnPrem(w: Walker, vif: VirtualInterface, network: OnPremNetwork, pkt: Packet): void {
  if (vif.directConnectGatewayId) w.hop(w.ref('direct-connect-gateway', vif.directConnectGatewayId));
  vifHop(w, vif, pkt.dst.family);
  deliverOnPrem(w, network, pkt);
}
