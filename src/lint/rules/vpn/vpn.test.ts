import { describe, expect, it } from 'vitest';
import type {
  CustomerGateway,
  NetworkData,
  TransitGatewayAttachment,
  VpnConnection,
} from '../../../model/index.js';
import { mustParseCidr } from '../../../net/index.js';
import { messageOf } from '../../messages.js';
import { check, example, patch, summary } from '../../test-helpers.js';

const ONE_DOWN = 'vpn-03072bf545b516b26';
const BOTH_DOWN = 'vpn-0e568378b1f26a5d6';
const CGW = 'cgw-0e4d4aa8e158b7800';

const cgws = (change: (c: CustomerGateway) => CustomerGateway) =>
  example('vpn-vgw', (d) => ({ customerGateways: (d.customerGateways ?? []).map(change) }));

const dynamic = (asn: number) =>
  example('vpn-vgw', (d) => ({
    vpnConnections: (d.vpnConnections ?? []).map((v): VpnConnection => ({ ...v, staticRoutesOnly: false })),
    customerGateways: (d.customerGateways ?? []).map((c) =>
      c.customerGatewayId === CGW ? { ...c, bgpAsn: asn } : c,
    ),
  }));

describe('VPN001 same ASN on both sides', () => {
  const vpnOf = (net: ReturnType<typeof example>) =>
    [...net.vpnConnections.values()].find((v) => v.customerGatewayId === CGW)?.vpnConnectionId;
  it.each([
    ['65000 vs Amazon side 64512 (examples/vpn-vgw, static)', example('vpn-vgw'), false],
    ['dynamic routing with the customer gateway on 64512', dynamic(64512), true],
    ['dynamic routing with a different ASN', dynamic(65001), false],
    ['static routing: no BGP, no conflict', cgws((c) => ({ ...c, bgpAsn: 64512 })), false],
  ])('%s', (_name, net, fires) => {
    expect(summary('VPN001', net)).toEqual(fires ? [`error ${vpnOf(net)}`] : []);
  });
});

describe('VPN002 reserved customer gateway ASNs', () => {
  it.each<[string, number, string | undefined, number]>([
    ['private ASN', 65000, 'us-east-1', 0],
    ['7224 anywhere', 7224, 'us-east-1', 2],
    ['9059 in eu-west-1', 9059, 'eu-west-1', 2],
    ["9059 in us-east-1 is a customer's own ASN", 9059, 'us-east-1', 0],
    ['10124 in ap-northeast-1', 10124, 'ap-northeast-1', 2],
    ['17943 in ap-southeast-1', 17943, 'ap-southeast-1', 2],
    ['17493 in ap-southeast-1', 17493, 'ap-southeast-1', 2],
    ['17493 in eu-central-1', 17493, 'eu-central-1', 0],
  ])('%s', (_name, asn, region, count) => {
    const net = cgws((c) => ({ ...c, bgpAsn: asn, origin: { ...c.origin, region } }));
    const got = check('VPN002', net);
    expect(got.length).toBe(count);
    for (const f of got) expect(f.level).toBe('error');
  });
});

describe('VPN003 tunnels down', () => {
  it('examples/vpn-vgw: one connection with a tunnel down (warning), one with both (raised to error)', () => {
    expect(summary('VPN003', example('vpn-vgw')).sort()).toEqual([
      `error ${BOTH_DOWN}`,
      `warning ${ONE_DOWN}`,
    ]);
    const both = check('VPN003', example('vpn-vgw')).find((f) => f.resources[0]?.id === BOTH_DOWN);
    expect(both?.raised).toBe(true);
  });

  it('all tunnels up: no finding', () => {
    const net = example('vpn-vgw', (d) => ({
      vpnConnections: (d.vpnConnections ?? []).map((v) => ({
        ...v,
        tunnels: v.tunnels.map((t) => ({ ...t, status: 'UP' })),
      })),
    }));
    expect(summary('VPN003', net)).toEqual([]);
  });
});

describe('VPN004 route tables of subnets talking to on-premises without routes', () => {
  const ISOLATED = 'rtb-07477b320c2c43990';
  const VGW = 'vgw-033703de99dae0b9a';
  it.each([
    [
      'isolated-rt: app-sg names 192.168.0.0/16, no propagation (examples/vpn-vgw)',
      example('vpn-vgw'),
      [`warning ${ISOLATED}`],
    ],
    [
      'propagation enabled on isolated-rt',
      example('vpn-vgw', (d) => ({
        routeTables: d.routeTables.map((t) =>
          t.routeTableId === ISOLATED ? { ...t, propagatingVgws: [VGW] } : t,
        ),
      })),
      [],
    ],
    [
      'security groups naming no on-premises prefix',
      example('vpn-vgw', (d) => ({
        securityGroups: d.securityGroups.map((g) => ({
          ...g,
          ingress: g.ingress.filter((r) => r.peer.kind !== 'cidr' || r.peer.cidr.prefix !== 16),
        })),
      })),
      [],
    ],
    ['no VPN (examples/nat-instance)', example('nat-instance'), []],
  ])('%s', (_name, net, want) => expect(summary('VPN004', net)).toEqual(want));

  it('lists the prefixes without a route', () => {
    expect(check('VPN004', example('vpn-vgw'))[0]?.data.prefixes).toEqual([
      '192.168.10.0/24',
      '192.168.20.0/24',
      '192.168.30.0/24',
    ]);
  });
});

describe('VPN001 on a transit gateway', () => {
  it('fires when the customer gateway uses the transit gateway ASN', () => {
    const net = example('vpn-vgw', (d) => ({
      present: new Set([...d.present, 'TransitGateways' as const]),
      transitGateways: [
        {
          transitGatewayId: 'tgw-1',
          state: 'available',
          amazonSideAsn: 64512,
          tags: {},
          origin: { file: 't.json' },
        },
      ],
      vpnConnections: (d.vpnConnections ?? []).map(
        (v): VpnConnection => ({
          ...v,
          staticRoutesOnly: false,
          vpnGatewayId: undefined,
          transitGatewayId: 'tgw-1',
        }),
      ),
      customerGateways: (d.customerGateways ?? []).map((c) => ({ ...c, bgpAsn: 64512 })),
    }));
    const got = check('VPN001', net);
    expect(got.length).toBeGreaterThan(0);
    expect(got[0]?.data.vgw).toBe('tgw-1');
  });
});

describe('VPN004 on a transit gateway with a VPN attachment', () => {
  const TGW = 'tgw-050dbe21957bcd446';
  const SHARED_RT = 'rtb-08a97c308f8d290ad';
  const DEV_RT = 'rtb-007c1d958251283b6';
  const PROD_RT = 'rtb-0dfb094789fef6580';
  const VPN = 'vpn-0aaaabbbbcccc1111';
  const DEV_ATTACHMENT = 'tgw-attach-02a0ff0fc87791bdc';
  const vpn: VpnConnection = {
    vpnConnectionId: VPN,
    state: 'available',
    customerGatewayId: 'cgw-0aaaabbbbcccc2222',
    transitGatewayId: TGW,
    staticRoutesOnly: false,
    routes: [],
    tunnels: [],
    tags: {},
    origin: { file: 'VpnConnections.json' },
  };
  const vpnAttachment = (state: string): TransitGatewayAttachment => ({
    transitGatewayAttachmentId: 'tgw-attach-0vpn',
    transitGatewayId: TGW,
    resourceType: 'vpn',
    resourceId: VPN,
    state,
    subnetIds: [],
    tags: {},
    origin: { file: 'TransitGatewayAttachments.json' },
  });
  /** examples/transit-gateway (app-sgs name 10.0.0.0/8 and 192.168.0.0/16; tables route 10.0.0.0/8 to the TGW) plus a VPN. */
  const withVpn = (
    prefix: string,
    change: (d: NetworkData) => Partial<NetworkData> = () => ({}),
    vpnState = 'available',
    attachmentState = 'available',
  ) =>
    example('transit-gateway', (d) => ({
      vpnConnections: [{ ...vpn, state: vpnState }],
      transitGatewayAttachments: [...(d.transitGatewayAttachments ?? []), vpnAttachment(attachmentState)],
      onPremNetworks: [
        {
          name: 'dc',
          prefixes: [mustParseCidr(prefix)],
          advertised: [mustParseCidr(prefix)],
          vpnConnectionIds: [VPN],
          customerGatewayIds: [],
          virtualInterfaceIds: [],
          internet: false,
          source: { kind: 'file', file: 'onprem.yaml' },
        },
      ],
      ...change(d),
    }));
  const ALL = [`warning ${DEV_RT}`, `warning ${SHARED_RT}`, `warning ${PROD_RT}`];
  const sorted = (l: string[]) => [...l].sort();

  it.each<[string, ReturnType<typeof example>, string[]]>([
    ['no VPN (examples/transit-gateway)', example('transit-gateway'), []],
    ['on-premises 192.168.50.0/24: no table routes it to the TGW', withVpn('192.168.50.0/24'), ALL],
    ['on-premises 10.99.0.0/16: covered by 10.0.0.0/8 -> TGW', withVpn('10.99.0.0/16'), []],
    ['on-premises 172.20.0.0/16: no security group names it', withVpn('172.20.0.0/16'), []],
    [
      'a 192.168.0.0/16 -> TGW route in every table',
      withVpn('192.168.50.0/24', (d) => ({
        routeTables: d.routeTables.map((t) =>
          t.routes.some((r) => r.target.id === TGW)
            ? {
                ...t,
                routes: [
                  ...t.routes,
                  {
                    ...t.routes.find((r) => r.target.id === TGW)!,
                    destination: { kind: 'cidr', cidr: mustParseCidr('192.168.0.0/16') },
                  },
                ],
              }
            : t,
        ),
      })),
      [],
    ],
    [
      'dev attachment deleted: dev is not behind the TGW',
      withVpn('192.168.50.0/24', (d) => ({
        transitGatewayAttachments: [
          ...patch(
            d.transitGatewayAttachments ?? [],
            (a) => a.transitGatewayAttachmentId,
            DEV_ATTACHMENT,
            (a) => ({
              ...a,
              state: 'deleted',
            }),
          ),
          vpnAttachment('available'),
        ],
      })),
      [`warning ${SHARED_RT}`, `warning ${PROD_RT}`],
    ],
    ['VPN deleted', withVpn('192.168.50.0/24', () => ({}), 'deleted'), []],
    ['VPN attachment deleting', withVpn('192.168.50.0/24', () => ({}), 'available', 'deleting'), []],
  ])('%s', (_name, net, want) => expect(sorted(summary('VPN004', net))).toEqual(sorted(want)));

  it('names the transit gateway, its VPN and the VPC attachment', () => {
    const f = check('VPN004', withVpn('192.168.50.0/24')).find((x) => x.resources[0]?.id === DEV_RT);
    expect(f?.data).toMatchObject({ tgw: TGW, vpns: [VPN], prefixes: ['192.168.50.0/24'] });
    expect(f?.resources.map((r) => r.id)).toEqual([DEV_RT, TGW, DEV_ATTACHMENT]);
    expect(messageOf(f!)).toMatch(
      /no route for 192\.168\.50\.0\/24 to transit gateway tgw-050dbe21957bcd446/,
    );
  });
});
