import { describe, expect, it } from 'vitest';
import { hopIds, instance, openGroup, planNetwork, ref, subnet, traceTcp, vpc } from '../test-plan.js';

const net = (ipv6Values: Record<string, unknown>) =>
  planNetwork(
    vpc('main', '10.0.0.0/16', { ipv6_cidr_block: '2600:1f18:1234:5600::/56' }),
    subnet('a', '10.0.1.0/24', 'main', { ipv6_cidr_block: '2600:1f18:1234:5601::/64' }),
    {
      type: 'aws_egress_only_internet_gateway',
      name: 'eigw',
      values: {},
      expressions: { vpc_id: ref('aws_vpc.main.id') },
    },
    {
      type: 'aws_route_table',
      name: 'rt',
      values: { route: [{ ipv6_cidr_block: '::/0', egress_only_gateway_id: '' }] },
      expressions: {
        vpc_id: ref('aws_vpc.main.id'),
        route: [
          {
            ipv6_cidr_block: { constant_value: '::/0' },
            egress_only_gateway_id: ref('aws_egress_only_internet_gateway.eigw.id'),
          },
        ],
      },
    },
    {
      type: 'aws_route_table_association',
      name: 'a',
      values: {},
      expressions: { subnet_id: ref('aws_subnet.a.id'), route_table_id: ref('aws_route_table.rt.id') },
    },
    openGroup(),
    instance('web', 'a', { private_ip: '10.0.1.10', ...ipv6Values }),
  );

describe('aws_egress_only_internet_gateway and IPv6 addresses', () => {
  it('is attached to its VPC and takes ::/0 routes', () => {
    const n = planNetwork(vpc(), {
      type: 'aws_egress_only_internet_gateway',
      name: 'eigw',
      values: {},
      expressions: { vpc_id: ref('aws_vpc.main.id') },
    });
    expect(n.data.egressOnlyInternetGateways).toEqual([
      expect.objectContaining({
        egressOnlyInternetGatewayId: 'tf:aws_egress_only_internet_gateway.eigw',
        attachments: [{ vpcId: 'tf:aws_vpc.main', state: 'attached' }],
      }),
    ]);
  });

  it('an instance with a known IPv6 address reaches the IPv6 internet through it', () => {
    const n = net({ ipv6_addresses: ['2600:1f18:1234:5601::10'] });
    const t = traceTcp(n, 'web', '2600:9000::1', 443);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'tf:aws_instance.web',
      'tf:aws_instance.web.primary_network_interface_id',
      'tf:aws_security_group.open',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_route_table.rt',
      'tf:aws_egress_only_internet_gateway.eigw',
      'internet',
    ]);
    // ...and the internet cannot open a connection to it.
    expect(traceTcp(n, '2600:9000::1', '2600:1f18:1234:5601::10', 443).verdict).toBe('unreachable');
  });

  it('ipv6_address_count gives an address of the subnet IPv6 block, picked at apply', () => {
    const n = net({ ipv6_address_count: 1 });
    const eni = n.networkInterfaces.get('tf:aws_instance.web.primary_network_interface_id');
    expect(eni?.ipv6Addresses).toHaveLength(1);
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'aws_instance.web',
        field: 'ipv6_addresses',
      }),
    );
    expect(traceTcp(n, 'web', '2600:9000::1', 443).verdict).toBe('reachable');
  });

  it('a subnet with assign_ipv6_address_on_creation gives the instance an IPv6 address', () => {
    const n = planNetwork(
      vpc('main', '10.0.0.0/16', { ipv6_cidr_block: '2600:1f18:1234:5600::/56' }),
      subnet('a', '10.0.1.0/24', 'main', {
        ipv6_cidr_block: '2600:1f18:1234:5601::/64',
        assign_ipv6_address_on_creation: true,
      }),
      openGroup(),
      instance('web', 'a', { private_ip: '10.0.1.10' }),
    );
    expect(
      n.networkInterfaces.get('tf:aws_instance.web.primary_network_interface_id')?.ipv6Addresses,
    ).toHaveLength(1);
  });
});
