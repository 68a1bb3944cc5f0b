import { describe, expect, it } from 'vitest';
import { expectValidTrace } from '../../../../test/helpers.js';
import { hopIds, instance, openGroup, planNetwork, ref, subnet, traceTcp, vpc } from '../test-plan.js';

describe('aws_instance with network_interface blocks', () => {
  it('launches with the given interface as its primary one, in its subnet and groups', () => {
    const n = planNetwork(
      vpc(),
      subnet('a', '10.0.1.0/24'),
      openGroup(),
      {
        type: 'aws_network_interface',
        name: 'eth0',
        values: { private_ips: ['10.0.1.30'] },
        expressions: {
          subnet_id: ref('aws_subnet.a.id'),
          security_groups: ref('aws_security_group.open.id'),
        },
      },
      {
        type: 'aws_instance',
        name: 'appliance',
        values: { tags: { Name: 'appliance' }, network_interface: [{ device_index: 0 }] },
        expressions: { network_interface: [{ network_interface_id: ref('aws_network_interface.eth0.id') }] },
      },
      instance('web', 'a', { private_ip: '10.0.1.10' }),
    );
    expect(n.instances.get('tf:aws_instance.appliance')).toMatchObject({
      subnetId: 'tf:aws_subnet.a',
      networkInterfaceIds: ['tf:aws_network_interface.eth0'],
    });
    expect(n.networkInterfaces.get('tf:aws_network_interface.eth0')?.attachment).toMatchObject({
      instanceId: 'tf:aws_instance.appliance',
      deviceIndex: 0,
    });
    const t = traceTcp(n, 'web', 'appliance', 22);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t).slice(-3)).toEqual([
      'tf:aws_security_group.open',
      'tf:aws_network_interface.eth0',
      'tf:aws_instance.appliance',
    ]);
    expect(n.data.warnings).toEqual([]);
  });
});

describe('aws_instance whose private IP is picked at apply', () => {
  const plan = (sourceCidr: string) => [
    vpc(),
    subnet('a', '10.0.1.0/24'),
    subnet('b', '10.0.2.0/24'),
    openGroup(),
    {
      type: 'aws_security_group',
      name: 'db',
      values: {
        name: 'db',
        ingress: [{ protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: [sourceCidr] }],
      },
      expressions: { vpc_id: ref('aws_vpc.main.id') },
    },
    instance('app', 'a', {}),
    instance('db', 'b', { private_ip: '10.0.2.10' }, ['db']),
  ];

  it('stands for any address of its subnet when no rule tells them apart, and traces', () => {
    const n = planNetwork(...plan('10.0.1.0/24'));
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'aws_instance.app',
        value: '10.0.1.254',
      }),
    );
    const t = traceTcp(n, 'app', 'db', 5432);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'tf:aws_instance.app',
      'tf:aws_instance.app.primary_network_interface_id',
      'tf:aws_security_group.open',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_vpc.main.default_route_table_id',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_security_group.db',
      'tf:aws_instance.db.primary_network_interface_id',
      'tf:aws_instance.db',
    ]);
  });

  it('when a rule admits only part of its subnet, traces try an address of each part and say when they differ', () => {
    const n = planNetwork(...plan('10.0.1.0/25'));
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'aws_instance.app',
        field: 'private_ip',
        value: '10.0.1.254, 10.0.1.127',
      }),
    );
    expect(
      n.networkInterfaces.get('tf:aws_instance.app.primary_network_interface_id')?.pickedAtApply?.length,
    ).toBe(2);
    // 10.0.1.127 is in the rule's 10.0.1.0/25, 10.0.1.254 is not: the address AWS picks decides.
    const t = traceTcp(n, 'app', 'db', 5432);
    expectValidTrace(t);
    expect(t.verdict).toBe('unknown');
    expect(t.unknowns).toEqual([
      expect.objectContaining({
        code: 'ADDRESS_UNKNOWN_UNTIL_APPLY',
        missing: 'IPv4 address of tf:aws_instance.app',
        message: expect.stringContaining('10.0.1.254 unreachable, 10.0.1.127 reachable'),
      }),
    ]);
    // The worst case is shown: the security group of db blocks 10.0.1.254.
    expect(t.blockers.map((b) => [b.code, b.component.id])).toEqual([
      ['ENI_SG_RULES_MISMATCH', 'tf:aws_security_group.db'],
    ]);
    // Port 22 is closed to every address of the subnet: the answer stands, with a warning.
    const closed = traceTcp(n, 'app', 'db', 22);
    expect(closed.verdict).toBe('unreachable');
    expect(closed.unknowns).toEqual([]);
    expect(closed.warnings).toContainEqual(
      expect.objectContaining({
        code: 'ADDRESS_PICKED_AT_APPLY',
        message: expect.stringContaining('10.0.1.254 unreachable, 10.0.1.127 unreachable'),
      }),
    );
    // Naming the address settles it.
    expect(traceTcp(n, '10.0.1.127', 'db', 5432).verdict).toBe('reachable');
  });
});

describe('an attribute unknown until apply whose references the plan does not describe', () => {
  it('security groups through a local: membership unknown, so answers that depend on it are unknown', () => {
    const web = instance('web', 'a', { private_ip: '10.0.1.10' });
    const app = {
      ...instance('app', 'a', { private_ip: '10.0.1.20' }),
      expressions: {
        subnet_id: ref('aws_subnet.a.id', 'aws_subnet.a'),
        vpc_security_group_ids: ref('local.app_groups'),
      },
    };
    const n = planNetwork(vpc(), subnet('a', '10.0.1.0/24'), openGroup(), web, app);
    expect(n.data.warnings).toEqual([
      expect.objectContaining({
        code: 'UNRESOLVED_REFERENCE',
        resourceId: 'aws_instance.app',
        field: 'vpc_security_group_ids',
        value: 'local.app_groups',
      }),
    ]);
    // Not the VPC's default group (AWS's choice only when none is given): a group no one knows yet.
    expect(n.networkInterfaces.get('tf:aws_instance.app.primary_network_interface_id')?.groupIds).toEqual([
      'tf:aws_instance.app.vpc_security_group_ids',
    ]);
    const t = traceTcp(n, 'web', 'app', 22);
    expect(t.verdict).toBe('unknown');
    expect(t.unknowns.map((u) => [u.code, u.missing])).toEqual([
      ['MISSING_RESOURCE', 'tf:aws_instance.app.vpc_security_group_ids'],
    ]);
  });

  it('a reference the plan does describe, beside count.index, is followed without a warning', () => {
    const app = {
      ...instance('app', 'a', { private_ip: '10.0.1.20' }),
      expressions: {
        subnet_id: ref('aws_subnet.a.id', 'aws_subnet.a'),
        vpc_security_group_ids: ref('aws_security_group.open.id', 'aws_security_group.open', 'count.index'),
      },
    };
    const n = planNetwork(vpc(), subnet('a', '10.0.1.0/24'), openGroup(), app);
    expect(n.data.warnings).toEqual([]);
    expect(n.networkInterfaces.get('tf:aws_instance.app.primary_network_interface_id')?.groupIds).toEqual([
      'tf:aws_security_group.open',
    ]);
  });
});
