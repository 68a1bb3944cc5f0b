import { describe, expect, it } from 'vitest';
import type { NetworkAclEntry } from '../../model/index.js';
import { formatCidr } from '../../net/index.js';
import { readNetworkAcls } from './network-acls.js';
import { testContext } from './test-context.js';

function acl(entries: unknown[], extra: Record<string, unknown> = {}) {
  return { NetworkAclId: 'acl-1', VpcId: 'vpc-1', IsDefault: true, Entries: entries, ...extra };
}

function brief(e: NetworkAclEntry) {
  return [e.ruleNumber, e.egress, e.ruleAction, e.protocol, formatCidr(e.cidr), e.portRange, e.icmpTypeCode];
}

describe('readNetworkAcls', () => {
  const base = { RuleNumber: 100, Egress: false, RuleAction: 'allow' };
  const cases: [string, Record<string, unknown>, unknown[]][] = [
    [
      'all protocols',
      { ...base, Protocol: '-1', CidrBlock: '0.0.0.0/0' },
      [100, false, 'allow', -1, '0.0.0.0/0', undefined, undefined],
    ],
    [
      'tcp with port range',
      { ...base, Protocol: '6', CidrBlock: '10.0.0.0/8', PortRange: { From: 1024, To: 65535 } },
      [100, false, 'allow', 6, '10.0.0.0/8', { from: 1024, to: 65535 }, undefined],
    ],
    [
      'icmp with type/code',
      { ...base, Protocol: '1', CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 8, Code: -1 } },
      [100, false, 'allow', 1, '0.0.0.0/0', undefined, { type: 8, code: -1 }],
    ],
    [
      'ipv6 default deny',
      { RuleNumber: 32768, Egress: true, RuleAction: 'deny', Protocol: '-1', Ipv6CidrBlock: '::/0' },
      [32768, true, 'deny', -1, '::/0', undefined, undefined],
    ],
    [
      'ipv4 default deny',
      { RuleNumber: 32767, Egress: false, RuleAction: 'deny', Protocol: '-1', CidrBlock: '0.0.0.0/0' },
      [32767, false, 'deny', -1, '0.0.0.0/0', undefined, undefined],
    ],
  ];
  it.each(cases)('%s', (_name, entry, expected) => {
    const { ctx, warnings } = testContext();
    const [a] = readNetworkAcls([acl([entry])], ctx);
    expect(warnings).toEqual([]);
    expect(a?.entries.map(brief)).toEqual([expected]);
  });

  it('reads associations, IsDefault, owner and tags', () => {
    const { ctx } = testContext();
    const [a] = readNetworkAcls(
      [
        acl([], {
          IsDefault: false,
          OwnerId: '111122223333',
          Associations: [
            { NetworkAclAssociationId: 'aclassoc-1', NetworkAclId: 'acl-1', SubnetId: 'subnet-1' },
          ],
          Tags: [{ Key: 'Name', Value: 'locked' }],
        }),
      ],
      ctx,
    );
    expect(a).toMatchObject({
      isDefault: false,
      ownerId: '111122223333',
      associations: [{ networkAclAssociationId: 'aclassoc-1', subnetId: 'subnet-1' }],
      tags: { Name: 'locked' },
    });
  });

  it.each([
    [
      'bad CIDR',
      { RuleNumber: 90, Egress: false, RuleAction: 'deny', Protocol: '-1', CidrBlock: '1.2.3/24' },
      'Entries[0].CidrBlock',
      'ingress deny rule 90',
    ],
    [
      'IPv4 CIDR in Ipv6CidrBlock',
      { RuleNumber: 90, Egress: true, RuleAction: 'deny', Protocol: '-1', Ipv6CidrBlock: '0.0.0.0/0' },
      'Entries[0].Ipv6CidrBlock',
      'egress deny rule 90',
    ],
    [
      'no CIDR',
      { RuleNumber: 90, Egress: false, RuleAction: 'allow', Protocol: '-1' },
      'Entries[0].CidrBlock',
      'ingress allow rule 90',
    ],
    [
      'tcp without PortRange',
      { RuleNumber: 90, Egress: false, RuleAction: 'deny', Protocol: '6', CidrBlock: '0.0.0.0/0' },
      'Entries[0].PortRange',
      'ingress deny rule 90',
    ],
    [
      'unknown action',
      { RuleNumber: 90, Egress: false, RuleAction: 'drop', Protocol: '-1', CidrBlock: '0.0.0.0/0' },
      'Entries[0].RuleAction',
      'ingress drop rule 90',
    ],
    [
      'bad protocol',
      { RuleNumber: 90, Egress: false, RuleAction: 'deny', Protocol: '300', CidrBlock: '0.0.0.0/0' },
      'Entries[0].Protocol',
      'ingress deny rule 90',
    ],
    [
      'missing rule number',
      { Egress: false, RuleAction: 'deny', Protocol: '-1', CidrBlock: '0.0.0.0/0' },
      'Entries[0].RuleNumber',
      'ingress deny rule Entries[0]',
    ],
  ])('%s → BAD_VALUE naming the skipped rule', (_name, entry, field, label) => {
    const { ctx, warnings } = testContext();
    const [a] = readNetworkAcls(
      [
        acl([
          entry,
          { RuleNumber: 32767, Egress: false, RuleAction: 'deny', Protocol: '-1', CidrBlock: '0.0.0.0/0' },
        ]),
      ],
      ctx,
    );
    expect(a?.entries.map((e) => e.ruleNumber)).toEqual([32767]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'BAD_VALUE', resourceId: 'acl-1', field, skipped: true });
    expect(warnings[0]?.detail).toContain(`skipped ${label}`);
  });

  it('canonicalises a NACL CIDR with host bits', () => {
    const { ctx, warnings } = testContext();
    const [a] = readNetworkAcls(
      [acl([{ RuleNumber: 1, Egress: false, RuleAction: 'deny', Protocol: '-1', CidrBlock: '10.0.0.1/8' }])],
      ctx,
    );
    expect(a?.entries.map((e) => formatCidr(e.cidr))).toEqual(['10.0.0.0/8']);
    expect(warnings).toMatchObject([{ code: 'NON_CANONICAL_CIDR', field: 'Entries[0].CidrBlock' }]);
  });
});
