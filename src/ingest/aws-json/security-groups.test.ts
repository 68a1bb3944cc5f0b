import { describe, expect, it } from 'vitest';
import type { SecurityGroupRule } from '../../model/index.js';
import { formatCidr } from '../../net/index.js';
import { readSecurityGroups } from './security-groups.js';
import { testContext } from './test-context.js';

function group(ingress: unknown[], egress: unknown[] = []) {
  return {
    GroupId: 'sg-1',
    GroupName: 'web',
    VpcId: 'vpc-1',
    OwnerId: '111122223333',
    IpPermissions: ingress,
    IpPermissionsEgress: egress,
  };
}

function brief(r: SecurityGroupRule) {
  const p = r.peer;
  const peer = p.kind === 'cidr' ? formatCidr(p.cidr) : p.kind === 'prefix-list' ? p.prefixListId : p.groupId;
  return [r.ipProtocol, r.fromPort, r.toPort, peer];
}

describe('readSecurityGroups: one rule per source', () => {
  const cases: [string, Record<string, unknown>, unknown[][]][] = [
    [
      'tcp port',
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      [[6, 22, 22, '0.0.0.0/0']],
    ],
    [
      'udp range',
      { IpProtocol: 'udp', FromPort: 1024, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      [[17, 1024, 65535, '10.0.0.0/8']],
    ],
    [
      '-1 without ports',
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      [[-1, undefined, undefined, '10.0.0.0/8']],
    ],
    [
      'icmp any (type/code kept as given)',
      { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      [[1, -1, -1, '10.0.0.0/8']],
    ],
    [
      'icmp echo request',
      { IpProtocol: 'icmp', FromPort: 8, ToPort: 0, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      [[1, 8, 0, '10.0.0.0/8']],
    ],
    [
      'icmpv6 echo request',
      { IpProtocol: 'icmpv6', FromPort: 128, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      [[58, 128, -1, '::/0']],
    ],
    [
      'numeric protocol (ESP)',
      { IpProtocol: '50', IpRanges: [{ CidrIp: '203.0.113.0/24' }] },
      [[50, undefined, undefined, '203.0.113.0/24']],
    ],
    [
      'protocol number for tcp',
      { IpProtocol: '6', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      [[6, 443, 443, '0.0.0.0/0']],
    ],
    [
      'ipv6 range',
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] },
      [[6, 80, 80, '2001:db8::/32']],
    ],
    [
      'prefix list',
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }] },
      [[6, 443, 443, 'pl-63a5400a']],
    ],
    [
      'SG reference',
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-2', UserId: '111122223333' }] },
      [[-1, undefined, undefined, 'sg-2']],
    ],
    [
      'several sources of one permission',
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '1.1.1.1/32' }, { CidrIp: '2.2.2.0/28' }],
        Ipv6Ranges: [{ CidrIpv6: '2001:db8::/64' }],
        PrefixListIds: [{ PrefixListId: 'pl-1' }],
        UserIdGroupPairs: [{ GroupId: 'sg-9' }],
      },
      [
        [6, 22, 22, '1.1.1.1/32'],
        [6, 22, 22, '2.2.2.0/28'],
        [6, 22, 22, '2001:db8::/64'],
        [6, 22, 22, 'pl-1'],
        [6, 22, 22, 'sg-9'],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, permission, expected) => {
    const { ctx, warnings } = testContext();
    const [sg] = readSecurityGroups([group([permission])], ctx);
    expect(warnings).toEqual([]);
    expect(sg?.ingress.map(brief)).toEqual(expected);
    expect(sg?.ingress.every((r) => r.groupId === 'sg-1' && !r.egress && r.permissionIndex === 0)).toBe(true);
  });

  it('keeps descriptions, permission indexes, egress rules and SG-reference details', () => {
    const { ctx } = testContext();
    const [sg] = readSecurityGroups(
      [
        group(
          [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh' }],
            },
            {
              IpProtocol: 'tcp',
              FromPort: 3306,
              ToPort: 3306,
              UserIdGroupPairs: [
                {
                  GroupId: 'sg-7',
                  UserId: '444455556666',
                  VpcId: 'vpc-9',
                  VpcPeeringConnectionId: 'pcx-1',
                  PeeringStatus: 'active',
                  Description: 'db',
                },
              ],
            },
          ],
          [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        ),
      ],
      ctx,
    );
    expect(sg?.ingress.map((r) => [r.permissionIndex, r.description])).toEqual([
      [0, 'ssh'],
      [1, 'db'],
    ]);
    expect(sg?.ingress[1]?.peer).toEqual({
      kind: 'security-group',
      groupId: 'sg-7',
      userId: '444455556666',
      vpcId: 'vpc-9',
      vpcPeeringConnectionId: 'pcx-1',
      peeringStatus: 'active',
    });
    expect(sg?.egress.map((r) => [r.egress, ...brief(r)])).toEqual([
      [true, -1, undefined, undefined, '0.0.0.0/0'],
    ]);
    expect(sg).toMatchObject({ groupName: 'web', vpcId: 'vpc-1', ownerId: '111122223333' });
  });
});

describe('readSecurityGroups: bad values', () => {
  it('drops just the bad source and says the rule was skipped', () => {
    const { ctx, warnings } = testContext();
    const [sg] = readSecurityGroups(
      [
        group([
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '300.0.0.0/8' }],
          },
        ]),
      ],
      ctx,
    );
    expect(sg?.ingress.map(brief)).toEqual([[6, 22, 22, '10.0.0.0/8']]);
    expect(warnings).toEqual([
      {
        code: 'BAD_VALUE',
        file: 'test.json',
        resourceId: 'sg-1',
        field: 'IpPermissions[0].IpRanges[1].CidrIp',
        value: '300.0.0.0/8',
        detail: 'expected an IPv4 CIDR; skipped ingress rule IpPermissions[0].IpRanges[1]',
        skipped: true,
      },
    ]);
  });

  it('warns NON_CANONICAL_CIDR and keeps the canonical block', () => {
    const { ctx, warnings } = testContext();
    const [sg] = readSecurityGroups(
      [group([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '2.2.2.2/28' }] }])],
      ctx,
    );
    expect(sg?.ingress.map(brief)).toEqual([[6, 22, 22, '2.2.2.0/28']]);
    expect(warnings).toMatchObject([
      { code: 'NON_CANONICAL_CIDR', value: '2.2.2.2/28', detail: '2.2.2.0/28' },
    ]);
  });

  it.each([
    [
      'unknown protocol',
      { IpProtocol: 'bogus', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      'IpPermissions[0].IpProtocol',
    ],
    [
      'tcp without ports',
      { IpProtocol: 'tcp', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      'IpPermissions[0].FromPort',
    ],
    [
      'tcp with reversed ports',
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      'IpPermissions[0].ToPort',
    ],
    [
      'udp with only FromPort',
      { IpProtocol: 'udp', FromPort: 53, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      'IpPermissions[0].ToPort',
    ],
    [
      'prefix list without id',
      { IpProtocol: '-1', PrefixListIds: [{}] },
      'IpPermissions[0].PrefixListIds[0].PrefixListId',
    ],
    [
      'group pair without GroupId',
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupName: 'x' }] },
      'IpPermissions[0].UserIdGroupPairs[0].GroupId',
    ],
  ])('%s → BAD_VALUE, rule skipped', (_name, permission, field) => {
    const { ctx, warnings } = testContext();
    const [sg] = readSecurityGroups([group([permission])], ctx);
    expect(sg?.ingress).toEqual([]);
    expect(warnings).toMatchObject([{ code: 'BAD_VALUE', resourceId: 'sg-1', field, skipped: true }]);
  });

  it('reads a group with no permissions at all', () => {
    const { ctx, warnings } = testContext();
    const [sg] = readSecurityGroups([{ GroupId: 'sg-2' }], ctx);
    expect(sg).toMatchObject({ groupId: 'sg-2', groupName: '', ingress: [], egress: [] });
    expect(warnings).toEqual([]);
  });
});
