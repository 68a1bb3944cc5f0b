/**
 * NAT hops: a NAT gateway (SNAT to its private address, ports 1024-65535, TCP/UDP/ICMP only, no
 * security group), an instance or ENI used as a route target (a NAT instance that masquerades), and
 * undoing either translation for the reply. Functions over the Walker; they know no wording.
 */

import type { NetworkInterface } from '../../model/index.js';
import {
  cidrContains,
  formatIp,
  ICMP,
  ICMPV6,
  PortSet,
  parseCidr,
  protocolUsesPorts,
  TCP,
  UDP,
} from '../../net/index.js';
import { isInternetRoutable } from '../addresses.js';
import { portsText } from '../evaluate/security-group.js';
import type { Packet } from '../packet.js';
import type { ComponentRef, Step, Translation } from '../types.js';
import type { ConntrackEntry } from '../walk-types.js';
import type { Walker } from '../walker.js';

export function natGateway(w: Walker, eni: NetworkInterface, packet: Packet): void {
  let pkt = packet;
  const ng = w.net.natGatewayOfInterface(eni.networkInterfaceId);
  const comp = w.ref('nat-gateway', ng?.natGatewayId ?? eni.networkInterfaceId, ng?.tags);
  if (w.opts.reply) return asymmetric(w, comp);
  const steps: Step[] = [];
  if (ng && ng.state !== 'available') {
    steps.push({
      kind: 'state',
      result: 'deny',
      matched: [],
      note: 'NAT_GATEWAY_NOT_AVAILABLE',
      blocking: true,
    });
    w.block({
      code: 'BAD_STATE',
      component: comp,
      direction: null,
      rule: null,
      fix: { action: 'change-component-state', componentId: ng.natGatewayId, wanted: 'available' },
      facts: { state: ng.state },
    });
  }
  // NAT gateways translate TCP, UDP and ICMP only (§5.1.2).
  // (ICMPv6 to a NAT64 address becomes ICMP below.)
  const translated = pkt.dst.family === 6 && pkt.protocol === ICMPV6 ? ICMP : pkt.protocol;
  if (![TCP, UDP, ICMP].includes(translated)) {
    steps.push({
      kind: 'gateway',
      result: 'deny',
      matched: [],
      note: 'NAT_GATEWAY_PROTOCOL',
      blocking: true,
    });
    w.block({
      code: 'NAT_GATEWAY_PROTOCOL_RESTRICTION',
      component: comp,
      direction: null,
      rule: null,
      fix: null,
    });
  }
  const natIp = ng?.addresses.find((a) => a.isPrimary)?.privateIp ?? eni.privateAddresses[0]?.ip ?? pkt.src;
  let dst = pkt.dst;
  if (pkt.dst.family === 6) {
    // NAT64: IPv6 clients reach IPv4 through 64:ff9b::/96, the IPv4 address in its last 32 bits (§5.1.2).
    if (!cidrContains(NAT64_PREFIX, pkt.dst)) {
      w.hop(comp, steps);
      w.unsupported(comp, 'IPv6 through a NAT gateway outside 64:ff9b::/96');
      return;
    }
    dst = { family: 4, value: pkt.dst.value & 0xffffffffn };
    // NAT64 translates ICMPv6 echo (128/129) to ICMP echo (8/0) (RFC 7915 as AWS's NAT64 implements it).
    if (pkt.protocol === ICMPV6) {
      if (pkt.icmpType !== 128) {
        w.hop(comp, steps);
        w.unsupported(comp, 'NAT64 of ICMPv6 messages other than echo');
        return;
      }
      pkt = { ...pkt, protocol: ICMP, icmpType: 8 };
    }
    steps.push({
      kind: 'translation',
      result: 'info',
      matched: [],
      note: 'NAT64',
      translation: { field: 'destination', from: formatIp(pkt.dst), to: formatIp(dst) },
      blocking: false,
    });
  }
  // A NAT gateway picks source ports 1024-65535 (§5.1.5).
  const natPorts = PortSet.of({ from: 1024, to: 65535 });
  const t: Translation = {
    field: 'source',
    from: formatIp(pkt.src),
    to: formatIp(natIp),
    ports: protocolUsesPorts(pkt.protocol) ? '1024-65535' : undefined,
  };
  steps.push({ kind: 'translation', result: 'info', matched: [], translation: t, blocking: false });
  w.hop(comp, steps);
  w.opts.conntrack.set(eni.networkInterfaceId, {
    kind: 'nat-gateway',
    insideIp: pkt.src,
    insidePorts: pkt.srcPorts,
    nat64: pkt.dst.family === 6,
  });
  w.sendFrom(eni, {
    ...pkt,
    src: natIp,
    dst,
    srcPorts: protocolUsesPorts(pkt.protocol) ? natPorts : pkt.srcPorts,
  });
}

const NAT64_PREFIX = parseCidr('64:ff9b::/96')!.cidr;

/**
 * A reply forwarded through a NAT or appliance that the request did not cross: AWS requires return
 * traffic to come back through the same appliance (aws-semantics §1.1.6); a NAT would translate it
 * as new traffic, so the client never sees its reply.
 */
function asymmetric(w: Walker, comp: ComponentRef): void {
  w.stop(comp, 'gateway', 'ASYMMETRIC_ROUTING', { code: 'ASYMMETRIC_ROUTING' });
  // What the appliance would do next with traffic it has no state for is unknowable: stop here.
  w.end = { kind: 'dropped' };
}

/**
 * An instance or ENI used as a route target (aws-semantics §5.2). Towards the internet it is taken
 * as a NAT instance that masquerades to its own address; inside AWS it forwards unchanged, so
 * security-group references across it do not work (§2.3.3). Replies pass only through an
 * appliance the request crossed.
 */
export function natInstance(w: Walker, eni: NetworkInterface, pkt: Packet): void {
  const instanceId = eni.attachment?.instanceId;
  const instance = instanceId ? w.net.instances.get(instanceId) : undefined;
  const ref = instance ? w.ref('instance', instance.instanceId, instance.tags) : w.eniRef(eni);
  if (w.opts.reply) {
    if (!w.opts.seen?.has(eni.networkInterfaceId)) return asymmetric(w, ref);
    w.hop(ref, [
      { kind: 'gateway', result: 'info', matched: [], note: 'APPLIANCE_FORWARDS', blocking: false },
    ]);
    return w.sendFrom(eni, pkt);
  }
  const steps: Step[] = [];
  if (instance && instance.state !== 'running') {
    steps.push({ kind: 'state', result: 'deny', matched: [], note: 'INSTANCE_NOT_RUNNING', blocking: true });
    w.block({
      code: 'BAD_STATE',
      component: ref,
      direction: null,
      rule: null,
      fix: { action: 'start-instance', instanceId: instance.instanceId },
      facts: { state: instance.state },
    });
  }
  const natIp = eni.privateAddresses.find((a) => a.primary)?.ip ?? eni.privateAddresses[0]?.ip;
  if (!natIp || pkt.dst.family !== 4 || !isInternetRoutable(pkt.dst)) {
    steps.push({ kind: 'gateway', result: 'info', matched: [], note: 'APPLIANCE_FORWARDS', blocking: false });
    w.hop(ref, steps);
    return w.sendFrom(eni, { ...pkt, viaAppliance: true });
  }
  steps.push({
    kind: 'translation',
    result: 'info',
    matched: [],
    note: 'NAT_INSTANCE_ASSUMED_MASQUERADE',
    translation: { field: 'source', from: formatIp(pkt.src), to: formatIp(natIp) },
    blocking: false,
  });
  w.hop(ref, steps);
  w.opts.conntrack.set(eni.networkInterfaceId, {
    kind: 'nat-instance',
    insideIp: pkt.src,
    insidePorts: pkt.srcPorts,
  });
  w.sendFrom(eni, { ...pkt, src: natIp });
}

/** A reply reached a NAT's own address: map it back to the inside client (stateful NAT). */
export function undoNat(w: Walker, eni: NetworkInterface, pkt: Packet, track: ConntrackEntry): void {
  const ng = w.net.natGatewayOfInterface(eni.networkInterfaceId);
  const instanceId = eni.attachment?.instanceId;
  const comp =
    track.kind === 'nat-gateway'
      ? w.ref('nat-gateway', ng?.natGatewayId ?? eni.networkInterfaceId, ng?.tags)
      : instanceId
        ? w.ref('instance', instanceId, w.net.instances.get(instanceId)?.tags)
        : w.eniRef(eni);
  const uses = protocolUsesPorts(pkt.protocol);
  w.hop(comp, [
    {
      kind: 'translation',
      result: 'info',
      matched: [],
      translation: {
        field: 'destination',
        from: formatIp(pkt.dst),
        to: formatIp(track.insideIp),
        ports: uses ? portsText(track.insidePorts) : undefined,
      },
      blocking: false,
    },
  ]);
  if (uses && track.kind === 'nat-gateway') {
    // The outside ports were the NAT's own (1024-65535); if only some of them passed, which client
    // connections fail depends on the port the NAT picked, so it is partial for every client port.
    if (!w.live.isEmpty() && !w.live.equals(pkt.dstPorts)) w.partialRemapped = true;
    w.live = w.live.isEmpty() ? PortSet.empty() : track.insidePorts;
  }
  // NAT64: the IPv4 server's reply goes back to the client as coming from 64:ff9b::<IPv4>.
  const src = track.nat64 ? { family: 6 as const, value: NAT64_PREFIX.base | pkt.src.value } : pkt.src;
  const icmp = track.nat64 && pkt.protocol === ICMP ? { protocol: ICMPV6, icmpType: 129 } : {};
  w.sendFrom(eni, {
    ...pkt,
    ...icmp,
    src,
    dst: track.insideIp,
    dstPorts: uses ? track.insidePorts : pkt.dstPorts,
  });
}

export function toNatGateway(w: Walker, eni: NetworkInterface, pkt: Packet, natGatewayId: string): void {
  const ng = w.net.natGateways.get(natGatewayId);
  if (!ng) return w.missingTarget('NatGateways', 'nat-gateway', natGatewayId);
  const natEniId =
    ng.addresses.find((a) => a.isPrimary)?.networkInterfaceId ?? ng.addresses[0]?.networkInterfaceId;
  const natEni = natEniId ? w.net.networkInterfaces.get(natEniId) : undefined;
  if (!natEni && ng.state !== 'available') {
    // A deleted or failed NAT gateway has no interface left; its routes are blackholes (§5.1.8).
    const comp = w.ref('nat-gateway', natGatewayId, ng.tags);
    w.stop(comp, 'state', 'NAT_GATEWAY_NOT_AVAILABLE', { code: 'BAD_STATE', facts: { state: ng.state } });
    w.end = { kind: 'dropped' };
    return;
  }
  if (!natEni) {
    w.unknown({
      code: 'MISSING_RESOURCE',
      missing: `network interface of ${natGatewayId}`,
      component: w.ref('nat-gateway', natGatewayId),
    });
    w.end = { kind: 'insufficient-info' };
    return;
  }
  w.arrive(natEni, pkt, natEni.subnetId !== eni.subnetId);
}

export function toAppliance(
  w: Walker,
  eni: NetworkInterface,
  pkt: Packet,
  type: string,
  id: string,
  eniId?: string,
): void {
  let target: NetworkInterface | undefined;
  if (type === 'network-interface') target = w.net.networkInterfaces.get(id);
  else {
    target = eniId ? w.net.networkInterfaces.get(eniId) : undefined;
    target ??= w.net.interfacesOfInstance(id)[0];
  }
  if (!target)
    return w.missingTarget(
      type === 'instance' ? 'Instances' : 'NetworkInterfaces',
      type === 'instance' ? 'instance' : 'network-interface',
      id,
    );
  w.arrive(target, pkt, target.subnetId !== eni.subnetId);
}
