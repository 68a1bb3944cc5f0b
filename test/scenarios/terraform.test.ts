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
import { Network, type NetworkData } from '../../src/model/index.js';
import { captureOutput } from '../capture.js';
import { examplePath, loadExample, run, tcp } from '../helpers.js';

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

// ---- Terraform semantics on small plans -------------------------------------------------------

interface Res {
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  readonly expressions?: Record<string, unknown>;
  readonly actions?: readonly string[];
  readonly mode?: string;
}

const ref = (...r: string[]) => ({ references: r });
const VPC: Res = { type: 'aws_vpc', name: 'main', values: { cidr_block: '10.0.0.0/16' } };
const SUBNET: Res = {
  type: 'aws_subnet',
  name: 'a',
  values: { cidr_block: '10.0.1.0/24' },
  expressions: { vpc_id: ref('aws_vpc.main.id', 'aws_vpc.main') },
};

function plan(...resources: Res[]): unknown {
  const address = (r: Res) => `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
  return {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: resources.map((r) => ({
          address: address(r),
          mode: r.mode ?? 'managed',
          type: r.type,
          name: r.name,
          values: r.values,
        })),
      },
    },
    resource_changes: resources.map((r) => ({
      address: address(r),
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.name,
      change: { actions: r.actions ?? ['create'], after_unknown: { id: true } },
    })),
    configuration: {
      root_module: {
        resources: resources.map((r) => ({
          address: address(r),
          mode: r.mode ?? 'managed',
          type: r.type,
          name: r.name,
          expressions: r.expressions ?? {},
        })),
      },
    },
  };
}

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

  it('an instance without a known private IP is warned about', () => {
    const d = data(VPC, SUBNET, {
      type: 'aws_instance',
      name: 'i',
      values: {},
      expressions: { subnet_id: ref('aws_subnet.a.id') },
    });
    expect(d.warnings).toContainEqual(
      expect.objectContaining({ code: 'BAD_VALUE', resourceId: 'aws_instance.i', field: 'private_ip' }),
    );
    // AWS's default security group applies when none is listed.
    expect(d.networkInterfaces[0]?.groupIds).toEqual(['tf:aws_vpc.main.default_security_group_id']);
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

  it('a planned resource type the loader does not read makes its kind unknown, not absent', () => {
    const d = data(VPC, { type: 'aws_vpc_endpoint', name: 's3', values: {} });
    expect(d.present.has('VpcEndpoints')).toBe(false);
    expect(d.present.has('Subnets')).toBe(true);
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
