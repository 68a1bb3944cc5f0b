/**
 * Variants of example (a) made by editing its describe-* JSON in a temp folder: a blackhole route,
 * a route to a NAT gateway that no longer exists, source/destination check left on, a stopped
 * instance, a missing NetworkAcls file. Each asserts the blocker code, component and rule.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixes } from '../../src/engine/fix-check.js';
import { ResolveError } from '../../src/engine/resolve.js';
import { loadSnapshot } from '../../src/ingest/index.js';
import { blockerSummary, examplePath, expectVerdict, ids, loadExample, run, tcp } from '../helpers.js';

type Json = Record<string, unknown[]>;

async function variant(
  edit: (files: Record<string, Json>) => void,
  remove: string[] = [],
  example = 'nat-instance',
) {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-variant-'));
  cpSync(examplePath(example), dir, { recursive: true });
  const names = [
    'RouteTables.json',
    'Reservations.json',
    'NetworkInterfaces.json',
    'NatGateways.json',
    'Vpcs.json',
    'Subnets.json',
    'SecurityGroups.json',
    'NetworkAcls.json',
    'InternetGateways.json',
  ];
  const files: Record<string, Json> = {};
  for (const n of names) files[n] = JSON.parse(readFileSync(join(dir, n), 'utf8'));
  edit(files);
  for (const n of names) writeFileSync(join(dir, n), JSON.stringify(files[n]));
  for (const n of remove) rmSync(join(dir, n));
  const net = await loadSnapshot(dir);
  rmSync(dir, { recursive: true, force: true });
  return net;
}

const PRIVATE_RT = 'rtb-0d175da86190be4a9';
const NAT_I = 'i-0af95c21197ac17c2';
const NAT_ENI = 'eni-0f1b9117d265c9430';

type Route = {
  DestinationCidrBlock?: string;
  State?: string;
  InstanceId?: string;
  NatGatewayId?: string;
  NetworkInterfaceId?: string;
  InstanceOwnerId?: string;
};
function privateDefault(f: Record<string, Json>): Route {
  const rt = (f['RouteTables.json']!.RouteTables as Array<{ RouteTableId: string; Routes: Route[] }>).find(
    (r) => r.RouteTableId === PRIVATE_RT,
  )!;
  return rt.Routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')!;
}

describe('variants of examples/nat-instance', () => {
  it('a blackhole default route drops the packet at the route table (BAD_STATE_ROUTE), no fallback', async () => {
    const net = await variant((f) => {
      privateDefault(f).State = 'blackhole';
    });
    const t = run(net, tcp('app-1', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(ids(t.forward).slice(-1)).toEqual([PRIVATE_RT]);
    expect(blockerSummary(t)).toEqual([
      { code: 'BAD_STATE_ROUTE', component: PRIVATE_RT, direction: null, path: 'forward', rule: '0.0.0.0/0' },
    ]);
  });

  it('a NACL entry the loader cannot read may have been a deny: answers through that ACL are unknown', async () => {
    const PUBLIC_NACL = 'acl-038d2a390498ad300';
    const net = await variant((f) => {
      const acl = (
        f['NetworkAcls.json']!.NetworkAcls as Array<{
          NetworkAclId: string;
          Entries: Array<Record<string, unknown>>;
        }>
      ).find((a) => a.NetworkAclId === PUBLIC_NACL)!;
      acl.Entries.push({
        RuleNumber: 50,
        Egress: false,
        Protocol: '6',
        RuleAction: 'maybe',
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 443, To: 443 },
      });
    });
    expect(net.networkAcls.get(PUBLIC_NACL)?.incomplete).toBe(true);
    expect(net.data.warnings).toContainEqual(
      expect.objectContaining({ code: 'BAD_VALUE', resourceId: PUBLIC_NACL, skipped: true }),
    );
    // A1 (internet -> web-1 443) is reachable with the ACL as read; rule 50 could have denied it.
    const t = run(net, tcp('internet', 'web-1', 443));
    expectVerdict(t, 'unknown');
    expect(t.unknowns.map((u) => [u.code, u.missing])).toEqual([['INCOMPLETE_COMPONENT', PUBLIC_NACL]]);
  });

  it('a security-group rule the loader cannot read: a block by that group is unknown, an allow still stands', async () => {
    const DB_SG = 'sg-05c61c852bedaf27b';
    const APP_SG = 'sg-04b41127830c0410e';
    const net = await variant((f) => {
      for (const g of f['SecurityGroups.json']!.SecurityGroups as Array<{
        GroupId: string;
        IpPermissions: unknown[];
      }>)
        if (g.GroupId === DB_SG || g.GroupId === APP_SG)
          g.IpPermissions.push({
            IpProtocol: 'tcp',
            FromPort: 5432,
            ToPort: 5432,
            IpRanges: [{ CidrIp: '10.0.0.0/33' }],
          });
    });
    expect(net.securityGroups.get(DB_SG)?.incomplete).toBe(true);
    // A10 (web-1 -> db-1 5432) is blocked by db-sg as read; the lost rule might have allowed it.
    const blocked = run(net, tcp('web-1', 'db-1', 5432));
    expectVerdict(blocked, 'unknown');
    expect(blocked.unknowns.map((u) => [u.code, u.missing])).toEqual([['INCOMPLETE_COMPONENT', DB_SG]]);
    // A6 (web-1 -> app-1 8080) is allowed by app-sg: a lost rule cannot take that away.
    expectVerdict(run(net, tcp('web-1', 'app-1', 8080)), 'reachable');
  });

  it('instance metadata: reached while HttpEndpoint is enabled, blocked at the instance once disabled', async () => {
    const APP_1 = 'i-07fdc78be786be1f7';
    expectVerdict(run(await loadExample('nat-instance'), tcp('app-1', '169.254.169.254', 80)), 'reachable');
    const net = await variant((f) => {
      for (const r of f['Reservations.json']!.Reservations as Array<{
        Instances: Array<{ InstanceId: string; MetadataOptions: Record<string, unknown> }>;
      }>)
        for (const i of r.Instances) if (i.InstanceId === APP_1) i.MetadataOptions.HttpEndpoint = 'disabled';
    });
    const t = run(net, tcp('app-1', '169.254.169.254', 80));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      { code: 'INSTANCE_METADATA_DISABLED', component: APP_1, direction: null, path: 'forward', rule: null },
    ]);
    expect(t.blockers[0]!.fix?.text).toContain(
      `modify-instance-metadata-options --instance-id ${APP_1} --http-endpoint enabled`,
    );
    // The fix, applied to a copy of the network, makes the flow reachable.
    expect(checkFixes(net, tcp('app-1', '169.254.169.254', 80), t)).toMatchObject({
      verdict: 'reachable',
      applied: 1,
    });
    // Other instances keep theirs.
    expectVerdict(run(net, tcp('web-1', '169.254.169.254', 80)), 'reachable');
  });

  it('a route to a NAT gateway missing from a present NatGateways file behaves as a blackhole', async () => {
    const net = await variant((f) => {
      const r = privateDefault(f);
      delete r.InstanceId;
      delete r.InstanceOwnerId;
      delete r.NetworkInterfaceId;
      r.NatGatewayId = 'nat-0123456789abcdef0';
    });
    expect(net.data.warnings.map((w) => w.code)).toContain('ROUTE_TARGET_MISSING');
    const t = run(net, tcp('app-1', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)[0]).toMatchObject({ code: 'BAD_STATE_ROUTE', component: PRIVATE_RT });
  });

  it('source/destination check left on at the NAT instance blocks forwarding (and says how to fix it)', async () => {
    const net = await variant((f) => {
      for (const e of f['NetworkInterfaces.json']!.NetworkInterfaces as Array<{
        NetworkInterfaceId: string;
        SourceDestCheck: boolean;
      }>)
        if (e.NetworkInterfaceId === NAT_ENI) e.SourceDestCheck = true;
      for (const r of f['Reservations.json']!.Reservations as Array<{
        Instances: Array<{
          InstanceId: string;
          SourceDestCheck: boolean;
          NetworkInterfaces: Array<{ SourceDestCheck: boolean }>;
        }>;
      }>)
        for (const i of r.Instances)
          if (i.InstanceId === NAT_I) {
            i.SourceDestCheck = true;
            for (const n of i.NetworkInterfaces) n.SourceDestCheck = true;
          }
    });
    const t = run(net, tcp('app-1', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      {
        code: 'ENI_SOURCE_DEST_CHECK_RESTRICTION',
        component: NAT_ENI,
        direction: 'inbound',
        path: 'forward',
        rule: null,
      },
    ]);
    expect(t.blockers[0]!.fix?.change).toEqual({
      action: 'disable-source-dest-check',
      networkInterfaceId: NAT_ENI,
      instanceId: NAT_I,
    });
    expect(checkFixes(net, tcp('app-1', '8.8.8.8', 443), t)).toMatchObject({
      verdict: 'reachable',
      applied: 1,
    });
  });

  it('an internet gateway detached from the VPC: BAD_STATE_ATTACHMENT, and attaching it is enough', async () => {
    const net = await variant((f) => {
      for (const g of f['InternetGateways.json']!.InternetGateways as Array<{ Attachments: unknown[] }>)
        g.Attachments = [];
    });
    const q = tcp('web-1', '8.8.8.8', 443);
    const t = run(net, q);
    expectVerdict(t, 'unreachable');
    expect(t.blockers.map((b) => [b.code, b.fix?.change.action])).toContainEqual([
      'BAD_STATE_ATTACHMENT',
      'attach-internet-gateway',
    ]);
    expect(checkFixes(net, q, t)).toMatchObject({ verdict: 'reachable', notApplied: [] });
  });

  it('a stopped NAT instance is a BAD_STATE blocker', async () => {
    const net = await variant((f) => {
      for (const r of f['Reservations.json']!.Reservations as Array<{
        Instances: Array<{ InstanceId: string; State: { Name: string; Code: number } }>;
      }>)
        for (const i of r.Instances) if (i.InstanceId === NAT_I) i.State = { Code: 80, Name: 'stopped' };
    });
    const t = run(net, tcp('app-1', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      { code: 'BAD_STATE', component: NAT_I, direction: null, path: 'forward', rule: null },
    ]);
    const fixed = checkFixes(net, tcp('app-1', '8.8.8.8', 443), t);
    expect(fixed).toMatchObject({ verdict: 'reachable', applied: 1, notApplied: [] });
  });

  it('without a NetworkAcls file the answer is unknown and names it; an SG block still decides', async () => {
    const net = await variant(() => {}, ['NetworkAcls.json']);
    const ok = run(net, tcp('internet', 'web-1', 443));
    expectVerdict(ok, 'unknown');
    expect(ok.unknowns.map((u) => `${u.code}:${u.missing}`)).toEqual(['MISSING_RESOURCE_TYPE:NetworkAcls']);
    const blocked = run(net, tcp('192.0.2.10', 'web-1', 22));
    expectVerdict(blocked, 'unreachable');
    expect(blockerSummary(blocked).map((b) => b.code)).toEqual(['ENI_SG_RULES_MISMATCH']);
  });

  describe('VPC Block Public Access overrides routes, SGs and NACLs', () => {
    const withMode = (mode: string) => (f: Record<string, Json>) => {
      for (const v of f['Vpcs.json']!.Vpcs as Array<Record<string, unknown>>)
        v.BlockPublicAccessStates = { InternetGatewayBlockMode: mode };
    };

    it('block-bidirectional stops internet -> web-1 at the internet gateway', async () => {
      const net = await variant(withMode('block-bidirectional'));
      const t = run(net, tcp('internet', 'web-1', 443));
      expectVerdict(t, 'unreachable');
      expect(blockerSummary(t).map((b) => `${b.code}@${b.component}`)).toContain(
        'VPC_BLOCK_PUBLIC_ACCESS@igw-02960340f5283e16f',
      );
    });

    it('block-ingress also stops a NAT instance (only NAT gateways and egress-only gateways pass)', async () => {
      const net = await variant(withMode('block-ingress'));
      const t = run(net, tcp('app-1', '8.8.8.8', 443));
      expectVerdict(t, 'unreachable');
      expect(t.blockers.map((b) => b.code)).toContain('VPC_BLOCK_PUBLIC_ACCESS');
    });

    it('block-ingress lets a NAT gateway connection out and its reply back', async () => {
      const net = await variant(withMode('block-ingress'), [], 'partial-ephemeral');
      expectVerdict(run(net, tcp('api-1', '8.8.8.8', 443)), 'reachable');
      expectVerdict(run(net, tcp('internet', 'web-2', 443, { clientType: 'linux' })), 'unreachable');
    });

    it('a subnet excluded from block-bidirectional (its own state off) is reachable again', async () => {
      const net = await variant((f) => {
        withMode('block-bidirectional')(f);
        for (const sn of f['Subnets.json']!.Subnets as Array<Record<string, unknown>>)
          if (sn.CidrBlock === '10.0.0.0/24')
            sn.BlockPublicAccessStates = { InternetGatewayBlockMode: 'off' };
      });
      expectVerdict(run(net, tcp('internet', 'web-1', 443)), 'reachable');
    });
  });

  describe('a route table associated with the internet gateway (ingress routing)', () => {
    const edgeTable = (routes: unknown[]) => (f: Record<string, Json>) => {
      (f['RouteTables.json']!.RouteTables as unknown[]).push({
        RouteTableId: 'rtb-0edge00000000000a',
        VpcId: 'vpc-089814db9898d3fd0',
        OwnerId: '111122223333',
        Routes: [
          {
            DestinationCidrBlock: '10.0.0.0/16',
            GatewayId: 'local',
            Origin: 'CreateRouteTable',
            State: 'active',
          },
          ...routes,
        ],
        Associations: [
          {
            Main: false,
            GatewayId: 'igw-02960340f5283e16f',
            RouteTableAssociationId: 'rtbassoc-0edge0000000000a',
            RouteTableId: 'rtb-0edge00000000000a',
            AssociationState: { State: 'associated' },
          },
        ],
        PropagatingVgws: [],
        Tags: [],
      });
    };

    it('with only the local route, traffic enters as usual and the edge table shows in the path', async () => {
      const net = await variant(edgeTable([]));
      const t = run(net, tcp('internet', 'web-1', 443));
      expectVerdict(t, 'reachable');
      expect(ids(t.forward).slice(0, 4)).toEqual([
        'internet',
        'igw-02960340f5283e16f',
        'rtb-0edge00000000000a',
        'acl-038d2a390498ad300',
      ]);
    });

    it('a route to a middlebox ENI is not modelled yet: unknown, never a guess', async () => {
      const net = await variant(
        edgeTable([
          {
            DestinationCidrBlock: '10.0.0.0/24',
            NetworkInterfaceId: NAT_ENI,
            Origin: 'CreateRoute',
            State: 'active',
          },
        ]),
      );
      const t = run(net, tcp('internet', 'web-1', 443));
      expectVerdict(t, 'unknown');
      expect(t.unknowns).toEqual([
        expect.objectContaining({
          code: 'UNSUPPORTED_COMPONENT',
          component: expect.objectContaining({ id: 'rtb-0edge00000000000a' }),
        }),
      ]);
    });
  });

  describe('asymmetric paths and appliances inside the VPC', () => {
    type Rt = { RouteTableId: string; Routes: Array<Record<string, unknown>> };
    const addRoute = (f: Record<string, Json>, table: string, route: Record<string, unknown>) => {
      const rt = (f['RouteTables.json']!.RouteTables as Rt[]).find((r) => r.RouteTableId === table)!;
      rt.Routes.push({ Origin: 'CreateRoute', State: 'active', ...route });
    };
    type Sg = { GroupId: string; IpPermissions: unknown[]; IpPermissionsEgress: unknown[] };
    const sg = (f: Record<string, Json>, id: string) =>
      (f['SecurityGroups.json']!.SecurityGroups as Sg[]).find((g) => g.GroupId === id)!;
    const tcpRule = (port: number, source: Record<string, unknown>) => ({
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      IpRanges: [],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
      ...source,
    });

    it('a private-subnet instance with a public IP answers through its NAT gateway: the reply never reaches the client', async () => {
      const net = await variant(
        (f) => {
          for (const e of f['NetworkInterfaces.json']!.NetworkInterfaces as Array<Record<string, unknown>>)
            if (e.NetworkInterfaceId === 'eni-0f6e4afc3e683d135') {
              const pa = (e.PrivateIpAddresses as Array<Record<string, unknown>>)[0]!;
              pa.Association = { PublicIp: '198.51.100.77', IpOwnerId: 'amazon' };
              e.Association = { PublicIp: '198.51.100.77', IpOwnerId: 'amazon' };
            }
          sg(f, 'sg-00be07e850dc4266c').IpPermissions.push(
            tcpRule(443, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
          );
        },
        [],
        'endpoints',
      );
      const t = run(net, tcp('192.0.2.10', '198.51.100.77', 443));
      expectVerdict(t, 'unreachable');
      expect(t.disposition).toBe('reply-dropped');
      expect(blockerSummary(t)).toEqual([
        {
          code: 'ASYMMETRIC_ROUTING',
          component: 'nat-0617b31c25744cc8b',
          direction: null,
          path: 'return',
          rule: null,
        },
      ]);
    });

    it('a reply routed through an appliance the request did not cross is dropped', async () => {
      const net = await variant((f) =>
        addRoute(f, PRIVATE_RT, {
          DestinationCidrBlock: '10.0.0.0/24',
          InstanceId: NAT_I,
          NetworkInterfaceId: NAT_ENI,
        }),
      );
      const t = run(net, tcp('web-1', 'app-1', 8080));
      expectVerdict(t, 'unreachable');
      expect(t.blockers.map((b) => `${b.code}@${b.component.id}/${b.path}`)).toContain(
        `ASYMMETRIC_ROUTING@${NAT_I}/return`,
      );
    });

    it('an appliance inside the VPC forwards without translating, so SG references across it do not match', async () => {
      const net = await variant((f) => {
        addRoute(f, PRIVATE_RT, {
          DestinationCidrBlock: '10.0.2.0/24',
          InstanceId: NAT_I,
          NetworkInterfaceId: NAT_ENI,
        });
        const nat = sg(f, 'sg-0e32e84a35064bd28');
        nat.IpPermissions.push(tcpRule(5432, { IpRanges: [{ CidrIp: '10.0.1.0/24' }] }));
        nat.IpPermissionsEgress.push(tcpRule(5432, { IpRanges: [{ CidrIp: '10.0.2.0/24' }] }));
        sg(f, 'sg-05c61c852bedaf27b').IpPermissions = [
          tcpRule(5432, { UserIdGroupPairs: [{ GroupId: 'sg-0e32e84a35064bd28', UserId: '111122223333' }] }),
        ];
      });
      const t = run(net, tcp('app-1', 'db-1', 5432));
      expectVerdict(t, 'unreachable');
      expect(t.forward.some((h) => h.steps.some((s) => s.note === 'APPLIANCE_FORWARDS'))).toBe(true);
      expect(blockerSummary(t).map((b) => `${b.code}@${b.component}`)).toContain(
        'ENI_SG_RULES_MISMATCH@sg-05c61c852bedaf27b',
      );
    });

    it('NAT64: an IPv6-only client reaches an IPv4 server through 64:ff9b::/96 and a NAT gateway, and back', async () => {
      const natEni = 'eni-0aaaabbbbcccc0001';
      const net = await variant(
        (f) => {
          (f['NatGateways.json']!.NatGateways as unknown[]).push({
            NatGatewayId: 'nat-0aaaabbbbcccc0001',
            SubnetId: 'subnet-03a1d8674134a69c8',
            VpcId: 'vpc-0218f582c498a0360',
            State: 'available',
            ConnectivityType: 'public',
            NatGatewayAddresses: [
              {
                AllocationId: 'eipalloc-0aaaabbbbcccc0001',
                NetworkInterfaceId: natEni,
                PrivateIp: '10.1.0.50',
                PublicIp: '203.0.113.99',
                IsPrimary: true,
                Status: 'succeeded',
              },
            ],
          });
          addRoute(f, 'rtb-0643522afb95f0f72', {
            DestinationIpv6CidrBlock: '64:ff9b::/96',
            NatGatewayId: 'nat-0aaaabbbbcccc0001',
          });
        },
        [],
        'dual-stack-eigw',
      );
      const t = run(net, tcp('worker-1', '64:ff9b::808:808', 443));
      expectVerdict(t, 'reachable');
      const translations = t.forward.flatMap((h) =>
        h.steps.flatMap((s) => (s.translation ? [s.translation] : [])),
      );
      expect(translations).toEqual([
        { field: 'destination', from: '64:ff9b::808:808', to: '8.8.8.8' },
        {
          field: 'source',
          from: '2600:1f18:4a3:6e01:3e8d:71a4:b6c2:5f10',
          to: '10.1.0.50',
          ports: '1024-65535',
        },
        { field: 'source', from: '10.1.0.50', to: '203.0.113.99' },
      ]);
      expect(ids(t.return).slice(-2)).toEqual(['eni-092fca219032897eb', 'i-0da87b163d2541867']);
      // Ping through NAT64: ICMPv6 echo becomes ICMP echo and back.
      const ping = run(net, {
        from: 'worker-1',
        to: '64:ff9b::808:808',
        protocol: 58,
        icmpType: 128,
        icmpCode: 0,
      });
      expectVerdict(ping, 'reachable');
    });
  });

  it('s3 is traced over every range of its prefix list: a rule covering one range only is reported', async () => {
    const net = await variant(
      (f) => {
        for (const g of f['SecurityGroups.json']!.SecurityGroups as Array<Record<string, unknown>>)
          if (g.GroupId === 'sg-00be07e850dc4266c')
            g.IpPermissionsEgress = [
              { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '54.231.0.0/16' }] },
            ];
      },
      [],
      'endpoints',
    );
    const t = run(net, tcp('svc-1', 's3', 443));
    expectVerdict(t, 'unreachable');
    expect(t.flow.destination.address).not.toBe('54.231.0.1');
    expect(blockerSummary(t).map((b) => b.code)).toEqual(['ENI_SG_RULES_MISMATCH']);
    expect(t.warnings).toEqual([expect.objectContaining({ code: 'SERVICE_RANGES_DIFFER' })]);
    expect(t.warnings[0]!.message).toContain('54.231.0.0/16 reachable');
  });

  it('an interface owns every address of a prefix delegated to it', async () => {
    const net = await variant((f) => {
      for (const e of f['NetworkInterfaces.json']!.NetworkInterfaces as Array<Record<string, unknown>>)
        if (e.NetworkInterfaceId === 'eni-01a980b2855bd5d17')
          e.Ipv4Prefixes = [{ Ipv4Prefix: '10.0.2.32/28' }];
    });
    expect(net.networkInterfaces.get('eni-01a980b2855bd5d17')?.delegatedPrefixes.length).toBe(1);
    const t = run(net, tcp('app-1', '10.0.2.35', 5432));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward).slice(-2)).toEqual(['eni-01a980b2855bd5d17', 'i-0cfcbc3f2c563400c']);
  });

  describe('second review: answers that must not be "reachable"', () => {
    type Rt = { RouteTableId: string; Routes: Array<Record<string, unknown>> };
    const routes = (f: Record<string, Json>, id: string) =>
      (f['RouteTables.json']!.RouteTables as Rt[]).find((r) => r.RouteTableId === id)!.Routes;

    it('a route the loader cannot read (a Route Server next hop) is kept: traces through it are unknown', async () => {
      const net = await variant(
        (f) => {
          routes(f, 'rtb-045c5bc85e81544ca').push({
            DestinationCidrBlock: '8.8.8.0/24',
            IpAddress: '10.1.0.99',
            Origin: 'Advertisement',
            State: 'active',
          });
        },
        [],
        'dual-stack-eigw',
      );
      expectVerdict(run(net, tcp('bastion-1', '8.8.8.8', 443)), 'unknown');
    });

    it('an interface endpoint that is not available does not carry traffic', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vpcsim-variant-'));
      cpSync(examplePath('endpoints'), dir, { recursive: true });
      const eps = JSON.parse(readFileSync(join(dir, 'VpcEndpoints.json'), 'utf8'));
      for (const e of eps.VpcEndpoints)
        if (e.VpcEndpointId === 'vpce-012e6d6f2c0165486') e.State = 'pendingAcceptance';
      writeFileSync(join(dir, 'VpcEndpoints.json'), JSON.stringify(eps));
      const t = run(await loadSnapshot(dir), tcp('svc-1', '10.2.1.45', 443));
      expectVerdict(t, 'unreachable');
      expect(blockerSummary(t)).toEqual([
        {
          code: 'BAD_STATE',
          component: 'vpce-012e6d6f2c0165486',
          direction: null,
          path: 'forward',
          rule: null,
        },
      ]);
    });

    it('without describe-instances an interface attached to an instance is not assumed running', async () => {
      const net = await variant(() => {}, ['Reservations.json'], 'dual-stack-eigw');
      const t = run(net, tcp('eni-08d69521b6dfd430f', 'eni-092fca219032897eb', 22));
      expectVerdict(t, 'unknown');
      expect(t.unknowns.map((u) => u.missing)).toContain('Instances');
    });

    it('private (ULA) IPv6 addresses are not reachable from the internet', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vpcsim-variant-'));
      cpSync(examplePath('dual-stack-eigw'), dir, { recursive: true });
      for (const f of [
        'Vpcs.json',
        'Subnets.json',
        'RouteTables.json',
        'NetworkInterfaces.json',
        'Reservations.json',
        'NetworkAcls.json',
        'SecurityGroups.json',
      ])
        writeFileSync(
          join(dir, f),
          readFileSync(join(dir, f), 'utf8').replaceAll('2600:1f18:4a3:6e', 'fd12:3456:789a:6e'),
        );
      const t = run(
        await loadSnapshot(dir),
        tcp('2001:db8:1234::10', 'fd12:3456:789a:6e00:4f2a:9c1b:e2d3:7a10', 22),
      );
      expectVerdict(t, 'unreachable');
    });

    it('a deleted NAT gateway (no interface left) is BAD_STATE, not unknown', async () => {
      const net = await variant(
        (f) => {
          for (const n of f['NatGateways.json']!.NatGateways as Array<Record<string, unknown>>)
            n.State = 'deleted';
          const list = f['NetworkInterfaces.json']!.NetworkInterfaces as Array<Record<string, unknown>>;
          f['NetworkInterfaces.json']!.NetworkInterfaces = list.filter(
            (e) => e.NetworkInterfaceId !== 'eni-092819fa99fdb0f10',
          );
          for (const r of routes(f, 'rtb-03e27559544b5ec5a')) if (r.NatGatewayId) r.State = 'blackhole';
        },
        [],
        'endpoints',
      );
      const t = run(net, tcp('svc-1', '8.8.8.8', 443));
      expectVerdict(t, 'unreachable');
      expect(blockerSummary(t)[0]).toMatchObject({ code: 'BAD_STATE', component: 'nat-0617b31c25744cc8b' });
    });

    it('a rule set naming every internet address (0.0.0.0/1 + 128.0.0.0/1) does not crash the internet pick', async () => {
      const net = await variant(
        (f) => {
          for (const g of f['SecurityGroups.json']!.SecurityGroups as Array<Record<string, unknown>>)
            if (g.GroupId === 'sg-00be07e850dc4266c')
              g.IpPermissionsEgress = [
                {
                  IpProtocol: 'tcp',
                  FromPort: 443,
                  ToPort: 443,
                  IpRanges: [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }],
                },
              ];
        },
        [],
        'endpoints',
      );
      expectVerdict(run(net, tcp('svc-1', 'internet', 443)), 'reachable');
    });

    it('the fix for a missing IPv6 default route prefers the egress-only gateway', async () => {
      const net = await variant(
        (f) => {
          const rt = (f['RouteTables.json']!.RouteTables as Rt[]).find(
            (r) => r.RouteTableId === 'rtb-0643522afb95f0f72',
          )!;
          rt.Routes = rt.Routes.filter((r) => r.DestinationIpv6CidrBlock !== '::/0');
        },
        [],
        'dual-stack-eigw',
      );
      const t = run(net, tcp('worker-1', '2001:4860:4860::8888', 443));
      expect(t.blockers[0]!.fix?.change).toMatchObject({
        action: 'add-route',
        destination: '::/0',
        target: { type: 'egress-only-internet-gateway', id: 'eigw-0275d377e882adca9' },
      });
    });
  });

  describe('NAT gateway rules', () => {
    it('a private NAT gateway whose traffic is routed to the internet gateway is dropped there', async () => {
      const net = await variant(
        (f) => {
          for (const n of f['NatGateways.json']!.NatGateways as Array<Record<string, unknown>>)
            n.ConnectivityType = 'private';
        },
        [],
        'partial-ephemeral',
      );
      const t = run(net, tcp('api-1', '8.8.8.8', 443));
      expectVerdict(t, 'unreachable');
      expect(blockerSummary(t).map((b) => `${b.code}@${b.component}`)).toContain(
        'PRIVATE_NAT_GATEWAY_TO_IGW@igw-081d26eaf1779ea9a',
      );
    });

    it('a NAT gateway translates TCP, UDP and ICMP only; it never accepts connections towards it', async () => {
      const net = await loadExample('partial-ephemeral');
      const gre = run(net, { from: 'api-1', to: '8.8.8.8', protocol: 47 });
      expect(blockerSummary(gre).map((b) => b.code)).toContain('NAT_GATEWAY_PROTOCOL_RESTRICTION');
      const inbound = run(net, tcp('192.0.2.10', '203.0.113.70', 443));
      expectVerdict(inbound, 'unreachable');
      expect(blockerSummary(inbound).map((b) => b.code)).toContain('NAT_GATEWAY_INBOUND_INITIATED');
    });

    it('IPv4 routed to an egress-only gateway is dropped (it carries IPv6 only)', async () => {
      const net = await variant(
        (f) => {
          const rt = (
            f['RouteTables.json']!.RouteTables as Array<{
              RouteTableId: string;
              Routes: Array<Record<string, unknown>>;
            }>
          ).find((r) => r.RouteTableId === 'rtb-0643522afb95f0f72')!;
          rt.Routes.push({
            DestinationCidrBlock: '0.0.0.0/0',
            EgressOnlyInternetGatewayId: 'eigw-0275d377e882adca9',
            Origin: 'CreateRoute',
            State: 'active',
          });
        },
        [],
        'dual-stack-eigw',
      );
      expect(blockerSummary(run(net, tcp('worker-1', '8.8.8.8', 443))).map((b) => b.code)).toEqual([
        'EIGW_IPV4_NOT_SUPPORTED',
      ]);
    });
  });
});

describe('an Elastic IP associated with nothing', () => {
  it('is not an internet host: naming it is an error that says so, as destination and as source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-variant-'));
    cpSync(examplePath('nat-instance'), dir, { recursive: true });
    const file = join(dir, 'Addresses.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { Addresses: unknown[] };
    doc.Addresses.push({
      PublicIp: '198.51.100.77',
      AllocationId: 'eipalloc-0123456789abcdef0',
      Domain: 'vpc',
    });
    writeFileSync(file, JSON.stringify(doc));
    const net = await loadSnapshot(dir);
    rmSync(dir, { recursive: true, force: true });
    for (const [from, to, role] of [
      ['web-1', '198.51.100.77', 'destination'],
      ['198.51.100.77', 'web-1', 'source'],
    ] as const) {
      let err: unknown;
      try {
        run(net, tcp(from, to, 443));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ResolveError);
      expect(err).toMatchObject({
        code: 'UNASSOCIATED_ADDRESS',
        role,
        candidates: ['eipalloc-0123456789abcdef0'],
      });
    }
    // The associated Elastic IP of the NAT instance still resolves to its interface.
    expectVerdict(
      run(net, tcp('internet', '203.0.113.20', 22)),
      run(net, tcp('internet', 'nat-1', 22)).verdict,
    );
  });
});

describe('an instance with a second interface', () => {
  const SECOND = 'eni-0a1b2c3d4e5f60718';
  const withSecond = () =>
    variant((f) => {
      const enis = f['NetworkInterfaces.json']!.NetworkInterfaces as Record<string, unknown>[];
      const web = enis.find((e) => e.NetworkInterfaceId === 'eni-09b44f81a505da970')!;
      const second = structuredClone(web);
      second.NetworkInterfaceId = SECOND;
      second.PrivateIpAddress = '10.0.0.11';
      second.PrivateIpAddresses = [{ Primary: true, PrivateIpAddress: '10.0.0.11' }];
      delete second.Association;
      second.Attachment = {
        ...(web.Attachment as object),
        AttachmentId: 'eni-attach-0a1b2c3d4e5f60718',
        DeviceIndex: 1,
      };
      enis.push(second);
    });

  it('a request to the secondary interface from another subnet says the reply interface was assumed', async () => {
    const net = await withSecond();
    const t = run(net, tcp('app-1', '10.0.0.11', 443));
    expect(ids(t.forward).at(-2)).toBe(SECOND);
    const w = t.warnings.filter((x) => x.code === 'MULTIPLE_INTERFACES');
    expect(w).toEqual([expect.objectContaining({ resourceId: 'i-0eb35bb3ae1832500' })]);
    expect(w[0]!.message).toContain(`replies from ${SECOND}`);
  });

  it("no such warning for the primary interface, nor for a client in the secondary's subnet", async () => {
    const net = await withSecond();
    const primary = run(net, tcp('app-1', '10.0.0.10', 443));
    expect(primary.warnings.filter((x) => x.code === 'MULTIPLE_INTERFACES')).toEqual([]);
    const onLink = run(net, tcp('nat-1', '10.0.0.11', 443));
    expect(onLink.warnings.some((x) => x.message.includes('replies from'))).toBe(false);
  });
});
