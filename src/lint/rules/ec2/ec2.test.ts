import { describe, expect, it } from 'vitest';
import { sgRule } from '../../../engine/evaluate/test-network.js';
import { Network } from '../../../model/index.js';
import { mustParseIp } from '../../../net/index.js';
import { example, patch, summary } from '../../test-helpers.js';

describe('EC2001 public address without an internet route', () => {
  it.each([
    ['public addresses in the public subnet only (examples/nat-instance)', example('nat-instance'), []],
    [
      'db-1 given a public address in the db subnet (main table, local only)',
      example('nat-instance', (d) => ({
        networkInterfaces: patch(
          d.networkInterfaces,
          (e) => e.networkInterfaceId,
          'eni-01a980b2855bd5d17',
          (e) => ({
            ...e,
            privateAddresses: e.privateAddresses.map((a) => ({
              ...a,
              publicIp: mustParseIp('203.0.113.99'),
            })),
          }),
        ),
      })),
      ['warning i-0cfcbc3f2c563400c'],
    ],
    ["NAT gateway interfaces are NAT001's business", example('partial-ephemeral'), []],
  ])('%s', (_name, net, want) => expect(summary('EC2001', net)).toEqual(want));
});

describe('EC2002 public subnet auto-assigning addresses to open databases', () => {
  const WEB2_SG = 'sg-066da822f68fee5eb';
  const PUBLIC = 'subnet-0eeb06ff08464d1ac';
  const openDb = (peer: string) =>
    example('partial-ephemeral', (d) => ({
      securityGroups: patch(
        d.securityGroups,
        (g) => g.groupId,
        WEB2_SG,
        (g) => ({
          ...g,
          ingress: [...g.ingress, sgRule(WEB2_SG, false, { proto: 6, from: 5432, to: 5432, peer })],
        }),
      ),
    }));
  it.each([
    ['HTTPS only (examples/partial-ephemeral)', example('partial-ephemeral'), []],
    ['PostgreSQL open to the world', openDb('0.0.0.0/0'), ['warning i-0b9005d5b8ceaa2e0']],
    ['PostgreSQL open to the VPC only', openDb('10.3.0.0/16'), []],
    [
      'auto-assign off',
      new Network({
        ...openDb('0.0.0.0/0').data,
        subnets: openDb('0.0.0.0/0').data.subnets.map((s) =>
          s.subnetId === PUBLIC ? { ...s, mapPublicIpOnLaunch: false } : s,
        ),
      }),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('EC2002', net)).toEqual(want));
});
