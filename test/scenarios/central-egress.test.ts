/**
 * Centralised egress through a transit gateway: a spoke VPC without an internet gateway routes
 * 0.0.0.0/0 to the transit gateway, whose default table sends it to an egress VPC; there the
 * attachment subnet's route table sends it to a NAT gateway, whose subnet routes to the internet
 * gateway and routes 10.0.0.0/8 back to the transit gateway for the replies.
 */
import { describe, expect, it } from 'vitest';
import {
  instance,
  openGroup,
  planNetwork,
  ref,
  route,
  routeTable,
  subnet,
  tgwAttachment,
  vpc,
} from '../../src/ingest/terraform/test-plan.js';
import type { Network } from '../../src/model/index.js';
import { expectVerdict, ids, run, tcp } from '../helpers.js';

const HUB = 'aws_ec2_transit_gateway.hub';
const zone = { availability_zone: 'us-east-1a' };
function network(withReturnRoute: boolean): Network {
  return planNetwork(
    vpc('spoke', '10.1.0.0/16'),
    subnet('s1', '10.1.1.0/24', 'spoke', zone),
    openGroup('s_sg', 'spoke'),
    instance('app', 's1', { private_ip: '10.1.1.10' }, ['s_sg']),
    vpc('egress', '10.9.0.0/16'),
    subnet('tgw', '10.9.1.0/24', 'egress', zone),
    subnet('pub', '10.9.2.0/24', 'egress', zone),
    {
      type: 'aws_internet_gateway',
      name: 'igw',
      values: {},
      expressions: { vpc_id: ref('aws_vpc.egress.id') },
    },
    { type: 'aws_eip', name: 'nat', values: { public_ip: '198.51.100.7' } },
    {
      type: 'aws_nat_gateway',
      name: 'nat',
      values: { private_ip: '10.9.2.5', public_ip: '198.51.100.7', connectivity_type: 'public' },
      expressions: { subnet_id: ref('aws_subnet.pub.id'), allocation_id: ref('aws_eip.nat.id') },
    },
    { type: 'aws_ec2_transit_gateway', name: 'hub', values: {} },
    tgwAttachment('spoke', 'spoke', ['s1']),
    tgwAttachment('egress', 'egress', ['tgw']),
    {
      type: 'aws_ec2_transit_gateway_route',
      name: 'default',
      values: { destination_cidr_block: '0.0.0.0/0' },
      expressions: {
        transit_gateway_attachment_id: ref('aws_ec2_transit_gateway_vpc_attachment.egress.id'),
        transit_gateway_route_table_id: ref(`${HUB}.association_default_route_table_id`),
      },
    },
    route('spoke_out', 'aws_vpc.spoke.default_route_table_id', '0.0.0.0/0', {
      transit_gateway_id: ref(`${HUB}.id`),
    }),
    ...routeTable('tgw', 'egress', ['tgw']),
    ...routeTable('pub', 'egress', ['pub']),
    route('tgw_nat', 'aws_route_table.tgw.id', '0.0.0.0/0', {
      nat_gateway_id: ref('aws_nat_gateway.nat.id'),
    }),
    route('pub_igw', 'aws_route_table.pub.id', '0.0.0.0/0', {
      gateway_id: ref('aws_internet_gateway.igw.id'),
    }),
    ...(withReturnRoute
      ? [route('pub_back', 'aws_route_table.pub.id', '10.0.0.0/8', { transit_gateway_id: ref(`${HUB}.id`) })]
      : []),
  );
}

describe('centralised egress through a transit gateway and a NAT gateway in an egress VPC', () => {
  it('app -> 8.8.8.8 leaves through the egress VPC and the reply comes back through the gateway', () => {
    const net = network(true);
    expect(net.data.warnings).toEqual([]);
    const t = run(net, tcp('app', '8.8.8.8', 443));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward).slice(5)).toEqual([
      `tf:${HUB}`,
      'tf:aws_ec2_transit_gateway_vpc_attachment.spoke',
      `tf:${HUB}.association_default_route_table_id`,
      'tf:aws_ec2_transit_gateway_vpc_attachment.egress',
      'tf:aws_vpc.egress.default_network_acl_id',
      'tf:aws_route_table.tgw',
      'tf:aws_vpc.egress.default_network_acl_id',
      'tf:aws_nat_gateway.nat.network_interface_id',
      'tf:aws_nat_gateway.nat',
      'tf:aws_vpc.egress.default_network_acl_id',
      'tf:aws_route_table.pub',
      'tf:aws_internet_gateway.igw',
      'internet',
    ]);
    expect(ids(t.return)).toContain('tf:aws_route_table.pub');
    expect(ids(t.return).slice(-2)).toEqual([
      'tf:aws_instance.app.primary_network_interface_id',
      'tf:aws_instance.app',
    ]);
  });

  it('without the NAT subnet route back to the transit gateway the reply follows 0.0.0.0/0 to the internet gateway and dies there', () => {
    const t = run(network(false), tcp('app', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(t.blockers.map((b) => [b.code, b.path, b.component.id])).toEqual([
      ['IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', 'return', 'tf:aws_internet_gateway.igw'],
      ['INTERNET_UNROUTABLE_DESTINATION', 'return', 'tf:aws_internet_gateway.igw'],
    ]);
  });
});
