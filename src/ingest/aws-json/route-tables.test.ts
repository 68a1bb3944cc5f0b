import { describe, expect, it } from 'vitest';
import type { RouteTarget } from '../../model/index.js';
import { formatCidr } from '../../net/index.js';
import { readRouteTables } from './route-tables.js';
import { testContext } from './test-context.js';

function table(routes: unknown[], extra: Record<string, unknown> = {}) {
  return { RouteTableId: 'rtb-1', VpcId: 'vpc-1', Routes: routes, ...extra };
}

describe('readRouteTables: targets', () => {
  const cases: [string, Record<string, unknown>, RouteTarget][] = [
    ['local', { GatewayId: 'local' }, { type: 'local', id: 'local' }],
    ['internet gateway', { GatewayId: 'igw-1' }, { type: 'internet-gateway', id: 'igw-1' }],
    ['virtual private gateway', { GatewayId: 'vgw-1' }, { type: 'vpn-gateway', id: 'vgw-1' }],
    ['gateway endpoint', { GatewayId: 'vpce-1' }, { type: 'vpc-endpoint', id: 'vpce-1' }],
    [
      'egress-only IGW',
      { EgressOnlyInternetGatewayId: 'eigw-1' },
      { type: 'egress-only-internet-gateway', id: 'eigw-1' },
    ],
    ['NAT gateway', { NatGatewayId: 'nat-1' }, { type: 'nat-gateway', id: 'nat-1' }],
    [
      'instance with its ENI',
      { InstanceId: 'i-1', InstanceOwnerId: '1', NetworkInterfaceId: 'eni-1' },
      { type: 'instance', id: 'i-1', networkInterfaceId: 'eni-1' },
    ],
    ['network interface', { NetworkInterfaceId: 'eni-2' }, { type: 'network-interface', id: 'eni-2' }],
    ['peering', { VpcPeeringConnectionId: 'pcx-1' }, { type: 'vpc-peering-connection', id: 'pcx-1' }],
    ['transit gateway', { TransitGatewayId: 'tgw-1' }, { type: 'transit-gateway', id: 'tgw-1' }],
    ['local gateway', { LocalGatewayId: 'lgw-1' }, { type: 'local-gateway', id: 'lgw-1' }],
    ['carrier gateway', { CarrierGatewayId: 'cagw-1' }, { type: 'carrier-gateway', id: 'cagw-1' }],
    [
      'core network',
      { CoreNetworkArn: 'arn:aws:networkmanager::1:core-network/cn-1' },
      { type: 'core-network', id: 'arn:aws:networkmanager::1:core-network/cn-1' },
    ],
    [
      'ODB network',
      { OdbNetworkArn: 'arn:aws:odb:us-east-1:1:odb-network/odb-1' },
      { type: 'odb-network', id: 'arn:aws:odb:us-east-1:1:odb-network/odb-1' },
    ],
  ];
  it.each(cases)('%s', (_name, fields, target) => {
    const { ctx, warnings } = testContext();
    const [rt] = readRouteTables(
      [table([{ DestinationCidrBlock: '0.0.0.0/0', State: 'active', Origin: 'CreateRoute', ...fields }])],
      ctx,
    );
    expect(warnings).toEqual([]);
    expect(rt?.routes[0]?.target).toEqual(target);
  });

  it('keeps a route with an unknown GatewayId prefix, no target or a Route Server next hop, with an unknown target', () => {
    const { ctx, warnings } = testContext();
    const [rt] = readRouteTables(
      [
        table([
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'xgw-1' },
          { DestinationCidrBlock: '192.168.0.0/16' },
          { DestinationCidrBlock: '8.8.8.0/24', IpAddress: '10.1.0.99', Origin: 'Advertisement' },
        ]),
      ],
      ctx,
    );
    // Dropping them would let a less specific route decide: they stay, and traces through them are unknown.
    expect(rt?.routes.map((r) => [r.destinationText, r.target.type, r.target.id])).toEqual([
      ['10.0.0.0/16', 'local', 'local'],
      ['0.0.0.0/0', 'unknown', 'xgw-1'],
      ['192.168.0.0/16', 'unknown', 'unknown'],
      ['8.8.8.0/24', 'unknown', '10.1.0.99'],
    ]);
    expect(warnings.map((w) => [w.code, w.field, w.value])).toEqual([
      ['BAD_VALUE', 'Routes[1].GatewayId', 'xgw-1'],
      ['BAD_VALUE', 'Routes[2].GatewayId', ''],
      ['BAD_VALUE', 'Routes[3].IpAddress', '10.1.0.99'],
    ]);
    expect(warnings[0]?.detail).toContain('unknown route target');
    expect(warnings[2]?.detail).toContain('Route Server');
  });
});

describe('readRouteTables: destinations, state, origin, associations', () => {
  it('reads IPv4, IPv6 and prefix-list destinations', () => {
    const { ctx, warnings } = testContext();
    const [rt] = readRouteTables(
      [
        table([
          {
            DestinationCidrBlock: '10.0.0.0/16',
            GatewayId: 'local',
            Origin: 'CreateRouteTable',
            State: 'active',
          },
          {
            DestinationIpv6CidrBlock: '::/0',
            EgressOnlyInternetGatewayId: 'eigw-1',
            Origin: 'CreateRoute',
            State: 'active',
          },
          {
            DestinationPrefixListId: 'pl-63a5400a',
            GatewayId: 'vpce-1',
            Origin: 'CreateRoute',
            State: 'active',
          },
          {
            DestinationCidrBlock: '10.1.1.0/24',
            GatewayId: 'vgw-1',
            Origin: 'EnableVgwRoutePropagation',
            State: 'blackhole',
          },
        ]),
      ],
      ctx,
    );
    expect(warnings).toEqual([]);
    const routes = rt?.routes ?? [];
    expect(routes.map((r) => r.destinationText)).toEqual([
      '10.0.0.0/16',
      '::/0',
      'pl-63a5400a',
      '10.1.1.0/24',
    ]);
    expect(routes[1]?.destination.kind === 'cidr' && formatCidr(routes[1].destination.cidr)).toBe('::/0');
    expect(routes[2]?.destination).toEqual({ kind: 'prefix-list', prefixListId: 'pl-63a5400a' });
    expect(routes.map((r) => r.origin)).toEqual([
      'CreateRouteTable',
      'CreateRoute',
      'CreateRoute',
      'EnableVgwRoutePropagation',
    ]);
    expect(routes.map((r) => r.state)).toEqual(['active', 'active', 'active', 'blackhole']);
  });

  it('defaults State to active and Origin to CreateRoute; warns on unknown values and keeps the route', () => {
    const { ctx, warnings } = testContext();
    const [rt] = readRouteTables(
      [
        table([
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' },
          { DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'igw-1', State: 'weird', Origin: 'Magic' },
        ]),
      ],
      ctx,
    );
    // An unknown state is traced as unknown (filtered), never assumed to forward.
    expect(rt?.routes.map((r) => [r.state, r.origin])).toEqual([
      ['active', 'CreateRoute'],
      ['filtered', 'CreateRoute'],
    ]);
    expect(warnings.map((w) => [w.code, w.field, w.skipped])).toEqual([
      ['BAD_VALUE', 'Routes[1].State', undefined],
      ['BAD_VALUE', 'Routes[1].Origin', undefined],
    ]);
  });

  it('drops a route with a bad destination CIDR and canonicalises host bits', () => {
    const { ctx, warnings } = testContext();
    const [rt] = readRouteTables(
      [
        table([
          { DestinationCidrBlock: '10.0.0.0/40', GatewayId: 'igw-1' },
          { DestinationCidrBlock: '100.68.0.18/18', GatewayId: 'igw-1' },
          { DestinationIpv6CidrBlock: '10.0.0.0/8', GatewayId: 'igw-1' },
          { GatewayId: 'igw-1' },
        ]),
      ],
      ctx,
    );
    expect(rt?.routes.map((r) => r.destination.kind === 'cidr' && formatCidr(r.destination.cidr))).toEqual([
      '100.68.0.0/18',
    ]);
    expect(warnings.map((w) => [w.code, w.field, w.skipped])).toEqual([
      ['BAD_VALUE', 'Routes[0].DestinationCidrBlock', true],
      ['NON_CANONICAL_CIDR', 'Routes[1].DestinationCidrBlock', undefined],
      ['BAD_VALUE', 'Routes[2].DestinationIpv6CidrBlock', true],
      ['BAD_VALUE', 'Routes[3].DestinationCidrBlock', true],
    ]);
  });

  it('reads associations and propagating VGWs', () => {
    const { ctx } = testContext();
    const [rt] = readRouteTables(
      [
        table([], {
          OwnerId: '111122223333',
          Associations: [
            { Main: true, RouteTableAssociationId: 'rtbassoc-1', AssociationState: { State: 'associated' } },
            { Main: false, SubnetId: 'subnet-1', RouteTableAssociationId: 'rtbassoc-2' },
            { Main: false, GatewayId: 'igw-1', AssociationState: { State: 'disassociated' } },
          ],
          PropagatingVgws: [{ GatewayId: 'vgw-1' }],
        }),
      ],
      ctx,
    );
    expect(rt?.associations).toEqual([
      {
        routeTableAssociationId: 'rtbassoc-1',
        main: true,
        subnetId: undefined,
        gatewayId: undefined,
        state: 'associated',
      },
      {
        routeTableAssociationId: 'rtbassoc-2',
        main: false,
        subnetId: 'subnet-1',
        gatewayId: undefined,
        state: undefined,
      },
      {
        routeTableAssociationId: undefined,
        main: false,
        subnetId: undefined,
        gatewayId: 'igw-1',
        state: 'disassociated',
      },
    ]);
    expect(rt?.propagatingVgws).toEqual(['vgw-1']);
    expect(rt?.ownerId).toBe('111122223333');
  });
});
