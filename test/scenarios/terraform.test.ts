/**
 * Issue 6, first increment: `loadTerraformPlan` reads `terraform show -json` output into the same
 * model as the describe-* loader. examples/terraform-nat-instance is examples/nat-instance written
 * in Terraform: both models must give the same verdicts and blockers (by Name, not id). Then the
 * Terraform-specific semantics, table-driven on small hand-made plans.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/exit.js';
import { main } from '../../src/cli/main.js';
import { loadInput } from '../../src/cli/trace-command.js';
import { InputError } from '../../src/ingest/errors.js';
import { loadTerraformPlan, terraformPlanData } from '../../src/ingest/terraform/index.js';
import { plan, type Res, ref } from '../../src/ingest/terraform/test-plan.js';
import { runLint } from '../../src/lint/run.js';
import { Network, type NetworkData } from '../../src/model/index.js';
import { formatIp } from '../../src/net/index.js';
import { captureOutput } from '../capture.js';
import { examplePath, ids, loadExample, run, tcp } from '../helpers.js';

let described: Network;
let planned: Network;
beforeAll(async () => {
  described = await loadExample('nat-instance');
  planned = await loadTerraformPlan(examplePath('terraform-nat-instance/plan.json'));
});

/** Blockers as (code, Name of the component, direction, path): ids differ between the two models. */
function verdictOf(net: Network, q: ReturnType<typeof tcp>) {
  const t = run(net, q);
  const nameOf = (id: string) =>
    net.securityGroups.get(id)?.groupName ??
    net.networkAcls.get(id)?.tags.Name ??
    net.routeTables.get(id)?.tags.Name ??
    net.instances.get(id)?.tags.Name ??
    net.instances.get(net.networkInterfaces.get(id)?.attachment?.instanceId ?? '')?.tags.Name ??
    id;
  return {
    verdict: t.verdict,
    blockers: t.blockers.map((b) => ({
      code: b.code,
      component: nameOf(b.component.id),
      direction: b.direction,
      path: b.path,
    })),
  };
}

describe('examples/terraform-nat-instance gives the answers of examples/nat-instance', () => {
  it.each([
    ['internet', 'web-1', 443, 'reachable'],
    ['192.0.2.10', 'web-1', 22, 'unreachable'],
    ['198.51.100.5', 'web-1', 22, 'reachable'],
    ['web-1', 'db-1', 5432, 'unreachable'],
    ['app-1', 'db-1', 5432, 'reachable'],
    ['web-1', 'app-1', 8080, 'reachable'],
    ['app-1', '8.8.8.8', 443, 'reachable'],
    ['app-1', '8.8.8.8', 22, 'unreachable'],
    ['db-1', '8.8.8.8', 443, 'unreachable'],
    ['internet', 'db-1', 22, 'unreachable'],
  ] as const)('%s -> %s tcp %i is %s in both', (from, to, port, expected) => {
    const a = verdictOf(described, tcp(from, to, port));
    const b = verdictOf(planned, tcp(from, to, port));
    expect(a.verdict).toBe(expected);
    expect(b).toEqual(a);
  });

  it('names resources by Terraform address and forwards through the NAT instance', () => {
    const t = run(planned, tcp('app-1', '8.8.8.8', 443));
    const ids = t.forward.map((h) => h.component.id);
    expect(ids).toContain('tf:aws_route_table.private');
    expect(ids).toContain('tf:aws_instance.nat.primary_network_interface_id');
    expect(ids).toContain('tf:aws_internet_gateway.igw');
  });

  it('warns about every public IP it had to invent, and nothing else', () => {
    expect(planned.data.warnings.map((w) => [w.code, w.resourceId, w.field])).toEqual([
      ['UNKNOWN_UNTIL_APPLY', 'aws_instance.web', 'public_ip'],
      ['UNKNOWN_UNTIL_APPLY', 'aws_eip.nat', 'public_ip'],
    ]);
  });
});

describe('examples/terraform-endpoints gives the answers of examples/endpoints', () => {
  let endpoints: Network;
  let endpointsPlan: Network;
  beforeAll(async () => {
    endpoints = await loadExample('endpoints');
    endpointsPlan = await loadTerraformPlan(examplePath('terraform-endpoints/plan.json'));
  });
  /** Verdict, hop component types in order, and blockers by code and component type: ids differ. */
  const shape = (net: Network, q: ReturnType<typeof tcp>) => {
    const t = run(net, q);
    return {
      verdict: t.verdict,
      hops: t.forward.map((h) => h.component.type),
      blockers: t.blockers.map((b) => [b.code, b.component.type, b.direction, b.path]),
    };
  };

  it.each([
    ['C1', 'svc-1', '52.216.40.13', 443, 'reachable'],
    ['C2', 'svc-1', '52.94.1.20', 443, 'reachable'],
    ['C3', 'svc-1', '10.2.1.45', 443, 'reachable'],
    ['C4', 'svc-1', '10.2.1.45', 80, 'unreachable'],
    ['C5', 'batch-1', '52.94.1.20', 443, 'reachable'],
    ['C6', 'batch-1', '52.216.40.13', 443, 'unreachable'],
    ['s3', 'svc-1', 's3', 443, 'reachable'],
  ] as const)('%s %s -> %s tcp %i is %s, by the same path, in both', (_c, from, to, port, expected) => {
    const a = shape(endpoints, tcp(from, to, port));
    expect(a.verdict).toBe(expected);
    expect(shape(endpointsPlan, tcp(from, to, port))).toEqual(a);
  });

  it('lint finds on the plan what it finds on the snapshot (EP002: DynamoDB endpoint missing from private-rt)', () => {
    const found = (net: Network) =>
      runLint(net).findings.map((f) => [f.ruleId, f.resources.map((r) => r.id)] as const);
    expect(found(endpoints).map(([id]) => id)).toEqual(['EP002']);
    expect(found(endpointsPlan)).toEqual([
      ['EP002', ['tf:aws_vpc_endpoint.dynamodb', 'tf:aws_route_table.private']],
    ]);
  });

  it('C1 and C6 name the planned resources by Terraform address, in path order', () => {
    expect(ids(run(endpointsPlan, tcp('svc-1', '52.216.40.13', 443)).forward)).toEqual([
      'tf:aws_instance.svc',
      'tf:aws_instance.svc.primary_network_interface_id',
      'tf:aws_security_group.svc',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_route_table.private',
      'tf:aws_vpc_endpoint.s3',
      's3',
    ]);
    const c6 = run(endpointsPlan, tcp('batch-1', '52.216.40.13', 443));
    expect(c6.blockers.map((b) => [b.code, b.component.id])).toEqual([
      ['NO_ROUTE_TO_DESTINATION', 'tf:aws_vpc.main.default_route_table_id'],
    ]);
  });

  it('the gateway endpoint routes use the service prefix lists the plan read (data "aws_prefix_list")', () => {
    const routes = (id: string) =>
      endpointsPlan.routeTables.get(id)?.routes.map((r) => `${r.destinationText}>${r.target.id}`);
    expect(routes('tf:aws_route_table.private')).toEqual([
      '10.2.0.0/16>local',
      '0.0.0.0/0>tf:aws_nat_gateway.nat',
      'pl-63a5400a>tf:aws_vpc_endpoint.s3',
    ]);
    expect(routes('tf:aws_vpc.main.default_route_table_id')).toEqual([
      '10.2.0.0/16>local',
      'pl-02cd2c6b>tf:aws_vpc_endpoint.dynamodb',
    ]);
    expect(endpointsPlan.data.warnings.map((w) => [w.code, w.resourceId])).toEqual([
      ['UNKNOWN_UNTIL_APPLY', 'aws_eip.nat'],
    ]);
  });
});

describe('examples/terraform-transit-gateway gives the answers of examples/transit-gateway', () => {
  let tgw: Network;
  let tgwPlan: Network;
  beforeAll(async () => {
    tgw = await loadExample('transit-gateway');
    tgwPlan = await loadTerraformPlan(examplePath('terraform-transit-gateway/plan.json'));
  });
  const shape = (net: Network, from: string, to: string) => {
    const t = run(net, tcp(from, to, 22));
    return {
      verdict: t.verdict,
      forward: t.forward.map((h) => h.component.type),
      return: t.return.map((h) => h.component.type),
      blockers: t.blockers.map((b) => [b.code, b.component.type, b.direction, b.path]),
    };
  };

  it.each([
    ['T1', 'dev-1', 'shared-1', 'reachable'],
    ['T2', 'prod-1', 'shared-1', 'reachable'],
    ['T3', 'dev-1', 'prod-1', 'unreachable'],
    ['T4', 'shared-1', 'dev-1', 'reachable'],
    ['T5', 'dev-b', 'shared-1', 'unreachable'],
    ['T6', 'shared-1', 'dev-b', 'unreachable'],
    ['T7', 'dev-1', '10.32.99.10', 'unreachable'],
    ['T8', 'shared-1', '10.32.99.10', 'reachable'],
    ['T9', 'prod-b', 'shared-1', 'reachable'],
  ] as const)('%s %s -> %s tcp 22 is %s, by the same path, in both', (_t, from, to, expected) => {
    const a = shape(tgw, from, to);
    expect(a.verdict).toBe(expected);
    expect(shape(tgwPlan, from, to)).toEqual(a);
  });

  it('T1, T5 and T7 name the planned transit gateway resources by address', () => {
    expect(ids(run(tgwPlan, tcp('dev-1', 'shared-1', 22)).forward).slice(4, 9)).toEqual([
      'tf:aws_route_table.dev',
      'tf:aws_ec2_transit_gateway.hub',
      'tf:aws_ec2_transit_gateway_vpc_attachment.dev',
      'tf:aws_ec2_transit_gateway_route_table.isolated',
      'tf:aws_ec2_transit_gateway_vpc_attachment.shared',
    ]);
    const blockers = (from: string, to: string) =>
      run(tgwPlan, tcp(from, to, 22)).blockers.map((b) => [b.code, b.component.id]);
    expect(blockers('dev-b', 'shared-1')).toEqual([
      ['TGW_ATTACHMENT_NO_SUBNET_IN_AZ', 'tf:aws_ec2_transit_gateway_vpc_attachment.dev'],
    ]);
    expect(blockers('dev-1', '10.32.99.10')).toEqual([
      ['BAD_STATE_ROUTE', 'tf:aws_ec2_transit_gateway_route_table.isolated'],
    ]);
    expect(tgwPlan.data.warnings).toEqual([]);
  });
});

// ---- Terraform semantics on small plans -------------------------------------------------------

const VPC: Res = { type: 'aws_vpc', name: 'main', values: { cidr_block: '10.0.0.0/16' } };
const SUBNET: Res = {
  type: 'aws_subnet',
  name: 'a',
  values: { cidr_block: '10.0.1.0/24' },
  expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main') },
};

const data = (...r: Res[]): NetworkData => terraformPlanData(plan(...r), 'plan.json');
const inVpc = { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main') };
const block = (o: Record<string, unknown>) => ({
  cidr_blocks: [],
  ipv6_cidr_blocks: [],
  prefix_list_ids: [],
  security_groups: [],
  self: false,
  description: '',
  ...o,
});
const sgRules = (d: NetworkData, id: string) => {
  const g = d.securityGroups.find((x) => x.groupId === id);
  return g && { ingress: g.ingress.length, egress: g.egress.length };
};
const aclRules = (d: NetworkData, id: string) =>
  d.networkAcls
    .find((a) => a.networkAclId === id)
    ?.entries.map((e) => `${e.egress ? 'out' : 'in'}:${e.ruleNumber}:${e.ruleAction}`);

describe('Terraform semantics', () => {
  it.each([
    ['no egress blocks: no egress rule (Terraform removes the default allow-all)', [], 0],
    [
      'one egress block: that rule only',
      [block({ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] })],
      1,
    ],
  ])('%s', (_what, egress, count) => {
    const d = data(VPC, {
      type: 'aws_security_group',
      name: 'g',
      values: {
        name: 'g',
        ingress: [block({ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'] })],
        egress,
      },
      expressions: inVpc,
    });
    expect(sgRules(d, 'tf:aws_security_group.g')).toEqual({ ingress: 1, egress: count });
  });

  it.each([
    ['default SG not in the plan keeps AWS rules (self in, all out)', [] as Res[], { ingress: 1, egress: 1 }],
    [
      'aws_default_security_group with no blocks removes them',
      [{ type: 'aws_default_security_group', name: 'd', values: {}, expressions: inVpc }],
      { ingress: 0, egress: 0 },
    ],
    [
      'aws_default_security_group keeps only the listed rules',
      [
        {
          type: 'aws_default_security_group',
          name: 'd',
          values: {
            ingress: [block({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] })],
          },
          expressions: inVpc,
        },
      ],
      { ingress: 1, egress: 0 },
    ],
  ])('%s', (_what, extra, expected) => {
    const d = data(VPC, ...extra);
    expect(sgRules(d, 'tf:aws_vpc.main.default_security_group_id')).toEqual(expected);
  });

  it.each([
    [
      'default NACL not in the plan: allow all both ways',
      [] as Res[],
      ['in:100:allow', 'in:32767:deny', 'out:100:allow', 'out:32767:deny'],
    ],
    [
      'aws_default_network_acl with no rules: only the * denies',
      [
        {
          type: 'aws_default_network_acl',
          name: 'd',
          values: {},
          expressions: { default_network_acl_id: ref('aws_vpc.main.default_network_acl_id', 'aws_vpc.main') },
        },
      ],
      ['in:32767:deny', 'out:32767:deny'],
    ],
  ])('%s', (_what, extra, expected) => {
    expect(aclRules(data(VPC, ...extra), 'tf:aws_vpc.main.default_network_acl_id')).toEqual(expected);
  });

  it('inline rules and separate rule resources combine (security group and NACL)', () => {
    const d = data(
      VPC,
      {
        type: 'aws_security_group',
        name: 'g',
        values: {
          ingress: [block({ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'] })],
        },
        expressions: inVpc,
      },
      {
        type: 'aws_security_group_rule',
        name: 'r',
        values: { type: 'ingress', protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] },
        expressions: { security_group_id: ref('aws_security_group.g.id') },
      },
      {
        type: 'aws_vpc_security_group_egress_rule',
        name: 'e',
        values: { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' },
        expressions: { security_group_id: ref('aws_security_group.g.id') },
      },
      {
        type: 'aws_network_acl',
        name: 'n',
        values: {
          ingress: [
            {
              rule_no: 100,
              action: 'allow',
              protocol: 'tcp',
              from_port: 22,
              to_port: 22,
              cidr_block: '0.0.0.0/0',
            },
          ],
        },
        expressions: inVpc,
      },
      {
        type: 'aws_network_acl_rule',
        name: 'o',
        values: {
          egress: true,
          rule_number: 200,
          rule_action: 'deny',
          protocol: '-1',
          cidr_block: '10.0.0.0/8',
        },
        expressions: { network_acl_id: ref('aws_network_acl.n.id') },
      },
    );
    expect(sgRules(d, 'tf:aws_security_group.g')).toEqual({ ingress: 2, egress: 1 });
    expect(aclRules(d, 'tf:aws_network_acl.n')).toEqual([
      'in:100:allow',
      'in:32767:deny',
      'out:200:deny',
      'out:32767:deny',
    ]);
  });

  it.each([
    ['an unsupported resource type', { type: 'aws_lb', name: 'x', values: {} }, 'aws_lb.x'],
    ['a data source', { type: 'aws_ami', name: 'x', values: {}, mode: 'data' }, 'data.aws_ami.x'],
  ])('%s gives UNSUPPORTED_RESOURCE naming its address', (_what, res, address) => {
    const d = data(VPC, res);
    expect(d.warnings).toContainEqual(
      expect.objectContaining({ code: 'UNSUPPORTED_RESOURCE', resourceId: address, file: 'plan.json' }),
    );
  });

  it('a resource planned for deletion is absent; one replaced is present', () => {
    const d = data(
      VPC,
      { ...SUBNET, actions: ['delete'] },
      { ...SUBNET, name: 'b', actions: ['delete', 'create'] },
    );
    expect(d.subnets.map((s) => s.subnetId)).toEqual(['tf:aws_subnet.b']);
  });

  it('an instance whose private IP is picked at apply stands for any address of its subnet', () => {
    const d = data(VPC, SUBNET, {
      type: 'aws_instance',
      name: 'i',
      values: {},
      expressions: { subnet_id: ref('aws_subnet.a.id') },
    });
    // No rule or route splits 10.0.1.0/24: one free address (the highest AWS does not reserve) stands for all.
    expect(d.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'aws_instance.i',
        field: 'private_ip',
        value: '10.0.1.254',
      }),
    );
    // AWS's default security group applies when none is listed.
    expect(d.networkInterfaces[0]?.groupIds).toEqual(['tf:aws_vpc.main.default_security_group_id']);
  });

  it('an instance whose private IP is picked at apply gets one address per part of its subnet a rule tells apart', () => {
    const d = data(
      VPC,
      SUBNET,
      {
        type: 'aws_instance',
        name: 'i',
        values: {},
        expressions: { subnet_id: ref('aws_subnet.a.id') },
      },
      {
        type: 'aws_default_security_group',
        name: 'd',
        values: {
          ingress: [block({ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.0.1.0/28'] })],
        },
        expressions: inVpc,
      },
    );
    // 10.0.1.0/28 cuts 10.0.1.0/24 in two; AWS reserves .0-.3 and .255 (VPC User Guide, subnet sizing).
    expect(d.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_UNTIL_APPLY',
        resourceId: 'aws_instance.i',
        field: 'private_ip',
        value: '10.0.1.254, 10.0.1.15',
      }),
    );
    expect(d.networkInterfaces[0]?.privateAddresses.map((a) => formatIp(a.ip))).toEqual(['10.0.1.254']);
    expect(d.networkInterfaces[0]?.pickedAtApply?.map(formatIp)).toEqual(['10.0.1.254', '10.0.1.15']);
  });

  it('a known id (an existing resource) is used as is', () => {
    const d = data({ ...VPC, values: { ...VPC.values, id: 'vpc-0123' } }, SUBNET);
    expect(d.subnets[0]?.vpcId).toBe('vpc-0123');
    expect(new Network(d).mainRouteTableOf('vpc-0123')?.routes).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', '{"format_version": '],
    ['not a plan', '{"Vpcs": []}'],
  ])('%s → InputError naming the file', async (_what, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-tf-'));
    const file = join(dir, 'bad-plan.json');
    writeFileSync(file, text);
    const err = await loadTerraformPlan(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain('bad-plan.json');
  });
});

describe('--terraform and --snapshot', () => {
  it.each([
    ['neither', {}],
    ['both', { snapshot: 'examples/nat-instance', terraform: 'plan.json' }],
  ])('%s → usage error', async (_what, o) => {
    await expect(loadInput(o)).rejects.toBeInstanceOf(UsageError);
  });

  it('--terraform loads the plan', async () => {
    const net = await loadInput({ terraform: examplePath('terraform-nat-instance/plan.json') });
    expect(net.vpcs.has('tf:aws_vpc.main')).toBe(true);
  });

  it('flow logs are known only when the plan manages some (else they may exist outside it)', () => {
    expect(data(VPC).present.has('FlowLogs')).toBe(false);
    const d = data(VPC, {
      type: 'aws_flow_log',
      name: 'f',
      values: { traffic_type: 'REJECT', log_destination_type: 's3' },
      expressions: inVpc,
    });
    expect(d.present.has('FlowLogs')).toBe(true);
    expect(d.flowLogs).toEqual([
      expect.objectContaining({
        flowLogId: 'tf:aws_flow_log.f',
        resourceId: 'tf:aws_vpc.main',
        trafficType: 'REJECT',
        logDestinationType: 's3',
      }),
    ]);
  });
});

describe('route tables and modules', () => {
  it('aws_default_route_table replaces the main table routes; aws_main_route_table_association moves main', () => {
    const igw: Res = { type: 'aws_internet_gateway', name: 'g', values: {}, expressions: inVpc };
    const adopt: Res = {
      type: 'aws_default_route_table',
      name: 'd',
      values: { route: [{ cidr_block: '0.0.0.0/0', gateway_id: '' }] },
      expressions: {
        default_route_table_id: ref('aws_vpc.main.default_route_table_id', 'aws_vpc.main'),
        route: [
          { cidr_block: { constant_value: '0.0.0.0/0' }, gateway_id: ref('aws_internet_gateway.g.id') },
        ],
      },
    };
    const d = new Network(data(VPC, igw, adopt));
    expect(
      d.mainRouteTableOf('tf:aws_vpc.main')?.routes.map((r) => `${r.destinationText}>${r.target.id}`),
    ).toEqual(['10.0.0.0/16>local', '0.0.0.0/0>tf:aws_internet_gateway.g']);
    const other: Res = { type: 'aws_route_table', name: 'o', values: {}, expressions: inVpc };
    const main: Res = {
      type: 'aws_main_route_table_association',
      name: 'm',
      values: {},
      expressions: { ...inVpc, route_table_id: ref('aws_route_table.o.id') },
    };
    expect(new Network(data(VPC, other, main)).mainRouteTableOf('tf:aws_vpc.main')?.routeTableId).toBe(
      'tf:aws_route_table.o',
    );
  });

  it('references inside a child module are relative to the module', () => {
    const json = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          child_modules: [
            {
              address: 'module.net',
              resources: [
                {
                  address: 'module.net.aws_vpc.this',
                  mode: 'managed',
                  type: 'aws_vpc',
                  name: 'this',
                  values: { cidr_block: '10.1.0.0/16' },
                },
                {
                  address: 'module.net.aws_subnet.a[0]',
                  mode: 'managed',
                  type: 'aws_subnet',
                  name: 'a',
                  index: 0,
                  values: { cidr_block: '10.1.0.0/24' },
                },
              ],
            },
          ],
        },
      },
      configuration: {
        root_module: {
          module_calls: {
            net: {
              module: {
                resources: [
                  { address: 'aws_vpc.this', type: 'aws_vpc', name: 'this', expressions: {} },
                  {
                    address: 'aws_subnet.a',
                    type: 'aws_subnet',
                    name: 'a',
                    expressions: { vpc_id: ref('aws_vpc.this.id', 'aws_vpc.this') },
                  },
                ],
              },
            },
          },
        },
      },
    };
    const d = terraformPlanData(json, 'plan.json');
    expect(d.subnets.map((s) => [s.subnetId, s.vpcId])).toEqual([
      ['tf:module.net.aws_subnet.a[0]', 'tf:module.net.aws_vpc.this'],
    ]);
  });
});

describe('variables, module outputs and count through configuration references', () => {
  // Root: aws_vpc.main, module "net" (subnets, given vpc_id = aws_vpc.main.id), module "app"
  // (instances, given subnet_ids = module.net.subnet_ids, count = 2, subnet_id = var.subnet_ids[count.index]).
  const resource = (address: string, type: string, values: Record<string, unknown>, index?: number) => ({
    address,
    mode: 'managed',
    type,
    name: address.split('.').at(-1)!.replace(/\[.*$/, ''),
    ...(index === undefined ? {} : { index }),
    values,
  });
  const json = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [resource('aws_vpc.main', 'aws_vpc', { cidr_block: '10.9.0.0/16' })],
        child_modules: [
          {
            address: 'module.net',
            resources: [0, 1].map((i) =>
              resource(`module.net.aws_subnet.this[${i}]`, 'aws_subnet', { cidr_block: `10.9.${i}.0/24` }, i),
            ),
          },
          {
            address: 'module.app',
            resources: [0, 1].map((i) =>
              resource(
                `module.app.aws_instance.this[${i}]`,
                'aws_instance',
                { private_ip: `10.9.${i}.10`, tags: { Name: `app-${i}` } },
                i,
              ),
            ),
          },
        ],
      },
    },
    configuration: {
      root_module: {
        resources: [{ address: 'aws_vpc.main', type: 'aws_vpc', name: 'main', expressions: {} }],
        module_calls: {
          net: {
            expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main') },
            module: {
              outputs: { subnet_ids: { expression: ref('aws_subnet.this') } },
              resources: [
                {
                  address: 'aws_subnet.this',
                  type: 'aws_subnet',
                  name: 'this',
                  expressions: { vpc_id: ref('var.vpc_id') },
                },
              ],
            },
          },
          app: {
            expressions: { subnet_ids: ref('module.net.subnet_ids', 'module.net') },
            module: {
              resources: [
                {
                  address: 'aws_instance.this',
                  type: 'aws_instance',
                  name: 'this',
                  expressions: { subnet_id: ref('var.subnet_ids', 'count.index') },
                },
              ],
            },
          },
        },
      },
    },
  };

  it('var.x resolves through the module call input, module.x.y through the module output, [count.index] by key', () => {
    const d = terraformPlanData(json, 'plan.json');
    expect(d.subnets.map((s) => [s.subnetId, s.vpcId])).toEqual([
      ['tf:module.net.aws_subnet.this[0]', 'tf:aws_vpc.main'],
      ['tf:module.net.aws_subnet.this[1]', 'tf:aws_vpc.main'],
    ]);
    expect(d.instances.map((i) => [i.instanceId, i.subnetId])).toEqual([
      ['tf:module.app.aws_instance.this[0]', 'tf:module.net.aws_subnet.this[0]'],
      ['tf:module.app.aws_instance.this[1]', 'tf:module.net.aws_subnet.this[1]'],
    ]);
    expect(d.warnings.filter((w) => w.code === 'MISSING_REFERENCE')).toEqual([]);
  });

  it('a trace between the two instances crosses the main table of the VPC the root module made', () => {
    const net = new Network(terraformPlanData(json, 'plan.json'));
    const t = run(net, tcp('app-0', 'module.app.aws_instance.this[1]', 22));
    // The VPC's default security group (no group listed) admits its own members.
    expect(t.verdict).toBe('reachable');
    expect(ids(t.forward)).toEqual([
      'tf:module.app.aws_instance.this[0]',
      'tf:module.app.aws_instance.this[0].primary_network_interface_id',
      'tf:aws_vpc.main.default_security_group_id',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_vpc.main.default_route_table_id',
      'tf:aws_vpc.main.default_network_acl_id',
      'tf:aws_vpc.main.default_security_group_id',
      'tf:module.app.aws_instance.this[1].primary_network_interface_id',
      'tf:module.app.aws_instance.this[1]',
    ]);
  });
});

describe('lint, doctor and Terraform addresses on a plan', () => {
  const io = captureOutput();
  const plan = join(examplePath('terraform-nat-instance'), 'plan.json');

  it('lint finds on the plan what it finds on the describe snapshot of the same network', async () => {
    expect(await main(['lint', '--terraform', plan, '--format', 'json'])).toBe(0);
    const fromPlan = (JSON.parse(io.out) as { findings: Array<{ ruleId: string }> }).findings.map(
      (f) => f.ruleId,
    );
    io.out = '';
    expect(await main(['lint', '--snapshot', examplePath('nat-instance'), '--format', 'json'])).toBe(0);
    const fromSnapshot = (JSON.parse(io.out) as { findings: Array<{ ruleId: string }> }).findings.map(
      (f) => f.ruleId,
    );
    expect(fromPlan).toEqual(fromSnapshot);
    expect(fromPlan).toContain('NACL001');
  });

  it('lint --format sarif points at the plan file, with the resource address as the logical location', async () => {
    expect(await main(['lint', '--terraform', plan, '--format', 'sarif'])).toBe(0);
    const sarif = JSON.parse(io.out) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations?: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
            logicalLocations: Array<{ name: string; fullyQualifiedName?: string; kind: string }>;
          }>;
        }>;
      }>;
    };
    const results = sarif.runs[0]!.results;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const loc = r.locations?.[0];
      expect(loc?.physicalLocation.artifactLocation.uri).toMatch(/terraform-nat-instance\/plan\.json$/);
      // An address of the plan (never a synthetic `tf:` id), on the line of its planned values.
      const name = loc!.logicalLocations[0]!.name;
      expect(name).toMatch(/^aws_[a-z_]+\.[a-z_]+$/);
      expect(loc!.logicalLocations[0]!.fullyQualifiedName).toBe(name);
      const lines = readFileSync(plan, 'utf8').split('\n');
      expect(lines[loc!.physicalLocation.region!.startLine - 1]).toContain(`"${name}"`);
    }
    const nacl = results.find((r) => r.ruleId === 'NACL001');
    expect(nacl?.locations?.[0]?.logicalLocations[0]?.name).toMatch(/^aws_(default_)?network_acl\./);
  });

  it('doctor runs its checklist on a planned instance', async () => {
    expect(await main(['doctor', '--terraform', plan, 'web-1', '--from', '192.0.2.10', '--json'])).toBe(1);
    const report = JSON.parse(io.out) as { items: Array<{ id: string; state: string }> };
    expect(report.items.filter((i) => i.state === 'failed').map((i) => i.id)).toContain(
      'security-group-inbound',
    );
  });

  it.each(['tf:aws_instance.web', 'aws_instance.web', 'web-1'])(
    '--to %s names the same instance',
    async (to) => {
      const net = await loadTerraformPlan(plan);
      const t = run(net, tcp('internet', to, 443));
      expect(t.verdict).toBe('reachable');
      expect(t.forward.at(-1)?.component.id).toBe('tf:aws_instance.web');
    },
  );
});

describe('--before: the network as it is before the plan', () => {
  const plan = join(examplePath('terraform-nat-instance'), 'plan.json');
  // The example plan with state behind it: everything exists already, and the plan deletes the
  // internet gateway (a plan lists a deleted resource in prior_state and resource_changes only).
  const withState = () => {
    const json = JSON.parse(readFileSync(plan, 'utf8')) as {
      planned_values: { root_module: { resources: Array<{ address: string }> } };
      prior_state?: unknown;
      resource_changes: Array<{ address: string; change: { actions: string[] } }>;
    };
    json.prior_state = { format_version: '1.0', values: structuredClone(json.planned_values) };
    json.planned_values.root_module.resources = json.planned_values.root_module.resources.filter(
      (r) => r.address !== 'aws_internet_gateway.igw',
    );
    json.resource_changes.find((rc) => rc.address === 'aws_internet_gateway.igw')!.change.actions = [
      'delete',
    ];
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-tf-before-'));
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(json));
    return join(dir, 'plan.json');
  };

  it('traces prior_state with --before and the planned network without it', async () => {
    const file = withState();
    const before = await loadTerraformPlan(file, { before: true });
    const after = await loadTerraformPlan(file);
    expect(run(before, tcp('internet', 'web-1', 443)).verdict).toBe('reachable');
    expect(before.internetGateways.has('tf:aws_internet_gateway.igw')).toBe(true);
    expect(after.internetGateways.has('tf:aws_internet_gateway.igw')).toBe(false);
    expect(run(after, tcp('internet', 'web-1', 443)).verdict).not.toBe('reachable');
  });

  it('is an error on a plan with no prior_state, and without --terraform', async () => {
    await expect(loadTerraformPlan(plan, { before: true })).rejects.toMatchObject({
      code: 'TERRAFORM_INVALID',
    });
    await expect(loadInput({ snapshot: examplePath('nat-instance'), before: true })).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
