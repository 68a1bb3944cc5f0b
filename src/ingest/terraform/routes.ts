/**
 * A route as Terraform states it (an inline `route` block or an `aws_route`) → a model Route:
 * destination (IPv4/IPv6 CIDR or prefix list) and target, the target's type taken from the
 * referenced resource's type, else from the id's prefix, else from the attribute that names it.
 */
import type { Route, RouteTarget, RouteTargetType } from '../../model/index.js';
import type { PlanContext } from './context.js';
import type { JsonObj, PlannedResource } from './plan.js';
import type { AttrPath } from './resolve.js';
import { str } from './values.js';

const TARGET_FIELDS = [
  'gateway_id',
  'nat_gateway_id',
  'network_interface_id',
  'instance_id',
  'transit_gateway_id',
  'vpc_peering_connection_id',
  'vpc_endpoint_id',
  'egress_only_gateway_id',
  'local_gateway_id',
  'carrier_gateway_id',
  'core_network_arn',
] as const;

const TYPE_OF_RESOURCE: Readonly<Record<string, RouteTargetType>> = {
  aws_internet_gateway: 'internet-gateway',
  aws_nat_gateway: 'nat-gateway',
  aws_network_interface: 'network-interface',
  aws_egress_only_internet_gateway: 'egress-only-internet-gateway',
  aws_vpc_peering_connection: 'vpc-peering-connection',
  aws_vpc_peering_connection_accepter: 'vpc-peering-connection',
  aws_vpc_endpoint: 'vpc-endpoint',
  aws_ec2_transit_gateway: 'transit-gateway',
  aws_vpn_gateway: 'vpn-gateway',
};

const ID_PREFIXES: readonly (readonly [string, RouteTargetType])[] = [
  ['igw-', 'internet-gateway'],
  ['vgw-', 'vpn-gateway'],
  ['vpce-', 'vpc-endpoint'],
  ['eigw-', 'egress-only-internet-gateway'],
  ['nat-', 'nat-gateway'],
  ['i-', 'instance'],
  ['eni-', 'network-interface'],
  ['pcx-', 'vpc-peering-connection'],
  ['tgw-', 'transit-gateway'],
  ['lgw-', 'local-gateway'],
  ['cagw-', 'carrier-gateway'],
];

const FIELD_TYPES: Readonly<Record<string, RouteTargetType>> = {
  nat_gateway_id: 'nat-gateway',
  network_interface_id: 'network-interface',
  instance_id: 'instance',
  transit_gateway_id: 'transit-gateway',
  vpc_peering_connection_id: 'vpc-peering-connection',
  vpc_endpoint_id: 'vpc-endpoint',
  egress_only_gateway_id: 'egress-only-internet-gateway',
  local_gateway_id: 'local-gateway',
  carrier_gateway_id: 'carrier-gateway',
  core_network_arn: 'core-network',
};

function typeFromId(id: string, field: string): RouteTargetType {
  for (const [p, t] of ID_PREFIXES) if (id.startsWith(p)) return t;
  return FIELD_TYPES[field] ?? 'unknown';
}

/** An instance's primary interface: known `primary_network_interface_id`, else `<instance id>.primary_network_interface_id`. */
export function eniIdOf(instanceId: string, r: PlannedResource): string {
  const known = r.values.primary_network_interface_id;
  if (typeof known === 'string' && known !== '') return known;
  return instanceId.startsWith('tf:')
    ? `${instanceId}.primary_network_interface_id`
    : `tf:${r.address}.primary_network_interface_id`;
}

/** The route stated by `v` (at `at` in `r`'s expressions), or undefined with a warning. */
export function routeFrom(
  ctx: PlanContext,
  r: PlannedResource,
  v: JsonObj,
  at: AttrPath,
  field: string,
): Route | undefined {
  const f = (k: string) => (field ? `${field}.${k}` : k);
  const destText =
    str(v, 'cidr_block') ??
    str(v, 'destination_cidr_block') ??
    str(v, 'ipv6_cidr_block') ??
    str(v, 'destination_ipv6_cidr_block');
  const plId = str(v, 'destination_prefix_list_id') ?? ctx.rv.id(r, [...at, 'destination_prefix_list_id'], v);
  let destination: Route['destination'];
  if (destText) {
    const cidr = ctx.cidr(r, f('cidr_block'), destText);
    if (!cidr) return undefined;
    destination = { kind: 'cidr', cidr };
  } else if (plId) destination = { kind: 'prefix-list', prefixListId: plId };
  else {
    ctx.warn({ code: 'BAD_VALUE', resourceId: r.address, field: f('cidr_block'), skipped: true });
    return undefined;
  }
  const target = routeTarget(ctx, r, v, at);
  if (!target) {
    ctx.warn({
      code: 'ROUTE_TARGET_MISSING',
      resourceId: r.address,
      field: field || undefined,
      skipped: true,
    });
    return undefined;
  }
  return {
    destination,
    target,
    state: 'active',
    origin: 'CreateRoute',
    destinationText: destText ?? plId ?? '',
  };
}

function routeTarget(
  ctx: PlanContext,
  r: PlannedResource,
  v: JsonObj,
  at: AttrPath,
): RouteTarget | undefined {
  for (const field of TARGET_FIELDS) {
    const known = str(v, field);
    const ref = known ? undefined : ctx.rv.ref(r, [...at, field]);
    if (!known && !ref) continue;
    if (ref) {
      const id = ctx.rv.attrId(ref.res, ref.attr);
      if (ref.res.type === 'aws_instance')
        return {
          type: 'instance',
          id: ctx.rv.idOf(ref.res),
          networkInterfaceId: eniIdOf(ctx.rv.idOf(ref.res), ref.res),
        };
      const type = TYPE_OF_RESOURCE[ref.res.type] ?? typeFromId(id, field);
      return { type, id };
    }
    if (known === 'local') return { type: 'local', id: 'local' };
    return { type: typeFromId(known as string, field), id: known as string };
  }
  return undefined;
}
