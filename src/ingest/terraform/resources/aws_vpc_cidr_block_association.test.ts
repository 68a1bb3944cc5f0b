import { describe, expect, it } from 'vitest';
import { hopIds, instance, openGroup, planNetwork, ref, subnet, traceTcp, vpc } from '../test-plan.js';

describe('aws_vpc_ipv4_cidr_block_association', () => {
  it('adds a VPC CIDR, its local route, and subnets in it route to each other', () => {
    const n = planNetwork(
      vpc(),
      {
        type: 'aws_vpc_ipv4_cidr_block_association',
        name: 'second',
        values: { cidr_block: '100.64.0.0/16' },
        expressions: { vpc_id: ref('aws_vpc.main.id') },
      },
      subnet('a', '10.0.1.0/24'),
      subnet('b', '100.64.1.0/24'),
      openGroup(),
      instance('a1', 'a', { private_ip: '10.0.1.10' }),
      instance('b1', 'b', { private_ip: '100.64.1.10' }),
    );
    expect(n.mainRouteTableOf('tf:aws_vpc.main')?.routes.map((r) => r.destinationText)).toEqual([
      '10.0.0.0/16',
      '100.64.0.0/16',
    ]);
    const t = traceTcp(n, 'a1', 'b1', 443);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'tf:aws_instance.a1',
      'tf:aws_instance.a1.primary_network_interface_id',
      'tf:aws_security_group.open',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_vpc.main.default_route_table_id',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_security_group.open',
      'tf:aws_instance.b1.primary_network_interface_id',
      'tf:aws_instance.b1',
    ]);
  });

  it('an IPv6 block Amazon assigns at apply is warned about, not guessed', () => {
    const n = planNetwork(vpc(), {
      type: 'aws_vpc_ipv6_cidr_block_association',
      name: 'v6',
      values: {},
      expressions: { vpc_id: ref('aws_vpc.main.id') },
    });
    expect(n.vpcs.get('tf:aws_vpc.main')?.ipv6CidrBlocks).toEqual([]);
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'aws_vpc_ipv6_cidr_block_association.v6',
      }),
    );
  });
});

describe('IPv6 blocks Amazon assigns at apply', () => {
  it('are warned about on the VPC and on a subnet carved from them, not guessed', () => {
    const n = planNetwork(vpc('main', '10.0.0.0/16', { assign_generated_ipv6_cidr_block: true }), {
      type: 'aws_subnet',
      name: 'a',
      values: { cidr_block: '10.0.1.0/24' },
      expressions: { vpc_id: ref('aws_vpc.main.id'), ipv6_cidr_block: ref('aws_vpc.main.ipv6_cidr_block') },
    });
    expect(n.data.warnings.map((w) => [w.code, w.resourceId, w.field])).toEqual([
      ['UNKNOWN_UNTIL_APPLY', 'aws_vpc.main', 'ipv6_cidr_block'],
      ['UNKNOWN_UNTIL_APPLY', 'aws_subnet.a', 'ipv6_cidr_block'],
    ]);
    expect(n.subnets.get('tf:aws_subnet.a')?.ipv6CidrBlocks).toEqual([]);
  });
});
