/**
 * `vpcsim collect` against a local EC2 Query-protocol server: the real SDK signs, retries, parses
 * the XML and paginates; the files it writes must load and trace like `aws ec2 describe-*` output.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectValidTrace, tcp } from '../../test/helpers.js';
import { main } from '../cli/main.js';
import { trace } from '../engine/trace.js';
import { loadSnapshot } from '../ingest/index.js';
import { formatCidr } from '../net/index.js';
import { COLLECT_APIS, iamActions } from './apis.js';
import { CollectError, collect, loadSdk, SDK_MISSING } from './collect.js';
import { REDACTED, redactSecrets } from './redact.js';

const SECRET = 'Sup3rSecretPSK_do_not_leak';
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

// ---- a tiny EC2 XML writer -------------------------------------------------------------------
type Xml = string | number | boolean | undefined | XmlObj | XmlObj[] | string[];
interface XmlObj {
  [k: string]: Xml;
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function xml(o: XmlObj): string {
  return Object.entries(o)
    .map(([k, v]) => {
      if (v === undefined) return '';
      if (Array.isArray(v))
        return `<${k}>${v.map((i: XmlObj | string) => `<item>${typeof i === 'string' ? esc(i) : xml(i)}</item>`).join('')}</${k}>`;
      if (typeof v === 'object') return `<${k}>${xml(v)}</${k}>`;
      return `<${k}>${esc(String(v))}</${k}>`;
    })
    .join('');
}
const ok = (action: string, body: XmlObj) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>req-${action}</requestId>${xml(body)}</${action}Response>`;
const err = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>req-err</RequestID></Response>`;

// ---- the account: one public instance behind an internet gateway -----------------------------
const OWNER = '111122223333';
const group = { groupId: 'sg-1', groupName: 'web' };
const RESPONSES: Record<string, (p: URLSearchParams) => XmlObj> = {
  DescribeVpcs: (p) =>
    p.get('NextToken') === 'page-2'
      ? { vpcSet: [{ vpcId: 'vpc-2', cidrBlock: '10.1.0.0/16', state: 'available', ownerId: OWNER }] }
      : {
          vpcSet: [
            {
              vpcId: 'vpc-1',
              cidrBlock: '10.0.0.0/16',
              state: 'available',
              ownerId: OWNER,
              isDefault: false,
            },
          ],
          nextToken: 'page-2',
        },
  DescribeSubnets: () => ({
    subnetSet: [
      {
        subnetId: 'subnet-1',
        vpcId: 'vpc-1',
        cidrBlock: '10.0.1.0/24',
        availabilityZone: 'us-east-1a',
        state: 'available',
        ownerId: OWNER,
      },
    ],
  }),
  DescribeRouteTables: () => ({
    routeTableSet: [
      {
        routeTableId: 'rtb-1',
        vpcId: 'vpc-1',
        ownerId: OWNER,
        routeSet: [
          {
            destinationCidrBlock: '10.0.0.0/16',
            gatewayId: 'local',
            state: 'active',
            origin: 'CreateRouteTable',
          },
          { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1', state: 'active', origin: 'CreateRoute' },
        ],
        associationSet: [
          { routeTableAssociationId: 'rtbassoc-1', routeTableId: 'rtb-1', main: true },
          { routeTableAssociationId: 'rtbassoc-2', routeTableId: 'rtb-1', main: false, subnetId: 'subnet-1' },
        ],
      },
    ],
  }),
  DescribeSecurityGroups: () => ({
    securityGroupInfo: [
      {
        ownerId: OWNER,
        groupId: 'sg-1',
        groupName: 'web',
        groupDescription: 'web',
        vpcId: 'vpc-1',
        ipPermissions: [
          { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
        ],
        ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }],
      },
    ],
  }),
  DescribeNetworkAcls: () => ({
    networkAclSet: [
      {
        networkAclId: 'acl-1',
        vpcId: 'vpc-1',
        default: true,
        ownerId: OWNER,
        entrySet: [
          { ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress: false, cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: false, cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress: true, cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: true, cidrBlock: '0.0.0.0/0' },
        ],
        associationSet: [
          { networkAclAssociationId: 'aclassoc-1', networkAclId: 'acl-1', subnetId: 'subnet-1' },
        ],
      },
    ],
  }),
  DescribeInstances: () => ({
    reservationSet: [
      {
        reservationId: 'r-1',
        ownerId: OWNER,
        instancesSet: [
          {
            instanceId: 'i-1',
            imageId: 'ami-1',
            instanceState: { code: 16, name: 'running' },
            privateIpAddress: '10.0.1.10',
            ipAddress: '203.0.113.10',
            subnetId: 'subnet-1',
            vpcId: 'vpc-1',
            placement: { availabilityZone: 'us-east-1a' },
            groupSet: [group],
            sourceDestCheck: true,
            tagSet: [{ key: 'Name', value: 'web-1' }],
            networkInterfaceSet: [
              {
                networkInterfaceId: 'eni-1',
                subnetId: 'subnet-1',
                vpcId: 'vpc-1',
                privateIpAddress: '10.0.1.10',
                sourceDestCheck: true,
                status: 'in-use',
                groupSet: [group],
                attachment: { attachmentId: 'eni-attach-1', deviceIndex: 0, status: 'attached' },
                association: { publicIp: '203.0.113.10', ipOwnerId: 'amazon' },
                privateIpAddressesSet: [
                  { privateIpAddress: '10.0.1.10', primary: true, association: { publicIp: '203.0.113.10' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  }),
  DescribeNetworkInterfaces: () => ({
    networkInterfaceSet: [
      {
        networkInterfaceId: 'eni-1',
        subnetId: 'subnet-1',
        vpcId: 'vpc-1',
        availabilityZone: 'us-east-1a',
        ownerId: OWNER,
        privateIpAddress: '10.0.1.10',
        sourceDestCheck: true,
        status: 'in-use',
        interfaceType: 'interface',
        groupSet: [group],
        attachment: { attachmentId: 'eni-attach-1', instanceId: 'i-1', deviceIndex: 0, status: 'attached' },
        association: { publicIp: '203.0.113.10', ipOwnerId: 'amazon' },
        privateIpAddressesSet: [
          { privateIpAddress: '10.0.1.10', primary: true, association: { publicIp: '203.0.113.10' } },
        ],
      },
    ],
  }),
  DescribeInternetGateways: () => ({
    internetGatewaySet: [
      { internetGatewayId: 'igw-1', ownerId: OWNER, attachmentSet: [{ vpcId: 'vpc-1', state: 'available' }] },
    ],
  }),
  DescribePrefixLists: () => ({
    prefixListSet: [
      {
        prefixListId: 'pl-63a5400a',
        prefixListName: 'com.amazonaws.us-east-1.s3',
        cidrSet: ['52.216.0.0/15', '3.5.0.0/19'],
      },
    ],
  }),
  DescribeManagedPrefixLists: () => ({
    prefixListSet: [
      {
        prefixListId: 'pl-63a5400a',
        addressFamily: 'IPv4',
        state: 'create-complete',
        prefixListName: 'com.amazonaws.us-east-1.s3',
        ownerId: 'AWS',
      },
      {
        prefixListId: 'pl-0c0ffee',
        addressFamily: 'IPv4',
        state: 'create-complete',
        prefixListName: 'office',
        ownerId: OWNER,
      },
    ],
  }),
  GetManagedPrefixListEntries: (p) =>
    p.get('PrefixListId') === 'pl-0c0ffee' ? { entrySet: [{ cidr: '192.0.2.0/24', description: 'HQ' }] } : {},
  DescribeVpnConnections: () => ({
    vpnConnectionSet: [
      {
        vpnConnectionId: 'vpn-1',
        customerGatewayConfiguration: `<vpn_connection id="vpn-1"><ipsec_tunnel><ike><pre_shared_key>${SECRET}</pre_shared_key></ike></ipsec_tunnel></vpn_connection>`,
        customerGatewayId: 'cgw-1',
        vpnGatewayId: 'vgw-1',
        state: 'available',
        type: 'ipsec.1',
        options: {
          staticRoutesOnly: true,
          tunnelOptionSet: [{ outsideIpAddress: '198.51.100.1', preSharedKey: SECRET }],
        },
      },
    ],
  }),
};

interface Seen {
  action: string;
  params: URLSearchParams;
  authorization: string;
}

let server: Server;
let endpoint: string;
const seen: Seen[] = [];
/** How many times an action still fails with throttling before it answers. */
const throttleLeft = new Map<string, number>();
/** Actions answered with an error (HTTP status, code) every time. */
const failing = new Map<string, [number, string]>();

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const params = new URLSearchParams(await body(req));
    const action = params.get('Action') ?? '';
    seen.push({ action, params, authorization: String(req.headers.authorization ?? '') });
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
      res.end(text);
    };
    const left = throttleLeft.get(action) ?? 0;
    if (left > 0) {
      throttleLeft.set(action, left - 1);
      return send(503, err('RequestLimitExceeded', 'Request limit exceeded.'));
    }
    const failure = failing.get(action);
    if (failure) return send(failure[0], err(failure[1], `${failure[1]} for ${action}.`));
    const answer = RESPONSES[action];
    send(200, ok(action, answer ? answer(params) : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
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
  seen.length = 0;
  throttleLeft.clear();
  failing.clear();
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

describe('collect', () => {
  it('pages, retries throttling, skips a refused API, redacts secrets, and the snapshot traces', async () => {
    throttleLeft.set('DescribeSubnets', 1);
    failing.set('DescribeFlowLogs', [403, 'UnauthorizedOperation']);
    const progress: string[] = [];
    const warnings: string[] = [];
    const r = await collect({
      out,
      regions: ['us-east-1'],
      endpoint,
      onProgress: (l) => progress.push(l),
      onWarning: (l) => warnings.push(l),
    });

    // Signed for real with the static test credentials.
    expect(seen.length).toBeGreaterThan(COLLECT_APIS.length);
    for (const s of seen)
      expect(s.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTESTCOLLECT\/\d{8}\/us-east-1\/ec2\//,
      );
    // Pagination: the second page was asked for with the token of the first.
    const vpcCalls = seen.filter((s) => s.action === 'DescribeVpcs');
    expect(vpcCalls.map((s) => s.params.get('NextToken'))).toEqual([null, 'page-2']);
    const vpcs = JSON.parse(await readFile(path.join(out, 'us-east-1', 'Vpcs.json'), 'utf8'));
    expect(vpcs.Vpcs.map((v: { VpcId: string }) => v.VpcId)).toEqual(['vpc-1', 'vpc-2']);
    expect(vpcs.Vpcs[0]).toMatchObject({ CidrBlock: '10.0.0.0/16', OwnerId: OWNER, IsDefault: false });
    // Throttled once, then answered.
    expect(seen.filter((s) => s.action === 'DescribeSubnets')).toHaveLength(2);
    const subnets = JSON.parse(await readFile(path.join(out, 'us-east-1', 'Subnets.json'), 'utf8'));
    expect(subnets.Subnets[0].SubnetId).toBe('subnet-1');
    // Refused: a warning naming the permission, no file, everything else written.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ec2:DescribeFlowLogs');
    expect(r.warnings).toEqual([
      expect.objectContaining({ operation: 'DescribeFlowLogs', missingPermission: 'ec2:DescribeFlowLogs' }),
    ]);
    const written = (await allFiles(out)).map((f) => path.relative(out, f)).sort();
    const expected = COLLECT_APIS.filter((a) => a.operation !== 'DescribeFlowLogs')
      .map((a) => path.join('us-east-1', `${a.fileKey ?? a.outputKey}.json`))
      .sort();
    expect(written).toEqual(expected);
    expect([...r.files].sort()).toEqual(expected);
    expect(progress).toHaveLength(COLLECT_APIS.length - 1);
    // Empty answers are still files: the loader then knows the type is present and empty.
    expect(JSON.parse(await readFile(path.join(out, 'us-east-1', 'NatGateways.json'), 'utf8'))).toEqual({
      NatGateways: [],
    });
    // Managed prefix lists carry their entries, under the key the loader reads.
    // (not the S3 list, whose CIDRs describe-prefix-lists gave).
    const mpl = JSON.parse(await readFile(path.join(out, 'us-east-1', 'ManagedPrefixLists.json'), 'utf8'));
    expect(mpl.ManagedPrefixLists[0].PrefixListId).toBe('pl-63a5400a');
    expect(mpl.ManagedPrefixLists[0].Entries).toBeUndefined();
    expect(mpl.ManagedPrefixLists[1]).toMatchObject({
      PrefixListId: 'pl-0c0ffee',
      Entries: [{ Cidr: '192.0.2.0/24', Description: 'HQ' }],
    });
    const entryCalls = seen.filter((s) => s.action === 'GetManagedPrefixListEntries');
    expect(entryCalls.map((s) => s.params.get('PrefixListId'))).toEqual(['pl-0c0ffee']);
    // No secret on disk, in any file.
    for (const f of await allFiles(out)) expect(await readFile(f, 'utf8')).not.toContain(SECRET);
    const vpn = JSON.parse(await readFile(path.join(out, 'us-east-1', 'VpnConnections.json'), 'utf8'));
    expect(vpn.VpnConnections[0]).toMatchObject({
      VpnConnectionId: 'vpn-1',
      CustomerGatewayConfiguration: REDACTED,
      Options: { TunnelOptions: [{ OutsideIpAddress: '198.51.100.1', PreSharedKey: REDACTED }] },
    });

    // The snapshot loads, with the region from the folder, and traces.
    const net = await loadSnapshot(out);
    expect(net.data.instances.map((i) => i.instanceId)).toEqual(['i-1']);
    expect(net.data.vpcs.map((v) => v.region)).toEqual(['us-east-1', 'us-east-1']);
    expect(net.data.warnings).toEqual([]);
    const cidrsOf = (id: string) =>
      net.data.prefixLists.find((p) => p.prefixListId === id)?.cidrs?.map(formatCidr);
    expect(cidrsOf('pl-63a5400a')).toEqual(['52.216.0.0/15', '3.5.0.0/19']);
    expect(cidrsOf('pl-0c0ffee')).toEqual(['192.0.2.0/24']);
    const t = trace(net, tcp('internet', 'i-1', 443));
    expectValidTrace(t);
    expect(t.verdict).toBe('reachable');
    expect(trace(net, tcp('internet', 'i-1', 22)).verdict).toBe('unreachable');
  });

  it('runs from the CLI: warnings on stderr, exit 0, nothing else printed when not a TTY', async () => {
    failing.set('DescribeTransitGateways', [403, 'UnauthorizedOperation']);
    const chunks: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => {
      chunks.push(String(s));
      return true;
    }) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['collect', '--out', out, '--region', 'us-east-1', '--endpoint-url', endpoint]);
    } finally {
      process.stderr.write = write;
      process.exitCode = undefined;
    }
    expect(code).toBe(0);
    const stderr = chunks.join('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('ec2:DescribeTransitGateways');
    expect((await allFiles(out)).length).toBe(COLLECT_APIS.length - 1);
  });

  it('stops with one sentence when the credentials are rejected, and writes nothing', async () => {
    failing.set('DescribeVpcs', [401, 'AuthFailure']);
    const run = collect({ out, regions: ['us-east-1'], endpoint });
    await expect(run).rejects.toThrow(CollectError);
    await expect(run).rejects.toThrow(/credentials.*AuthFailure/);
    expect(await allFiles(out)).toEqual([]);
  });

  it('an API failing otherwise is a warning, and the rest lands', async () => {
    failing.set('DescribeNatGateways', [400, 'InvalidParameterValue']);
    const warnings: string[] = [];
    const r = await collect({ out, regions: ['us-east-1'], endpoint, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.stringMatching(/DescribeNatGateways failed \(InvalidParameterValue/)]);
    expect(r.files).toHaveLength(COLLECT_APIS.length - 1);
  });

  it('stops with one sentence when the endpoint cannot be reached or the region is not one', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      collect({ out, regions: ['us-east-1'], endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 }),
    ).rejects.toThrow(/could not reach the EC2 endpoint of us-east-1 \(ECONNREFUSED/);
    await expect(collect({ out, regions: ['useast1'], endpoint })).rejects.toThrow(/not an AWS region name/);
    expect(await allFiles(out)).toEqual([]);
  });

  it('says how to install the SDK when it is missing', async () => {
    const missing = () => import(['@aws-sdk', 'not-installed-client'].join('/'));
    await expect(loadSdk(missing)).rejects.toThrow(SDK_MISSING);
    expect(SDK_MISSING).toContain('npm install @aws-sdk/client-ec2');
  });

  it('collects each region into its own folder', async () => {
    const r = await collect({ out, regions: ['us-east-1', 'eu-west-1'], endpoint, retryMode: 'standard' });
    expect(r.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(seen.some((s) => s.authorization.includes('/eu-west-1/ec2/'))).toBe(true);
    for (const region of r.regions) {
      // (The fake answers the same ids in both regions, so each folder is loaded on its own.)
      const net = await loadSnapshot(path.join(out, region));
      expect(net.data.vpcs.map((v) => v.region)).toEqual([region, region]);
    }
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
    });
  });
});

describe('iamActions', () => {
  it('is the policy documented in docs/collect.md', async () => {
    const doc = await readFile(new URL('../../docs/collect.md', import.meta.url), 'utf8');
    const policy = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '{}');
    expect([...policy.Statement[0].Action].sort()).toEqual(iamActions());
  });
});
