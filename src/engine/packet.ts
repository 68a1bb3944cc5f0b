/**
 * A packet as the engine moves it: addresses, protocol, and port *sets* so one walk answers for a
 * whole range of client ports at once. Knows nothing about AWS components.
 */
import { ICMP, ICMPV6, type Ip, PortSet, protocolUsesPorts } from '../net/index.js';

export interface Packet {
  readonly src: Ip;
  readonly dst: Ip;
  /** IANA protocol number (never -1 here: a flow is one protocol). */
  readonly protocol: number;
  readonly srcPorts: PortSet;
  readonly dstPorts: PortSet;
  readonly icmpType?: number | undefined;
  readonly icmpCode?: number | undefined;
  /** Forwarded by an appliance inside AWS: security-group references no longer match (§2.3.3). */
  readonly viaAppliance?: boolean | undefined;
}

export function usesPorts(p: Packet): boolean {
  return protocolUsesPorts(p.protocol);
}

export function isIcmp(p: Packet): boolean {
  return p.protocol === ICMP || p.protocol === ICMPV6;
}

/**
 * The reply a destination sends back. ICMP echo request (type 8; ICMPv6 128) is answered by echo
 * reply (0; 129); other ICMP messages get no reply, so `undefined`.
 */
export function replyOf(p: Packet): Packet | undefined {
  if (isIcmp(p)) {
    const replyType = p.protocol === ICMP ? ({ 8: 0, 13: 14 } as Record<number, number>) : { 128: 129 };
    const t = p.icmpType === undefined ? undefined : (replyType as Record<number, number>)[p.icmpType];
    if (t === undefined) return undefined;
    return {
      src: p.dst,
      dst: p.src,
      protocol: p.protocol,
      srcPorts: PortSet.all(),
      dstPorts: PortSet.all(),
      icmpType: t,
      icmpCode: 0,
    };
  }
  return { src: p.dst, dst: p.src, protocol: p.protocol, srcPorts: p.dstPorts, dstPorts: p.srcPorts };
}
