/**
 * The built context → NetworkData: local routes put first in every route table, NACL entries in
 * rule order, each subnet on exactly one NACL, the hybrid records, and which resource kinds the
 * plan counts as "captured" (so that an absent one answers `unknown`, not "absent").
 */
import {
  CORE_KINDS,
  type HybridResource,
  type NetworkData,
  type PrefixList,
  type ResourceKind,
} from '../../model/index.js';
import type { PlanContext } from './context.js';
import { localRoutes } from './resources/aws_vpc.js';

/** A plan holds every core kind it creates, and says no more of them exist (they are in the plan or nowhere). */
const PRESENT: readonly ResourceKind[] = CORE_KINDS;

/**
 * Kinds present only when the plan holds a resource of one of these types: resources of these
 * kinds are often made outside the plan, so a plan without any says nothing about them.
 */
const TGW = ['aws_ec2_transit_gateway'];
const PRESENT_IF_PLANNED: Readonly<Partial<Record<ResourceKind, readonly string[]>>> = {
  FlowLogs: ['aws_flow_log'],
  VpnGateways: ['aws_vpn_gateway'],
  CustomerGateways: ['aws_customer_gateway'],
  VpnConnections: ['aws_vpn_connection'],
  TransitGateways: TGW,
  TransitGatewayAttachments: TGW,
  TransitGatewayRouteTables: TGW,
  DirectConnectGateways: ['aws_dx_gateway'],
  DirectConnectGatewayAssociations: ['aws_dx_gateway'],
  VirtualInterfaces: ['aws_dx_private_virtual_interface', 'aws_dx_transit_virtual_interface'],
};

function presentKinds(ctx: PlanContext): Set<ResourceKind> {
  const out = new Set<ResourceKind>(PRESENT);
  for (const [kind, types] of Object.entries(PRESENT_IF_PLANNED) as [ResourceKind, readonly string[]][])
    if (ctx.plan.resources.some((r) => r.mode === 'managed' && types.includes(r.type))) out.add(kind);
  return out;
}

/** The untyped hybrid records the describe loader also gives (counted by `inspect`). */
function hybridOf(ctx: PlanContext): HybridResource[] {
  const rec = (
    kind: HybridResource['kind'],
    id: string,
    vpcIds: readonly string[],
    relatedIds: readonly (string | undefined)[],
    tags: HybridResource['tags'],
  ): HybridResource => ({
    kind,
    id,
    state: 'available',
    vpcIds,
    relatedIds: relatedIds.filter((x): x is string => !!x),
    tags,
    origin: ctx.origin,
  });
  return [
    ...[...ctx.vpnGateways.values()].map((g) =>
      rec(
        'vpn-gateway',
        g.vpnGatewayId,
        g.vpcAttachments.map((a) => a.vpcId),
        [],
        g.tags,
      ),
    ),
    ...[...ctx.customerGateways.values()].map((g) =>
      rec('customer-gateway', g.customerGatewayId, [], [], g.tags),
    ),
    ...[...ctx.vpnConnections.values()].map((v) =>
      rec(
        'vpn-connection',
        v.vpnConnectionId,
        [],
        [v.customerGatewayId, v.vpnGatewayId, v.transitGatewayId],
        v.tags,
      ),
    ),
    ...[...ctx.transitGateways.values()].map((t) =>
      rec('transit-gateway', t.transitGatewayId, [], [t.associationDefaultRouteTableId], t.tags),
    ),
    ...[...ctx.tgwAttachments.values()].map((a) =>
      rec(
        'transit-gateway-attachment',
        a.transitGatewayAttachmentId,
        a.resourceType === 'vpc' ? [a.resourceId] : [],
        [a.transitGatewayId, a.resourceId, a.associatedRouteTableId],
        a.tags,
      ),
    ),
    ...[...ctx.tgwRouteTables.values()].map((t) =>
      rec(
        'transit-gateway-route-table',
        t.transitGatewayRouteTableId,
        [],
        [t.transitGatewayId, ...t.propagatingAttachmentIds],
        t.tags,
      ),
    ),
  ];
}

/** The prefix lists, without the endpoint aliases no route or rule refers to. */
function prefixListsOf(ctx: PlanContext): PrefixList[] {
  const used = new Set<string>();
  for (const t of ctx.routeTables.values())
    for (const r of t.routes) if (r.destination.kind === 'prefix-list') used.add(r.destination.prefixListId);
  for (const g of ctx.groups.values())
    for (const r of [...g.ingress, ...g.egress])
      if (r.peer.kind === 'prefix-list') used.add(r.peer.prefixListId);
  return [...ctx.prefixLists.values()].filter(
    (p) => !ctx.prefixListAliases.has(p.prefixListId) || used.has(p.prefixListId),
  );
}

export function result(ctx: PlanContext): NetworkData {
  const routeTables = [...ctx.routeTables.values()].map(({ rt, routes, assoc }) => ({
    ...rt,
    routes: [...localRoutes(ctx.vpcs.get(rt.vpcId)), ...routes],
    associations: assoc,
  }));
  const securityGroups = [...ctx.groups.values()].map(({ sg, ingress, egress, lost }) => ({
    ...sg,
    ingress,
    egress,
    ...(lost ? { incomplete: true as const } : {}),
  }));
  // A subnet is associated with exactly one NACL: the last association wins, the rest use the default.
  const aclOf = new Map<string, string>();
  for (const [id, a] of ctx.acls) for (const s of a.subnets) aclOf.set(s, id);
  const networkAcls = [...ctx.acls.entries()].map(([id, { acl, entries }]) => ({
    ...acl,
    entries: [...entries].sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber),
    associations: [...aclOf].filter(([, a]) => a === id).map(([subnetId]) => ({ subnetId })),
  }));
  return {
    vpcs: [...ctx.vpcs.values()],
    subnets: [...ctx.subnets.values()],
    routeTables,
    securityGroups,
    networkAcls,
    instances: ctx.instances,
    networkInterfaces: [...ctx.enis.values()],
    internetGateways: ctx.igws,
    egressOnlyInternetGateways: ctx.eigws,
    natGateways: ctx.nats,
    vpcEndpoints: [...ctx.endpoints.values()].map((e) => e.endpoint),
    vpcPeeringConnections: [...ctx.peerings.values()],
    prefixLists: prefixListsOf(ctx),
    elasticIps: ctx.eips,
    hybrid: hybridOf(ctx),
    transitGateways: [...ctx.transitGateways.values()],
    transitGatewayAttachments: [...ctx.tgwAttachments.values()],
    transitGatewayRouteTables: [...ctx.tgwRouteTables.values()],
    vpnConnections: [...ctx.vpnConnections.values()],
    vpnGateways: [...ctx.vpnGateways.values()],
    customerGateways: [...ctx.customerGateways.values()],
    virtualInterfaces: ctx.virtualInterfaces,
    directConnectGateways: [...ctx.dxGateways.values()],
    directConnectGatewayAssociations: ctx.dxAssociations,
    flowLogs: ctx.flowLogs,
    present: presentKinds(ctx),
    warnings: ctx.warnings,
    files: [ctx.origin],
  };
}
