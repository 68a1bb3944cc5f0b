/**
 * Test helper: small `terraform show -json` plans built from a list of resources (root module,
 * every id unknown until apply), and the network they load into. Used by the tests beside the readers.
 */
import { type TraceQuery, trace } from '../../engine/trace.js';
import type { Trace } from '../../engine/types.js';
import { Network, type NetworkData } from '../../model/index.js';
import { TCP } from '../../net/index.js';
import { terraformPlanData } from './index.js';

export interface Res {
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  readonly expressions?: Record<string, unknown>;
  readonly actions?: readonly string[];
  readonly mode?: string;
}

export const ref = (...r: string[]) => ({ references: r });
export const inVpc = (vpc = 'aws_vpc.main') => ({ vpc_id: ref(`${vpc}.id`, vpc) });

export const address = (r: Res) => `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;

export function plan(...resources: Res[]): unknown {
  const item = (r: Res) => ({ address: address(r), mode: r.mode ?? 'managed', type: r.type, name: r.name });
  return {
    format_version: '1.2',
    planned_values: { root_module: { resources: resources.map((r) => ({ ...item(r), values: r.values })) } },
    resource_changes: resources.map((r) => ({
      ...item(r),
      change: { actions: r.actions ?? ['create'], after_unknown: { id: true } },
    })),
    configuration: {
      provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' } } } },
      root_module: { resources: resources.map((r) => ({ ...item(r), expressions: r.expressions ?? {} })) },
    },
  };
}

export const planData = (...r: Res[]): NetworkData => terraformPlanData(plan(...r), 'plan.json');
export const planNetwork = (...r: Res[]): Network => new Network(planData(...r));

export const vpc = (name = 'main', cidr = '10.0.0.0/16', extra: Record<string, unknown> = {}): Res => ({
  type: 'aws_vpc',
  name,
  values: { cidr_block: cidr, ...extra },
});

export const subnet = (
  name: string,
  cidr: string,
  vpcName = 'main',
  extra: Record<string, unknown> = {},
): Res => ({
  type: 'aws_subnet',
  name,
  values: { cidr_block: cidr, ...extra },
  expressions: inVpc(`aws_vpc.${vpcName}`),
});

/** A security group allowing everything in and out (IPv4 and IPv6). */
export const openGroup = (name = 'open', vpcName = 'main'): Res => {
  const all = {
    protocol: '-1',
    from_port: 0,
    to_port: 0,
    cidr_blocks: ['0.0.0.0/0'],
    ipv6_cidr_blocks: ['::/0'],
  };
  return {
    type: 'aws_security_group',
    name,
    values: { name, ingress: [all], egress: [all] },
    expressions: inVpc(`aws_vpc.${vpcName}`),
  };
};

export const instance = (
  name: string,
  subnetName: string,
  values: Record<string, unknown>,
  groups = ['open'],
): Res => ({
  type: 'aws_instance',
  name,
  values: { tags: { Name: name }, ...values },
  expressions: {
    subnet_id: ref(`aws_subnet.${subnetName}.id`, `aws_subnet.${subnetName}`),
    vpc_security_group_ids: ref(...groups.map((g) => `aws_security_group.${g}.id`)),
  },
});

export function traceTcp(
  net: Network,
  from: string,
  to: string,
  port: number,
  extra: Partial<TraceQuery> = {},
): Trace {
  return trace(net, { from, to, protocol: TCP, port: { from: port, to: port }, ...extra });
}

export const hopIds = (t: Trace): string[] => t.forward.map((h) => h.component.id);

/** `aws_route` `name` in the route table `table` (a reference such as `aws_route_table.x.id`) to `target`. */
export const route = (name: string, table: string, cidr: string, target: Record<string, unknown>): Res => ({
  type: 'aws_route',
  name,
  values: { destination_cidr_block: cidr },
  expressions: { route_table_id: ref(table), ...target },
});

/** `aws_route_table` `name` in `vpcName`, explicitly associated with `subnets`. */
export const routeTable = (name: string, vpcName: string, subnets: readonly string[]): Res[] => [
  { type: 'aws_route_table', name, values: {}, expressions: { vpc_id: ref(`aws_vpc.${vpcName}.id`) } },
  ...subnets.map(
    (s): Res => ({
      type: 'aws_route_table_association',
      name: `${name}_${s}`,
      values: {},
      expressions: {
        subnet_id: ref(`aws_subnet.${s}.id`),
        route_table_id: ref(`aws_route_table.${name}.id`),
      },
    }),
  ),
];

/** `aws_ec2_transit_gateway_vpc_attachment` `name` of `vpcName` (its `subnets`) to `aws_ec2_transit_gateway.hub`. */
export const tgwAttachment = (
  name: string,
  vpcName: string,
  subnets: readonly string[],
  values: Record<string, unknown> = {},
): Res => ({
  type: 'aws_ec2_transit_gateway_vpc_attachment',
  name,
  values,
  expressions: {
    transit_gateway_id: ref('aws_ec2_transit_gateway.hub.id'),
    vpc_id: ref(`aws_vpc.${vpcName}.id`),
    subnet_ids: ref(...subnets.map((s) => `aws_subnet.${s}.id`)),
  },
});
