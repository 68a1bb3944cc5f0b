import { describe, expect, it } from 'vitest';
import { Network } from '../../../model/index.js';
import { mustParseCidr } from '../../../net/index.js';
import { hopIds, instance, openGroup, planData, type Res, ref, subnet, traceTcp, vpc } from '../test-plan.js';

const plan: Res[] = [
  vpc('a', '10.0.0.0/16'),
  subnet('a', '10.0.1.0/24', 'a'),
  openGroup('open', 'a'),
  instance('a1', 'a', { private_ip: '10.0.1.10' }),
  { type: 'aws_vpn_gateway', name: 'vgw', values: {} },
  {
    type: 'aws_vpn_gateway_attachment',
    name: 'vgw',
    values: {},
    expressions: { vpn_gateway_id: ref('aws_vpn_gateway.vgw.id'), vpc_id: ref('aws_vpc.a.id') },
  },
  {
    type: 'aws_route',
    name: 'onprem',
    values: { destination_cidr_block: '192.168.0.0/16' },
    expressions: {
      route_table_id: ref('aws_vpc.a.default_route_table_id'),
      gateway_id: ref('aws_vpn_gateway.vgw.id'),
    },
  },
  { type: 'aws_dx_gateway', name: 'dxgw', values: { name: 'dxgw', amazon_side_asn: '64512' } },
  {
    type: 'aws_dx_gateway_association',
    name: 'vgw',
    values: { allowed_prefixes: ['10.0.0.0/16'] },
    expressions: {
      dx_gateway_id: ref('aws_dx_gateway.dxgw.id'),
      associated_gateway_id: ref('aws_vpn_gateway.vgw.id'),
    },
  },
  {
    type: 'aws_dx_private_virtual_interface',
    name: 'vif',
    values: {
      connection_id: 'dxcon-ffabc123',
      vlan: 100,
      bgp_asn: 65000,
      address_family: 'ipv4',
      name: 'dc-vif',
    },
    expressions: { dx_gateway_id: ref('aws_dx_gateway.dxgw.id') },
  },
];

describe('aws_dx_gateway, aws_dx_gateway_association, aws_dx_private_virtual_interface', () => {
  it('builds the gateway, its VGW association and the VIF', () => {
    const d = planData(...plan);
    expect(d.directConnectGatewayAssociations).toEqual([
      expect.objectContaining({
        directConnectGatewayId: 'tf:aws_dx_gateway.dxgw',
        gatewayId: 'tf:aws_vpn_gateway.vgw',
        gatewayType: 'virtualPrivateGateway',
      }),
    ]);
    expect(d.virtualInterfaces).toEqual([
      expect.objectContaining({
        virtualInterfaceId: 'tf:aws_dx_private_virtual_interface.vif',
        type: 'private',
        connectionId: 'dxcon-ffabc123',
        directConnectGatewayId: 'tf:aws_dx_gateway.dxgw',
        bgpPeers: [],
      }),
    ]);
  });

  it('without knowing what on-premises advertises the answer is unknown; with it, reachable over the VIF', () => {
    const d = planData(...plan);
    expect(traceTcp(new Network(d), 'a1', '192.168.1.5', 22).verdict).toBe('unknown');
    const withOnPrem = new Network({
      ...d,
      onPremNetworks: [
        {
          name: 'dc',
          prefixes: [mustParseCidr('192.168.0.0/16')],
          advertised: [mustParseCidr('192.168.0.0/16')],
          vpnConnectionIds: [],
          customerGatewayIds: [],
          virtualInterfaceIds: ['tf:aws_dx_private_virtual_interface.vif'],
          internet: false,
          source: { kind: 'file', file: 'onprem.yaml' },
        },
      ],
    });
    const t = traceTcp(withOnPrem, 'a1', '192.168.1.5', 22);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t).slice(4)).toEqual([
      'tf:aws_vpc.a.default_route_table_id',
      'tf:aws_vpn_gateway.vgw',
      'tf:aws_dx_gateway.dxgw',
      'tf:aws_dx_private_virtual_interface.vif',
      'dc',
    ]);
  });
});

describe('hosted virtual interfaces: created on the connection, attached by the accepter', () => {
  const hosted: Res[] = [
    ...plan.filter((r) => r.type !== 'aws_dx_private_virtual_interface'),
    {
      type: 'aws_dx_hosted_private_virtual_interface',
      name: 'vif',
      values: {
        connection_id: 'dxcon-ffabc123',
        vlan: 100,
        bgp_asn: 65000,
        owner_account_id: '123456789012',
      },
    },
    {
      type: 'aws_dx_hosted_private_virtual_interface_accepter',
      name: 'vif',
      values: {},
      expressions: {
        virtual_interface_id: ref('aws_dx_hosted_private_virtual_interface.vif.id'),
        dx_gateway_id: ref('aws_dx_gateway.dxgw.id'),
      },
    },
  ];

  it('one virtual interface: the connection and VLAN of the hosted side, the gateway of the accepter', () => {
    const d = planData(...hosted);
    expect(d.virtualInterfaces).toEqual([
      expect.objectContaining({
        virtualInterfaceId: 'tf:aws_dx_hosted_private_virtual_interface.vif',
        type: 'private',
        connectionId: 'dxcon-ffabc123',
        vlan: 100,
        directConnectGatewayId: 'tf:aws_dx_gateway.dxgw',
      }),
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('the accepter alone (the VIF owned by another account) still attaches a known VIF id', () => {
    const d = planData(...hosted.filter((r) => r.type !== 'aws_dx_hosted_private_virtual_interface'), {
      type: 'aws_dx_hosted_private_virtual_interface_accepter',
      name: 'other',
      values: { virtual_interface_id: 'dxvif-fgq1a2b3' },
      expressions: { dx_gateway_id: ref('aws_dx_gateway.dxgw.id') },
    });
    expect((d.virtualInterfaces ?? []).map((v) => [v.virtualInterfaceId, v.directConnectGatewayId])).toEqual([
      ['dxvif-fgq1a2b3', 'tf:aws_dx_gateway.dxgw'],
    ]);
  });
});
