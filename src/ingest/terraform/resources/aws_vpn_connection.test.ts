import { describe, expect, it } from 'vitest';
import {
  hopIds,
  instance,
  openGroup,
  planNetwork,
  type Res,
  ref,
  subnet,
  traceTcp,
  vpc,
} from '../test-plan.js';

const base = (): Res[] => [
  vpc('a', '10.0.0.0/16'),
  subnet('a', '10.0.1.0/24', 'a'),
  openGroup('open', 'a'),
  instance('a1', 'a', { private_ip: '10.0.1.10' }),
  {
    type: 'aws_vpn_gateway',
    name: 'vgw',
    values: { amazon_side_asn: '64512' },
    expressions: { vpc_id: ref('aws_vpc.a.id') },
  },
  {
    type: 'aws_customer_gateway',
    name: 'office',
    values: { bgp_asn: '65000', ip_address: '198.51.100.1', type: 'ipsec.1' },
  },
];
const vpn = (staticOnly: boolean): Res => ({
  type: 'aws_vpn_connection',
  name: 'office',
  values: { static_routes_only: staticOnly, type: 'ipsec.1' },
  expressions: {
    vpn_gateway_id: ref('aws_vpn_gateway.vgw.id'),
    customer_gateway_id: ref('aws_customer_gateway.office.id'),
  },
});
const staticRoute: Res = {
  type: 'aws_vpn_connection_route',
  name: 'office',
  values: { destination_cidr_block: '192.168.10.0/24' },
  expressions: { vpn_connection_id: ref('aws_vpn_connection.office.id') },
};
const propagation: Res = {
  type: 'aws_vpn_gateway_route_propagation',
  name: 'a',
  values: {},
  expressions: {
    vpn_gateway_id: ref('aws_vpn_gateway.vgw.id'),
    route_table_id: ref('aws_vpc.a.default_route_table_id'),
  },
};

describe('aws_vpn_gateway, aws_customer_gateway, aws_vpn_connection (+ _route), route propagation', () => {
  it('a static VPN: its routes are propagated into the table, and the office is reached through it', () => {
    const n = planNetwork(...base(), vpn(true), staticRoute, propagation);
    expect(n.vpnGateways.get('tf:aws_vpn_gateway.vgw')?.vpcAttachments).toEqual([
      { vpcId: 'tf:aws_vpc.a', state: 'attached' },
    ]);
    expect(n.vpnConnections.get('tf:aws_vpn_connection.office')).toMatchObject({
      customerGatewayId: 'tf:aws_customer_gateway.office',
      vpnGatewayId: 'tf:aws_vpn_gateway.vgw',
      staticRoutesOnly: true,
      tunnels: [],
    });
    const table = n.routeTables.get('tf:aws_vpc.a.default_route_table_id');
    expect(table?.propagatingVgws).toEqual(['tf:aws_vpn_gateway.vgw']);
    expect(table?.routes.map((r) => `${r.destinationText}>${r.target.id}:${r.origin}`)).toEqual([
      '10.0.0.0/16>local:CreateRouteTable',
      '192.168.10.0/24>tf:aws_vpn_gateway.vgw:EnableVgwRoutePropagation',
    ]);
    const t = traceTcp(n, 'a1', '192.168.10.5', 22);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'tf:aws_instance.a1',
      'tf:aws_instance.a1.primary_network_interface_id',
      'tf:aws_security_group.open',
      'tf:aws_vpc.a.default_network_acl_id',
      'tf:aws_vpc.a.default_route_table_id',
      'tf:aws_vpn_gateway.vgw',
      'tf:aws_vpn_connection.office',
      'tf:aws_customer_gateway.office',
      'behind tf:aws_vpn_gateway.vgw',
    ]);
    expect(traceTcp(n, 'a1', '192.168.20.5', 22).verdict).toBe('unreachable');
  });

  it('a BGP VPN: the routes it will learn are not known before apply, and the plan says so', () => {
    const n = planNetwork(...base(), vpn(false), propagation);
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'tf:aws_vpc.a.default_route_table_id',
        detail: expect.stringContaining('tf:aws_vpn_connection.office'),
      }),
    );
  });

  it('a VPN on a transit gateway gets a vpn attachment in the default route table, which propagates its static routes', () => {
    const n = planNetwork(
      ...base(),
      { type: 'aws_ec2_transit_gateway', name: 'hub', values: {} },
      {
        type: 'aws_ec2_transit_gateway_vpc_attachment',
        name: 'a',
        values: {},
        expressions: {
          transit_gateway_id: ref('aws_ec2_transit_gateway.hub.id'),
          vpc_id: ref('aws_vpc.a.id'),
          subnet_ids: ref('aws_subnet.a.id'),
        },
      },
      {
        type: 'aws_route',
        name: 'onprem',
        values: { destination_cidr_block: '192.168.0.0/16' },
        expressions: {
          route_table_id: ref('aws_vpc.a.default_route_table_id'),
          transit_gateway_id: ref('aws_ec2_transit_gateway.hub.id'),
        },
      },
      {
        ...vpn(true),
        expressions: {
          transit_gateway_id: ref('aws_ec2_transit_gateway.hub.id'),
          customer_gateway_id: ref('aws_customer_gateway.office.id'),
        },
      },
      staticRoute,
    );
    const att = n.transitGatewayAttachments.get('tf:aws_vpn_connection.office.transit_gateway_attachment_id');
    expect(att).toMatchObject({ resourceType: 'vpn', resourceId: 'tf:aws_vpn_connection.office' });
    const t = traceTcp(n, 'a1', '192.168.10.5', 22);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toContain('tf:aws_vpn_connection.office');
    expect(hopIds(t)).toContain('tf:aws_ec2_transit_gateway.hub.association_default_route_table_id');
  });
});
