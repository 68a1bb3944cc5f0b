import { describe, expect, it } from 'vitest';
import { hopIds, instance, planNetwork, type Res, ref, subnet, traceTcp, vpc } from '../test-plan.js';

const list: Res = {
  type: 'aws_ec2_managed_prefix_list',
  name: 'office',
  values: {
    name: 'office',
    address_family: 'IPv4',
    max_entries: 5,
    entry: [{ cidr: '198.51.100.0/24', description: 'hq' }],
  },
};
const entry: Res = {
  type: 'aws_ec2_managed_prefix_list_entry',
  name: 'branch',
  values: { cidr: '203.0.113.0/24' },
  expressions: {
    prefix_list_id: ref('aws_ec2_managed_prefix_list.office.id', 'aws_ec2_managed_prefix_list.office'),
  },
};
const group: Res = {
  type: 'aws_security_group',
  name: 'web',
  values: {
    name: 'web',
    ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: [], prefix_list_ids: [] }],
    egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }],
  },
  expressions: {
    vpc_id: ref('aws_vpc.main.id'),
    ingress: [{ prefix_list_ids: ref('aws_ec2_managed_prefix_list.office.id') }],
  },
};
const igw: Res = {
  type: 'aws_internet_gateway',
  name: 'igw',
  values: {},
  expressions: { vpc_id: ref('aws_vpc.main.id') },
};
const table: Res = {
  type: 'aws_default_route_table',
  name: 'main',
  values: { route: [{ cidr_block: '0.0.0.0/0', gateway_id: '' }] },
  expressions: {
    default_route_table_id: ref('aws_vpc.main.default_route_table_id'),
    route: [{ gateway_id: ref('aws_internet_gateway.igw.id') }],
  },
};

describe('aws_ec2_managed_prefix_list', () => {
  it('inline entries and entry resources make one list, used by a security group rule', () => {
    const n = planNetwork(
      vpc(),
      subnet('a', '10.0.1.0/24', 'main', { map_public_ip_on_launch: true }),
      list,
      entry,
      group,
      igw,
      table,
      instance('web', 'a', { private_ip: '10.0.1.10' }, ['web']),
    );
    const pl = n.prefixLists.get('tf:aws_ec2_managed_prefix_list.office');
    expect(pl?.cidrs?.length).toBe(2);
    expect(n.securityGroups.get('tf:aws_security_group.web')?.ingress.map((r) => r.peer)).toEqual([
      { kind: 'prefix-list', prefixListId: 'tf:aws_ec2_managed_prefix_list.office' },
    ]);
    const t = traceTcp(n, '203.0.113.7', 'web', 22);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'internet',
      'tf:aws_internet_gateway.igw',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_security_group.web',
      'tf:aws_instance.web.primary_network_interface_id',
      'tf:aws_instance.web',
    ]);
    expect(traceTcp(n, '192.0.2.7', 'web', 22).verdict).toBe('unreachable');
  });

  it('a list whose entries are unknown makes the answer unknown, not unreachable', () => {
    const n = planNetwork(
      vpc(),
      subnet('a', '10.0.1.0/24', 'main', { map_public_ip_on_launch: true }),
      { ...list, values: { name: 'office' } },
      group,
      igw,
      table,
      instance('web', 'a', { private_ip: '10.0.1.10' }, ['web']),
    );
    expect(n.prefixLists.get('tf:aws_ec2_managed_prefix_list.office')?.cidrs).toBeUndefined();
    expect(traceTcp(n, '203.0.113.7', 'web', 22).verdict).toBe('unknown');
  });
});
