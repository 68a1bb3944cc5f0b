/**
 * Centralised inspection through a transit gateway (Transit Gateway guide, "Example: Appliance in a
 * shared services VPC"): spoke A (us-east-1a) and spoke B (us-east-1b) route everything to the
 * transit gateway, whose spoke table sends it to the inspection VPC; there each zone's TGW subnet
 * routes to that zone's firewall instance, which sends it back to the transit gateway. Without
 * appliance mode the gateway keeps each direction in the zone it came from, so the reply crosses
 * the other zone's firewall, which has no state for the flow and drops it; with appliance mode the
 * flow keeps one zone of the inspection attachment both ways.
 */
import { describe, expect, it } from 'vitest';
import {
  instance,
  openGroup,
  planNetwork,
  type Res,
  ref,
  route,
  routeTable,
  subnet,
  tgwAttachment,
  vpc,
} from '../../src/ingest/terraform/test-plan.js';
import type { Network } from '../../src/model/index.js';
import { blockerSummary, expectVerdict, ids, run, tcp } from '../helpers.js';

const HUB = 'aws_ec2_transit_gateway.hub';
const zone = (az: string) => ({ availability_zone: az });

/** `fwB: 'closed'`: zone b's firewall admits nothing, so the two zones answer differently. */
function network(applianceMode: 'enable' | 'disable', fwB: 'open' | 'closed' = 'open'): Network {
  const open = openGroup('fw_b_sg', 'insp');
  const fwBGroup: Res = fwB === 'closed' ? { ...open, values: { ...open.values, ingress: [] } } : open;
  const attach = (name: string, subnets: string[], extra: Record<string, unknown> = {}): Res =>
    tgwAttachment(name, name, subnets, {
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
      ...extra,
    });
  const table = (name: string): Res => ({
    type: 'aws_ec2_transit_gateway_route_table',
    name,
    values: {},
    expressions: { transit_gateway_id: ref(`${HUB}.id`) },
  });
  const tgwRef = (
    kind: string,
    name: string,
    att: string,
    rt: string,
    values: Record<string, unknown> = {},
  ): Res => ({
    type: `aws_ec2_transit_gateway_route_table_${kind}`,
    name,
    values,
    expressions: {
      transit_gateway_attachment_id: ref(`aws_ec2_transit_gateway_vpc_attachment.${att}.id`),
      transit_gateway_route_table_id: ref(`aws_ec2_transit_gateway_route_table.${rt}.id`),
    },
  });
  return planNetwork(
    vpc('a', '10.1.0.0/16'),
    subnet('a1', '10.1.1.0/24', 'a', zone('us-east-1a')),
    openGroup('a_sg', 'a'),
    instance('a-1', 'a1', { private_ip: '10.1.1.10' }, ['a_sg']),
    vpc('b', '10.2.0.0/16'),
    subnet('b1', '10.2.1.0/24', 'b', zone('us-east-1b')),
    openGroup('b_sg', 'b'),
    instance('b-1', 'b1', { private_ip: '10.2.1.10' }, ['b_sg']),
    vpc('insp', '10.9.0.0/16'),
    subnet('tgw_a', '10.9.1.0/24', 'insp', zone('us-east-1a')),
    subnet('tgw_b', '10.9.2.0/24', 'insp', zone('us-east-1b')),
    subnet('fw_a', '10.9.11.0/24', 'insp', zone('us-east-1a')),
    subnet('fw_b', '10.9.12.0/24', 'insp', zone('us-east-1b')),
    openGroup('fw_sg', 'insp'),
    fwBGroup,
    instance('fw-a', 'fw_a', { private_ip: '10.9.11.10', source_dest_check: false }, ['fw_sg']),
    instance('fw-b', 'fw_b', { private_ip: '10.9.12.10', source_dest_check: false }, ['fw_b_sg']),
    {
      type: 'aws_ec2_transit_gateway',
      name: 'hub',
      values: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' },
    },
    attach('a', ['a1']),
    attach('b', ['b1']),
    attach('insp', ['tgw_a', 'tgw_b'], { appliance_mode_support: applianceMode }),
    table('spokes'),
    table('inspection'),
    tgwRef('association', 'a', 'a', 'spokes'),
    tgwRef('association', 'b', 'b', 'spokes'),
    tgwRef('association', 'insp', 'insp', 'inspection'),
    tgwRef('propagation', 'a', 'a', 'inspection'),
    tgwRef('propagation', 'b', 'b', 'inspection'),
    {
      type: 'aws_ec2_transit_gateway_route',
      name: 'to_inspection',
      values: { destination_cidr_block: '0.0.0.0/0' },
      expressions: {
        transit_gateway_attachment_id: ref('aws_ec2_transit_gateway_vpc_attachment.insp.id'),
        transit_gateway_route_table_id: ref('aws_ec2_transit_gateway_route_table.spokes.id'),
      },
    },
    route('a_out', 'aws_vpc.a.default_route_table_id', '10.0.0.0/8', {
      transit_gateway_id: ref(`${HUB}.id`),
    }),
    route('b_out', 'aws_vpc.b.default_route_table_id', '10.0.0.0/8', {
      transit_gateway_id: ref(`${HUB}.id`),
    }),
    ...routeTable('tgw_a', 'insp', ['tgw_a']),
    ...routeTable('tgw_b', 'insp', ['tgw_b']),
    ...routeTable('fw', 'insp', ['fw_a', 'fw_b']),
    route('tgw_a_fw', 'aws_route_table.tgw_a.id', '0.0.0.0/0', {
      network_interface_id: ref('aws_instance.fw-a.primary_network_interface_id'),
    }),
    route('tgw_b_fw', 'aws_route_table.tgw_b.id', '0.0.0.0/0', {
      network_interface_id: ref('aws_instance.fw-b.primary_network_interface_id'),
    }),
    route('fw_back', 'aws_route_table.fw.id', '10.0.0.0/8', { transit_gateway_id: ref(`${HUB}.id`) }),
  );
}

const A_OUT = [
  'tf:aws_instance.a-1',
  'tf:aws_instance.a-1.primary_network_interface_id',
  'tf:aws_security_group.a_sg',
  'tf:aws_vpc.a.default_network_acl_id',
  'tf:aws_vpc.a.default_route_table_id',
  'tf:aws_ec2_transit_gateway.hub',
  'tf:aws_ec2_transit_gateway_vpc_attachment.a',
  'tf:aws_ec2_transit_gateway_route_table.spokes',
  'tf:aws_ec2_transit_gateway_vpc_attachment.insp',
];
const INSP_ACL = 'tf:aws_vpc.insp.default_network_acl_id';
/** Through one zone's firewall in the inspection VPC and back to the transit gateway. */
const through = (z: 'a' | 'b') => [
  INSP_ACL,
  `tf:aws_route_table.tgw_${z}`,
  INSP_ACL,
  `tf:aws_security_group.${z === 'a' ? 'fw_sg' : 'fw_b_sg'}`,
  `tf:aws_instance.fw-${z}.primary_network_interface_id`,
  `tf:aws_instance.fw-${z}`,
];

describe('transit gateway appliance mode (centralised inspection in two zones)', () => {
  it("without appliance mode the reply crosses the other zone's firewall, which drops it", () => {
    const net = network('disable');
    expect(net.data.warnings).toEqual([]);
    const t = run(net, tcp('a-1', 'b-1', 443));
    expectVerdict(t, 'unreachable');
    // The request enters the inspection VPC in us-east-1a (a-1's zone) and crosses fw-a...
    expect(ids(t.forward).slice(0, 15)).toEqual([...A_OUT, ...through('a')]);
    expect(ids(t.forward).slice(-3)).toEqual([
      'tf:aws_security_group.b_sg',
      'tf:aws_instance.b-1.primary_network_interface_id',
      'tf:aws_instance.b-1',
    ]);
    // ...the reply enters it in us-east-1b (b-1's zone) and meets fw-b, which never saw the flow.
    expect(ids(t.return).slice(-6)).toEqual(through('b'));
    expect(blockerSummary(t)).toEqual([
      {
        code: 'ASYMMETRIC_ROUTING',
        component: 'tf:aws_instance.fw-b',
        direction: null,
        path: 'return',
        rule: null,
      },
    ]);
  });

  it('with appliance mode the reply keeps the zone of the request: the same firewall both ways', () => {
    const t = run(network('enable'), tcp('a-1', 'b-1', 443));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward).slice(0, 15)).toEqual([...A_OUT, ...through('a')]);
    const back = ids(t.return);
    expect(back).toContain('tf:aws_instance.fw-a');
    expect(back).not.toContain('tf:aws_instance.fw-b');
    expect(back.slice(-2)).toEqual([
      'tf:aws_instance.a-1.primary_network_interface_id',
      'tf:aws_instance.a-1',
    ]);
    expect(t.blockers).toEqual([]);
  });

  it('with appliance mode and zones that answer differently, the answer is unknown: the flow hash picks the zone', () => {
    const t = run(network('enable', 'closed'), tcp('a-1', 'b-1', 443));
    expectVerdict(t, 'unknown');
    const why = t.unknowns.find((u) => u.code === 'APPLIANCE_ZONE_BY_FLOW_HASH');
    expect(why?.missing).toBe('tf:aws_ec2_transit_gateway_vpc_attachment.insp');
    expect(why?.message).toContain('us-east-1a reachable, us-east-1b unreachable');
    // The hops shown are the worst case: zone b, where fw-b's group admits nothing.
    expect(ids(t.forward)).toContain('tf:aws_instance.fw-b.primary_network_interface_id');
    expect(blockerSummary(t)).toEqual([
      {
        code: 'ENI_SG_RULES_MISMATCH',
        component: 'tf:aws_security_group.fw_b_sg',
        direction: 'inbound',
        path: 'forward',
        rule: null,
      },
    ]);
  });

  it('without appliance mode the zone is the one the packet came from: no doubt, zone a answers', () => {
    // a-1 is in us-east-1a; the request crosses fw-a (open). The reply comes back by b-1's zone,
    // through fw-b, which never saw the flow: unreachable either way, so nothing is in doubt.
    const t = run(network('disable', 'closed'), tcp('a-1', 'b-1', 443));
    expectVerdict(t, 'unreachable');
    expect(t.unknowns).toEqual([]);
  });

  it('lint TGW001 flags the attachment without appliance mode only', async () => {
    const { runLint } = await import('../../src/lint/run.js');
    const ruleIds = (net: Network) => runLint(net).findings.map((f) => `${f.ruleId} ${f.resources[0]?.id}`);
    expect(ruleIds(network('disable'))).toContain('TGW001 tf:aws_ec2_transit_gateway_vpc_attachment.insp');
    expect(ruleIds(network('enable')).filter((r) => r.startsWith('TGW001'))).toEqual([]);
  });
});
