import { describe, expect, it } from 'vitest';
import { sgRule } from '../../../engine/evaluate/test-network.js';
import type { NatGateway, SecurityGroup } from '../../../model/index.js';
import { check, example, patch, summary } from '../../test-helpers.js';

const NATGW = 'nat-0623d6df6f9721ea9';
const PRIVATE_SUBNET = 'subnet-071abaa329f836994';
const natgw = (change: (n: NatGateway) => NatGateway) =>
  example('partial-ephemeral', (d) => ({
    natGateways: patch(d.natGateways, (n) => n.natGatewayId, NATGW, change),
  }));

describe('NAT001 public NAT gateway without an internet gateway route', () => {
  it.each([
    ['public NAT gateway in the public subnet', example('partial-ephemeral'), []],
    [
      'public NAT gateway in the private subnet',
      natgw((n) => ({ ...n, subnetId: PRIVATE_SUBNET })),
      [`error ${NATGW}`],
    ],
    [
      "private NAT gateway there is not NAT001's",
      natgw((n) => ({ ...n, subnetId: PRIVATE_SUBNET, connectivityType: 'private' })),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('NAT001', net)).toEqual(want));
});

describe('NAT002 private NAT gateway routed to an internet gateway', () => {
  it.each([
    ['public NAT gateway in the public subnet', example('partial-ephemeral'), []],
    [
      'private NAT gateway in the public subnet',
      natgw((n) => ({ ...n, connectivityType: 'private' })),
      [`error ${NATGW}`],
    ],
  ])('%s', (_name, net, want) => expect(summary('NAT002', net)).toEqual(want));
});

describe('NAT003 NAT gateway in another Availability Zone', () => {
  it.each([
    ['same zone', example('partial-ephemeral'), []],
    [
      'private subnet in another zone',
      example('partial-ephemeral', (d) => ({
        subnets: patch(
          d.subnets,
          (s) => s.subnetId,
          PRIVATE_SUBNET,
          (s) => ({ ...s, availabilityZone: 'us-east-1b' }),
        ),
      })),
      [`warning ${PRIVATE_SUBNET}`],
    ],
  ])('%s', (_name, net, want) => expect(summary('NAT003', net)).toEqual(want));
});

describe('NAT004 NAT instance with source/destination check', () => {
  const NAT_ENI = 'eni-0f1b9117d265c9430';
  it.each([
    ['check disabled (examples/nat-instance)', example('nat-instance'), []],
    [
      'check enabled',
      example('nat-instance', (d) => ({
        networkInterfaces: patch(
          d.networkInterfaces,
          (e) => e.networkInterfaceId,
          NAT_ENI,
          (e) => ({ ...e, sourceDestCheck: true }),
        ),
      })),
      ['error i-0af95c21197ac17c2'],
    ],
    ['NAT gateways are not instances', example('partial-ephemeral'), []],
  ])('%s', (_name, net, want) => expect(summary('NAT004', net)).toEqual(want));
});

describe('NAT005 NAT instance security group vs the NATSG pattern', () => {
  const NATSG = 'sg-0e32e84a35064bd28';
  const natsg = (change: (g: SecurityGroup) => SecurityGroup) =>
    example('nat-instance', (d) => ({
      securityGroups: patch(d.securityGroups, (g) => g.groupId, NATSG, change),
    }));
  it.each([
    ['NATSG exactly as in the guide (examples/nat-instance)', example('nat-instance'), []],
    [
      'HTTPS from the private subnet missing',
      natsg((g) => ({ ...g, ingress: g.ingress.filter((r) => r.fromPort !== 443) })),
      ['warning i-0af95c21197ac17c2'],
    ],
    [
      'SSH open to the world',
      natsg((g) => ({
        ...g,
        ingress: [...g.ingress, sgRule(NATSG, false, { proto: 6, from: 22, to: 22, peer: '0.0.0.0/0' })],
      })),
      ['warning i-0af95c21197ac17c2'],
    ],
    ['NAT gateways are not NAT instances', example('partial-ephemeral'), []],
  ])('%s', (_name, net, want) => expect(summary('NAT005', net)).toEqual(want));

  it('says what is missing and what is extra', () => {
    const net = natsg((g) => ({
      ...g,
      ingress: [
        ...g.ingress.filter((r) => r.fromPort !== 443),
        sgRule(NATSG, false, { proto: 6, from: 22, to: 22, peer: '0.0.0.0/0' }),
      ],
    }));
    expect(check('NAT005', net)[0]?.data).toMatchObject({
      missing: ['tcp 443 from subnet-08fe274e9c8be28df'],
      extra: ['tcp 22 from 0.0.0.0/0'],
    });
  });
});
