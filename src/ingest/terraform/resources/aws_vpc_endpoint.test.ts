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

const S3 = 'com.amazonaws.us-east-1.s3';
const table: Res = {
  type: 'aws_route_table',
  name: 'rt',
  values: {},
  expressions: { vpc_id: ref('aws_vpc.main.id') },
};
const assoc: Res = {
  type: 'aws_route_table_association',
  name: 'a',
  values: {},
  expressions: { subnet_id: ref('aws_subnet.a.id'), route_table_id: ref('aws_route_table.rt.id') },
};
const s3List: Res = {
  type: 'aws_prefix_list',
  name: 's3',
  mode: 'data',
  values: { id: 'pl-63a5400a', name: S3, cidr_blocks: ['54.231.0.0/16', '52.216.0.0/15'] },
};
const gateway = (how: 'inline' | 'association'): Res[] => [
  {
    type: 'aws_vpc_endpoint',
    name: 's3',
    values: { service_name: S3, vpc_endpoint_type: 'Gateway' },
    expressions: {
      vpc_id: ref('aws_vpc.main.id'),
      ...(how === 'inline' ? { route_table_ids: ref('aws_route_table.rt.id') } : {}),
    },
  },
  ...(how === 'association'
    ? [
        {
          type: 'aws_vpc_endpoint_route_table_association',
          name: 's3',
          values: {},
          expressions: {
            vpc_endpoint_id: ref('aws_vpc_endpoint.s3.id'),
            route_table_id: ref('aws_route_table.rt.id'),
          },
        },
      ]
    : []),
];
const base = [
  vpc(),
  subnet('a', '10.0.1.0/24'),
  table,
  assoc,
  openGroup(),
  instance('svc', 'a', { private_ip: '10.0.1.10' }),
];

describe('aws_vpc_endpoint (Gateway)', () => {
  it.each(['inline', 'association'] as const)(
    'route_table_ids / %s adds the prefix-list route; S3 is reached through it',
    (how) => {
      const n = planNetwork(...base, s3List, ...gateway(how));
      expect(
        n.routeTables.get('tf:aws_route_table.rt')?.routes.map((r) => `${r.destinationText}>${r.target.id}`),
      ).toEqual(['10.0.0.0/16>local', 'pl-63a5400a>tf:aws_vpc_endpoint.s3']);
      expect(n.vpcEndpoints.get('tf:aws_vpc_endpoint.s3')?.routeTableIds).toEqual(['tf:aws_route_table.rt']);
      const t = traceTcp(n, 'svc', '52.216.40.13', 443);
      expect(t.verdict).toBe('reachable');
      expect(hopIds(t)).toEqual([
        'tf:aws_instance.svc',
        'tf:aws_instance.svc.primary_network_interface_id',
        'tf:aws_security_group.open',
        'tf:aws_vpc.main.default_network_acl_id',
        'tf:aws_route_table.rt',
        'tf:aws_vpc_endpoint.s3',
        's3',
      ]);
      // An address outside the S3 list has no route.
      expect(traceTcp(n, 'svc', '8.8.8.8', 443).verdict).toBe('unreachable');
    },
  );

  it('without the service prefix list in the plan, an answer for an address is unknown', () => {
    const n = planNetwork(...base, ...gateway('inline'));
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'aws_vpc_endpoint.s3',
        field: 'prefix_list_id',
      }),
    );
    expect(traceTcp(n, 'svc', '52.216.40.13', 443).verdict).toBe('unknown');
  });
});

describe('a security group rule on the endpoint prefix_list_id', () => {
  it('names the same list as the route (with the data source entries)', () => {
    const s3Only: Res = {
      type: 'aws_security_group',
      name: 's3only',
      values: {
        name: 's3only',
        egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, prefix_list_ids: [] }],
      },
      expressions: {
        vpc_id: ref('aws_vpc.main.id'),
        egress: [{ prefix_list_ids: ref('aws_vpc_endpoint.s3.prefix_list_id', 'aws_vpc_endpoint.s3') }],
      },
    };
    const n = planNetwork(
      vpc(),
      subnet('a', '10.0.1.0/24'),
      table,
      assoc,
      s3Only,
      instance('svc', 'a', { private_ip: '10.0.1.10' }, ['s3only']),
      s3List,
      ...gateway('inline'),
    );
    expect(n.prefixLists.get('tf:aws_vpc_endpoint.s3.prefix_list_id')?.cidrs).toEqual(
      n.prefixLists.get('pl-63a5400a')?.cidrs,
    );
    expect(traceTcp(n, 'svc', '52.216.40.13', 443).verdict).toBe('reachable');
    const blocked = traceTcp(n, 'svc', '52.216.40.13', 80);
    expect(blocked.blockers.map((b) => [b.code, b.component.id])).toEqual([
      ['ENI_SG_RULES_MISMATCH', 'tf:aws_security_group.s3only'],
    ]);
  });
});

describe('aws_vpc_endpoint (Interface)', () => {
  const endpointGroup: Res = {
    type: 'aws_security_group',
    name: 'ep',
    values: {
      name: 'ep',
      ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }],
    },
    expressions: { vpc_id: ref('aws_vpc.main.id') },
  };
  const sqs = (subnetConfiguration: boolean): Res => ({
    type: 'aws_vpc_endpoint',
    name: 'sqs',
    values: {
      service_name: 'com.amazonaws.us-east-1.sqs',
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      ...(subnetConfiguration ? { subnet_configuration: [{ ipv4: '10.0.1.45' }] } : {}),
    },
    expressions: {
      vpc_id: ref('aws_vpc.main.id'),
      subnet_ids: ref('aws_subnet.a.id'),
      security_group_ids: ref('aws_security_group.ep.id'),
      ...(subnetConfiguration ? { subnet_configuration: [{ subnet_id: ref('aws_subnet.a.id') }] } : {}),
    },
  });

  it('puts a requester-managed interface in each subnet, in the endpoint security groups', () => {
    const n = planNetwork(...base, endpointGroup, sqs(true));
    const ep = n.vpcEndpoints.get('tf:aws_vpc_endpoint.sqs');
    expect(ep).toMatchObject({
      vpcEndpointType: 'Interface',
      subnetIds: ['tf:aws_subnet.a'],
      groupIds: ['tf:aws_security_group.ep'],
      privateDnsEnabled: true,
      networkInterfaceIds: ['tf:aws_vpc_endpoint.sqs.network_interface_ids[0]'],
    });
    const eni = n.networkInterfaces.get('tf:aws_vpc_endpoint.sqs.network_interface_ids[0]');
    expect(eni).toMatchObject({ interfaceType: 'vpc_endpoint', requesterManaged: true });
    const t = traceTcp(n, 'svc', '10.0.1.45', 443);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'tf:aws_instance.svc',
      'tf:aws_instance.svc.primary_network_interface_id',
      'tf:aws_security_group.open',
      'tf:aws_subnet.a',
      'tf:aws_security_group.ep',
      'tf:aws_vpc_endpoint.sqs.network_interface_ids[0]',
      'tf:aws_vpc_endpoint.sqs',
    ]);
    expect(traceTcp(n, 'svc', '10.0.1.45', 80).verdict).toBe('unreachable');
  });

  it('without subnet_configuration its address is any address of the subnet', () => {
    const n = planNetwork(...base, endpointGroup, sqs(false));
    const w = n.data.warnings.find(
      (x) => x.resourceId === 'aws_vpc_endpoint.sqs' && x.code === 'UNKNOWN_UNTIL_APPLY',
    );
    expect(w?.value).toBe('10.0.1.254');
    expect(traceTcp(n, 'svc', 'aws_vpc_endpoint.sqs.network_interface_ids[0]', 443).verdict).toBe(
      'reachable',
    );
  });

  it('without security_group_ids it is in the VPC default group; an association replaces it', () => {
    const bare: Res = {
      ...sqs(true),
      expressions: { ...sqs(true).expressions, security_group_ids: undefined },
    };
    const alone = planNetwork(...base, endpointGroup, bare);
    expect(alone.vpcEndpoints.get('tf:aws_vpc_endpoint.sqs')?.groupIds).toEqual([
      'tf:aws_vpc.main.default_security_group_id',
    ]);
    // The default group admits only its own members: svc-1 (group `open`) is refused.
    expect(traceTcp(alone, 'svc', '10.0.1.45', 443).verdict).toBe('unreachable');
    const replaced = planNetwork(...base, endpointGroup, bare, {
      type: 'aws_vpc_endpoint_security_group_association',
      name: 'ep',
      values: { replace_default_association: true },
      expressions: {
        vpc_endpoint_id: ref('aws_vpc_endpoint.sqs.id'),
        security_group_id: ref('aws_security_group.ep.id'),
      },
    });
    expect(
      replaced.networkInterfaces.get('tf:aws_vpc_endpoint.sqs.network_interface_ids[0]')?.groupIds,
    ).toEqual(['tf:aws_security_group.ep']);
    expect(traceTcp(replaced, 'svc', '10.0.1.45', 443).verdict).toBe('reachable');
  });
});
