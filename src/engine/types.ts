/**
 * The trace contract: what `trace` returns and `--json` prints (documented in docs/trace-output.md
 * and docs/trace.schema.json). Everything is data with stable codes; wording lives in explain/.
 */

export type Verdict = 'reachable' | 'unreachable' | 'partial' | 'unknown';

/** A closed set: how the forward packet ended. */
export type Disposition =
  | 'delivered'
  | 'exits-to-internet'
  | 'delivered-to-aws-service'
  | 'reply-dropped'
  | 'not-filtered-aws-service'
  | 'dropped'
  | 'no-route'
  | 'unsupported'
  | 'insufficient-info';

export type ComponentType =
  | 'instance'
  | 'network-interface'
  | 'subnet'
  | 'route-table'
  | 'network-acl'
  | 'security-group'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'vpc-endpoint'
  | 'vpc-peering-connection'
  | 'prefix-list'
  | 'vpc'
  | 'internet'
  | 'aws-service'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'local-gateway'
  | 'carrier-gateway'
  | 'core-network'
  | 'odb-network'
  | 'transit-gateway-attachment'
  | 'transit-gateway-route-table'
  | 'vpn-connection'
  | 'customer-gateway'
  | 'on-premises'
  | 'virtual-interface'
  | 'direct-connect-gateway'
  | 'external';

export interface ComponentRef {
  readonly type: ComponentType;
  readonly id: string;
  readonly name?: string | undefined;
}

export type BlockerCode =
  | 'ENI_SG_RULES_MISMATCH'
  | 'SUBNET_ACL_RESTRICTION'
  | 'NO_ROUTE_TO_DESTINATION'
  | 'BAD_STATE_ROUTE'
  | 'BAD_STATE'
  | 'BAD_STATE_ATTACHMENT'
  | 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS'
  | 'IGW_PUBLIC_IP_ASSOCIATION_FOR_INGRESS'
  | 'IGW_DENY_ALL_TRAFFIC'
  | 'ENI_SOURCE_DEST_CHECK_RESTRICTION'
  | 'EIGW_INBOUND_INITIATED'
  | 'EIGW_IPV4_NOT_SUPPORTED'
  | 'NAT_GATEWAY_INBOUND_INITIATED'
  | 'NAT_GATEWAY_PROTOCOL_RESTRICTION'
  | 'PRIVATE_NAT_GATEWAY_TO_IGW'
  | 'PEERING_NOT_TRANSITIVE'
  | 'NO_INTERFACE_FOR_ADDRESS'
  | 'INTERNET_UNROUTABLE_DESTINATION'
  | 'UNROUTABLE_LINK_LOCAL'
  | 'VPC_BLOCK_PUBLIC_ACCESS'
  | 'BAD_STATE_VPN'
  | 'TGW_ATTACHMENT_NO_SUBNET_IN_AZ'
  | 'VGW_VPN_IPV4_ONLY'
  | 'ASYMMETRIC_ROUTING'
  | 'INSTANCE_METADATA_DISABLED';

/** Why a verdict is `unknown`, or a step could not be decided. */
export type UnknownCode =
  | 'MISSING_RESOURCE_TYPE'
  | 'MISSING_RESOURCE'
  | 'UNSUPPORTED_COMPONENT'
  | 'PREFIX_LIST_ENTRIES_UNKNOWN'
  | 'UNMODELLED_ADDRESS'
  | 'NON_DETERMINISTIC_ROUTE'
  | 'ONPREM_PREFIXES_UNKNOWN'
  | 'ADDRESS_UNKNOWN_UNTIL_APPLY'
  | 'INCOMPLETE_COMPONENT'
  | 'APPLIANCE_ZONE_BY_FLOW_HASH';

export type StepKind =
  | 'origin'
  | 'security-group'
  | 'network-acl'
  | 'route'
  | 'translation'
  | 'source-dest-check'
  | 'state'
  | 'gateway'
  | 'connection-tracking'
  | 'not-filtered'
  | 'same-subnet'
  | 'delivery';

export type StepResult = 'allow' | 'deny' | 'partial' | 'info' | 'unknown';

export type MatchedRule =
  | {
      readonly type: 'security-group-rule';
      readonly groupId: string;
      readonly egress: boolean;
      readonly permissionIndex: number;
      readonly ipProtocol: number;
      readonly fromPort: number | null;
      readonly toPort: number | null;
      readonly peer: string;
      readonly description: string | null;
      /** Which of the evaluated ports this rule allowed. */
      readonly ports: string | null;
    }
  | {
      readonly type: 'network-acl-entry';
      readonly networkAclId: string;
      readonly ruleNumber: number;
      /** As the console shows it: `*` for the default 32767/32768 rules. */
      readonly ruleNumberText: string;
      readonly egress: boolean;
      readonly ruleAction: 'allow' | 'deny';
      readonly protocol: number;
      readonly cidr: string;
      readonly portRange: string | null;
      readonly ports: string | null;
    }
  | {
      readonly type: 'route';
      readonly routeTableId: string;
      readonly destination: string;
      readonly target: { readonly type: string; readonly id: string };
      readonly origin: string;
      readonly state: string;
    };

export interface Translation {
  readonly field: 'source' | 'destination';
  readonly from: string;
  readonly to: string;
  /** Port range after translation, when the translator chooses ports (NAT gateway: 1024-65535). */
  readonly ports?: string | undefined;
}

export interface Step {
  readonly kind: StepKind;
  readonly result: StepResult;
  /** The component evaluated in this step when it is not the hop's own (e.g. the route table). */
  readonly component?: ComponentRef | undefined;
  /** `inbound`/`outbound` for SGs and NACLs. */
  readonly direction?: 'inbound' | 'outbound' | undefined;
  readonly matched: readonly MatchedRule[];
  /** Ports of the evaluated range that passed / failed (TCP/UDP only). */
  readonly ports?:
    | { readonly evaluated: string; readonly allowed: string; readonly denied: string }
    | undefined;
  readonly translation?: Translation | undefined;
  /** A stable code for the renderer: what happened here (e.g. `REPLY_ALLOWED_BY_CONNECTION_TRACKING`). */
  readonly note?: string | undefined;
  /** Security groups evaluated together (all SGs of the interface). */
  readonly groups?: readonly string[] | undefined;
  readonly blocking: boolean;
}

export interface Hop {
  readonly component: ComponentRef;
  readonly steps: readonly Step[];
}

export type FixAction =
  | {
      readonly action: 'add-security-group-rule';
      readonly groupId: string;
      readonly direction: 'inbound' | 'outbound';
      readonly ipProtocol: number;
      readonly fromPort: number | null;
      readonly toPort: number | null;
      readonly cidr: string;
    }
  | {
      readonly action: 'add-network-acl-entry';
      readonly networkAclId: string;
      readonly egress: boolean;
      readonly ruleNumber: number | null;
      readonly beforeRuleNumber: number;
      readonly ruleAction: 'allow';
      readonly protocol: number;
      readonly cidr: string;
      readonly portRange: string | null;
      readonly icmpType?: number | undefined;
      readonly icmpCode?: number | undefined;
    }
  | {
      readonly action: 'add-route';
      readonly routeTableId: string;
      readonly destination: string;
      readonly target: { readonly type: string; readonly id: string | null };
    }
  | {
      readonly action: 'replace-route';
      readonly routeTableId: string;
      readonly destination: string;
      readonly currentTarget: string;
    }
  | {
      readonly action: 'associate-public-ip';
      readonly networkInterfaceId: string;
      readonly privateIp: string;
    }
  | {
      readonly action: 'disable-source-dest-check';
      readonly networkInterfaceId: string;
      readonly instanceId: string | null;
    }
  | {
      readonly action: 'attach-internet-gateway';
      readonly vpcId: string;
      readonly internetGatewayId: string | null;
    }
  | { readonly action: 'start-instance'; readonly instanceId: string }
  | { readonly action: 'enable-instance-metadata'; readonly instanceId: string; readonly ipv6: boolean }
  | { readonly action: 'change-component-state'; readonly componentId: string; readonly wanted: string }
  | { readonly action: 'use-different-path'; readonly reason: string };

export interface Fix {
  readonly change: FixAction;
  readonly text: string;
}

export interface Blocker {
  readonly code: BlockerCode;
  readonly component: ComponentRef;
  readonly direction: 'inbound' | 'outbound' | null;
  readonly path: 'forward' | 'return';
  /** The rule that decided; null when no rule matched (e.g. a security group with no allowing rule). */
  readonly rule: MatchedRule | null;
  /** For partial blocks: the ports that fail (others pass). */
  readonly ports?: string | undefined;
  /** Which client types are affected, for ephemeral-port blocks on the return path. */
  readonly affectedClients?: readonly string[] | undefined;
  readonly fix: Fix | null;
  readonly message: string;
}

export interface UnknownReason {
  readonly code: UnknownCode;
  readonly component?: ComponentRef | undefined;
  /** The missing resource type, id or feature. */
  readonly missing: string;
  readonly message: string;
}

export interface TraceWarning {
  readonly code: string;
  readonly message: string;
  readonly resourceId?: string | undefined;
}

export interface FlowView {
  readonly source: {
    readonly address: string;
    readonly kind: string;
    readonly id: string | null;
    readonly name: string | null;
  };
  readonly destination: {
    readonly address: string;
    readonly kind: string;
    readonly id: string | null;
    readonly name: string | null;
  };
  readonly protocol: number;
  readonly protocolName: string;
  readonly destinationPort: string | null;
  readonly sourcePorts: string | null;
  readonly clientType: string | null;
  readonly icmpType: number | null;
  readonly icmpCode: number | null;
}

export interface Trace {
  readonly version: 1;
  readonly verdict: Verdict;
  readonly disposition: Disposition;
  readonly flow: FlowView;
  readonly forward: readonly Hop[];
  readonly return: readonly Hop[];
  readonly blockers: readonly Blocker[];
  readonly unknowns: readonly UnknownReason[];
  /** For `partial`: which ports (the destination ports asked for, or the client's source ports) succeed / fail. */
  readonly ports?:
    | { readonly of: 'destination' | 'source'; readonly working: string; readonly failing: string }
    | undefined;
  readonly warnings: readonly TraceWarning[];
  /** Set by `vpcsim trace` (fix-check.ts): the flow traced again with the blockers' fixes applied. */
  readonly fixCheck?: FixCheck | undefined;
}

/** Whether a trace's fixes are enough: the same flow with them applied to a copy of the network. */
export interface FixCheck {
  /** The verdict with the applied fixes. */
  readonly verdict: Verdict;
  /** How many of the suggested fixes were applied. */
  readonly applied: number;
  /** The actions of the fixes that cannot be applied mechanically (replace a route, another path, ...). */
  readonly notApplied: readonly FixAction['action'][];
  /** The blockers left with the fixes applied, by code, in path order. */
  readonly remaining: readonly BlockerCode[];
  /**
   * Fixes for blockers that only show once the trace's fixes are made (behind a route that was
   * missing, say), applied in turn; empty when the trace's own fixes settle it.
   */
  readonly further: readonly Fix[];
}
