import { describe, expect, it } from 'vitest';
import { expectValidTrace } from '../../../../test/helpers.js';
import { instance, openGroup, planNetwork, type Res, ref, subnet, traceTcp, vpc } from '../test-plan.js';

// web and tool in subnet a, app in subnet b; a NACL on b allows everything at rule 100.
const base = (...extra: Res[]) =>
  planNetwork(
    vpc(),
    subnet('a', '10.0.1.0/24'),
    subnet('b', '10.0.2.0/24'),
    openGroup(),
    instance('web', 'a', { private_ip: '10.0.1.10' }),
    instance('app', 'b', { private_ip: '10.0.2.10' }),
    instance('tool', 'a', { private_ip: '10.0.1.20' }),
    {
      type: 'aws_network_acl',
      name: 'b',
      values: {
        ingress: [
          {
            rule_no: 100,
            action: 'allow',
            protocol: '-1',
            from_port: 0,
            to_port: 0,
            cidr_block: '0.0.0.0/0',
          },
        ],
        egress: [
          {
            rule_no: 100,
            action: 'allow',
            protocol: '-1',
            from_port: 0,
            to_port: 0,
            cidr_block: '0.0.0.0/0',
          },
        ],
      },
      expressions: { vpc_id: ref('aws_vpc.main.id'), subnet_ids: ref('aws_subnet.b.id') },
    },
    ...extra,
  );

describe('a network ACL or route table with an entry vpcsim cannot read', () => {
  it('reads as usual when every entry is known', () => {
    expect(traceTcp(base(), 'web', 'app', 22).verdict).toBe('reachable');
  });

  it('an ACL rule whose CIDR is known only after apply makes answers through that ACL unknown', () => {
    const n = base({
      type: 'aws_network_acl_rule',
      name: 'deny_ssh',
      values: {
        rule_number: 50,
        egress: false,
        protocol: 'tcp',
        rule_action: 'deny',
        from_port: 22,
        to_port: 22,
      },
      expressions: { network_acl_id: ref('aws_network_acl.b.id'), cidr_block: ref('local.blocked') },
    });
    expect(n.networkAcls.get('tf:aws_network_acl.b')?.incomplete).toBe(true);
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'BAD_VALUE',
        resourceId: 'aws_network_acl_rule.deny_ssh',
        skipped: true,
      }),
    );
    // Rule 50 may deny SSH from web: without it the path looks open, so the answer is unknown.
    const t = traceTcp(n, 'web', 'app', 22);
    expectValidTrace(t);
    expect(t.verdict).toBe('unknown');
    expect(t.unknowns.map((u) => [u.code, u.missing])).toEqual([
      ['INCOMPLETE_COMPONENT', 'tf:aws_network_acl.b'],
    ]);
    // A path that does not cross that ACL (same subnet) is still answered.
    expect(traceTcp(n, 'web', 'tool', 22).verdict).toBe('reachable');
  });

  it('a route whose destination is known only after apply makes answers through that table unknown', () => {
    const n = base({
      type: 'aws_route',
      name: 'to_vpn',
      values: {},
      expressions: {
        route_table_id: ref('aws_vpc.main.default_route_table_id', 'aws_vpc.main'),
        destination_cidr_block: ref('local.onprem'),
        gateway_id: ref('aws_vpc.main.id'),
      },
    });
    expect(n.routeTables.get('tf:aws_vpc.main.default_route_table_id')?.incomplete).toBe(true);
    const t = traceTcp(n, 'web', 'app', 22);
    expect(t.verdict).toBe('unknown');
    expect(t.unknowns.map((u) => u.code)).toContain('INCOMPLETE_COMPONENT');
    expect(traceTcp(n, 'web', 'tool', 22).verdict).toBe('reachable');
  });
});
