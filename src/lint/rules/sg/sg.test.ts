import { describe, expect, it } from 'vitest';
import { type RuleSpec, securityGroup } from '../../../engine/evaluate/test-network.js';
import type { SecurityGroup } from '../../../model/index.js';
import { check, example, patch, summary } from '../../test-helpers.js';

const WEB_SG = 'sg-08e300187b090fe12';
const DB_SG = 'sg-05c61c852bedaf27b';

/** nat-instance with web-sg's inbound rules replaced. */
const webIngress = (...ingress: RuleSpec[]) =>
  example('nat-instance', (d) => ({
    securityGroups: patch(
      d.securityGroups,
      (g) => g.groupId,
      WEB_SG,
      (g): SecurityGroup => {
        const s = securityGroup(WEB_SG, g.vpcId ?? '', { ingress });
        return { ...g, ingress: s.ingress };
      },
    ),
  }));

describe('SG001 admin/database ports open to the world', () => {
  it.each([
    ['web ports only (examples/nat-instance)', example('nat-instance'), []],
    ['SSH from one network', webIngress({ proto: 6, from: 22, to: 22, peer: '198.51.100.0/24' }), []],
    // public-nacl admits tcp 22 only from 198.51.100.0/24: the group is open, the instance is not.
    [
      'SSH from 0.0.0.0/0 but the NACL blocks it: stays a warning',
      webIngress({ proto: 6, from: 22, to: 22, peer: '0.0.0.0/0' }),
      [`warning ${WEB_SG}`],
    ],
    [
      'RDP from 0.0.0.0/0 on a reachable web server: raised to error',
      webIngress({ proto: 6, from: 3389, to: 3389, peer: '0.0.0.0/0' }),
      [`error ${WEB_SG}`],
    ],
    ['all traffic from 0.0.0.0/0', webIngress({ proto: -1, peer: '0.0.0.0/0' }), [`error ${WEB_SG}`]],
    [
      'tcp 0-65535 from 0.0.0.0/0 covers the admin ports',
      webIngress({ proto: 6, from: 0, to: 65535, peer: '0.0.0.0/0' }),
      [`error ${WEB_SG}`],
    ],
    ['half the internet is not the world', webIngress({ proto: 6, from: 22, to: 22, peer: '0.0.0.0/1' }), []],
    [
      'both halves together are',
      webIngress(
        { proto: 6, from: 3306, to: 3306, peer: '0.0.0.0/1' },
        { proto: 6, from: 3306, to: 3306, peer: '128.0.0.0/1' },
      ),
      [`error ${WEB_SG}`],
    ],
  ])('%s', (_name, net, want) => expect(summary('SG001', net)).toEqual(want));

  it('stays a warning when no instance using the group is reachable (db-1 has no public address)', () => {
    const net = example('nat-instance', (d) => ({
      securityGroups: patch(
        d.securityGroups,
        (g) => g.groupId,
        DB_SG,
        (g) => ({
          ...g,
          ingress: securityGroup(DB_SG, '', {
            ingress: [{ proto: 6, from: 5432, to: 5432, peer: '0.0.0.0/0' }],
          }).ingress,
        }),
      ),
    }));
    const [f] = check('SG001', net);
    expect(f).toMatchObject({
      ruleId: 'SG001',
      level: 'warning',
      data: { ports: ['5432 (PostgreSQL)'], reachable: [] },
    });
    expect(f?.raised).toBe(false);
  });

  it('IPv6 ::/0 on SSH: examples/dual-stack-eigw bastion is reachable, worker is not', () => {
    expect(summary('SG001', example('dual-stack-eigw'))).toEqual([
      'error sg-0ac0ff0dea325d960',
      'error sg-0ac0ff0dea325d960',
      'warning sg-034c5f555708eccad',
    ]);
  });
});

describe('SG002 unused security groups', () => {
  it.each([
    ['every group used except default (examples/nat-instance)', example('nat-instance'), []],
    [
      'a group no interface uses',
      example('nat-instance', (d) => ({
        securityGroups: [...d.securityGroups, securityGroup('sg-unused', 'vpc-089814db9898d3fd0', {})],
      })),
      ['note sg-unused'],
    ],
    [
      'interfaces not captured: cannot tell',
      example('nat-instance', (d) => ({
        securityGroups: [...d.securityGroups, securityGroup('sg-unused', 'vpc-089814db9898d3fd0', {})],
        present: new Set([...d.present].filter((k) => k !== 'NetworkInterfaces')),
      })),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('SG002', net)).toEqual(want));
});

describe('SG003 rules referencing missing groups', () => {
  it.each([
    ['references to existing groups (examples/nat-instance)', example('nat-instance'), []],
    [
      'a reference to a deleted group',
      webIngress({ proto: 6, from: 22, to: 22, peer: 'sg-deleted' }),
      [`warning ${WEB_SG}`],
    ],
    [
      "a reference to another account's group",
      webIngress({
        proto: 6,
        from: 22,
        to: 22,
        peer: { kind: 'security-group', groupId: 'sg-other', userId: '999999999999' },
      }),
      [],
    ],
    [
      'a reference across a deleted peering',
      webIngress({
        proto: 6,
        from: 22,
        to: 22,
        peer: {
          kind: 'security-group',
          groupId: 'sg-peer',
          vpcPeeringConnectionId: 'pcx-1',
          peeringStatus: 'deleted',
        },
      }),
      [`warning ${WEB_SG}`],
    ],
  ])('%s', (_name, net, want) => expect(summary('SG003', net)).toEqual(want));
});
