/** VPC peering (active, not transitive) and gateway endpoints (S3/DynamoDB through prefix-list routes). */

import type { NetworkInterface } from '../../model/index.js';
import { serviceShortName } from '../../model/index.js';
import { cidrContains, formatIp } from '../../net/index.js';
import type { Packet } from '../packet.js';
import type { Step } from '../types.js';
import type { Walker } from '../walker.js';

export function peering(w: Walker, eni: NetworkInterface, pkt: Packet, id: string): void {
  const pcx = w.net.vpcPeeringConnections.get(id);
  if (!pcx) return w.missingTarget('VpcPeeringConnections', 'vpc-peering-connection', id);
  const comp = w.ref('vpc-peering-connection', id, pcx.tags);
  const steps: Step[] = [];
  if (pcx.status !== 'active') {
    steps.push({ kind: 'state', result: 'deny', matched: [], note: 'PEERING_NOT_ACTIVE', blocking: true });
    w.block({
      code: 'BAD_STATE',
      component: comp,
      direction: null,
      rule: null,
      fix: { action: 'change-component-state', componentId: id, wanted: 'active' },
      facts: { state: pcx.status },
    });
  }
  const peer = pcx.requester.vpcId === eni.vpcId ? pcx.accepter : pcx.requester;
  w.hop(comp, steps);
  // AWS prints the peer's CIDRs only for an active peering; otherwise use the peer VPC's own blocks.
  const listed = [...peer.cidrBlocks, ...peer.ipv6CidrBlocks];
  const peerCidrs = listed.length > 0 ? listed : w.net.vpcCidrs(peer.vpcId);
  if (peerCidrs.length === 0) {
    w.unknown({ code: 'MISSING_RESOURCE', missing: peer.vpcId, component: w.ref('vpc', peer.vpcId) });
    w.end = { kind: 'insufficient-info' };
    return;
  }
  const inPeer = peerCidrs.some((c) => cidrContains(c, pkt.dst));
  if (!inPeer) {
    // Peering is not transitive: the peer VPC never forwards to its gateways or other peers (§2.7).
    w.block({
      code: 'PEERING_NOT_TRANSITIVE',
      component: comp,
      direction: null,
      rule: null,
      fix: null,
      facts: { destination: formatIp(pkt.dst) },
    });
    w.end = { kind: 'dropped' };
    return;
  }
  if (!w.net.vpcs.has(peer.vpcId)) {
    w.unknown({ code: 'MISSING_RESOURCE', missing: peer.vpcId, component: w.ref('vpc', peer.vpcId) });
    w.end = { kind: 'insufficient-info' };
    return;
  }
  const owner = w.net.ownersOfPrivateIp(pkt.dst, peer.vpcId)[0];
  if (!owner) return w.noInterface(pkt.dst, w.ref('vpc', peer.vpcId, w.net.vpcs.get(peer.vpcId)?.tags));
  w.arrive(owner.eni, pkt, true);
}

export function gatewayEndpoint(w: Walker, eni: NetworkInterface, pkt: Packet, id: string): void {
  const ep = w.net.vpcEndpoints.get(id);
  if (!ep) return w.missingTarget('VpcEndpoints', 'vpc-endpoint', id);
  const comp = w.ref('vpc-endpoint', id, ep.tags);
  if (ep.vpcEndpointType !== 'Gateway') {
    w.unsupported(comp, `${ep.vpcEndpointType} endpoint as a route target`, {
      kind: 'gateway',
      note: 'NOT_MODELLED_YET',
    });
    return;
  }
  const steps: Step[] = [];
  if (ep.state.toLowerCase() !== 'available') {
    steps.push({
      kind: 'state',
      result: 'deny',
      matched: [],
      note: 'ENDPOINT_NOT_AVAILABLE',
      blocking: true,
    });
    w.block({
      code: 'BAD_STATE',
      component: comp,
      direction: null,
      rule: null,
      fix: null,
      facts: { state: ep.state },
    });
  }
  steps.push({ kind: 'delivery', result: 'allow', matched: [], note: 'GATEWAY_ENDPOINT', blocking: false });
  w.hop(comp, steps);
  const service = serviceShortName(ep.serviceName);
  w.hop(w.ref('aws-service', service));
  w.end = { kind: 'service', service, via: 'endpoint', endpointId: id, pkt, from: eni };
}
