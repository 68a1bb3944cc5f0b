/**
 * `vpcsim collect` against a local server speaking EC2 query (XML), ELB/ELBv2 query (XML) and Direct
 * Connect JSON 1.1 (fake-aws.ts, answering for fake-account.ts): the real SDK signs, retries, parses
 * and paginates; the files it writes must load and trace like the AWS CLI's output.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectValidTrace, ids, tcp } from '../../test/helpers.js';
import { main } from '../cli/main.js';
import { trace } from '../engine/trace.js';
import { LOAD_BALANCERS_NOT_MODELLED } from '../ingest/aws-json/dispatch.js';
import { loadSnapshot } from '../ingest/index.js';
import { parseOnPrem } from '../ingest/onprem-file.js';
import { Network } from '../model/index.js';
import { formatCidr } from '../net/index.js';
import { COLLECT_APIS, fileNameOf, GLOBAL_APIS, iamActions, PER_ITEM_APIS } from './apis.js';
import {
  CollectError,
  type CollectProgress,
  type CollectWarning,
  collect,
  loadSdk,
  SDK_MISSING,
} from './collect.js';
import {
  BGP_SECRET,
  CKN_SECRET,
  EC2,
  HANDLERS,
  LB_ARNS,
  OWNER,
  SECRET,
  TG_ARNS,
  TGW_ATTACHMENTS,
  TGW_RTB,
} from './fake-account.js';
import { type FakeAws, startFakeAws } from './fake-aws.js';
import { collectWarningMessage, progressMessage } from './messages.js';
import { REDACTED, redactSecrets } from './redact.js';

const SECRETS = [SECRET, BGP_SECRET, CKN_SECRET];

let aws: FakeAws;
beforeAll(async () => {
  aws = await startFakeAws(HANDLERS);
});
afterAll(async () => {
  await aws.close();
});

const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION'];
let savedEnv: Record<string, string | undefined>;
let out: string;

beforeEach(async () => {
  savedEnv = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTCOLLECT';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-access-key';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_REGION;
  aws.reset();
  out = await mkdtemp(path.join(tmpdir(), 'vpcsim-collect-'));
});

afterEach(async () => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(out, { recursive: true, force: true });
});

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
const rel = async () => (await allFiles(out)).map((f) => path.relative(out, f)).sort();
const readJson = async (...p: string[]) => JSON.parse(await readFile(path.join(out, ...p), 'utf8'));
const calls = (action: string, service = 'ec2') =>
  aws.seen.filter((s) => s.action === action && s.service === service);

/** Every file a full run writes for `region` (and the global ones), minus those named in `except`. */
function expectedFiles(region: string, except: readonly string[] = []): string[] {
  const regional = [
    ...COLLECT_APIS.map(fileNameOf),
    fileNameOf(PER_ITEM_APIS.listeners),
    fileNameOf(PER_ITEM_APIS.targetHealth),
    ...['routes', 'propagations', 'associations'].map((k) => `${TGW_RTB}.${k}.json`),
  ].map((f) => path.join(region, f));
  const global = [...GLOBAL_APIS.map(fileNameOf), fileNameOf(PER_ITEM_APIS.dxGatewayAssociations)].map((f) =>
    path.join('global', f),
  );
  return [...regional, ...global].filter((f) => !except.includes(path.basename(f))).sort();
}

async function run(regions: string[], extra: Partial<Parameters<typeof collect>[0]> = {}) {
  const progress: CollectProgress[] = [];
  const warnings: CollectWarning[] = [];
  const r = await collect({
    out,
    regions,
    endpoint: aws.endpoint,
    onProgress: (p) => progress.push(p),
    onWarning: (w) => warnings.push(w),
    ...extra,
  });
  return { r, progress, warnings };
}

describe('collect: EC2 and transit gateway route tables', () => {
  it('pages, retries throttling, skips a refused API, redacts secrets, and the snapshot traces through the TGW', async () => {
    aws.throttleLeft.set('DescribeSubnets', 1);
    aws.failing.set('DescribeFlowLogs', [403, 'UnauthorizedOperation']);
    const { r, progress, warnings } = await run(['us-east-1']);

    // Signed for real with the static test credentials, each service with its own scope.
    const scope = {
      ec2: 'ec2',
      elb: 'elasticloadbalancing',
      elbv2: 'elasticloadbalancing',
      directconnect: 'directconnect',
    };
    for (const s of aws.seen)
      expect(s.authorization).toMatch(
        new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDTESTCOLLECT/\\d{8}/us-east-1/${scope[s.service]}/`),
      );
    // Pagination: the second page was asked for with the token of the first.
    expect(calls('DescribeVpcs').map((s) => s.params.get('NextToken'))).toEqual([null, 'page-2']);
    const vpcs = await readJson('us-east-1', 'Vpcs.json');
    expect(vpcs.Vpcs.map((v: { VpcId: string }) => v.VpcId)).toEqual(['vpc-1', 'vpc-2']);
    expect(vpcs.Vpcs[0]).toMatchObject({ CidrBlock: '10.0.0.0/16', OwnerId: OWNER, IsDefault: false });
    // Throttled once, then answered.
    expect(calls('DescribeSubnets')).toHaveLength(2);
    expect((await readJson('us-east-1', 'Subnets.json')).Subnets[0].SubnetId).toBe('subnet-1');
    // Refused: a warning naming the permission, no file, everything else written.
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'PERMISSION_DENIED',
        region: 'us-east-1',
        operation: 'DescribeFlowLogs',
        missingPermission: 'ec2:DescribeFlowLogs',
        awsCode: 'UnauthorizedOperation',
      }),
    ]);
    expect(collectWarningMessage(warnings[0]!)).toBe(
      'us-east-1: DescribeFlowLogs was refused (UnauthorizedOperation); grant ec2:DescribeFlowLogs to collect it. Skipped.',
    );
    const expected = expectedFiles('us-east-1', ['FlowLogs.json']);
    expect(await rel()).toEqual(expected);
    expect(r.files).toEqual(expected);
    expect(progress.map((p) => p.file).sort()).toEqual(expected);
    // Empty answers are still files: the loader then knows the type is present and empty.
    expect(await readJson('us-east-1', 'NatGateways.json')).toEqual({ NatGateways: [] });
    // Managed prefix lists carry their entries, under the key the loader reads
    // (not the S3 list, whose CIDRs describe-prefix-lists gave).
    const mpl = await readJson('us-east-1', 'ManagedPrefixLists.json');
    expect(mpl.ManagedPrefixLists[0].PrefixListId).toBe('pl-63a5400a');
    expect(mpl.ManagedPrefixLists[0].Entries).toBeUndefined();
    expect(mpl.ManagedPrefixLists[1]).toMatchObject({
      PrefixListId: 'pl-0c0ffee',
      Entries: [{ Cidr: '192.0.2.0/24', Description: 'HQ' }],
    });
    expect(calls('GetManagedPrefixListEntries').map((s) => s.params.get('PrefixListId'))).toEqual([
      'pl-0c0ffee',
    ]);

    // TGW route table contents: the route search needs a filter and pages; the table being deleted is skipped.
    const searches = calls('SearchTransitGatewayRoutes');
    expect(
      searches.map((s) => [s.params.get('TransitGatewayRouteTableId'), s.params.get('NextToken')]),
    ).toEqual([
      [TGW_RTB, null],
      [TGW_RTB, 'routes-2'],
    ]);
    expect(
      ['Filter.1.Name', 'Filter.1.Value.1', 'Filter.1.Value.2'].map((k) => searches[0]!.params.get(k)),
    ).toEqual(['type', 'static', 'propagated']);
    expect(calls('GetTransitGatewayRouteTablePropagations')).toHaveLength(1);
    expect(calls('GetTransitGatewayRouteTableAssociations')).toHaveLength(1);
    // Exactly what `aws ec2 search-transit-gateway-routes` etc. print, one file per table.
    const routes = await readJson('us-east-1', `${TGW_RTB}.routes.json`);
    expect(Object.keys(routes)).toEqual(['Routes']);
    expect(routes.Routes).toEqual([
      {
        DestinationCidrBlock: '10.0.0.0/16',
        TransitGatewayAttachments: [
          { ResourceId: 'vpc-1', TransitGatewayAttachmentId: TGW_ATTACHMENTS[0], ResourceType: 'vpc' },
        ],
        Type: 'propagated',
        State: 'active',
      },
      {
        DestinationCidrBlock: '10.1.0.0/16',
        TransitGatewayAttachments: [
          { ResourceId: 'vpc-2', TransitGatewayAttachmentId: TGW_ATTACHMENTS[1], ResourceType: 'vpc' },
        ],
        Type: 'propagated',
        State: 'active',
      },
      { DestinationCidrBlock: '10.1.9.0/24', Type: 'static', State: 'blackhole' },
    ]);
    expect(await readJson('us-east-1', `${TGW_RTB}.associations.json`)).toEqual({
      Associations: [1, 2].map((n) => ({
        TransitGatewayAttachmentId: TGW_ATTACHMENTS[n - 1],
        ResourceId: `vpc-${n}`,
        ResourceType: 'vpc',
        State: 'associated',
      })),
    });
    expect(
      (await readJson('us-east-1', `${TGW_RTB}.propagations.json`)).TransitGatewayRouteTablePropagations,
    ).toHaveLength(2);
    expect(
      (await readJson('us-east-1', 'TransitGatewayVpcAttachments.json')).TransitGatewayVpcAttachments[1],
    ).toMatchObject({ TransitGatewayAttachmentId: TGW_ATTACHMENTS[1], SubnetIds: ['subnet-2'] });

    // No secret on disk, in any file, nor in what would be printed.
    for (const f of await allFiles(out))
      for (const s of SECRETS) expect(await readFile(f, 'utf8')).not.toContain(s);
    for (const line of [...progress.map(progressMessage), ...warnings.map(collectWarningMessage)])
      for (const s of SECRETS) expect(line).not.toContain(s);
    const vpn = await readJson('us-east-1', 'VpnConnections.json');
    expect(vpn.VpnConnections[0]).toMatchObject({
      VpnConnectionId: 'vpn-1',
      CustomerGatewayConfiguration: REDACTED,
      Options: { TunnelOptions: [{ OutsideIpAddress: '198.51.100.1', PreSharedKey: REDACTED }] },
    });

    // The snapshot loads, with the region from the folder, and traces.
    const net = await loadSnapshot(out);
    expect(net.data.instances.map((i) => i.instanceId)).toEqual(['i-1', 'i-2']);
    expect(net.data.vpcs.map((v) => v.region)).toEqual(['us-east-1', 'us-east-1']);
    // Only the load balancer files warn, once each, saying why.
    expect(net.data.warnings).toEqual(
      ['ClassicLoadBalancers', 'Listeners', 'LoadBalancers', 'TargetGroups', 'TargetHealthDescriptions'].map(
        (f) =>
          expect.objectContaining({
            code: 'UNSUPPORTED_RESOURCE',
            file: path.join(out, 'us-east-1', `${f}.json`),
            detail: LOAD_BALANCERS_NOT_MODELLED,
          }),
      ),
    );
    const cidrsOf = (id: string) =>
      net.data.prefixLists.find((p) => p.prefixListId === id)?.cidrs?.map(formatCidr);
    expect(cidrsOf('pl-63a5400a')).toEqual(['52.216.0.0/15', '3.5.0.0/19']);
    expect(cidrsOf('pl-0c0ffee')).toEqual(['192.0.2.0/24']);
    const t = trace(net, tcp('internet', 'i-1', 443));
    expectValidTrace(t);
    expect(t.verdict).toBe('reachable');
    expect(trace(net, tcp('internet', 'i-1', 22)).verdict).toBe('unreachable');

    // Through the transit gateway: its table is known only from the collected per-table files.
    const table = net.transitGatewayRouteTables.get(TGW_RTB);
    expect(table?.routesComplete).toBe(true);
    expect(table?.routes.map((x) => `${x.destinationText} ${x.type} ${x.state}`)).toEqual([
      '10.0.0.0/16 propagated active',
      '10.1.0.0/16 propagated active',
      '10.1.9.0/24 static blackhole',
    ]);
    expect(TGW_ATTACHMENTS.map((a) => net.transitGatewayAttachments.get(a)?.associatedRouteTableId)).toEqual([
      TGW_RTB,
      TGW_RTB,
    ]);
    const viaTgw = trace(net, tcp('web-1', 'app-1', 8080));
    expectValidTrace(viaTgw);
    expect(viaTgw.verdict).toBe('reachable');
    expect(ids(viaTgw.forward)).toEqual(
      expect.arrayContaining(['tgw-1', TGW_ATTACHMENTS[0], TGW_RTB, TGW_ATTACHMENTS[1]]),
    );
    expect(trace(net, tcp('web-1', 'app-1', 22)).verdict).toBe('unreachable');
  });

  it('warns when the route search says more routes exist than it returned', async () => {
    const original = EC2.SearchTransitGatewayRoutes!;
    EC2.SearchTransitGatewayRoutes = () => ({
      routeSet: [{ destinationCidrBlock: '10.9.0.0/16', type: 'static', state: 'active' }],
      additionalRoutesAvailable: true,
    });
    try {
      const { warnings } = await run(['us-east-1']);
      expect(warnings).toEqual([
        {
          code: 'ROUTES_TRUNCATED',
          region: 'us-east-1',
          service: 'ec2',
          operation: 'SearchTransitGatewayRoutes',
          resourceId: TGW_RTB,
        },
      ]);
      expect(collectWarningMessage(warnings[0]!)).toContain(`traces through ${TGW_RTB} may miss routes`);
      expect((await readJson('us-east-1', `${TGW_RTB}.routes.json`)).Routes).toHaveLength(1);
    } finally {
      EC2.SearchTransitGatewayRoutes = original;
    }
  });

  it('a refused route-table call is asked once, named with its ec2: action, and the rest lands', async () => {
    aws.failing.set('GetTransitGatewayRouteTablePropagations', [403, 'UnauthorizedOperation']);
    const { r, warnings } = await run(['us-east-1']);
    expect(warnings.map((w) => [w.code, w.missingPermission, w.resourceId])).toEqual([
      ['PERMISSION_DENIED', 'ec2:GetTransitGatewayRouteTablePropagations', TGW_RTB],
    ]);
    expect(r.files).toEqual(expectedFiles('us-east-1', [`${TGW_RTB}.propagations.json`]));
    // The routes file lists the propagated routes, so the trace does not need the propagations.
    const net = await loadSnapshot(out);
    expect(trace(net, tcp('web-1', 'app-1', 8080)).verdict).toBe('reachable');
  });
});

describe('collect: Direct Connect and load balancers', () => {
  it('pages, retries throttling, names a refused permission by its service, and keeps key material out', async () => {
    aws.throttleLeft.set('directconnect:DescribeVirtualInterfaces', 1);
    aws.throttleLeft.set('elbv2:DescribeTargetGroups', 1);
    aws.failing.set('directconnect:DescribeLags', [400, 'AccessDeniedException']);
    aws.failing.set('elbv2:DescribeTargetHealth', [403, 'AccessDenied']);
    const { r, progress, warnings } = await run(['us-east-1']);

    // Refused: one warning each, with the right service prefix; DescribeTargetHealth asked once only.
    expect(warnings.map((w) => [w.code, w.service, w.operation, w.missingPermission])).toEqual([
      ['PERMISSION_DENIED', 'directconnect', 'DescribeLags', 'directconnect:DescribeLags'],
      ['PERMISSION_DENIED', 'elbv2', 'DescribeTargetHealth', 'elasticloadbalancing:DescribeTargetHealth'],
    ]);
    expect(collectWarningMessage(warnings[0]!)).toBe(
      'us-east-1: DescribeLags was refused (AccessDeniedException); grant directconnect:DescribeLags to collect it. Skipped.',
    );
    expect(calls('DescribeTargetHealth', 'elbv2').map((s) => s.params.get('TargetGroupArn'))).toEqual([
      TG_ARNS[0],
    ]);
    expect(r.files).toEqual(
      expectedFiles('us-east-1', ['DirectConnectLags.json', 'TargetHealthDescriptions.json']),
    );

    // Throttled once, then answered (JSON and query protocols).
    expect(calls('DescribeVirtualInterfaces', 'directconnect')).toHaveLength(2);
    expect(calls('DescribeTargetGroups', 'elbv2')).toHaveLength(2);
    // Direct Connect gateways: two pages by nextToken, then the associations of each gateway.
    expect(
      calls('DescribeDirectConnectGateways', 'directconnect').map((s) => s.params.get('nextToken')),
    ).toEqual([null, 'dxgw-page-2']);
    expect(
      calls('DescribeDirectConnectGatewayAssociations', 'directconnect').map((s) =>
        s.params.get('directConnectGatewayId'),
      ),
    ).toEqual(['dxgw-1', 'dxgw-2']);
    const gws = await readJson('global', 'DirectConnectGateways.json');
    expect(
      gws.directConnectGateways.map((g: { directConnectGatewayId: string }) => g.directConnectGatewayId),
    ).toEqual(['dxgw-1', 'dxgw-2']);
    const assoc = await readJson('global', 'DirectConnectGatewayAssociations.json');
    expect(assoc.directConnectGatewayAssociations).toEqual([
      expect.objectContaining({
        directConnectGatewayId: 'dxgw-1',
        associatedGateway: {
          id: 'vgw-1',
          type: 'virtualPrivateGateway',
          ownerAccount: OWNER,
          region: 'us-east-1',
        },
        allowedPrefixesToDirectConnectGateway: [{ cidr: '10.0.0.0/16' }],
      }),
    ]);
    // Key material: the BGP MD5 keys of the VIF and its peer, the MACsec CKN; the secret's ARN stays.
    const vifs = await readJson('us-east-1', 'DirectConnectVirtualInterfaces.json');
    expect(vifs.virtualInterfaces[0]).toMatchObject({
      virtualInterfaceId: 'dxvif-1',
      authKey: REDACTED,
      bgpPeers: [{ bgpPeerId: 'dxpeer-1', authKey: REDACTED, bgpStatus: 'up' }],
    });
    const cons = await readJson('us-east-1', 'DirectConnectConnections.json');
    expect(cons.connections[0].macSecKeys).toEqual([
      {
        secretARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:dx-cak',
        ckn: REDACTED,
        state: 'associated',
      },
    ]);
    for (const f of await allFiles(out))
      for (const s of SECRETS) expect(await readFile(f, 'utf8')).not.toContain(s);
    for (const line of [...progress.map(progressMessage), ...warnings.map(collectWarningMessage)])
      for (const s of SECRETS) expect(line).not.toContain(s);

    // Load balancers in the shape `aws elb` / `aws elbv2 describe-*` print; two pages of ELBv2 ones.
    expect(calls('DescribeLoadBalancers', 'elbv2').map((s) => s.params.get('Marker'))).toEqual([
      null,
      'lb-page-2',
    ]);
    expect(
      (await readJson('us-east-1', 'ClassicLoadBalancers.json')).LoadBalancerDescriptions[0],
    ).toMatchObject({
      LoadBalancerName: 'classic-1',
      VPCId: 'vpc-1',
      Subnets: ['subnet-1'],
      Instances: [{ InstanceId: 'i-1' }],
      ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 } }],
    });
    const lbs = await readJson('us-east-1', 'LoadBalancers.json');
    expect(lbs.LoadBalancers.map((l: { LoadBalancerArn: string }) => l.LoadBalancerArn)).toEqual([
      ...LB_ARNS,
    ]);
    expect(lbs.LoadBalancers[0]).toMatchObject({
      Type: 'application',
      State: { Code: 'active' },
      AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-1' }],
    });
    const listeners = await readJson('us-east-1', 'Listeners.json');
    expect(
      listeners.Listeners.map((l: { LoadBalancerArn: string; Port: number }) => [l.LoadBalancerArn, l.Port]),
    ).toEqual([
      [LB_ARNS[0], 443],
      [LB_ARNS[1], 80],
    ]);
    expect((await readJson('us-east-1', 'TargetGroups.json')).TargetGroups).toHaveLength(2);

    // The snapshot loads the Direct Connect records, and still traces.
    const net = await loadSnapshot(out);
    expect([...net.directConnectGateways.keys()]).toEqual(['dxgw-1', 'dxgw-2']);
    expect(net.virtualInterfaces.get('dxvif-1')).toMatchObject({
      vlan: 101,
      directConnectGatewayId: 'dxgw-1',
    });
    expect(net.dxConnections.get('dxcon-1')?.lagId).toBe('dxlag-1');
    expect(net.directConnectGatewayAssociations).toEqual([
      expect.objectContaining({ directConnectGatewayId: 'dxgw-1', gatewayId: 'vgw-1' }),
    ]);
    expect(trace(net, tcp('web-1', 'app-1', 8080)).verdict).toBe('reachable');
    // From the data center behind the VIF, through the collected DX gateway and its association.
    const dc = parseOnPrem(
      'networks:\n  - name: dc\n    prefixes: [172.16.0.0/16]\n    advertised: [172.16.0.0/16]\n    virtualInterfaces: [dxvif-1]\n    bgpAsn: 65000\n',
      'onprem.yaml',
    );
    const fromDc = trace(new Network({ ...net.data, onPremNetworks: dc }), tcp('172.16.1.10', 'web-1', 443));
    expectValidTrace(fromDc);
    expect(fromDc.verdict).toBe('reachable');
    expect(ids(fromDc.forward).slice(0, 4)).toEqual(['dc', 'dxvif-1', 'dxgw-1', 'vgw-1']);
  });

  it('a refusal said only in the message (no dedicated code) is still a permission warning', async () => {
    aws.failing.set('directconnect:DescribeConnections', [
      400,
      'DirectConnectClientException',
      'User: arn:aws:iam::111122223333:user/ro is not authorized to perform: directconnect:DescribeConnections',
    ]);
    const { r, warnings } = await run(['us-east-1']);
    expect(warnings.map((w) => [w.code, w.awsCode, w.missingPermission])).toEqual([
      ['PERMISSION_DENIED', 'DirectConnectClientException', 'directconnect:DescribeConnections'],
    ]);
    expect(r.files).toEqual(expectedFiles('us-east-1', ['DirectConnectConnections.json']));
  });

  it('target health names its target group, which the per-group CLI output leaves implicit', async () => {
    await run(['us-east-1']);
    const health = await readJson('us-east-1', 'TargetHealthDescriptions.json');
    expect(health.TargetHealthDescriptions).toEqual(
      TG_ARNS.map((arn) => ({
        TargetGroupArn: arn,
        Target: { Id: 'i-1', Port: 80 },
        HealthCheckPort: '80',
        TargetHealth: { State: 'healthy' },
      })),
    );
  });

  it('without an optional SDK package, that service is skipped with one warning', async () => {
    const { r, warnings } = await run(['us-east-1'], {
      importSdk: (name) =>
        name === '@aws-sdk/client-direct-connect'
          ? import(['@aws-sdk', 'not-installed-client'].join('/'))
          : import(name),
    });
    expect(warnings).toEqual([{ code: 'SDK_MISSING', service: 'directconnect' }]);
    expect(collectWarningMessage(warnings[0]!)).toBe(
      'Direct Connect was not collected because its SDK is not installed: run `npm install @aws-sdk/client-direct-connect`.',
    );
    expect(aws.seen.some((s) => s.service === 'directconnect')).toBe(false);
    expect(r.files.some((f) => f.includes('DirectConnect'))).toBe(false);
    expect(r.files).toContain(path.join('us-east-1', 'LoadBalancers.json'));
  });
});

describe('collect: regions', () => {
  it('collects several regions at once, each into its own folder, at most 4 calls at a time', async () => {
    aws.stats.delayMs = 3;
    const regions = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2', 'sa-east-1'];
    const { r } = await run(regions, { retryMode: 'standard' });
    expect(r.regions).toEqual(regions);
    expect(aws.stats.maxInFlight).toBeGreaterThan(1);
    expect(aws.stats.maxInFlight).toBeLessThanOrEqual(4);
    for (const region of regions) {
      expect(aws.seen.some((s) => s.region === region && s.service === 'directconnect')).toBe(true);
      // (The fake answers the same ids in every region, so each folder is loaded on its own.)
      const net = await loadSnapshot(path.join(out, region));
      expect(net.data.vpcs.map((v) => v.region)).toEqual([region, region]);
    }
    // Direct Connect gateways are global: asked once, written once.
    expect(calls('DescribeDirectConnectGateways', 'directconnect').map((s) => s.region)).toEqual([
      'us-east-1',
      'us-east-1',
    ]);
    expect(r.files.filter((f) => f.startsWith('global'))).toHaveLength(2);
  });

  it('skips an opt-in region that refuses the first call, with one warning, and collects the others', async () => {
    aws.failing.set('ap-east-1/DescribeVpcs', [401, 'AuthFailure']);
    const { r, warnings } = await run(['us-east-1', 'ap-east-1']);
    expect(r.regions).toEqual(['us-east-1']);
    expect(r.skippedRegions).toEqual(['ap-east-1']);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'REGION_SKIPPED', region: 'ap-east-1', awsCode: 'AuthFailure' }),
    ]);
    expect(collectWarningMessage(warnings[0]!)).toMatch(
      /^ap-east-1: AWS refused the region's first call \(AuthFailure\)/,
    );
    expect(aws.seen.filter((s) => s.region === 'ap-east-1').map((s) => s.action)).toEqual(['DescribeVpcs']);
    expect((await rel()).some((f) => f.startsWith('ap-east-1'))).toBe(false);
    expect(r.files).toEqual(expectedFiles('us-east-1'));
  });

  it('stops with one sentence when every region refuses as credentials are refused, and writes nothing', async () => {
    aws.failing.set('DescribeVpcs', [401, 'AuthFailure']);
    const first = collect({ out, regions: ['us-east-1'], endpoint: aws.endpoint });
    await expect(first).rejects.toThrow(CollectError);
    await expect(first).rejects.toThrow(/credentials.*AuthFailure/);
    aws.failing.set('DescribeVpcs', [400, 'OptInRequired']);
    await expect(
      collect({ out, regions: ['me-south-1', 'af-south-1'], endpoint: aws.endpoint }),
    ).rejects.toThrow(/none of the regions asked for is enabled/);
    expect(await allFiles(out)).toEqual([]);
  });

  it('a service that does not answer in one region is skipped there only', async () => {
    aws.failing.set('eu-west-1/directconnect:DescribeConnections', [400, 'UnrecognizedClientException']);
    const { r, warnings } = await run(['us-east-1', 'eu-west-1'], { concurrency: 1 });
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'SERVICE_SKIPPED', region: 'eu-west-1', service: 'directconnect' }),
    ]);
    expect(aws.seen.filter((s) => s.region === 'eu-west-1' && s.service === 'directconnect')).toHaveLength(1);
    expect(r.files.filter((f) => f.startsWith('eu-west-1') && f.includes('DirectConnect'))).toEqual([]);
    expect(r.files).toContain(path.join('eu-west-1', 'LoadBalancers.json'));
  });
});

describe('collect: failures', () => {
  it('runs from the CLI: warnings and a closing line on stderr, exit 0; progress only on a TTY; no secret printed', async () => {
    aws.failing.set('DescribeTransitGateways', [403, 'UnauthorizedOperation']);
    const chunks: string[] = [];
    const write = process.stderr.write;
    const isTTY = process.stderr.isTTY;
    process.stderr.write = ((s: string) => {
      chunks.push(String(s));
      return true;
    }) as typeof process.stderr.write;
    const codes: number[] = [];
    try {
      process.stderr.isTTY = false;
      codes.push(
        await main(['collect', '--out', out, '--region', 'us-east-1', '--endpoint-url', aws.endpoint]),
      );
      const plain = chunks.splice(0).join('');
      expect(plain.trim().split('\n')).toEqual([
        'vpcsim: warning: us-east-1: DescribeTransitGateways was refused (UnauthorizedOperation); grant ec2:DescribeTransitGateways to collect it. Skipped.',
        expect.stringMatching(/^Wrote \d+ files for us-east-1 into .* \(1 warning\)\.$/),
      ]);
      process.stderr.isTTY = true;
      codes.push(
        await main(['collect', '--out', out, '--region', 'us-east-1', '--endpoint-url', aws.endpoint]),
      );
    } finally {
      process.stderr.write = write;
      process.stderr.isTTY = isTTY;
      process.exitCode = undefined;
    }
    expect(codes).toEqual([0, 0]);
    const tty = chunks.join('');
    expect(tty).toContain(
      'us-east-1: DescribeVirtualInterfaces: 1 item → us-east-1/DirectConnectVirtualInterfaces.json',
    );
    expect(tty).toContain(`us-east-1: SearchTransitGatewayRoutes for ${TGW_RTB}: 3 items`);
    expect(tty).toMatch(/Wrote \d+ files for us-east-1 into .* \(1 warning\)\./);
    for (const s of SECRETS) expect(tty).not.toContain(s);
    expect((await allFiles(out)).length).toBe(expectedFiles('us-east-1', ['TransitGateways.json']).length);
  });

  it('an API failing otherwise is a warning, and the rest lands', async () => {
    aws.failing.set('DescribeNatGateways', [400, 'InvalidParameterValue']);
    const { r, warnings } = await run(['us-east-1']);
    expect(warnings.map(collectWarningMessage)).toEqual([
      expect.stringMatching(/^us-east-1: DescribeNatGateways failed \(InvalidParameterValue: /),
    ]);
    expect(r.files).toEqual(expectedFiles('us-east-1', ['NatGateways.json']));
  });

  it('stops with one sentence when the endpoint cannot be reached or the region is not one', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      collect({ out, regions: ['us-east-1'], endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 }),
    ).rejects.toThrow(/could not reach the EC2 endpoint of us-east-1 \(ECONNREFUSED/);
    await expect(collect({ out, regions: ['useast1'], endpoint: aws.endpoint })).rejects.toThrow(
      /not an AWS region name/,
    );
    expect(await allFiles(out)).toEqual([]);
  });

  it('says how to install the EC2 SDK when it is missing', async () => {
    const missing = () => import(['@aws-sdk', 'not-installed-client'].join('/'));
    await expect(loadSdk(missing)).rejects.toThrow(SDK_MISSING);
    expect(SDK_MISSING).toContain('npm install @aws-sdk/client-ec2');
  });
});

describe('redactSecrets', () => {
  it('replaces key material wherever it is nested and keeps the rest', () => {
    expect(
      redactSecrets({
        VpnConnections: [
          {
            CustomerGatewayConfiguration: '<xml/>',
            Options: {
              TunnelOptions: [{ PreSharedKey: 'k', PreSharedKeyArn: 'arn:x', OutsideIpAddress: '1.2.3.4' }],
            },
          },
        ],
        virtualInterfaces: [{ authKey: 'md5', bgpPeers: [{ authKey: 'md5', asn: 65000 }], vlan: 7 }],
        connections: [{ macSecKeys: [{ secretARN: 'arn:s', ckn: 'n', cak: 'c' }] }],
      }),
    ).toEqual({
      VpnConnections: [
        {
          CustomerGatewayConfiguration: REDACTED,
          Options: {
            TunnelOptions: [
              { PreSharedKey: REDACTED, PreSharedKeyArn: 'arn:x', OutsideIpAddress: '1.2.3.4' },
            ],
          },
        },
      ],
      virtualInterfaces: [{ authKey: REDACTED, bgpPeers: [{ authKey: REDACTED, asn: 65000 }], vlan: 7 }],
      connections: [{ macSecKeys: [{ secretARN: 'arn:s', ckn: REDACTED, cak: REDACTED }] }],
    });
  });
});

describe('iamActions', () => {
  it('is the policy documented in docs/collect.md', async () => {
    const doc = await readFile(new URL('../../docs/collect.md', import.meta.url), 'utf8');
    const policy = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '{}');
    expect([...policy.Statement[0].Action].sort()).toEqual(iamActions());
  });

  it('names every call with its service prefix', () => {
    expect(iamActions()).toEqual(
      expect.arrayContaining([
        'ec2:SearchTransitGatewayRoutes',
        'ec2:GetTransitGatewayRouteTablePropagations',
        'ec2:GetTransitGatewayRouteTableAssociations',
        'ec2:DescribeTransitGatewayPeeringAttachments',
        'directconnect:DescribeConnections',
        'directconnect:DescribeLags',
        'directconnect:DescribeVirtualInterfaces',
        'directconnect:DescribeDirectConnectGateways',
        'directconnect:DescribeDirectConnectGatewayAssociations',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeTargetHealth',
      ]),
    );
    expect(iamActions().every((a) => /^(ec2|directconnect|elasticloadbalancing):[A-Z]\w+$/.test(a))).toBe(
      true,
    );
  });
});
