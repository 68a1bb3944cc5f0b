/**
 * Internal state shared by the walker's parts: drafts of blockers (worded later by explain/),
 * connection-tracking entries made on the forward path and consulted on the return path, and how a
 * walk ended. Not part of the public JSON contract.
 */

import type { NetworkInterface, OnPremNetwork } from '../model/index.js';
import type { Ip, PortSet } from '../net/index.js';
import type { Packet } from './packet.js';
import type { BlockerCode, ComponentRef, FixAction, MatchedRule, UnknownCode } from './types.js';

export interface BlockerDraft {
  readonly code: BlockerCode;
  readonly component: ComponentRef;
  readonly direction: 'inbound' | 'outbound' | null;
  readonly rule: MatchedRule | null;
  readonly ports?: string | undefined;
  readonly fix: FixAction | null;
  /** Extra facts for the wording (e.g. the address concerned). */
  readonly facts?: Readonly<Record<string, string>> | undefined;
}

export interface UnknownDraft {
  readonly code: UnknownCode;
  readonly component?: ComponentRef | undefined;
  readonly missing: string;
}

/** A translation made on the forward path that the reply must undo. */
export interface ConntrackEntry {
  readonly kind: 'nat-gateway' | 'nat-instance' | 'egress-only-internet-gateway';
  readonly insideIp: Ip;
  readonly insidePorts: PortSet;
  /** NAT64 (IPv6 client, IPv4 server): the reply's source is mapped back into 64:ff9b::/96. */
  readonly nat64?: boolean | undefined;
}

export type WalkEnd =
  | { readonly kind: 'interface'; readonly eni: NetworkInterface; readonly pkt: Packet }
  | { readonly kind: 'internet'; readonly pkt: Packet }
  | {
      readonly kind: 'service';
      readonly service: string;
      readonly via: 'endpoint' | 'internet';
      readonly endpointId?: string | undefined;
      readonly pkt: Packet;
      /** The interface the packet left the VPC from (for the endpoint's reply). */
      readonly from?: NetworkInterface | undefined;
    }
  | { readonly kind: 'not-filtered'; readonly service: string; readonly pkt: Packet }
  | { readonly kind: 'dropped' }
  | { readonly kind: 'no-route' }
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'insufficient-info' }
  | { readonly kind: 'onprem'; readonly network: OnPremNetwork; readonly pkt: Packet };

/** A walk longer than this is a routing loop. */
export const MAX_HOPS = 64;
