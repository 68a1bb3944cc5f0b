/**
 * The loader on real public snapshots kept in ../shared/data/aws-snapshots (see each README.md
 * there for what the data holds). Skipped, with a note, when that folder is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadWarning, Network } from '../model/index.js';
import { formatCidr, formatIp, parseIp } from '../net/index.js';
import { loadSnapshot } from './index.js';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data/aws-snapshots');
const PYBATFISH = path.join(DATA, 'pybatfish-hybrid-cloud/aws_configs');
const BATFISH = path.join(DATA, 'batfish-hybrid-cloud-aws/aws_configs');
const CLOUDMAPPER = path.join(DATA, 'cloudmapper-demo');

for (const dir of [PYBATFISH, BATFISH, CLOUDMAPPER]) {
  if (!existsSync(dir))
    console.log(`[ingest real-data tests] skipped: ${dir} is absent (shared data not checked out)`);
}

function countByCode(ws: readonly LoadWarning[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of ws) out[w.code] = (out[w.code] ?? 0) + 1;
  return out;
}

function ip(text: string) {
  const v = parseIp(text);
  if (!v) throw new Error(text);
  return v;
}

describe.skipIf(!existsSync(PYBATFISH))('pybatfish hybrid-cloud (two regions)', async () => {
  const net: Network = existsSync(PYBATFISH) ? await loadSnapshot(PYBATFISH) : (undefined as never);

  it('has the README inventory', () => {
    const d = net.data;
    expect(d.vpcs.map((v) => [v.vpcId, v.region]).sort()).toEqual([
      ['vpc-00157b5941bfd4959', 'us-west-2'],
      ['vpc-00b65e98077106059', 'us-west-2'],
      ['vpc-0276455718806058a', 'us-east-2'],
      ['vpc-0574d08f8d05917e4', 'us-east-2'],
    ]);
    expect(d.subnets).toHaveLength(8);
    expect(d.instances.map((i) => i.instanceId).sort()).toEqual([
      'i-01602d9efaed4409a',
      'i-02cae6eaa9edeed70',
      'i-04cd3db5124a05ee6',
      'i-0a5d64b8b58c6dd09',
    ]);
    expect(d.securityGroups).toHaveLength(8);
    expect(d.networkAcls).toHaveLength(4);
    expect(d.vpcs.every((v) => v.origin.accountId === '554773406868')).toBe(true);
  });

  it('has the TGW attachment interfaces', () => {
    const tgw = net.data.networkInterfaces.filter((e) => e.interfaceType === 'transit_gateway');
    expect(tgw.map((e) => [e.networkInterfaceId, formatIp(e.privateAddresses[0]!.ip)]).sort()).toEqual([
      ['eni-032fef1275c92b703', '10.20.1.155'],
      ['eni-03ca2c3d64376a98b', '10.30.1.201'],
      ['eni-062b88fb27e0c4671', '10.50.2.226'],
      ['eni-0d575611d48d2d503', '10.40.2.181'],
    ]);
    expect(net.data.networkInterfaces).toHaveLength(8);
  });

  it('has 4 main route tables and every subnet implicitly on its main table', () => {
    const mains = net.data.vpcs.map((v) => net.mainRouteTableOf(v.vpcId)?.routeTableId).sort();
    expect(mains).toEqual([
      'rtb-0356ee5428a50e2d6',
      'rtb-06227a9df13216f67',
      'rtb-068db527ab264f289',
      'rtb-0aa3f1bdeb6d18dd3',
    ]);
    for (const s of net.data.subnets) {
      const rt = net.routeTableFor(s.subnetId);
      expect(rt?.explicit).toBe(false);
      expect(rt?.table.routeTableId).toBe(net.mainRouteTableOf(s.vpcId)?.routeTableId);
    }
    const routes = net.routeTables
      .get('rtb-0aa3f1bdeb6d18dd3')
      ?.routes.map((r) => [r.destinationText, r.target.type, r.target.id]);
    expect(routes).toHaveLength(4);
    expect(routes).toEqual(
      expect.arrayContaining([
        ['10.20.0.0/16', 'local', 'local'],
        ['10.30.0.0/16', 'transit-gateway', 'tgw-06b348adabd13452d'],
        ['203.0.113.0/24', 'transit-gateway', 'tgw-06b348adabd13452d'],
        ['0.0.0.0/0', 'internet-gateway', 'igw-02fd68f94367a67c7'],
      ]),
    );
  });

  it('maps the public IPs and reads the "Connectivity test" rule', () => {
    expect(net.ownerOfPublicIp(ip('13.59.144.125'))?.eni.networkInterfaceId).toBe('eni-01997085076a9b98a');
    expect(net.ownerOfPublicIp(ip('54.191.42.182'))?.eni.networkInterfaceId).toBe('eni-087e18628dadd9b48');
    const rule = net.securityGroups
      .get('sg-0e37fc2ef01c89369')
      ?.ingress.find((r) => r.description === 'Connectivity test');
    expect(
      rule && [
        rule.ipProtocol,
        rule.fromPort,
        rule.toPort,
        rule.peer.kind === 'cidr' && formatCidr(rule.peer.cidr),
      ],
    ).toEqual([6, 3306, 3306, '0.0.0.0/0']);
  });

  it('loads the hybrid resources with merged TGW records', () => {
    const kinds = countByCode(net.data.hybrid.map((h) => ({ code: h.kind }) as unknown as LoadWarning));
    expect(kinds).toEqual({
      'customer-gateway': 2,
      'vpn-connection': 2,
      'transit-gateway': 2,
      'transit-gateway-attachment': 7,
      'transit-gateway-route-table': 2,
    });
    expect(net.hybrid.get('tgw-attach-0cc6cf6a578b754e3')?.state).toBe('deleting');
    expect(net.hybrid.get('tgw-rtb-00e37bc5142347b03')?.vpcIds).toEqual([
      'vpc-0276455718806058a',
      'vpc-0574d08f8d05917e4',
    ]);
  });

  it('warns only about the non-network files', () => {
    expect(countByCode(net.data.warnings)).toEqual({ UNSUPPORTED_RESOURCE: 8 });
    expect(net.data.warnings.map((w) => w.value).sort()).toEqual([
      'AvailabilityZones',
      'AvailabilityZones',
      'DBInstances',
      'DBInstances',
      'DomainStatusList',
      'DomainStatusList',
      'ServiceDetails, ServiceNames',
      'ServiceDetails, ServiceNames',
    ]);
  });
});

describe.skipIf(!existsSync(BATFISH))('batfish hybrid-cloud-aws (us-west-2)', async () => {
  const net: Network = existsSync(BATFISH) ? await loadSnapshot(BATFISH) : (undefined as never);

  it('has the README inventory', () => {
    const d = net.data;
    expect(d.vpcs).toHaveLength(4);
    expect(d.subnets).toHaveLength(10);
    expect(d.instances.map((i) => i.state)).toEqual(['stopped', 'stopped', 'stopped', 'stopped']);
    expect(d.networkInterfaces).toHaveLength(9);
    expect(d.securityGroups).toHaveLength(11);
    expect(d.networkAcls).toHaveLength(4);
    expect(d.routeTables).toHaveLength(5);
    expect(d.internetGateways).toHaveLength(3);
    expect(d.elasticIps.map((e) => formatIp(e.publicIp))).toEqual(['34.214.188.89']);
    expect(d.vpcs.every((v) => v.region === 'us-west-2' && v.origin.accountId === '118292266645')).toBe(true);
    expect(d.present.has('InstanceStatuses')).toBe(true);
  });

  it('keeps the blackhole NAT route in rtb-f28e418b', () => {
    const route = net.routeTables.get('rtb-f28e418b')?.routes.find((r) => r.destinationText === '0.0.0.0/0');
    expect(route).toMatchObject({
      state: 'blackhole',
      target: { type: 'nat-gateway', id: 'nat-055c00735cace0ec4' },
    });
  });

  it('reads the VGW-propagated routes of rtb-296bf350', () => {
    const rt = net.routeTables.get('rtb-296bf350');
    expect(rt?.propagatingVgws).toEqual(['vgw-81fd279f']);
    const propagated = rt?.routes.filter((r) => r.origin === 'EnableVgwRoutePropagation');
    expect(propagated?.map((r) => r.destinationText)).toEqual([
      '10.1.1.0/24',
      '10.1.2.0/24',
      '10.1.3.0/24',
      '10.1.4.0/24',
      '0.0.0.0/0',
    ]);
    expect(
      propagated?.every(
        (r) => r.target.type === 'vpn-gateway' && r.target.id === 'vgw-81fd279f' && r.state === 'active',
      ),
    ).toBe(true);
    expect(net.hybrid.get('vgw-81fd279f')?.vpcIds).toEqual(['vpc-815775e7']);
  });

  it('reads the restrictive default-VPC NACL', () => {
    const acl = net.networkAcls.get('acl-4db39c28');
    const inbound = acl?.entries
      .filter((e) => !e.egress)
      .map((e) => [e.ruleNumber, e.ruleAction, e.protocol, formatCidr(e.cidr)]);
    expect(inbound).toContainEqual([100, 'allow', 6, '162.243.144.192/32']);
    expect(inbound).toContainEqual([32767, 'deny', -1, '0.0.0.0/0']);
  });

  it('warns about the non-network files and the route to the deleted NAT gateway', () => {
    expect(countByCode(net.data.warnings)).toEqual({ UNSUPPORTED_RESOURCE: 10, ROUTE_TARGET_MISSING: 1 });
    expect(net.data.warnings.find((w) => w.code === 'ROUTE_TARGET_MISSING')).toMatchObject({
      resourceId: 'rtb-f28e418b',
      field: 'NatGatewayId',
      value: 'nat-055c00735cace0ec4',
    });
  });
});

describe.skipIf(!existsSync(CLOUDMAPPER))('CloudMapper demo (us-east-1)', async () => {
  const net: Network = existsSync(CLOUDMAPPER) ? await loadSnapshot(CLOUDMAPPER) : (undefined as never);

  it('has the README inventory, with region and account from the folder and resources', () => {
    const d = net.data;
    expect(d.vpcs.map((v) => [v.vpcId, v.region, v.origin.accountId, v.isDefault])).toEqual([
      ['vpc-12345678', 'us-east-1', '123456789012', true],
    ]);
    expect(d.subnets).toHaveLength(4);
    expect(d.instances.map((i) => [i.instanceId, i.state])).toEqual([
      ['i-00000000000000000', 'running'],
      ['i-00000000000000001', 'running'],
      ['i-00000000000000002', 'running'],
    ]);
    expect(d.securityGroups).toHaveLength(8);
    expect(d.vpcEndpoints.map((e) => e.vpcEndpointType)).toEqual(['Gateway', 'Interface']);
    expect(d.files.every((f) => f.region === 'us-east-1' && f.accountId === '123456789012')).toBe(true);
  });

  it('has no route tables or NACLs, and says so in present', () => {
    expect(net.has('RouteTables')).toBe(false);
    expect(net.has('NetworkAcls')).toBe(false);
    expect([...net.data.present].sort()).toEqual([
      'Instances',
      'NetworkInterfaces',
      'SecurityGroups',
      'Subnets',
      'VpcEndpoints',
      'VpcPeeringConnections',
      'Vpcs',
    ]);
  });

  it('maps the Bastion and ECS public IPs', () => {
    expect(net.ownerOfPublicIp(ip('1.2.3.4'))?.eni.attachment?.instanceId).toBe('i-00000000000000000');
    expect(net.ownerOfPublicIp(ip('3.80.3.41'))?.eni.networkInterfaceId).toBe('eni-00000001');
  });

  it('warns about the non-network files, the 2.2.2.2/28 rule and the reused interface id', () => {
    expect(countByCode(net.data.warnings)).toEqual({
      UNSUPPORTED_RESOURCE: 2,
      NON_CANONICAL_CIDR: 1,
      DUPLICATE_RESOURCE: 2,
    });
    expect(net.data.warnings.find((w) => w.code === 'NON_CANONICAL_CIDR')).toMatchObject({
      resourceId: 'sg-00000002',
      value: '2.2.2.2/28',
      detail: '2.2.2.0/28',
    });
  });
});
