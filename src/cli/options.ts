/**
 * Parsing of flow options shared by commands: protocol, ports, client type, ICMP type/code.
 * Every failure is a UsageError sentence naming the flag, the value and the valid choices.
 */

import type { FlowText } from '../engine/flow-text.js';
import type { TraceQuery } from '../engine/trace.js';
import {
  CLIENT_TYPES,
  type ClientType,
  ICMP,
  ICMPV6,
  type PortRange,
  parseClientType,
  parsePortRange,
  parseProtocol,
  protocolUsesPorts,
} from '../net/index.js';
import { UsageError } from './exit.js';

/** The flow flags of `trace` (and the checks of an intent file), as text. */
export type FlowOptions = FlowText;

function intIn(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || n < min || n > max)
    throw new UsageError(`${flag} ${JSON.stringify(text)} is not a whole number from ${min} to ${max}.`);
  return n;
}

function range(flag: string, text: string): PortRange {
  const r = parsePortRange(text.trim());
  if (!r)
    throw new UsageError(
      `${flag} ${JSON.stringify(text)} is not a port (0-65535) or a range like 1024-65535.`,
    );
  return r;
}

export function toQuery(o: FlowOptions): TraceQuery {
  const protocol = parseProtocol(o.protocol.trim());
  if (protocol === undefined)
    throw new UsageError(
      `--protocol ${JSON.stringify(o.protocol)} is not a protocol; use tcp, udp, icmp, icmpv6, all, or a number from 0 to 255.`,
    );
  let port: PortRange | undefined;
  if (protocolUsesPorts(protocol)) {
    if (!o.port)
      throw new UsageError(
        `--port is required for ${o.protocol}; give a port like 443 or a range like 8000-8100.`,
      );
    port = range('--port', o.port);
  } else if (o.port) {
    throw new UsageError(
      `--port ${JSON.stringify(o.port)} does not apply to protocol ${o.protocol}: only tcp and udp have ports (use --icmp-type for ICMP).`,
    );
  }
  let clientType: ClientType | undefined;
  if (o.clientOs) {
    clientType = parseClientType(o.clientOs.trim());
    if (!clientType)
      throw new UsageError(
        `--client-os ${JSON.stringify(o.clientOs)} is not known; use one of ${CLIENT_TYPES.map((c) => c.type).join(', ')}.`,
      );
  }
  const isIcmp = protocol === ICMP || protocol === ICMPV6;
  if (!isIcmp && (o.icmpType || o.icmpCode))
    throw new UsageError('--icmp-type and --icmp-code apply to --protocol icmp or icmpv6 only.');
  // Without --icmp-type an ICMP flow is a ping: echo request (type 8; ICMPv6 128), code 0.
  const icmpType = isIcmp
    ? o.icmpType
      ? intIn('--icmp-type', o.icmpType, 0, 255)
      : protocol === ICMP
        ? 8
        : 128
    : undefined;
  const icmpCode = isIcmp ? (o.icmpCode ? intIn('--icmp-code', o.icmpCode, 0, 255) : 0) : undefined;
  return {
    from: o.from,
    to: o.to,
    protocol,
    port,
    sourcePort: o.sourcePort ? range('--source-port', o.sourcePort) : undefined,
    clientType,
    icmpType,
    icmpCode,
    ipv6: o.ipv6,
  };
}
