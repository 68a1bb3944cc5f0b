import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Route } from '../../model/index.js';
import {
  type Cidr,
  cidrContains,
  cidrEquals,
  cidrOf,
  type Family,
  formatCidr,
  type Ip,
} from '../../net/index.js';
import { clusteredCidrsArb, probeArb } from '../../net/test-arbitraries.js';
import { lookupRoute, type RouteLookup } from './route-table.js';
import { cidr, ip, network, prefixList, type RouteSpec, route, routeTable } from './test-network.js';

const PROPAGATED = 'EnableVgwRoutePropagation' as const;

const net = network({
  prefixLists: [
    prefixList('pl-s3', ['52.216.0.0/15', '3.5.0.0/19']),
    prefixList('pl-unknown', undefined),
    prefixList('pl-ddb', undefined, 'com.amazonaws.us-east-1.dynamodb'),
    prefixList('pl-a', ['198.51.100.0/24']),
    prefixList('pl-b', ['192.0.2.0/24', '198.51.100.0/24']),
    prefixList('pl-c', ['198.51.100.0/25']),
    prefixList('pl-nested', ['52.0.0.0/8', '52.217.0.0/16']),
  ],
});

/** `target@matched-cidr`, plus ` (blackhole)` / ` nondeterministic`; or `none`, `unroutable <range>`, `unknown <pl>`. */
function show(r: RouteLookup): string {
  switch (r.kind) {
    case 'none':
      return 'none';
    case 'unroutable':
      return `unroutable ${r.range}`;
    case 'unknown':
      return `unknown ${r.prefixListId}`;
    case 'route': {
      const c = r.choice;
      const state = c.route.state === 'active' ? '' : ` (${c.route.state})`;
      return `${c.route.target.id}@${formatCidr(c.matchedCidr)}${state}${r.nonDeterministic ? ' nondeterministic' : ''}`;
    }
  }
}

const LOCAL: RouteSpec = { dst: '10.0.0.0/16', target: 'local' };
const DEFAULT_IGW: RouteSpec = { dst: '0.0.0.0/0', target: 'igw-1' };

interface Case {
  name: string;
  routes: RouteSpec[];
  dst: string;
  service?: string;
  want: string;
}

const cases: Case[] = [
  // longest prefix
  ...(
    [
      ['172.31.5.9', 'tgw-1@172.31.5.0/24'],
      ['172.31.6.1', 'pcx-1@172.31.0.0/16'],
      ['8.8.8.8', 'igw-1@0.0.0.0/0'],
      ['10.0.3.3', 'local@10.0.0.0/16'],
    ] as const
  ).map(
    ([dst, want]): Case => ({
      name: `longest prefix wins: ${dst}`,
      routes: [
        DEFAULT_IGW,
        { dst: '172.31.5.0/24', target: 'tgw-1' },
        LOCAL,
        { dst: '172.31.0.0/16', target: 'pcx-1' },
      ],
      dst,
      want,
    }),
  ),
  {
    name: 'a /32 route wins over its /24',
    routes: [
      { dst: '10.9.0.0/24', target: 'pcx-1' },
      { dst: '10.9.0.7/32', target: 'eni-1' },
    ],
    dst: '10.9.0.7',
    want: 'eni-1@10.9.0.7/32',
  },
  // static vs propagated
  {
    name: 'static beats propagated on an identical prefix (AWS example)',
    routes: [
      LOCAL,
      { dst: '172.31.0.0/24', target: 'vgw-1', origin: PROPAGATED },
      { dst: '172.31.0.0/24', target: 'igw-1' },
    ],
    dst: '172.31.0.9',
    want: 'igw-1@172.31.0.0/24',
  },
  {
    name: 'a more specific propagated route beats a less specific static one',
    routes: [DEFAULT_IGW, { dst: '192.168.0.0/16', target: 'vgw-1', origin: PROPAGATED }],
    dst: '192.168.4.4',
    want: 'vgw-1@192.168.0.0/16',
  },
  {
    name: 'a propagated route more specific than local loses to local',
    routes: [{ dst: '10.0.5.0/24', target: 'vgw-1', origin: PROPAGATED }, LOCAL, DEFAULT_IGW],
    dst: '10.0.5.5',
    want: 'local@10.0.0.0/16',
  },
  {
    name: 'a propagated route outside the VPC is used',
    routes: [{ dst: '10.50.0.0/16', target: 'vgw-1', origin: PROPAGATED }, LOCAL, DEFAULT_IGW],
    dst: '10.50.1.1',
    want: 'vgw-1@10.50.0.0/16',
  },
  // prefix lists
  {
    name: 'prefix-list route beats 0.0.0.0/0',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-s3', target: 'vpce-s3' }],
    dst: '52.217.1.1',
    want: 'vpce-s3@52.216.0.0/15',
  },
  {
    name: 'prefix-list route matches by its second entry',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-s3', target: 'vpce-s3' }],
    dst: '3.5.31.255',
    want: 'vpce-s3@3.5.0.0/19',
  },
  {
    name: 'prefix-list route does not cover addresses outside its entries',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-s3', target: 'vpce-s3' }],
    dst: '3.5.32.0',
    want: 'igw-1@0.0.0.0/0',
  },
  {
    name: 'prefix-list route loses to a more specific static CIDR',
    routes: [
      LOCAL,
      DEFAULT_IGW,
      { dst: 'pl-s3', target: 'vpce-s3' },
      { dst: '52.217.0.0/16', target: 'nat-1' },
    ],
    dst: '52.217.1.1',
    want: 'nat-1@52.217.0.0/16',
  },
  {
    name: 'a prefix-list route counts with its longest matching entry',
    routes: [LOCAL, { dst: '52.216.0.0/15', target: 'igw-1' }, { dst: 'pl-nested', target: 'vpce-1' }],
    dst: '52.217.1.1',
    want: 'vpce-1@52.217.0.0/16',
  },
  {
    name: 'static CIDR beats a prefix-list route on an identical prefix',
    routes: [LOCAL, { dst: 'pl-s3', target: 'vpce-s3' }, { dst: '52.216.0.0/15', target: 'igw-1' }],
    dst: '52.217.1.1',
    want: 'igw-1@52.216.0.0/15',
  },
  {
    name: 'prefix-list route beats a propagated route on an identical prefix',
    routes: [
      LOCAL,
      { dst: '52.216.0.0/15', target: 'vgw-1', origin: PROPAGATED },
      { dst: 'pl-s3', target: 'vpce-s3' },
    ],
    dst: '52.217.1.1',
    want: 'vpce-s3@52.216.0.0/15',
  },
  {
    name: 'prefix-list routes with identical-length overlapping entries to different targets: non-deterministic',
    routes: [LOCAL, { dst: 'pl-a', target: 'vpce-1' }, { dst: 'pl-b', target: 'tgw-1' }],
    dst: '198.51.100.7',
    want: 'vpce-1@198.51.100.0/24 nondeterministic',
  },
  {
    name: 'overlapping prefix-list entries: an address only one list covers is deterministic',
    routes: [LOCAL, { dst: 'pl-a', target: 'vpce-1' }, { dst: 'pl-b', target: 'tgw-1' }],
    dst: '192.0.2.7',
    want: 'tgw-1@192.0.2.0/24',
  },
  {
    name: 'a static route of the same length settles overlapping prefix lists',
    routes: [
      LOCAL,
      { dst: 'pl-a', target: 'vpce-1' },
      { dst: 'pl-b', target: 'tgw-1' },
      { dst: '198.51.100.0/24', target: 'pcx-1' },
    ],
    dst: '198.51.100.7',
    want: 'pcx-1@198.51.100.0/24',
  },
  {
    name: 'a more specific prefix-list entry wins over a shorter one',
    routes: [LOCAL, { dst: 'pl-a', target: 'vpce-1' }, { dst: 'pl-c', target: 'tgw-1' }],
    dst: '198.51.100.7',
    want: 'tgw-1@198.51.100.0/25',
  },
  // blackhole
  {
    name: 'a matching blackhole route is returned (no fallback to a shorter route)',
    routes: [LOCAL, DEFAULT_IGW, { dst: '10.1.0.0/16', target: 'pcx-gone', state: 'blackhole' }],
    dst: '10.1.2.3',
    want: 'pcx-gone@10.1.0.0/16 (blackhole)',
  },
  {
    name: 'a blackhole default route',
    routes: [LOCAL, { dst: '0.0.0.0/0', target: 'nat-gone', state: 'blackhole' }],
    dst: '8.8.8.8',
    want: 'nat-gone@0.0.0.0/0 (blackhole)',
  },
  // address families
  {
    name: '0.0.0.0/0 does not match an IPv6 destination',
    routes: [LOCAL, DEFAULT_IGW],
    dst: '2600:1f18::1',
    want: 'none',
  },
  {
    name: '::/0 matches an IPv6 destination',
    routes: [LOCAL, DEFAULT_IGW, { dst: '::/0', target: 'eigw-1' }],
    dst: '2600:1f18::1',
    want: 'eigw-1@::/0',
  },
  {
    name: '::/0 does not match an IPv4 destination',
    routes: [{ dst: '::/0', target: 'eigw-1' }],
    dst: '8.8.8.8',
    want: 'none',
  },
  {
    name: 'IPv6 longest prefix and local',
    routes: [
      { dst: '2600:1f18:aa::/56', target: 'local' },
      { dst: '::/0', target: 'igw-1' },
      { dst: '64:ff9b::/96', target: 'nat-1' },
    ],
    dst: '64:ff9b::808:808',
    want: 'nat-1@64:ff9b::/96',
  },
  // link-local service ranges
  {
    name: 'IMDS is unroutable',
    routes: [LOCAL, DEFAULT_IGW],
    dst: '169.254.169.254',
    want: 'unroutable 169.254.168.0/22',
  },
  {
    name: 'first address of the /22',
    routes: [DEFAULT_IGW],
    dst: '169.254.168.0',
    want: 'unroutable 169.254.168.0/22',
  },
  {
    name: 'just past the /22 is routed',
    routes: [DEFAULT_IGW],
    dst: '169.254.172.0',
    want: 'igw-1@0.0.0.0/0',
  },
  {
    name: 'just before the /22 is routed',
    routes: [DEFAULT_IGW],
    dst: '169.254.167.255',
    want: 'igw-1@0.0.0.0/0',
  },
  {
    name: 'fd00:ec2::254 is unroutable',
    routes: [{ dst: '::/0', target: 'igw-1' }],
    dst: 'fd00:ec2::254',
    want: 'unroutable fd00:ec2::/32',
  },
  // prefix lists whose entries were not captured
  {
    name: 'unknown prefix list that could beat the default route: unknown',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-unknown', target: 'vpce-1' }],
    dst: '52.217.1.1',
    want: 'unknown pl-unknown',
  },
  {
    name: 'unknown prefix list and nothing else matching: unknown',
    routes: [LOCAL, { dst: 'pl-unknown', target: 'vpce-1' }],
    dst: '52.217.1.1',
    want: 'unknown pl-unknown',
  },
  {
    name: 'unknown AWS-managed list of another service: not covered (service lists are disjoint)',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-ddb', target: 'vpce-1' }],
    dst: '52.217.1.1',
    service: 'pl-s3',
    want: 'igw-1@0.0.0.0/0',
  },
  {
    name: 'unknown customer list, packet addressed to a service: it may cover it',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-unknown', target: 'vpce-1' }],
    dst: '52.217.1.1',
    service: 'pl-s3',
    want: 'unknown pl-unknown',
  },
  {
    name: 'unknown prefix list cannot beat the local route',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-unknown', target: 'vpce-1' }],
    dst: '10.0.1.1',
    want: 'local@10.0.0.0/16',
  },
  {
    name: 'unknown prefix list cannot beat a /32 route',
    routes: [
      LOCAL,
      DEFAULT_IGW,
      { dst: 'pl-unknown', target: 'vpce-1' },
      { dst: '52.217.1.1/32', target: 'eni-1' },
    ],
    dst: '52.217.1.1',
    want: 'eni-1@52.217.1.1/32',
  },
  {
    name: 'a prefix list missing from the snapshot counts as unknown',
    routes: [LOCAL, DEFAULT_IGW, { dst: 'pl-notloaded', target: 'vpce-1' }],
    dst: '52.217.1.1',
    want: 'unknown pl-notloaded',
  },
  // nothing matches
  { name: 'empty table', routes: [], dst: '10.0.0.1', want: 'none' },
  { name: 'only local, destination outside', routes: [LOCAL], dst: '10.1.0.1', want: 'none' },
];

describe('lookupRoute (table)', () => {
  it.each(cases)('$name', (c) => {
    expect(show(lookupRoute(net, routeTable(c.routes), ip(c.dst), c.service))).toBe(c.want);
  });

  it('route order in the table does not matter', () => {
    for (const c of cases) {
      const reversed = routeTable([...c.routes].reverse());
      const got = show(lookupRoute(net, reversed, ip(c.dst), c.service));
      // Non-deterministic ties may name either route; everything else must be identical.
      if (c.want.endsWith('nondeterministic')) expect(got).toMatch(/nondeterministic$/);
      else expect(got, c.name).toBe(c.want);
    }
  });

  describe('unknown prefix list, packet addressed to that service', () => {
    const table = routeTable([LOCAL, DEFAULT_IGW, { dst: 'pl-unknown', target: 'vpce-1' }]);
    const got = () => lookupRoute(net, table, ip('52.217.1.1'), 'pl-unknown');
    it('takes the prefix-list route over 0.0.0.0/0', () => {
      const r = got();
      expect(r.kind === 'route' && r.choice.route.target.id).toBe('vpce-1');
      expect(r.kind === 'route' && r.choice.matchedCidr.prefix).toBeGreaterThan(0);
    });
    it('still loses to the local route', () => {
      expect(show(lookupRoute(net, table, ip('10.0.9.9'), 'pl-unknown'))).toBe('local@10.0.0.0/16');
    });
    // KNOWN BUG (reported, minor): the synthetic matchedCidr is {base: dst, prefix: 1}, which has host
    // bits set (net/types.ts: "`base` always has its host bits cleared"; formats as 52.217.1.1/1).
    it('reports a canonical matched CIDR', () => {
      const r = got();
      if (r.kind !== 'route') throw new Error(r.kind);
      const m = r.choice.matchedCidr;
      expect(cidrEquals(m, cidrOf({ family: m.family, value: m.base }, m.prefix))).toBe(true);
    });
  });

  // KNOWN BUG (reported, not fixed here; expectation DEDUCED from aws-semantics §1.2.4, §1.2.5, §1.4.5):
  // the engine swaps a winning propagated route for `local`, skipping a static subnet route (e.g. to
  // a middlebox ENI) that is more specific than local and also matches. Flip to `it` once fixed.
  it('a propagated route overlapping local is ignored, not replaced by local, when a more specific static route matches', () => {
    const table = routeTable([
      LOCAL,
      { dst: '10.0.1.0/24', target: 'eni-mbox' },
      { dst: '10.0.1.0/25', target: 'vgw-1', origin: PROPAGATED },
    ]);
    expect(show(lookupRoute(net, table, ip('10.0.1.5')))).toBe('eni-mbox@10.0.1.0/24');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: with CIDR routes only, the chosen route is a longest match (brute force), and on an
// identical prefix a static route is preferred over a propagated one.

const UNROUTABLE = [cidr('169.254.168.0/22'), cidr('fd00:ec2::/32')];

const tableArb = (family: Family) =>
  clusteredCidrsArb(family, 12).chain((cidrs) =>
    fc.tuple(
      fc.constant(cidrs),
      fc.array(fc.boolean(), { minLength: cidrs.length, maxLength: cidrs.length }),
      probeArb(family, cidrs),
    ),
  );

function check(cidrs: Cidr[], propagated: boolean[], dst: Ip, allowPropagated: boolean): void {
  const routes: Route[] = cidrs.map((c, i) =>
    route({
      dst: formatCidr(c),
      target: `tgw-${i}`,
      origin: allowPropagated && propagated[i] ? PROPAGATED : 'CreateRoute',
    }),
  );
  const got = lookupRoute(net, routeTable(routes), dst);
  if (UNROUTABLE.some((u) => cidrContains(u, dst))) {
    expect(got.kind).toBe('unroutable');
    return;
  }
  const matching = routes.filter(
    (r) => r.destination.kind === 'cidr' && cidrContains(r.destination.cidr, dst),
  );
  if (matching.length === 0) {
    expect(got.kind).toBe('none');
    return;
  }
  const prefixOf = (r: Route) => (r.destination.kind === 'cidr' ? r.destination.cidr.prefix : -1);
  const longest = Math.max(...matching.map(prefixOf));
  const best = matching.filter((r) => prefixOf(r) === longest);
  const staticBest = best.filter((r) => r.origin !== PROPAGATED);
  expect(got.kind).toBe('route');
  if (got.kind !== 'route') return;
  expect(got.nonDeterministic).toBe(false);
  expect(got.choice.matchedCidr.prefix).toBe(longest);
  expect(best).toContain(got.choice.route);
  if (got.choice.route.destination.kind === 'cidr')
    expect(cidrEquals(got.choice.route.destination.cidr, got.choice.matchedCidr)).toBe(true);
  if (staticBest.length > 0) expect(got.choice.route.origin).not.toBe(PROPAGATED);
}

describe('lookupRoute (properties)', () => {
  for (const family of [4, 6] as const) {
    it(`IPv${family}: static routes only, the choice is a brute-force longest match`, () => {
      fc.assert(
        fc.property(tableArb(family), ([cidrs, propagated, dst]) => check(cidrs, propagated, dst, false)),
        { numRuns: 300 },
      );
    });
    it(`IPv${family}: static and propagated routes (no local), longest match then static first`, () => {
      fc.assert(
        fc.property(tableArb(family), ([cidrs, propagated, dst]) => check(cidrs, propagated, dst, true)),
        { numRuns: 300 },
      );
    });
  }
});
