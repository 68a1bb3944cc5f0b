/**
 * Issue 3 on the real pybatfish hybrid-cloud snapshot: transit gateways, BGP VPNs to a data
 * center described by test/fixtures/pybatfish-dc.yaml (written from the snapshot's README and
 * router configs). Asserts every traceroute the README records (rows 1-6) and the set answers as
 * one trace per instance and port. Skipped when ../shared/data is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOnPremFile, loadSnapshot } from '../src/ingest/index.js';
import { Network } from '../src/model/index.js';
import { blockerSummary, expectVerdict, ids, run, tcp } from './helpers.js';

const dir = fileURLToPath(
  new URL('../../shared/data/aws-snapshots/pybatfish-hybrid-cloud/aws_configs', import.meta.url),
);
const dcFile = fileURLToPath(new URL('./fixtures/pybatfish-dc.yaml', import.meta.url));
const present = existsSync(dir);
if (!present) console.warn(`[vpcsim] ${dir} is absent: hybrid real-data tests are skipped`);

const EAST_PUBLIC = 'i-01602d9efaed4409a';
const EAST_PRIVATE = 'i-04cd3db5124a05ee6';
const WEST_PUBLIC = 'i-02cae6eaa9edeed70';
const WEST_PRIVATE = 'i-0a5d64b8b58c6dd09';
const TGW_EAST = 'tgw-06b348adabd13452d';
const RTB_EAST = 'tgw-rtb-00e37bc5142347b03';
const VPN_EAST = 'vpn-01c45673532d3e33e';
const VPN_WEST = 'vpn-0dc7abdb974ff8a69';

describe.skipIf(!present)('pybatfish hybrid-cloud with its data center (--onprem)', () => {
  let bare: Network;
  let net: Network;
  beforeAll(async () => {
    bare = await loadSnapshot(dir);
    net = new Network({ ...bare.data, onPremNetworks: loadOnPremFile(dcFile) });
  });

  it('row 1: east2_private -> east2_public tcp 22 across the transit gateway is reachable, both ways', () => {
    const t = run(net, tcp(EAST_PRIVATE, '10.20.1.207', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([
      EAST_PRIVATE,
      'eni-05452497daf80ccb3',
      'sg-024243f6c203c78bf',
      'acl-0b3d0f6b0978f09f8',
      'rtb-06227a9df13216f67',
      TGW_EAST,
      'tgw-attach-021f89744fac566dd',
      RTB_EAST,
      'tgw-attach-0648110513acd6de5',
      'acl-09c0bb4e71ae5f9e4',
      'sg-0e37fc2ef01c89369',
      'eni-01997085076a9b98a',
      EAST_PUBLIC,
    ]);
    const route = t.forward[7]!.steps[0]!.matched[0]!;
    expect(route).toMatchObject({
      type: 'route',
      routeTableId: RTB_EAST,
      destination: '10.20.0.0/16',
      origin: 'propagated',
    });
    expect(ids(t.return)).toContain(RTB_EAST);
  });

  it('row 2 (unchanged by hybrid routing): across regions by private IP goes out the IGW and dies', () => {
    const t = run(net, tcp(EAST_PUBLIC, '10.40.2.80', 22));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t).map((b) => b.code)).toEqual(['INTERNET_UNROUTABLE_DESTINATION']);
  });

  it('row 3: across regions by public IP is reachable through both internet gateways', () => {
    expectVerdict(run(net, tcp(EAST_PUBLIC, '54.191.42.182', 22)), 'reachable');
  });

  it('row 4: srv-101 -> east2_public private IP enters over the us-east-2 VPN and the TGW', () => {
    const t = run(net, tcp('203.0.113.12', '10.20.1.207', 22));
    expectVerdict(t, 'reachable');
    expect(t.flow.source).toMatchObject({ kind: 'on-premises', id: 'dc' });
    expect(ids(t.forward).slice(0, 8)).toEqual([
      'dc',
      'cgw-0d7410421c0d7799e',
      VPN_EAST,
      TGW_EAST,
      'tgw-attach-0881ce2eb93cd63a8',
      RTB_EAST,
      'tgw-attach-0648110513acd6de5',
      'acl-09c0bb4e71ae5f9e4',
    ]);
    // The reply: 203.0.113.0/24 -> TGW, then the route the VPN propagated from the data center's BGP.
    const back = t.return.flatMap((h) => h.steps.flatMap((s) => s.matched)).filter((m) => m.type === 'route');
    expect(
      back.map((m) => (m.type === 'route' ? `${m.routeTableId} ${m.destination} ${m.origin}` : '')),
    ).toEqual(['rtb-0aa3f1bdeb6d18dd3 203.0.113.0/24 CreateRoute', `${RTB_EAST} 203.0.113.0/24 propagated`]);
    expect(ids(t.return).slice(-1)).toEqual(['dc']);
  });

  it('row 5: srv-101 -> east2_public public IP goes out the data center internet link; the reply returns over the VPN', () => {
    const t = run(net, tcp('203.0.113.12', '13.59.144.125', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward).slice(0, 3)).toEqual(['dc', 'dc', 'igw-02fd68f94367a67c7']);
    // AWS routes the reply by the VPC route table, whose 203.0.113.0/24 route points at the TGW (asymmetric, as Batfish also shows).
    expect(ids(t.return)).toContain(VPN_EAST);
  });

  it('row 6 / testFilters: internet -> east2_public tcp 3306 is reachable by the "Connectivity test" rule', () => {
    const t = run(net, tcp('internet', '13.59.144.125', 3306));
    expectVerdict(t, 'reachable');
    expect(t.forward[3]!.steps[0]!.matched[0]).toMatchObject({ description: 'Connectivity test' });
  });

  it('set: the data center reaches all four instances on tcp 22, each over the VPN of its own region', () => {
    for (const [i, vpn] of [
      [EAST_PUBLIC, VPN_EAST],
      [EAST_PRIVATE, VPN_EAST],
      [WEST_PUBLIC, VPN_WEST],
      [WEST_PRIVATE, VPN_WEST],
    ] as const) {
      const t = run(net, tcp('203.0.113.12', i, 22));
      expectVerdict(t, 'reachable');
      expect(ids(t.forward)).toContain(vpn);
    }
  });

  it('set: from the data center only east2_public also answers on tcp 3306', () => {
    const verdicts = [EAST_PUBLIC, EAST_PRIVATE, WEST_PUBLIC, WEST_PRIVATE].map(
      (i) => run(net, tcp('203.0.113.12', i, 3306)).verdict,
    );
    expect(verdicts).toEqual(['reachable', 'unreachable', 'unreachable', 'unreachable']);
  });

  it('set: the internet reaches the two public instances only (the private ones have no public IP nor IGW)', () => {
    const v = [EAST_PUBLIC, WEST_PUBLIC, EAST_PRIVATE, WEST_PRIVATE].map(
      (i) => run(net, tcp('internet', i, 22)).verdict,
    );
    expect(v).toEqual(['reachable', 'reachable', 'unreachable', 'unreachable']);
  });

  it('within a region the VPCs reach each other through the TGW; across regions there is no private path', () => {
    expectVerdict(run(net, tcp(WEST_PRIVATE, '10.40.2.80', 22)), 'reachable');
    const cross = run(net, tcp(EAST_PRIVATE, '10.50.2.251', 22));
    expectVerdict(cross, 'unreachable');
    // vpc-2 has no route to 10.50.0.0/16 at all.
    expect(blockerSummary(cross).map((b) => b.code)).toEqual(['NO_ROUTE_TO_DESTINATION']);
  });

  it('without the --onprem file, the BGP-learned prefixes are unknown and the trace says so', () => {
    const t = run(bare, tcp('203.0.113.12', '10.20.1.207', 22));
    expectVerdict(t, 'unknown');
    expect(t.unknowns[0]).toMatchObject({ code: 'UNMODELLED_ADDRESS' });
    const out = run(bare, tcp(EAST_PUBLIC, '203.0.113.12', 22));
    expectVerdict(out, 'unknown');
  });

  it('what if the inter-region TGW peering were active? east2_public reaches west2_public privately through both TGWs', async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const tmp = mkdtempSync(join(tmpdir(), 'vpcsim-peer-'));
    cpSync(dir, tmp, { recursive: true });
    const edit = (
      region: string,
      file: string,
      f: (j: Record<string, Array<Record<string, unknown>>>) => void,
    ) => {
      const path = join(tmp, region, file);
      const j = JSON.parse(readFileSync(path, 'utf8'));
      f(j);
      writeFileSync(path, JSON.stringify(j));
    };
    const PEER = 'tgw-attach-0cc6cf6a578b754e3';
    const peerRoute = (cidr: string, tgw: string) => ({
      DestinationCidrBlock: cidr,
      Type: 'static',
      State: 'active',
      TransitGatewayAttachments: [
        { TransitGatewayAttachmentId: PEER, ResourceId: tgw, ResourceType: 'peering' },
      ],
    });
    for (const region of ['us-east-2', 'us-west-2'])
      edit(region, 'TransitGatewayAttachments.json', (j) => {
        for (const a of j.TransitGatewayAttachments!)
          if (a.TransitGatewayAttachmentId === PEER) a.State = 'available';
      });
    // The east side had no association: give it the east route table.
    edit('us-east-2', 'TransitGatewayAttachments.json', (j) => {
      for (const a of j.TransitGatewayAttachments!)
        if (a.TransitGatewayAttachmentId === PEER)
          a.Association = { State: 'associated', TransitGatewayRouteTableId: RTB_EAST };
    });
    edit('us-east-2', 'TransitGatewayStaticRoutes.json', (j) => {
      j.TransitGatewayStaticRoutes![0]!.Routes = [peerRoute('10.40.0.0/16', 'tgw-0888a76c8a371246d')];
    });
    edit('us-west-2', 'TransitGatewayStaticRoutes.json', (j) => {
      j.TransitGatewayStaticRoutes![0]!.Routes = [peerRoute('10.20.0.0/16', TGW_EAST)];
    });
    edit('us-east-2', 'RouteTables.json', (j) => {
      for (const t of j.RouteTables!)
        if (t.RouteTableId === 'rtb-0aa3f1bdeb6d18dd3')
          (t.Routes as unknown[]).push({
            DestinationCidrBlock: '10.40.0.0/16',
            TransitGatewayId: TGW_EAST,
            Origin: 'CreateRoute',
            State: 'active',
          });
    });
    edit('us-west-2', 'RouteTables.json', (j) => {
      for (const t of j.RouteTables!)
        if (t.RouteTableId === 'rtb-068db527ab264f289')
          (t.Routes as unknown[]).push({
            DestinationCidrBlock: '10.20.0.0/16',
            TransitGatewayId: 'tgw-0888a76c8a371246d',
            Origin: 'CreateRoute',
            State: 'active',
          });
    });
    const peered = new Network({ ...(await loadSnapshot(tmp)).data, onPremNetworks: loadOnPremFile(dcFile) });
    const t = run(peered, tcp(EAST_PUBLIC, '10.40.2.80', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual(
      expect.arrayContaining([
        TGW_EAST,
        RTB_EAST,
        PEER,
        'tgw-rtb-049367cdac1fcd74e',
        'tgw-attach-0f7545ba7090429ec',
      ]),
    );
    expect(ids(t.return)).toContain(PEER);
  });
});
