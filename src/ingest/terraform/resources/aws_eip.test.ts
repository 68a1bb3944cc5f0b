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

const igw: Res = {
  type: 'aws_internet_gateway',
  name: 'igw',
  values: {},
  expressions: { vpc_id: ref('aws_vpc.main.id') },
};
const toIgw: Res = {
  type: 'aws_route',
  name: 'default',
  values: { destination_cidr_block: '0.0.0.0/0' },
  expressions: {
    route_table_id: ref('aws_vpc.main.default_route_table_id'),
    gateway_id: ref('aws_internet_gateway.igw.id'),
  },
};
const base = [
  vpc(),
  subnet('a', '10.0.1.0/24'),
  igw,
  toIgw,
  openGroup(),
  instance('web', 'a', { private_ip: '10.0.1.10' }),
];

describe('aws_eip_association', () => {
  it('puts the Elastic IP on the instance: the internet reaches it, and no other public IP is invented', () => {
    const n = planNetwork(
      ...base,
      { type: 'aws_eip', name: 'ip', values: { domain: 'vpc' } },
      {
        type: 'aws_eip_association',
        name: 'web',
        values: {},
        expressions: { allocation_id: ref('aws_eip.ip.id'), instance_id: ref('aws_instance.web.id') },
      },
    );
    expect(n.data.elasticIps).toEqual([
      expect.objectContaining({
        allocationId: 'tf:aws_eip.ip',
        instanceId: 'tf:aws_instance.web',
        networkInterfaceId: 'tf:aws_instance.web.primary_network_interface_id',
        associationId: 'tf:aws_eip_association.web',
      }),
    ]);
    expect(n.data.warnings.map((w) => [w.code, w.resourceId])).toEqual([
      ['UNKNOWN_UNTIL_APPLY', 'aws_eip.ip'],
    ]);
    const t = traceTcp(n, 'internet', 'web', 443);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'internet',
      'tf:aws_internet_gateway.igw',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_security_group.open',
      'tf:aws_instance.web.primary_network_interface_id',
      'tf:aws_instance.web',
    ]);
  });

  it('without it the instance has no public IP and the internet cannot reach it', () => {
    expect(traceTcp(planNetwork(...base), 'internet', 'web', 443).verdict).toBe('unreachable');
  });
});

describe('aws_network_interface_attachment and aws_network_interface_sg_attachment', () => {
  it('attach a second interface to the instance and add a group to it', () => {
    const n = planNetwork(
      ...base,
      { ...openGroup('extra'), values: { name: 'extra', ingress: [], egress: [] } },
      {
        type: 'aws_network_interface',
        name: 'second',
        values: { private_ips: ['10.0.1.20'] },
        expressions: {
          subnet_id: ref('aws_subnet.a.id'),
          security_groups: ref('aws_security_group.open.id'),
        },
      },
      {
        type: 'aws_network_interface_attachment',
        name: 'second',
        values: { device_index: 1 },
        expressions: {
          instance_id: ref('aws_instance.web.id'),
          network_interface_id: ref('aws_network_interface.second.id'),
        },
      },
      {
        type: 'aws_network_interface_sg_attachment',
        name: 'extra',
        values: {},
        expressions: {
          security_group_id: ref('aws_security_group.extra.id'),
          network_interface_id: ref('aws_network_interface.second.id'),
        },
      },
    );
    expect(n.instances.get('tf:aws_instance.web')?.networkInterfaceIds).toEqual([
      'tf:aws_instance.web.primary_network_interface_id',
      'tf:aws_network_interface.second',
    ]);
    expect(n.networkInterfaces.get('tf:aws_network_interface.second')).toMatchObject({
      status: 'in-use',
      attachment: { instanceId: 'tf:aws_instance.web', deviceIndex: 1 },
      groupIds: ['tf:aws_security_group.open', 'tf:aws_security_group.extra'],
    });
    const t = traceTcp(n, 'web', '10.0.1.20', 22);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t).at(-1)).toBe('tf:aws_instance.web');
  });
});
