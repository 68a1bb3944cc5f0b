/**
 * Examples (e) vpn-vgw, (f) direct-connect and (g) transit-gateway: verdicts, hop ids in order,
 * blockers and matched routes, both directions, as recorded in each example's README.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOnPremFile, loadSnapshot } from '../../src/ingest/index.js';
import { Network } from '../../src/model/index.js';
import { blockerSummary, examplePath, expectVerdict, ids, loadExample, run, tcp } from '../helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const withOnPrem = (net: Network, file: string) =>
  new Network({ ...net.data, onPremNetworks: loadOnPremFile(fixture(file)) });

describe('examples/vpn-vgw (e)', () => {
  const APP = ['i-0af2879b46297703f', 'eni-0d2bc2bc6a840f121'];
  const VGW = 'vgw-033703de99dae0b9a';
  const OFFICE_VPN = 'vpn-03072bf545b516b26';
  const BRANCH_VPN = 'vpn-0e568378b1f26a5d6';
  let bare: Network;
  let net: Network;
  beforeAll(async () => {
    bare = await loadExample('vpn-vgw');
    net = withOnPrem(bare, 'vpn-vgw-onprem.yaml');
  });

  it('V1/V2 app-1 <-> the office over the VPN, both directions; one tunnel down is a note, not a block', () => {
    const out = run(net, tcp('app-1', '192.168.10.5', 22));
    expectVerdict(out, 'reachable');
    expect(ids(out.forward)).toEqual([
      ...APP,
      'sg-00d4c3f1902a1af7e',
      'acl-078bf5c85cecc2560',
      'rtb-0b824e9a36a274185',
      VGW,
      OFFICE_VPN,
      'cgw-0e4d4aa8e158b7800',
      'office',
    ]);
    expect(out.forward[4]!.steps[0]!.matched[0]).toMatchObject({
      destination: '192.168.10.0/24',
      origin: 'EnableVgwRoutePropagation',
    });
    expect(out.forward[6]!.steps[0]!.note).toBe('VPN_ONE_TUNNEL_DOWN');
    expect(out.warnings).toEqual([
      expect.objectContaining({ code: 'VPN_TUNNEL_DOWN', resourceId: OFFICE_VPN }),
    ]);
    const back = run(net, tcp('192.168.10.5', 'app-1', 22));
    expectVerdict(back, 'reachable');
    expect(ids(back.forward).slice(0, 4)).toEqual(['office', 'cgw-0e4d4aa8e158b7800', OFFICE_VPN, VGW]);
    expect(ids(back.return).slice(-1)).toEqual(['office']);
  });

  it('V3 the branch VPN has both tunnels down: BAD_STATE_VPN, reported once', () => {
    const t = run(net, tcp('app-1', '192.168.30.5', 22));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      { code: 'BAD_STATE_VPN', component: BRANCH_VPN, direction: null, path: 'forward', rule: null },
    ]);
  });

  it('V4/V5 the subnet without route propagation has no route to on-premises, either way', () => {
    expect(blockerSummary(run(net, tcp('batch-1', '192.168.10.5', 22)))).toEqual([
      {
        code: 'NO_ROUTE_TO_DESTINATION',
        component: 'rtb-07477b320c2c43990',
        direction: null,
        path: 'forward',
        rule: null,
      },
    ]);
    expect(blockerSummary(run(net, tcp('192.168.10.5', 'batch-1', 22)))).toEqual([
      {
        code: 'NO_ROUTE_TO_DESTINATION',
        component: 'rtb-07477b320c2c43990',
        direction: null,
        path: 'return',
        rule: null,
      },
    ]);
  });

  it('without the --onprem file the networks are inferred from static and propagated routes: same verdicts', () => {
    expect(bare.onPremNetworks.map((n) => n.source.kind)).toEqual(['inferred']);
    const inferred = run(bare, tcp('app-1', '192.168.10.5', 22));
    expectVerdict(inferred, 'reachable');
    expect(inferred.warnings.map((w) => w.code)).toContain('ONPREM_INFERRED');
    expectVerdict(run(bare, tcp('192.168.10.5', 'app-1', 22)), 'reachable');
    // Only the branch VPN has a static route for 192.168.30.0/24, and it is down.
    expect(blockerSummary(run(bare, tcp('app-1', '192.168.30.5', 22))).map((b) => b.code)).toEqual([
      'BAD_STATE_VPN',
    ]);
  });
});

describe('examples/direct-connect (f)', () => {
  const DXGW = '6f2b7e1c-3c4a-4d8e-9b7f-2a6c0e1d9b41';
  const VIF = 'dxvif-fgx3m9d2';
  let net: Network;
  beforeAll(async () => {
    net = withOnPrem(await loadExample('direct-connect'), 'direct-connect-onprem.yaml');
  });

  it('D1 vpc-a -> the data center prefers Direct Connect over the competing VPN (DX BGP wins)', () => {
    const t = run(net, tcp('a-app-1', '172.16.1.10', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward).slice(-4)).toEqual(['vgw-0e42eb94550c5716c', DXGW, VIF, 'dc']);
    expect(ids(t.forward)).not.toContain('vpn-07b4a91f0369537d6');
    expect(ids(t.return).slice(0, 4)).toEqual(['dc', VIF, DXGW, 'vgw-0e42eb94550c5716c']);
  });

  it('D2/D3 vpc-b reaches the data center and back through the same DX gateway', () => {
    expectVerdict(run(net, tcp('b-app-1', '172.16.1.10', 22)), 'reachable');
    const t = run(net, tcp('172.16.1.10', 'b-app-1', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward).slice(0, 4)).toEqual(['dc', VIF, DXGW, 'vgw-0c4e19a7ce523ed35']);
  });

  it('a public VIF reaches AWS public addresses (here an Elastic IP), never VPC private ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-dx-'));
    cpSync(examplePath('direct-connect'), dir, { recursive: true });
    const vifs = JSON.parse(readFileSync(join(dir, 'virtualInterfaces.json'), 'utf8'));
    vifs.virtualInterfaces.push({
      virtualInterfaceId: 'dxvif-fgpub001',
      virtualInterfaceType: 'public',
      virtualInterfaceState: 'available',
      connectionId: 'dxcon-ffq7k2b4',
      bgpPeers: [{ addressFamily: 'ipv4', bgpStatus: 'up' }],
    });
    writeFileSync(join(dir, 'virtualInterfaces.json'), JSON.stringify(vifs));
    const enis = JSON.parse(readFileSync(join(dir, 'NetworkInterfaces.json'), 'utf8'));
    const eni = enis.NetworkInterfaces.find(
      (n: { NetworkInterfaceId: string }) => n.NetworkInterfaceId === 'eni-03c5c2f7ee9736192',
    );
    eni.Association = { PublicIp: '203.0.113.77', IpOwnerId: 'amazon' };
    eni.PrivateIpAddresses[0].Association = { PublicIp: '203.0.113.77', IpOwnerId: 'amazon' };
    writeFileSync(join(dir, 'NetworkInterfaces.json'), JSON.stringify(enis));
    const onprem = join(dir, 'onprem.yaml');
    writeFileSync(
      onprem,
      'networks:\n  - name: branch\n    prefixes: [172.17.0.0/16]\n    virtualInterfaces: [dxvif-fgpub001]\n',
    );
    const net = new Network({ ...(await loadSnapshot(dir)).data, onPremNetworks: loadOnPremFile(onprem) });
    const t = run(net, tcp('172.17.0.5', '203.0.113.77', 22));
    expect(ids(t.forward).slice(0, 2)).toEqual(['branch', 'dxvif-fgpub001']);
    // vpc-a has no internet gateway, so the Elastic IP cannot be entered: that is the blocker, not the VIF.
    expect(blockerSummary(t).map((b) => b.code)).toContain('BAD_STATE_ATTACHMENT');
    const priv = run(net, tcp('172.17.0.5', 'a-app-1', 22));
    expect(blockerSummary(priv)[0]).toMatchObject({ code: 'NO_ROUTE_TO_DESTINATION', component: 'branch' });
  });

  it('with the VIF down, vpc-a falls back to its VPN and vpc-b (no VPN) is blocked at the VIF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-dx-'));
    cpSync(examplePath('direct-connect'), dir, { recursive: true });
    const vifs = JSON.parse(readFileSync(join(dir, 'virtualInterfaces.json'), 'utf8'));
    for (const v of vifs.virtualInterfaces) v.virtualInterfaceState = 'down';
    writeFileSync(join(dir, 'virtualInterfaces.json'), JSON.stringify(vifs));
    const down = withOnPrem(await loadSnapshot(dir), 'direct-connect-onprem.yaml');
    const a = run(down, tcp('a-app-1', '172.16.1.10', 22));
    expectVerdict(a, 'reachable');
    expect(ids(a.forward)).toContain('vpn-07b4a91f0369537d6');
    const b = run(down, tcp('b-app-1', '172.16.1.10', 22));
    expectVerdict(b, 'unreachable');
    expect(blockerSummary(b)[0]).toMatchObject({ code: 'BAD_STATE', component: VIF });
  });
});

describe('examples/transit-gateway (g)', () => {
  const TGW = 'tgw-050dbe21957bcd446';
  const RT_SHARED = 'tgw-rtb-0fd08b81d58127029';
  const RT_ISOLATED = 'tgw-rtb-0f23de024adc4e8fe';
  const DEV_ATT = 'tgw-attach-02a0ff0fc87791bdc';
  let net: Network;
  beforeAll(async () => {
    net = await loadExample('transit-gateway');
  });

  it('T1 dev -> shared goes through rt-isolated; T4 shared -> dev through rt-shared', () => {
    const t = run(net, tcp('dev-1', 'shared-1', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward).slice(5, 9)).toEqual([TGW, DEV_ATT, RT_ISOLATED, 'tgw-attach-0e7bc8da26f68da00']);
    expect(t.forward[7]!.steps[0]!.matched[0]).toMatchObject({
      routeTableId: RT_ISOLATED,
      destination: '10.30.0.0/16',
      origin: 'propagated',
    });
    expect(t.forward[7]!.component.name).toBe('rt-isolated');
    const back = run(net, tcp('shared-1', 'dev-1', 22));
    expectVerdict(back, 'reachable');
    expect(ids(back.forward)).toContain(RT_SHARED);
  });

  it('T3 dev -> prod is isolated: no route in rt-isolated', () => {
    expect(blockerSummary(run(net, tcp('dev-1', 'prod-1', 22)))).toEqual([
      {
        code: 'NO_ROUTE_TO_DESTINATION',
        component: RT_ISOLATED,
        direction: null,
        path: 'forward',
        rule: null,
      },
    ]);
  });

  it('T5/T6 dev-b sits in an AZ where the dev attachment has no subnet: it cannot reach the TGW, either way', () => {
    expect(blockerSummary(run(net, tcp('dev-b', 'shared-1', 22)))).toEqual([
      {
        code: 'TGW_ATTACHMENT_NO_SUBNET_IN_AZ',
        component: DEV_ATT,
        direction: null,
        path: 'forward',
        rule: null,
      },
    ]);
    expect(blockerSummary(run(net, tcp('shared-1', 'dev-b', 22)))).toEqual([
      {
        code: 'TGW_ATTACHMENT_NO_SUBNET_IN_AZ',
        component: DEV_ATT,
        direction: null,
        path: 'return',
        rule: null,
      },
    ]);
  });

  it('T7/T8 the static blackhole in rt-isolated drops dev traffic to 10.32.99.0/24; shared is unaffected', () => {
    const t = run(net, tcp('dev-1', '10.32.99.10', 22));
    expect(blockerSummary(t)).toEqual([
      {
        code: 'BAD_STATE_ROUTE',
        component: RT_ISOLATED,
        direction: null,
        path: 'forward',
        rule: '10.32.99.0/24',
      },
    ]);
    expectVerdict(run(net, tcp('shared-1', '10.32.99.10', 22)), 'reachable');
  });

  it('T9 prod-b (us-east-1b) reaches shared through the attachment subnet of its own AZ', () => {
    const t = run(net, tcp('prod-b', 'shared-1', 22));
    expectVerdict(t, 'reachable');
  });
});

describe('raw transit gateway CLI outputs (route table id in the file name)', () => {
  it('reads get-transit-gateway-route-table-associations and search-transit-gateway-routes outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-tgw-'));
    cpSync(examplePath('transit-gateway'), dir, { recursive: true });
    // Strip the associations from describe-transit-gateway-attachments and give them as the raw
    // get-...-associations output of rt-isolated instead.
    const atts = JSON.parse(readFileSync(join(dir, 'TransitGatewayAttachments.json'), 'utf8'));
    for (const a of atts.TransitGatewayAttachments) delete a.Association;
    writeFileSync(join(dir, 'TransitGatewayAttachments.json'), JSON.stringify(atts));
    writeFileSync(
      join(dir, 'tgw-rtb-0f23de024adc4e8fe.associations.json'),
      JSON.stringify({
        Associations: [
          {
            TransitGatewayAttachmentId: 'tgw-attach-02a0ff0fc87791bdc',
            ResourceType: 'vpc',
            State: 'associated',
          },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'tgw-rtb-0fd08b81d58127029.associations.json'),
      JSON.stringify({
        Associations: [
          {
            TransitGatewayAttachmentId: 'tgw-attach-0e7bc8da26f68da00',
            ResourceType: 'vpc',
            State: 'associated',
          },
        ],
      }),
    );
    // search-transit-gateway-routes of rt-shared, propagated routes included: the table is then taken as complete.
    writeFileSync(
      join(dir, 'tgw-rtb-0fd08b81d58127029.routes.json'),
      JSON.stringify({
        Routes: [
          {
            DestinationCidrBlock: '10.31.0.0/16',
            Type: 'propagated',
            State: 'active',
            TransitGatewayAttachments: [
              { TransitGatewayAttachmentId: 'tgw-attach-02a0ff0fc87791bdc', ResourceType: 'vpc' },
            ],
          },
        ],
        AdditionalRoutesAvailable: false,
      }),
    );
    const net = await loadSnapshot(dir);
    expect(net.transitGatewayAttachments.get('tgw-attach-02a0ff0fc87791bdc')?.associatedRouteTableId).toBe(
      'tgw-rtb-0f23de024adc4e8fe',
    );
    expect(net.transitGatewayRouteTables.get('tgw-rtb-0fd08b81d58127029')?.routesComplete).toBe(true);
    // The complete table lists only dev's prefix: shared no longer reaches prod, although prod propagates.
    expect(blockerSummary(run(net, tcp('shared-1', 'prod-1', 22)))[0]).toMatchObject({
      code: 'NO_ROUTE_TO_DESTINATION',
      component: 'tgw-rtb-0fd08b81d58127029',
    });
    expectVerdict(run(net, tcp('dev-1', 'shared-1', 22)), 'reachable');
    // prod's attachment lost its association: its traffic has no route table.
    expect(blockerSummary(run(net, tcp('prod-1', 'shared-1', 22)))[0]).toMatchObject({
      code: 'NO_ROUTE_TO_DESTINATION',
      component: 'tgw-attach-0bede178d96d02715',
    });
  });
});

describe('hybrid review: answers that must not be "reachable"', () => {
  async function copy(example: string, edit: (dir: string) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-hy-'));
    cpSync(examplePath(example), dir, { recursive: true });
    edit(dir);
    return loadSnapshot(dir);
  }
  const editJson = (
    dir: string,
    file: string,
    f: (j: Record<string, Array<Record<string, unknown>>>) => void,
  ) => {
    const j = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    f(j);
    writeFileSync(join(dir, file), JSON.stringify(j));
  };

  it('a Direct Connect gateway association whose allowed prefixes exclude the VPC gives on-premises no route in', async () => {
    const base = await copy('direct-connect', (dir) =>
      editJson(dir, 'directConnectGatewayAssociations.json', (j) => {
        for (const a of j.directConnectGatewayAssociations!)
          if ((a.associatedGateway as { id: string }).id === 'vgw-0c4e19a7ce523ed35')
            a.allowedPrefixesToDirectConnectGateway = [{ cidr: '22.0.0.0/24' }];
      }),
    );
    const net = withOnPrem(base, 'direct-connect-onprem.yaml');
    expectVerdict(run(net, tcp('172.16.0.5', 'b-app-1', 22)), 'unreachable');
    expectVerdict(run(net, tcp('172.16.0.5', 'a-app-1', 22)), 'reachable');
  });

  it('a static VPN route that is deleted carries nothing', async () => {
    const base = await copy('vpn-vgw', (dir) =>
      editJson(dir, 'VpnConnections.json', (j) => {
        for (const v of j.VpnConnections!)
          for (const r of v.Routes as Array<Record<string, unknown>>)
            if (r.DestinationCidrBlock === '192.168.20.0/24') r.State = 'deleted';
      }),
    );
    const net = withOnPrem(base, 'vpn-vgw-onprem.yaml');
    expect(run(net, tcp('app-1', '192.168.20.5', 22)).verdict).not.toBe('reachable');
    expectVerdict(run(net, tcp('app-1', '192.168.10.5', 22)), 'reachable');
  });

  it('a deleted attachment listed before the live one does not hide it', async () => {
    const net = await copy('transit-gateway', (dir) =>
      editJson(dir, 'TransitGatewayAttachments.json', (j) => {
        const dev = j.TransitGatewayAttachments!.find(
          (a) => a.TransitGatewayAttachmentId === 'tgw-attach-02a0ff0fc87791bdc',
        )!;
        j.TransitGatewayAttachments!.unshift({
          ...dev,
          TransitGatewayAttachmentId: 'tgw-attach-0dead000000000000',
          State: 'deleted',
          Association: undefined,
        });
      }),
    );
    expectVerdict(run(net, tcp('dev-1', 'shared-1', 22)), 'reachable');
  });

  it('a Connect attachment propagating into a table makes its unknown BGP routes unknown, not "no route"', async () => {
    const net = await copy('transit-gateway', (dir) => {
      editJson(dir, 'TransitGatewayAttachments.json', (j) => {
        j.TransitGatewayAttachments!.push({
          TransitGatewayAttachmentId: 'tgw-attach-0c0nnec700000000',
          TransitGatewayId: 'tgw-050dbe21957bcd446',
          ResourceType: 'connect',
          ResourceId: 'tgw-attach-0e7bc8da26f68da00',
          State: 'available',
        });
      });
      editJson(dir, 'TransitGatewayPropagations.json', (j) => {
        for (const t of j.TransitGatewayPropagations!)
          if (t.TransitGatewayRouteTableId === 'tgw-rtb-0f23de024adc4e8fe')
            (t.TransitGatewayRouteTablePropagations as unknown[]).push({
              TransitGatewayAttachmentId: 'tgw-attach-0c0nnec700000000',
              ResourceType: 'connect',
              State: 'enabled',
            });
      });
    });
    expectVerdict(run(net, tcp('dev-1', '10.99.0.5', 22)), 'unknown');
  });

  it('without describe-transit-gateway-attachments the associations are unknown, not missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-hy-'));
    cpSync(examplePath('transit-gateway'), dir, { recursive: true });
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'TransitGatewayAttachments.json'));
    const t = run(await loadSnapshot(dir), tcp('dev-1', 'shared-1', 22));
    expectVerdict(t, 'unknown');
    expect(t.unknowns.map((u) => u.missing)).toContain('TransitGatewayAttachments');
  });

  it('from on-premises, a VPN with a tunnel up is preferred over one with every tunnel down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-hy-'));
    const file = join(dir, 'onprem.yaml');
    writeFileSync(
      file,
      'networks:\n  - name: office\n    prefixes: [192.168.10.0/24]\n    vpnConnections: [vpn-0e568378b1f26a5d6, vpn-03072bf545b516b26]\n',
    );
    const net = new Network({ ...(await loadExample('vpn-vgw')).data, onPremNetworks: loadOnPremFile(file) });
    const t = run(net, tcp('192.168.10.5', 'app-1', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toContain('vpn-03072bf545b516b26');
  });
});
