/**
 * Consistency checks once everything is linked. A reference is only checked when the snapshot
 * holds a file of the referenced kind for the same capture (region/account): without the file we
 * cannot tell "missing" from "not captured". Routes whose target is gone are blackholed, as AWS does.
 */
import type {
  NetworkAcl,
  NetworkInterface,
  ResourceKind,
  RouteTable,
  RouteTargetType,
  SecurityGroup,
  Subnet,
  Vpc,
} from '../../model/index.js';
import type { Accumulator } from './assemble.js';

/** The kind whose file lists a route target type, and the field AWS prints its id in. */
const TARGETS: Partial<Record<RouteTargetType, { kind: ResourceKind; field: string }>> = {
  'internet-gateway': { kind: 'InternetGateways', field: 'GatewayId' },
  'vpn-gateway': { kind: 'VpnGateways', field: 'GatewayId' },
  'vpc-endpoint': { kind: 'VpcEndpoints', field: 'GatewayId' },
  'egress-only-internet-gateway': {
    kind: 'EgressOnlyInternetGateways',
    field: 'EgressOnlyInternetGatewayId',
  },
  'nat-gateway': { kind: 'NatGateways', field: 'NatGatewayId' },
  instance: { kind: 'Instances', field: 'InstanceId' },
  'network-interface': { kind: 'NetworkInterfaces', field: 'NetworkInterfaceId' },
  'vpc-peering-connection': { kind: 'VpcPeeringConnections', field: 'VpcPeeringConnectionId' },
  'transit-gateway': { kind: 'TransitGateways', field: 'TransitGatewayId' },
};

export interface Known {
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  readonly interfaces: ReadonlyMap<string, NetworkInterface>;
  /** Ids per route target type, for target existence. */
  readonly targets: Partial<Record<RouteTargetType, ReadonlySet<string> | ReadonlyMap<string, unknown>>>;
}

export function checkReferences(acc: Accumulator, known: Known): void {
  for (const s of known.subnets.values()) {
    if (!known.vpcs.has(s.vpcId) && acc.presentFor('Vpcs', s.origin.file))
      acc.warn({
        code: 'MISSING_REFERENCE',
        file: s.origin.file,
        resourceId: s.subnetId,
        field: 'VpcId',
        value: s.vpcId,
      });
  }
  for (const e of known.interfaces.values()) {
    const file = e.origin.file;
    if (!known.subnets.has(e.subnetId) && acc.presentFor('Subnets', file))
      acc.warn({
        code: 'MISSING_REFERENCE',
        file,
        resourceId: e.networkInterfaceId,
        field: 'SubnetId',
        value: e.subnetId,
      });
    for (const g of e.groupIds) {
      if (!known.securityGroups.has(g) && acc.presentFor('SecurityGroups', file))
        acc.warn({
          code: 'MISSING_REFERENCE',
          file,
          resourceId: e.networkInterfaceId,
          field: 'Groups',
          value: g,
        });
    }
  }
}

/** Routes to a target the snapshot should hold but does not become `blackhole` (ROUTE_TARGET_MISSING). */
export function checkRouteTargets(
  acc: Accumulator,
  tables: readonly RouteTable[],
  known: Known,
): RouteTable[] {
  return tables.map((rt) => {
    let routes: RouteTable['routes'] | undefined;
    rt.routes.forEach((r, i) => {
      const spec = TARGETS[r.target.type];
      const ids = known.targets[r.target.type];
      if (!spec || !ids || ids.has(r.target.id) || !acc.presentFor(spec.kind, rt.origin.file)) return;
      acc.warn({
        code: 'ROUTE_TARGET_MISSING',
        file: rt.origin.file,
        resourceId: rt.routeTableId,
        field: spec.field,
        value: r.target.id,
        detail: `route ${r.destinationText} (${r.state === 'blackhole' ? 'already blackhole' : `was ${r.state}, now blackhole`})`,
      });
      if (r.state === 'blackhole') return;
      routes ??= [...rt.routes];
      (routes as RouteTable['routes'][number][])[i] = { ...r, state: 'blackhole' };
    });
    return routes ? { ...rt, routes } : rt;
  });
}

/** A VPC with route tables of which none is main; a subnet left without any network ACL. */
export function checkAssociations(
  acc: Accumulator,
  tables: readonly RouteTable[],
  acls: readonly NetworkAcl[],
  subnets: readonly Subnet[],
): void {
  const firstTable = new Map<string, RouteTable>();
  const hasMain = new Set<string>();
  for (const rt of tables) {
    if (!firstTable.has(rt.vpcId)) firstTable.set(rt.vpcId, rt);
    if (rt.associations.some((a) => a.main && (a.state === undefined || a.state === 'associated')))
      hasMain.add(rt.vpcId);
  }
  for (const [vpcId, rt] of firstTable) {
    if (!hasMain.has(vpcId))
      acc.warn({ code: 'NO_MAIN_ROUTE_TABLE', file: rt.origin.file, resourceId: vpcId });
  }

  const associated = new Set<string>();
  const defaults = new Set<string>();
  for (const acl of acls) {
    if (acl.isDefault) defaults.add(acl.vpcId);
    for (const a of acl.associations) associated.add(a.subnetId);
  }
  for (const s of subnets) {
    if (associated.has(s.subnetId) || defaults.has(s.vpcId) || !acc.presentFor('NetworkAcls', s.origin.file))
      continue;
    acc.warn({ code: 'NO_NETWORK_ACL', file: s.origin.file, resourceId: s.subnetId, value: s.vpcId });
  }
}
