import { describe, expect, it } from 'vitest';
import { peering, route } from '../../../engine/evaluate/test-network.js';
import type { RouteTable } from '../../../model/index.js';
import { messageOf } from '../../messages.js';
import { example, patch, summary } from '../../test-helpers.js';

const MAIN = 'rtb-092727edb5592c0f2';
const PUBLIC = 'rtb-073ec0934db136d13';
const IGW = 'igw-02960340f5283e16f';

const withRoutes = (id: string, ...extra: ReturnType<typeof route>[]) =>
  example('nat-instance', (d) => ({
    routeTables: patch(
      d.routeTables,
      (t) => t.routeTableId,
      id,
      (t): RouteTable => ({ ...t, routes: [...t.routes, ...extra] }),
    ),
  }));

describe('RT001 main route table with routes used implicitly', () => {
  it.each([
    ['main table local only', example('nat-instance'), []],
    [
      'main table with an internet route, db-subnet implicit',
      withRoutes(MAIN, route({ dst: '0.0.0.0/0', target: IGW })),
      [`warning ${MAIN}`],
    ],
    [
      'main table with only a gateway-endpoint route',
      withRoutes(MAIN, route({ dst: 'pl-63a5400a', target: 'vpce-1' })),
      [],
    ],
    [
      'main table with routes but every subnet associated explicitly',
      example('nat-instance', (d) => ({
        routeTables: patch(
          d.routeTables,
          (t) => t.routeTableId,
          MAIN,
          (t) => ({
            ...t,
            routes: [...t.routes, route({ dst: '0.0.0.0/0', target: IGW })],
            associations: t.associations.filter((a) => a.main),
          }),
        ).map((t) =>
          t.routeTableId === PUBLIC
            ? {
                ...t,
                associations: [...t.associations, { main: false, subnetId: 'subnet-06dffff3b1988ddd8' }],
              }
            : t,
        ),
      })),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('RT001', net)).toEqual(want));
});

describe('RT002 blackhole routes', () => {
  it.each([
    ['active routes only', example('nat-instance'), []],
    [
      'a blackhole route',
      withRoutes(PUBLIC, route({ dst: '10.9.0.0/16', target: 'pcx-gone', state: 'blackhole' })),
      [`warning ${PUBLIC}`],
    ],
    [
      'a blackhole route to a NAT gateway missing from the snapshot',
      withRoutes(PUBLIC, route({ dst: '10.8.0.0/16', target: 'nat-gone', state: 'blackhole' })),
      [`warning ${PUBLIC}`],
    ],
  ])('%s', (_name, net, want) => expect(summary('RT002', net)).toEqual(want));
});

describe('RT003 routes to missing or detached gateways', () => {
  it.each([
    ['attached internet gateway', example('nat-instance'), []],
    [
      'active route to an internet gateway not in the snapshot',
      withRoutes(PUBLIC, route({ dst: '10.9.0.0/16', target: 'igw-gone' })),
      [`error ${PUBLIC}`],
    ],
    [
      'internet gateway detached from the VPC',
      example('nat-instance', (d) => ({
        internetGateways: d.internetGateways.map((g) => ({ ...g, attachments: [] })),
      })),
      [`error ${PUBLIC}`],
    ],
    [
      'active route over a peering connection missing from the snapshot',
      example('nat-instance', (d) => ({
        present: new Set([...d.present, 'VpcPeeringConnections' as const]),
        routeTables: patch(
          d.routeTables,
          (t) => t.routeTableId,
          PUBLIC,
          (t) => ({
            ...t,
            routes: [...t.routes, route({ dst: '10.50.0.0/16', target: 'pcx-gone' })],
          }),
        ),
      })),
      [`error ${PUBLIC}`],
    ],
    [
      'active route over a deleted peering connection',
      example('nat-instance', (d) => ({
        present: new Set([...d.present, 'VpcPeeringConnections' as const]),
        vpcPeeringConnections: [peering('pcx-1', 'vpc-089814db9898d3fd0', 'vpc-other', 'deleted')],
        routeTables: patch(
          d.routeTables,
          (t) => t.routeTableId,
          PUBLIC,
          (t) => ({
            ...t,
            routes: [...t.routes, route({ dst: '10.50.0.0/16', target: 'pcx-1' })],
          }),
        ),
      })),
      [`error ${PUBLIC}`],
    ],
    [
      'active route over an active peering connection',
      example('nat-instance', (d) => ({
        present: new Set([...d.present, 'VpcPeeringConnections' as const]),
        vpcPeeringConnections: [peering('pcx-1', 'vpc-089814db9898d3fd0', 'vpc-other')],
        routeTables: patch(
          d.routeTables,
          (t) => t.routeTableId,
          PUBLIC,
          (t) => ({
            ...t,
            routes: [...t.routes, route({ dst: '10.50.0.0/16', target: 'pcx-1' })],
          }),
        ),
      })),
      [],
    ],
    [
      'blackhole route (RT002 reports it, not RT003)',
      withRoutes(PUBLIC, route({ dst: '10.9.0.0/16', target: 'igw-gone', state: 'blackhole' })),
      [],
    ],
    [
      'peering connections not captured: cannot tell',
      withRoutes(PUBLIC, route({ dst: '10.50.0.0/16', target: 'pcx-gone' })),
      [],
    ],
    [
      'gateway kind not in the snapshot: cannot tell',
      example('nat-instance', (d) => ({
        present: new Set([...d.present].filter((k) => k !== 'InternetGateways')),
        internetGateways: [],
      })),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('RT003', net)).toEqual(want));
});

describe('RT004 IPv4 route to an egress-only internet gateway', () => {
  it.each([
    ['IPv6 default route to the EIGW', withRoutes(PUBLIC, route({ dst: '::/0', target: 'eigw-1' })), []],
    [
      'IPv4 route to the EIGW',
      withRoutes(PUBLIC, route({ dst: '192.0.2.0/24', target: 'eigw-1' })),
      [`error ${PUBLIC}`],
    ],
  ])('%s', (_name, net, want) => expect(summary('RT004', net)).toEqual(want));
});

describe('RT003 transit gateway routes', () => {
  const TGW = 'tgw-050dbe21957bcd446';
  const RTB = 'rtb-08a97c308f8d290ad';
  it.each([
    ['attached transit gateway (examples/transit-gateway)', example('transit-gateway'), []],
    [
      'VPC attachment deleted',
      example('transit-gateway', (d) => ({
        transitGatewayAttachments: (d.transitGatewayAttachments ?? []).map((a) =>
          a.resourceId === 'vpc-072a150cf16e39d38' ? { ...a, state: 'deleted' } : a,
        ),
      })),
      [`error ${RTB}`],
    ],
    [
      'transit gateway missing',
      example('transit-gateway', (d) => ({
        transitGateways: (d.transitGateways ?? []).filter((t) => t.transitGatewayId !== TGW),
      })),
      ['error rtb-007c1d958251283b6', 'error rtb-08a97c308f8d290ad', 'error rtb-0dfb094789fef6580'],
    ],
  ])('%s', (_name, net, want) => expect(summary('RT003', net).sort()).toEqual(want));
});

describe('RT003 wording', () => {
  it.each([
    ['missing', 'not in the snapshot'],
    ['detached', 'not attached to the VPC'],
    ['inactive', 'not active'],
    ['deleted', 'deleted or failed'],
  ])('%s', (why, text) => {
    const f = {
      ruleId: 'RT003',
      level: 'error' as const,
      resources: [],
      data: { table: 'rtb-1', destination: '0.0.0.0/0', target: 'x', why },
    };
    expect(messageOf(f)).toContain(text);
  });
});
