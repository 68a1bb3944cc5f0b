/**
 * Planned Terraform resources → NetworkData, in the same model the describe-* loader builds.
 * One reader per Terraform type in resources/, run in dependency order (VPCs before subnets,
 * tables before routes, ...). Adds what AWS creates implicitly (each VPC's main route table,
 * default NACL and default security group, the local routes, the NACL `*` deny rules) and applies
 * Terraform's own semantics: an `aws_security_group` without `egress` blocks has no egress rule,
 * and `aws_default_*` resources replace the rules of what they adopt.
 */
import type { NetworkData } from '../../model/index.js';
import { result } from './assemble.js';
import { PlanContext, type ResourceReader } from './context.js';
import type { ParsedPlan } from './plan.js';
import { assignPendingAddresses } from './resources/addresses.js';
import { readCustomerGateway } from './resources/aws_customer_gateway.js';
import { readDxGateway, readDxGatewayAssociation } from './resources/aws_dx_gateway.js';
import {
  readDxHostedPrivateVif,
  readDxHostedPrivateVifAccepter,
  readDxHostedTransitVif,
  readDxHostedTransitVifAccepter,
  readDxPrivateVif,
  readDxTransitVif,
} from './resources/aws_dx_virtual_interface.js';
import {
  readManagedPrefixList,
  readManagedPrefixListData,
  readManagedPrefixListEntry,
  readPrefixListData,
} from './resources/aws_ec2_managed_prefix_list.js';
import { readTransitGateway } from './resources/aws_ec2_transit_gateway.js';
import {
  readTgwPeeringAttachment,
  readTgwPeeringAttachmentAccepter,
} from './resources/aws_ec2_transit_gateway_peering_attachment.js';
import {
  readTgwRoute,
  readTgwRouteTable,
  readTgwRouteTableAssociation,
  readTgwRouteTablePropagation,
} from './resources/aws_ec2_transit_gateway_route_table.js';
import {
  readTransitGatewayVpcAttachment,
  readTransitGatewayVpcAttachmentAccepter,
} from './resources/aws_ec2_transit_gateway_vpc_attachment.js';
import { readEgressOnlyInternetGateway } from './resources/aws_egress_only_internet_gateway.js';
import { readEip, readEipAssociation } from './resources/aws_eip.js';
import { readFlowLog } from './resources/aws_flow_log.js';
import { readInstance } from './resources/aws_instance.js';
import { readInternetGateway } from './resources/aws_internet_gateway.js';
import { readNatGateway } from './resources/aws_nat_gateway.js';
import {
  readNetworkAcl,
  readNetworkAclAssociation,
  readNetworkAclRule,
} from './resources/aws_network_acl.js';
import { readNetworkInterface } from './resources/aws_network_interface.js';
import {
  readNetworkInterfaceAttachment,
  readNetworkInterfaceSgAttachment,
} from './resources/aws_network_interface_attachment.js';
import { readRoute } from './resources/aws_route.js';
import { readRouteTable } from './resources/aws_route_table.js';
import {
  readMainRouteTableAssociation,
  readRouteTableAssociation,
} from './resources/aws_route_table_association.js';
import { readSecurityGroup } from './resources/aws_security_group.js';
import { readSecurityGroupRule } from './resources/aws_security_group_rule.js';
import { readSubnet } from './resources/aws_subnet.js';
import { addIpv6Defaults, readVpc } from './resources/aws_vpc.js';
import {
  readVpcIpv4CidrAssociation,
  readVpcIpv6CidrAssociation,
} from './resources/aws_vpc_cidr_block_association.js';
import {
  readVpcEndpoint,
  readVpcEndpointRouteTableAssociation,
  readVpcEndpointSecurityGroupAssociation,
  readVpcEndpointSubnetAssociation,
} from './resources/aws_vpc_endpoint.js';
import {
  readVpcPeeringConnection,
  readVpcPeeringConnectionAccepter,
  readVpcPeeringConnectionOptions,
} from './resources/aws_vpc_peering_connection.js';
import { readVpcSgEgressRule, readVpcSgIngressRule } from './resources/aws_vpc_security_group_rule.js';
import { readVpnConnection, readVpnConnectionRoute } from './resources/aws_vpn_connection.js';
import {
  addPropagatedVpnRoutes,
  readPropagatingVgws,
  readVpnGateway,
  readVpnGatewayAttachment,
  readVpnGatewayRoutePropagation,
} from './resources/aws_vpn_gateway.js';

/** The readers, in the order they run: each may use what the earlier ones built. */
const READERS: readonly (readonly [type: string, read: ResourceReader])[] = [
  ['aws_vpc', readVpc],
  ['aws_vpc_ipv4_cidr_block_association', readVpcIpv4CidrAssociation],
  ['aws_vpc_ipv6_cidr_block_association', readVpcIpv6CidrAssociation],
  ['aws_subnet', readSubnet],
  ['aws_internet_gateway', readInternetGateway],
  ['aws_egress_only_internet_gateway', readEgressOnlyInternetGateway],
  ['aws_ec2_managed_prefix_list', readManagedPrefixList],
  ['aws_ec2_managed_prefix_list_entry', readManagedPrefixListEntry],
  ['aws_default_route_table', readRouteTable],
  ['aws_route_table', readRouteTable],
  ['aws_route', readRoute],
  ['aws_route_table_association', readRouteTableAssociation],
  ['aws_main_route_table_association', readMainRouteTableAssociation],
  ['aws_default_security_group', readSecurityGroup],
  ['aws_security_group', readSecurityGroup],
  ['aws_security_group_rule', readSecurityGroupRule],
  ['aws_vpc_security_group_ingress_rule', readVpcSgIngressRule],
  ['aws_vpc_security_group_egress_rule', readVpcSgEgressRule],
  ['aws_default_network_acl', readNetworkAcl],
  ['aws_network_acl', readNetworkAcl],
  ['aws_network_acl_rule', readNetworkAclRule],
  ['aws_network_acl_association', readNetworkAclAssociation],
  ['aws_instance', readInstance],
  ['aws_network_interface', readNetworkInterface],
  ['aws_network_interface_attachment', readNetworkInterfaceAttachment],
  ['aws_network_interface_sg_attachment', readNetworkInterfaceSgAttachment],
  ['aws_eip', readEip],
  ['aws_eip_association', readEipAssociation],
  ['aws_nat_gateway', readNatGateway],
  ['aws_vpc_endpoint', readVpcEndpoint],
  ['aws_vpc_endpoint_route_table_association', readVpcEndpointRouteTableAssociation],
  ['aws_vpc_endpoint_subnet_association', readVpcEndpointSubnetAssociation],
  ['aws_vpc_endpoint_security_group_association', readVpcEndpointSecurityGroupAssociation],
  ['aws_vpc_peering_connection', readVpcPeeringConnection],
  ['aws_vpc_peering_connection_accepter', readVpcPeeringConnectionAccepter],
  ['aws_vpc_peering_connection_options', readVpcPeeringConnectionOptions],
  ['aws_vpn_gateway', readVpnGateway],
  ['aws_vpn_gateway_attachment', readVpnGatewayAttachment],
  ['aws_vpn_gateway_route_propagation', readVpnGatewayRoutePropagation],
  ['aws_default_route_table', readPropagatingVgws],
  ['aws_route_table', readPropagatingVgws],
  ['aws_customer_gateway', readCustomerGateway],
  ['aws_ec2_transit_gateway', readTransitGateway],
  ['aws_ec2_transit_gateway_vpc_attachment', readTransitGatewayVpcAttachment],
  ['aws_ec2_transit_gateway_vpc_attachment_accepter', readTransitGatewayVpcAttachmentAccepter],
  ['aws_ec2_transit_gateway_peering_attachment', readTgwPeeringAttachment],
  ['aws_ec2_transit_gateway_peering_attachment_accepter', readTgwPeeringAttachmentAccepter],
  ['aws_vpn_connection', readVpnConnection],
  ['aws_vpn_connection_route', readVpnConnectionRoute],
  ['aws_dx_gateway', readDxGateway],
  ['aws_dx_gateway_association', readDxGatewayAssociation],
  ['aws_dx_private_virtual_interface', readDxPrivateVif],
  ['aws_dx_transit_virtual_interface', readDxTransitVif],
  ['aws_dx_hosted_private_virtual_interface', readDxHostedPrivateVif],
  ['aws_dx_hosted_transit_virtual_interface', readDxHostedTransitVif],
  ['aws_dx_hosted_private_virtual_interface_accepter', readDxHostedPrivateVifAccepter],
  ['aws_dx_hosted_transit_virtual_interface_accepter', readDxHostedTransitVifAccepter],
  ['aws_ec2_transit_gateway_route_table', readTgwRouteTable],
  ['aws_ec2_transit_gateway_route_table_association', readTgwRouteTableAssociation],
  ['aws_ec2_transit_gateway_route_table_propagation', readTgwRouteTablePropagation],
  ['aws_ec2_transit_gateway_route', readTgwRoute],
  ['aws_flow_log', readFlowLog],
];

/** Data sources read (Terraform reads them while planning, so their values are known). */
const DATA_READERS: readonly (readonly [type: string, read: ResourceReader])[] = [
  ['aws_prefix_list', readPrefixListData],
  ['aws_ec2_managed_prefix_list', readManagedPrefixListData],
];

/** Resource types this loader turns into model resources. */
export const SUPPORTED_TYPES: ReadonlySet<string> = new Set(READERS.map(([t]) => t));
const SUPPORTED_DATA: ReadonlySet<string> = new Set(DATA_READERS.map(([t]) => t));

function warnUnsupported(ctx: PlanContext): void {
  for (const r of ctx.plan.resources) {
    if (r.mode === 'data' && SUPPORTED_DATA.has(r.type)) continue;
    if (r.mode !== 'managed')
      ctx.warn({ code: 'UNSUPPORTED_RESOURCE', resourceId: r.address, value: r.type, detail: 'data source' });
    else if (!SUPPORTED_TYPES.has(r.type))
      ctx.warn({ code: 'UNSUPPORTED_RESOURCE', resourceId: r.address, value: r.type });
  }
}

export function buildFromPlan(plan: ParsedPlan, file: string): NetworkData {
  const ctx = new PlanContext(plan, file);
  warnUnsupported(ctx);
  for (const [type, read] of DATA_READERS) for (const r of ctx.ofType(type, 'data')) read(ctx, r);
  for (const [type, read] of READERS) for (const r of ctx.ofType(type)) read(ctx, r);
  addPropagatedVpnRoutes(ctx);
  addIpv6Defaults(ctx);
  assignPendingAddresses(ctx);
  for (const u of ctx.rv.unresolved)
    ctx.warn({
      code: 'UNRESOLVED_REFERENCE',
      resourceId: u.res.address,
      field: u.field,
      value: u.refs.join(', '),
    });
  return result(ctx);
}
