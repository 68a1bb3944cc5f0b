/**
 * describe-route-tables → RouteTable. One route per destination; the target is read from the one
 * target field AWS fills. A route with a bad destination or an unknown target is dropped with
 * BAD_VALUE (`skipped: true`) so the engine can say its answer rests on incomplete data.
 */
import type {
  Route,
  RouteDestination,
  RouteOrigin,
  RouteTable,
  RouteTableAssociation,
  RouteTarget,
  RouteTargetType,
} from '../../model/index.js';
import { badValue, cidrValue, eachResource, type ReadContext, required } from './context.js';
import { bool, ids, isObject, type JsonObject, obj, objs, str, tagsOf } from './json.js';

/** `GatewayId` holds several kinds of target, told apart by the id prefix. */
const GATEWAY_PREFIXES: readonly (readonly [string, RouteTargetType])[] = [
  ['igw-', 'internet-gateway'],
  ['vgw-', 'vpn-gateway'],
  ['vpce-', 'vpc-endpoint'],
  ['eigw-', 'egress-only-internet-gateway'],
];

/** Target fields other than `GatewayId` and `NetworkInterfaceId`, each with its one target type. */
const TARGET_FIELDS: readonly (readonly [string, RouteTargetType])[] = [
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['NatGatewayId', 'nat-gateway'],
  ['InstanceId', 'instance'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'vpc-peering-connection'],
  ['LocalGatewayId', 'local-gateway'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['CoreNetworkArn', 'core-network'],
  ['OdbNetworkArn', 'odb-network'],
];

const ORIGINS: ReadonlySet<string> = new Set<RouteOrigin>([
  'CreateRouteTable',
  'CreateRoute',
  'EnableVgwRoutePropagation',
  'Advertisement',
]);
const STATES: ReadonlySet<string> = new Set<Route['state']>(['active', 'blackhole', 'filtered']);

/** The route's target, or the field and value that could not be understood. */
export function routeTarget(r: JsonObject): RouteTarget | { bad: string; value: unknown } {
  const gatewayId = str(r, 'GatewayId');
  if (gatewayId !== undefined) {
    if (gatewayId === 'local') return { type: 'local', id: 'local' };
    for (const [prefix, type] of GATEWAY_PREFIXES)
      if (gatewayId.startsWith(prefix)) return { type, id: gatewayId };
    return { bad: 'GatewayId', value: gatewayId };
  }
  const eni = str(r, 'NetworkInterfaceId');
  for (const [field, type] of TARGET_FIELDS) {
    const id = str(r, field);
    if (id === undefined) continue;
    return type === 'instance' && eni !== undefined ? { type, id, networkInterfaceId: eni } : { type, id };
  }
  if (eni !== undefined) return { type: 'network-interface', id: eni };
  return { bad: 'GatewayId', value: undefined };
}

function readRoute(ctx: ReadContext, r: unknown, at: string, tableId: string): Route | undefined {
  if (!isObject(r)) {
    badValue(ctx, { resourceId: tableId, field: at }, r, `route ${at}`);
    return undefined;
  }
  let destination: RouteDestination;
  let destinationText: string;
  const v4 = r.DestinationCidrBlock;
  const v6 = r.DestinationIpv6CidrBlock;
  const pl = str(r, 'DestinationPrefixListId');
  if (v4 !== undefined || v6 !== undefined) {
    const field = v4 !== undefined ? 'DestinationCidrBlock' : 'DestinationIpv6CidrBlock';
    const text = v4 ?? v6;
    const where = { resourceId: tableId, field: `${at}.${field}` };
    const cidr = cidrValue(ctx, text, where, `route ${at} to ${String(text)}`, v4 !== undefined ? 4 : 6);
    if (!cidr) return undefined;
    destination = { kind: 'cidr', cidr };
    destinationText = String(text);
  } else if (pl !== undefined) {
    destination = { kind: 'prefix-list', prefixListId: pl };
    destinationText = pl;
  } else {
    badValue(
      ctx,
      { resourceId: tableId, field: `${at}.DestinationCidrBlock` },
      undefined,
      `route ${at}`,
      'no destination',
    );
    return undefined;
  }
  const read = routeTarget(r);
  let target: RouteTarget;
  if ('bad' in read) {
    // Kept, not skipped: a route whose target we cannot read may still be the longest match, and
    // dropping it would let a less specific route decide. Traces through it answer `unknown`.
    const ip = str(r, 'IpAddress');
    const why =
      ip !== undefined
        ? 'a VPC Route Server next hop'
        : read.value === undefined
          ? 'no route target'
          : 'unknown route target';
    ctx.warn({
      code: 'BAD_VALUE',
      file: ctx.file,
      resourceId: tableId,
      field: `${at}.${ip !== undefined ? 'IpAddress' : read.bad}`,
      value: String(ip ?? read.value ?? ''),
      detail: `${why}: route to ${destinationText} kept with an unknown target; traces through it answer unknown`,
    });
    target = { type: 'unknown', id: String(ip ?? read.value ?? 'unknown') };
  } else target = read;
  const stateText = str(r, 'State') ?? 'active';
  let state: Route['state'] = 'active';
  if (STATES.has(stateText)) state = stateText as Route['state'];
  else {
    // An unknown state may mean the route does not forward: traces through it answer unknown.
    state = 'filtered';
    badValue(
      ctx,
      { resourceId: tableId, field: `${at}.State` },
      stateText,
      undefined,
      'unknown route state, traced as unknown',
    );
  }
  const originText = str(r, 'Origin') ?? 'CreateRoute';
  let origin: RouteOrigin = 'CreateRoute';
  if (ORIGINS.has(originText)) origin = originText as RouteOrigin;
  else
    badValue(
      ctx,
      { resourceId: tableId, field: `${at}.Origin` },
      originText,
      undefined,
      'unknown route origin, read as CreateRoute',
    );
  return { destination, target, state, origin, destinationText };
}

function readAssociation(a: JsonObject): RouteTableAssociation {
  return {
    routeTableAssociationId: str(a, 'RouteTableAssociationId'),
    main: bool(a, 'Main') ?? false,
    subnetId: str(a, 'SubnetId'),
    gatewayId: str(a, 'GatewayId'),
    state: str(obj(a, 'AssociationState'), 'State'),
  };
}

export function readRouteTables(items: readonly unknown[], ctx: ReadContext): RouteTable[] {
  return eachResource(items, ctx, 'RouteTables', 'RouteTableId', (o, routeTableId) => {
    const vpcId = required(ctx, o, 'VpcId', routeTableId);
    if (vpcId === undefined) return undefined;
    const routes: Route[] = [];
    const raw = Array.isArray(o.Routes) ? o.Routes : [];
    let skipped = false;
    for (let i = 0; i < raw.length; i++) {
      const route = readRoute(ctx, raw[i], `Routes[${i}]`, routeTableId);
      if (route) routes.push(route);
      else skipped = true;
    }
    const ownerId = str(o, 'OwnerId');
    return {
      routeTableId,
      vpcId,
      routes,
      // A route that could not be read may have been the longest match: answers through it are unknown.
      ...(skipped ? { incomplete: true as const } : {}),
      associations: objs(o, 'Associations').map(readAssociation),
      propagatingVgws: ids(o, 'PropagatingVgws', 'GatewayId'),
      ownerId,
      tags: tagsOf(o),
      origin: ctx.originFor(ownerId),
    };
  });
}
