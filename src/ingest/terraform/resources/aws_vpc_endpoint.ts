/**
 * aws_vpc_endpoint and its association resources → VpcEndpoint, plus what AWS creates for it:
 * - Gateway (S3, DynamoDB): in each associated route table a route from the service's prefix list to
 *   the endpoint (AWS: "a route ... uses the prefix list ID of the service as the destination",
 *   PrivateLink Guide, gateway endpoints). The list is the plan's prefix list of that name (e.g. a
 *   `data "aws_prefix_list"`), else one with unknown entries named after the service.
 * - Interface: one requester-managed interface (type `vpc_endpoint`) per subnet, in the endpoint's
 *   security groups (none listed: the VPC's default group, PrivateLink Guide); its address from a
 *   `subnet_configuration` block when given.
 * aws_vpc_endpoint_route_table_association and aws_vpc_endpoint_subnet_association add to them;
 * aws_vpc_endpoint_security_group_association adds a group (replacing the VPC's default group
 * with `replace_default_association`).
 */
import type { NetworkInterface, VpcEndpoint } from '../../../model/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { bool, str, tagsOf } from '../values.js';
import { addressesOf } from './addresses.js';

export function readVpcEndpoint(ctx: PlanContext, r: PlannedResource): void {
  const v = r.values;
  const id = ctx.rv.idOf(r);
  const vpcId = ctx.rv.id(r, ['vpc_id']);
  if (!vpcId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'vpc_id', skipped: true });
    return;
  }
  const type = str(v, 'vpc_endpoint_type') ?? 'Gateway';
  const serviceName = str(v, 'service_name') ?? '';
  let groupIds = ctx.rv.ids(r, ['security_group_ids']);
  if (type === 'Interface' && groupIds.length === 0) {
    const vpc = ctx.vpcResource(vpcId);
    if (vpc) groupIds = [ctx.rv.attrId(vpc, 'default_security_group_id')];
  }
  ctx.endpoints.set(id, {
    endpoint: {
      vpcEndpointId: id,
      vpcEndpointType: type,
      vpcId,
      serviceName,
      state: str(v, 'state') ?? 'available',
      routeTableIds: [],
      subnetIds: [],
      networkInterfaceIds: [],
      groupIds,
      privateDnsEnabled: bool(v, 'private_dns_enabled') ?? false,
      tags: tagsOf(v),
      origin: ctx.originOf(r),
    },
    resource: r,
  });
  if (type === 'Gateway')
    for (const rt of ctx.rv.ids(r, ['route_table_ids'])) addGatewayRoute(ctx, r, id, rt, 'route_table_ids');
  if (type === 'Interface' || type === 'GatewayLoadBalancer')
    ctx.rv.ids(r, ['subnet_ids']).forEach((s) => {
      addInterface(ctx, r, id, s);
    });
}

export function readVpcEndpointRouteTableAssociation(ctx: PlanContext, r: PlannedResource): void {
  const entry = ctx.referenced(r, 'vpc_endpoint_id', ctx.endpoints);
  const tableId = ctx.rv.id(r, ['route_table_id']);
  if (!entry) return;
  if (!tableId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'route_table_id' });
    return;
  }
  addGatewayRoute(ctx, r, entry.endpoint.vpcEndpointId, tableId, 'route_table_id');
}

export function readVpcEndpointSubnetAssociation(ctx: PlanContext, r: PlannedResource): void {
  const entry = ctx.referenced(r, 'vpc_endpoint_id', ctx.endpoints);
  const subnetId = ctx.rv.id(r, ['subnet_id']);
  if (!entry) return;
  if (!subnetId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'subnet_id' });
    return;
  }
  addInterface(ctx, r, entry.endpoint.vpcEndpointId, subnetId);
}

/**
 * The service's prefix list: `prefix_list_id` when known, else the plan's list of that name (a
 * `data "aws_prefix_list"`), else a list with unknown entries. References to the endpoint's
 * `prefix_list_id` (e.g. in a security group rule) name `tf:<address>.prefix_list_id`: that id is
 * kept as an alias holding the same entries.
 */
function servicePrefixListId(ctx: PlanContext, ep: VpcEndpoint, r: PlannedResource): string {
  const known = str(r.values, 'prefix_list_id');
  const named = [...ctx.prefixLists.values()].find((p) => p.prefixListName === ep.serviceName);
  const alias = `tf:${r.address}.prefix_list_id`;
  const add = (id: string) => {
    if (!ctx.prefixLists.has(id))
      ctx.prefixLists.set(id, {
        prefixListId: id,
        prefixListName: ep.serviceName,
        cidrs: named?.cidrs,
        origin: ctx.originOf(r),
      });
  };
  const first = !ctx.prefixLists.has(alias);
  add(alias);
  if (known || named) ctx.prefixListAliases.add(alias);
  if (known) {
    add(known);
    return known;
  }
  if (named) return named.prefixListId;
  if (first)
    ctx.warn({
      code: 'UNKNOWN_UNTIL_APPLY',
      resourceId: r.address,
      field: 'prefix_list_id',
      detail: `entries of ${ep.serviceName}: add data "aws_prefix_list" { name = "${ep.serviceName}" } to trace its addresses`,
    });
  return alias;
}

function addGatewayRoute(
  ctx: PlanContext,
  r: PlannedResource,
  endpointId: string,
  tableId: string,
  field: string,
): void {
  const entry = ctx.endpoints.get(endpointId);
  const table = ctx.routeTables.get(tableId);
  if (!entry || !table) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field, value: tableId });
    return;
  }
  const ep = entry.endpoint;
  if (ep.routeTableIds.includes(tableId)) return;
  const plId = servicePrefixListId(ctx, ep, entry.resource);
  table.routes.push({
    destination: { kind: 'prefix-list', prefixListId: plId },
    target: { type: 'vpc-endpoint', id: endpointId },
    state: 'active',
    origin: 'CreateRoute',
    destinationText: plId,
  });
  entry.endpoint = { ...ep, routeTableIds: [...ep.routeTableIds, tableId] };
}

function addInterface(ctx: PlanContext, r: PlannedResource, endpointId: string, subnetId: string): void {
  const entry = ctx.endpoints.get(endpointId);
  const subnet = ctx.subnets.get(subnetId);
  if (!entry || !subnet) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'subnet_id', value: subnetId });
    return;
  }
  const ep = entry.endpoint;
  if (ep.subnetIds.includes(subnetId)) return;
  const i = ep.networkInterfaceIds.length;
  const known = entry.resource.values.network_interface_ids;
  const knownId = Array.isArray(known) && typeof known[i] === 'string' ? (known[i] as string) : undefined;
  const eniId = knownId ?? `tf:${entry.resource.address}.network_interface_ids[${i}]`;
  const conf = ctx
    .blocks(entry.resource, 'subnet_configuration')
    .find(
      (b) =>
        ctx.rv.id(entry.resource, ['subnet_configuration', b.configIndex, 'subnet_id'], b.values) ===
        subnetId,
    );
  const addrs = addressesOf(ctx, entry.resource, subnet, {
    eniId,
    ipv4: conf ? [str(conf.values, 'ipv4')] : [],
    ipv6: conf ? [str(conf.values, 'ipv6')] : [],
    wantIpv4: true,
    ipv6Count: 0,
    field: `network_interface_ids[${i}]`,
  });
  const eni: NetworkInterface = {
    networkInterfaceId: eniId,
    subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    interfaceType: 'vpc_endpoint',
    status: 'in-use',
    description: `VPC Endpoint Interface ${endpointId}`,
    requesterManaged: true,
    sourceDestCheck: true,
    groupIds: ep.groupIds,
    privateAddresses: addrs.privateAddresses,
    ipv6Addresses: addrs.ipv6Addresses,
    delegatedPrefixes: [],
    denyAllIgwTraffic: false,
    tags: {},
    origin: ctx.originOf(r),
  };
  ctx.enis.set(eniId, eni);
  entry.endpoint = {
    ...ep,
    subnetIds: [...ep.subnetIds, subnetId],
    networkInterfaceIds: [...ep.networkInterfaceIds, eniId],
  };
}

export function readVpcEndpointSecurityGroupAssociation(ctx: PlanContext, r: PlannedResource): void {
  const entry = ctx.referenced(r, 'vpc_endpoint_id', ctx.endpoints);
  const groupId = ctx.rv.id(r, ['security_group_id']);
  if (!entry) return;
  if (!groupId) {
    ctx.warn({ code: 'MISSING_REFERENCE', resourceId: r.address, field: 'security_group_id' });
    return;
  }
  const ep = entry.endpoint;
  const vpc = ctx.vpcResource(ep.vpcId);
  const defaultGroup = vpc ? ctx.rv.attrId(vpc, 'default_security_group_id') : undefined;
  const kept = bool(r.values, 'replace_default_association')
    ? ep.groupIds.filter((g) => g !== defaultGroup)
    : ep.groupIds;
  const groupIds = [...new Set([...kept, groupId])];
  entry.endpoint = { ...ep, groupIds };
  for (const id of ep.networkInterfaceIds) {
    const eni = ctx.enis.get(id);
    if (eni) ctx.enis.set(id, { ...eni, groupIds });
  }
}
