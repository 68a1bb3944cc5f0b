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

const route = (name: string, vpcName: string, dest: string, pcx: string): Res => ({
  type: 'aws_route',
  name,
  values: { destination_cidr_block: dest },
  expressions: {
    route_table_id: ref(`aws_vpc.${vpcName}.default_route_table_id`, `aws_vpc.${vpcName}`),
    vpc_peering_connection_id: ref(`${pcx}.id`, pcx),
  },
});

const network = (peering: Res[], pcx = 'aws_vpc_peering_connection.ab') =>
  planNetwork(
    vpc('a', '10.0.0.0/16'),
    vpc('b', '10.1.0.0/16'),
    subnet('a', '10.0.1.0/24', 'a'),
    subnet('b', '10.1.1.0/24', 'b'),
    openGroup('open', 'a'),
    openGroup('openb', 'b'),
    instance('a1', 'a', { private_ip: '10.0.1.10' }),
    instance('b1', 'b', { private_ip: '10.1.1.10' }, ['openb']),
    ...peering,
    route('ab', 'a', '10.1.0.0/16', pcx),
    route('ba', 'b', '10.0.0.0/16', pcx),
  );

const request = (autoAccept: boolean): Res => ({
  type: 'aws_vpc_peering_connection',
  name: 'ab',
  values: { auto_accept: autoAccept },
  expressions: { vpc_id: ref('aws_vpc.a.id'), peer_vpc_id: ref('aws_vpc.b.id') },
});

describe('aws_vpc_peering_connection', () => {
  it('auto-accepted: both VPCs reach each other through it', () => {
    const n = network([request(true)]);
    expect(n.vpcPeeringConnections.get('tf:aws_vpc_peering_connection.ab')).toMatchObject({
      status: 'active',
      requester: { vpcId: 'tf:aws_vpc.a' },
      accepter: { vpcId: 'tf:aws_vpc.b' },
    });
    const t = traceTcp(n, 'a1', 'b1', 443);
    expect(t.verdict).toBe('reachable');
    expect(hopIds(t)).toEqual([
      'tf:aws_instance.a1',
      'tf:aws_instance.a1.primary_network_interface_id',
      'tf:aws_security_group.open',
      'tf:aws_vpc.a.default_network_acl_id',
      'tf:aws_vpc.a.default_route_table_id',
      'tf:aws_vpc_peering_connection.ab',
      'tf:aws_vpc.b.default_network_acl_id',
      'tf:aws_security_group.openb',
      'tf:aws_instance.b1.primary_network_interface_id',
      'tf:aws_instance.b1',
    ]);
  });

  it('not accepted: pending-acceptance carries nothing', () => {
    const t = traceTcp(network([request(false)]), 'a1', 'b1', 443);
    expect(t.verdict).toBe('unreachable');
    expect(t.blockers.map((b) => [b.code, b.component.id])).toContainEqual([
      'BAD_STATE',
      'tf:aws_vpc_peering_connection.ab',
    ]);
  });

  it('accepted by aws_vpc_peering_connection_accepter, and routes may name the accepter', () => {
    const accepter: Res = {
      type: 'aws_vpc_peering_connection_accepter',
      name: 'ab',
      values: { auto_accept: true },
      expressions: { vpc_peering_connection_id: ref('aws_vpc_peering_connection.ab.id') },
    };
    const n = network([request(false), accepter], 'aws_vpc_peering_connection_accepter.ab');
    expect(n.vpcPeeringConnections.get('tf:aws_vpc_peering_connection.ab')?.status).toBe('active');
    expect(traceTcp(n, 'b1', 'a1', 22).verdict).toBe('reachable');
  });
});
