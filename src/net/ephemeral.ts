// Ephemeral (client source) port ranges by client type, as data.
// Source: AWS VPC User Guide, "Ephemeral ports"
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html).
// Knows only these ranges; knows nothing about how rules use them.

import type { PortRange } from './types.js';

export type ClientType = 'linux' | 'windows' | 'windows-2003' | 'elb' | 'nat-gateway' | 'lambda' | 'any';

export interface ClientTypeInfo {
  readonly type: ClientType;
  readonly range: PortRange;
  readonly label: string;
}

export const CLIENT_TYPES: readonly ClientTypeInfo[] = [
  { type: 'linux', range: { from: 32768, to: 61000 }, label: 'Linux (many kernels, incl. Amazon Linux)' },
  { type: 'windows', range: { from: 49152, to: 65535 }, label: 'Windows Server 2008 and later' },
  { type: 'windows-2003', range: { from: 1025, to: 5000 }, label: 'Windows up to Server 2003' },
  { type: 'elb', range: { from: 1024, to: 65535 }, label: 'Elastic Load Balancing' },
  { type: 'nat-gateway', range: { from: 1024, to: 65535 }, label: 'NAT gateway' },
  { type: 'lambda', range: { from: 1024, to: 65535 }, label: 'AWS Lambda' },
  { type: 'any', range: { from: 1024, to: 65535 }, label: 'unknown internet client' },
];

export function ephemeralRange(t: ClientType): PortRange {
  const info = CLIENT_TYPES.find((c) => c.type === t);
  if (info === undefined) throw new Error(`unknown client type: ${t}`);
  return info.range;
}

/** Exact, case-insensitive match on a type name. */
export function parseClientType(text: string): ClientType | undefined {
  const lower = text.toLowerCase();
  return CLIENT_TYPES.find((c) => c.type === lower)?.type;
}
