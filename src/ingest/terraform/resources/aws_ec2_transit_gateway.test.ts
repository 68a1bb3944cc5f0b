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

const HUB = 'aws_ec2_transit_gateway.hub';
const toTgw = (v: string): Res => ({
  type: 'aws_route',
  name: v,
  values: { destination_cidr_block: '10.0.0.0/8' },
  expressions: {
    route_table_id: ref(`aws_vpc.${v}.default_route_table_id`),
    transit_gateway_id: ref(`${HUB}.id`),
  },
});
const attach = (v: string, values: Record<string, unknown> = {}): Res => ({
  type: 'aws_ec2_transit_gateway_vpc_attachment',
  name: v,
  values,
  expressions: {
    transit_gateway_id: ref(`${HUB}.id`),
    vpc_id: ref(`aws_vpc.${v}.id`),
    subnet_ids: ref(`aws_subnet.${v}.id`),
  },
});
/** Three VPCs (shared 10.30, dev 10.31, prod 10.32), one instance each, all routing 10/8 to the hub. */
const spokes = (): Res[] =>
  (['shared', 'dev', 'prod'] as const).flatMap((v, i) => [
    vpc(v, `10.3${i}.0.0/16`),
    subnet(v, `10.3${i}.1.0/24`, v, { availability_zone: 'us-east-1a' }),
    openGroup(`${v}_sg`, v),
    instance(`${v}1`, v, { private_ip: `10.3${i}.1.10` }, [`${v}_sg`]),
    toTgw(v),
  ]);

describe('aws_ec2_transit_gateway with its default route table', () => {
  it('attachments associate with and propagate to it: every VPC reaches every other', () => {
    const n = planNetwork(
      ...spokes(),
      { type: 'aws_ec2_transit_gateway', name: 'hub', values: {} },
      attach('shared'),
      attach('dev'),
      attach('prod'),
    );
    const table = n.transitGatewayRouteTables.get(`tf:${HUB}.association_default_route_table_id`);
    expect(table?.propagatingAttachmentIds).toHaveLength(3);
    expect(
      n.transitGatewayAttachments.get('tf:aws_ec2_transit_gateway_vpc_attachment.dev')
        ?.associatedRouteTableId,
    ).toBe(`tf:${HUB}.association_default_route_table_id`);
    const t = traceTcp(n, 'dev1', 'prod1', 22);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'tf:aws_instance.dev1',
      'tf:aws_instance.dev1.primary_network_interface_id',
      'tf:aws_security_group.dev_sg',
      'tf:aws_vpc.dev.default_network_acl_id',
      'tf:aws_vpc.dev.default_route_table_id',
      `tf:${HUB}`,
      'tf:aws_ec2_transit_gateway_vpc_attachment.dev',
      `tf:${HUB}.association_default_route_table_id`,
      'tf:aws_ec2_transit_gateway_vpc_attachment.prod',
      'tf:aws_vpc.prod.default_network_acl_id',
      'tf:aws_security_group.prod_sg',
      'tf:aws_instance.prod1.primary_network_interface_id',
      'tf:aws_instance.prod1',
    ]);
  });

  it('reads appliance_mode_support (the provider writes "disable" when it is not set)', () => {
    const n = planNetwork(
      ...spokes(),
      { type: 'aws_ec2_transit_gateway', name: 'hub', values: {} },
      attach('shared', { appliance_mode_support: 'enable' }),
      attach('dev', { appliance_mode_support: 'disable' }),
      attach('prod'),
    );
    const mode = (v: string) =>
      n.transitGatewayAttachments.get(`tf:aws_ec2_transit_gateway_vpc_attachment.${v}`)?.applianceModeSupport;
    expect([mode('shared'), mode('dev'), mode('prod')]).toEqual([true, false, undefined]);
  });

  it('an attachment that opts out of propagation is not reachable through the table', () => {
    const n = planNetwork(
      ...spokes(),
      { type: 'aws_ec2_transit_gateway', name: 'hub', values: {} },
      attach('shared'),
      attach('dev'),
      attach('prod', { transit_gateway_default_route_table_propagation: false }),
    );
    const t = traceTcp(n, 'dev1', 'prod1', 22);
    expect(t.verdict).toBe('unreachable');
    expect(t.blockers[0]?.code).toBe('NO_ROUTE_TO_DESTINATION');
  });
});

describe('aws_ec2_transit_gateway_route_table and its association, propagation and routes', () => {
  // examples/transit-gateway in small: shared reaches everyone; dev and prod reach shared only.
  const table = (name: string): Res => ({
    type: 'aws_ec2_transit_gateway_route_table',
    name,
    values: { tags: { Name: name } },
    expressions: { transit_gateway_id: ref(`${HUB}.id`) },
  });
  const link = (kind: 'association' | 'propagation', tableName: string, v: string): Res => ({
    type: `aws_ec2_transit_gateway_route_table_${kind}`,
    name: `${tableName}_${v}`,
    values: {},
    expressions: {
      transit_gateway_route_table_id: ref(`aws_ec2_transit_gateway_route_table.${tableName}.id`),
      transit_gateway_attachment_id: ref(`aws_ec2_transit_gateway_vpc_attachment.${v}.id`),
    },
  });
  const noDefaults = {
    transit_gateway_default_route_table_association: false,
    transit_gateway_default_route_table_propagation: false,
  };
  const network = (extra: Res[] = []) =>
    planNetwork(
      ...spokes(),
      {
        type: 'aws_ec2_transit_gateway',
        name: 'hub',
        values: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' },
      },
      attach('shared', noDefaults),
      attach('dev', noDefaults),
      attach('prod', noDefaults),
      table('rt_shared'),
      table('rt_isolated'),
      link('association', 'rt_shared', 'shared'),
      link('propagation', 'rt_shared', 'dev'),
      link('propagation', 'rt_shared', 'prod'),
      link('association', 'rt_isolated', 'dev'),
      link('association', 'rt_isolated', 'prod'),
      link('propagation', 'rt_isolated', 'shared'),
      ...extra,
    );

  it.each([
    ['dev1', 'shared1', 'reachable'],
    ['shared1', 'prod1', 'reachable'],
    ['dev1', 'prod1', 'unreachable'],
  ] as const)('%s -> %s is %s', (from, to, verdict) => {
    expect(traceTcp(network(), from, to, 22).verdict).toBe(verdict);
  });

  it('dev -> prod stops at rt_isolated, which has no route to prod', () => {
    const t = traceTcp(network(), 'dev1', 'prod1', 22);
    expect(hopIds(t).slice(-3)).toEqual([
      `tf:${HUB}`,
      'tf:aws_ec2_transit_gateway_vpc_attachment.dev',
      'tf:aws_ec2_transit_gateway_route_table.rt_isolated',
    ]);
    expect(t.blockers.map((b) => [b.code, b.component.id])).toEqual([
      ['NO_ROUTE_TO_DESTINATION', 'tf:aws_ec2_transit_gateway_route_table.rt_isolated'],
    ]);
  });

  it('a static blackhole route in the associated table drops the traffic it matches', () => {
    const blackhole: Res = {
      type: 'aws_ec2_transit_gateway_route',
      name: 'bh',
      values: { destination_cidr_block: '10.30.1.0/24', blackhole: true },
      expressions: {
        transit_gateway_route_table_id: ref('aws_ec2_transit_gateway_route_table.rt_isolated.id'),
      },
    };
    const n = network([blackhole]);
    expect(
      n.transitGatewayRouteTables.get('tf:aws_ec2_transit_gateway_route_table.rt_isolated')?.routes,
    ).toEqual([
      expect.objectContaining({ destinationText: '10.30.1.0/24', state: 'blackhole', attachmentIds: [] }),
    ]);
    const t = traceTcp(n, 'dev1', 'shared1', 22);
    expect(t.verdict).toBe('unreachable');
    expect(t.blockers[0]?.component.id).toBe('tf:aws_ec2_transit_gateway_route_table.rt_isolated');
  });
});

describe("aws_ec2_transit_gateway_vpc_attachment_accepter (the transit gateway owner accepts another account's VPC)", () => {
  it('adds the attachment from the attributes the accepter exports, associated and propagated as it says', () => {
    const n = planNetwork(
      { type: 'aws_ec2_transit_gateway', name: 'hub', values: { id: 'tgw-0abc' } },
      {
        type: 'aws_ec2_transit_gateway_vpc_attachment_accepter',
        name: 'partner',
        values: {
          transit_gateway_attachment_id: 'tgw-attach-0123',
          transit_gateway_id: 'tgw-0abc',
          vpc_id: 'vpc-0partner',
          subnet_ids: ['subnet-0a', 'subnet-0b'],
          appliance_mode_support: 'enable',
          transit_gateway_default_route_table_association: true,
          transit_gateway_default_route_table_propagation: false,
        },
      },
    );
    const a = n.transitGatewayAttachments.get('tgw-attach-0123');
    expect(a).toMatchObject({
      transitGatewayId: 'tgw-0abc',
      resourceType: 'vpc',
      resourceId: 'vpc-0partner',
      subnetIds: ['subnet-0a', 'subnet-0b'],
      applianceModeSupport: true,
      associatedRouteTableId: n.transitGateways.get('tgw-0abc')?.associationDefaultRouteTableId,
    });
    expect(a?.associatedRouteTableId).toBeDefined();
    const table = n.transitGatewayRouteTables.get(a!.associatedRouteTableId!);
    expect(table?.propagatingAttachmentIds).not.toContain('tgw-attach-0123');
    expect(n.data.warnings.filter((w) => w.code === 'UNSUPPORTED_RESOURCE')).toEqual([]);
  });
});
