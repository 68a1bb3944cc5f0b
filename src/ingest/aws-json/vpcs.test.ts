import { describe, expect, it } from 'vitest';
import { formatCidr } from '../../net/index.js';
import { readSubnets } from './subnets.js';
import { testContext } from './test-context.js';
import { readVpcs } from './vpcs.js';

describe('readVpcs', () => {
  it('reads associated IPv4 blocks with the primary first, associated IPv6 blocks, IsDefault and tags', () => {
    const { ctx, warnings } = testContext();
    const [vpc] = readVpcs(
      [
        {
          VpcId: 'vpc-1',
          OwnerId: '111122223333',
          State: 'available',
          CidrBlock: '10.0.0.0/16',
          IsDefault: true,
          CidrBlockAssociationSet: [
            { CidrBlock: '100.64.0.0/16', CidrBlockState: { State: 'associated' } },
            { CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
            { CidrBlock: '10.9.0.0/16', CidrBlockState: { State: 'disassociated' } },
          ],
          Ipv6CidrBlockAssociationSet: [
            { Ipv6CidrBlock: '2600:1f18:1::/56', Ipv6CidrBlockState: { State: 'associated' } },
            { Ipv6CidrBlock: '2600:1f18:2::/56', Ipv6CidrBlockState: { State: 'disassociating' } },
          ],
          Tags: [{ Key: 'Name', Value: 'prod' }],
          SomeFutureField: { x: 1 },
        },
      ],
      ctx,
    );
    expect(warnings).toEqual([]);
    expect(vpc?.vpcId).toBe('vpc-1');
    expect(vpc?.cidrBlocks.map(formatCidr)).toEqual(['10.0.0.0/16', '100.64.0.0/16']);
    expect(vpc?.ipv6CidrBlocks.map(formatCidr)).toEqual(['2600:1f18:1::/56']);
    expect(vpc?.isDefault).toBe(true);
    expect(vpc?.tags).toEqual({ Name: 'prod' });
    expect(vpc?.origin).toMatchObject({ file: 'test.json', accountId: '111122223333' });
  });

  it('falls back to CidrBlock when there is no association set', () => {
    const { ctx } = testContext();
    const [vpc] = readVpcs([{ VpcId: 'vpc-1', CidrBlock: '172.31.0.0/16' }], ctx);
    expect(vpc?.cidrBlocks.map(formatCidr)).toEqual(['172.31.0.0/16']);
    expect(vpc?.isDefault).toBe(false);
  });

  it('canonicalises host bits with NON_CANONICAL_CIDR and skips an unparseable block with BAD_VALUE', () => {
    const { ctx, warnings } = testContext();
    const [vpc] = readVpcs(
      [
        {
          VpcId: 'vpc-1',
          CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.5/16' }, { CidrBlock: '10.0.0.0/33' }],
        },
      ],
      ctx,
    );
    expect(vpc?.cidrBlocks.map(formatCidr)).toEqual(['10.0.0.0/16']);
    expect(warnings).toMatchObject([
      {
        code: 'NON_CANONICAL_CIDR',
        resourceId: 'vpc-1',
        field: 'CidrBlockAssociationSet[0].CidrBlock',
        value: '10.0.0.5/16',
        detail: '10.0.0.0/16',
      },
      {
        code: 'BAD_VALUE',
        file: 'test.json',
        resourceId: 'vpc-1',
        field: 'CidrBlockAssociationSet[1].CidrBlock',
        value: '10.0.0.0/33',
        skipped: true,
      },
    ]);
  });

  it('skips an item without VpcId', () => {
    const { ctx, warnings } = testContext();
    expect(readVpcs([{ CidrBlock: '10.0.0.0/16' }, 'junk'], ctx)).toEqual([]);
    expect(warnings.map((w) => [w.code, w.field])).toEqual([
      ['BAD_VALUE', 'Vpcs[0].VpcId'],
      ['BAD_VALUE', 'Vpcs[1].VpcId'],
    ]);
  });
});

describe('readSubnets', () => {
  it('reads CIDR, associated IPv6 blocks, AZ (→ region) and MapPublicIpOnLaunch', () => {
    const { ctx, warnings } = testContext();
    const [s] = readSubnets(
      [
        {
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          CidrBlock: '10.0.1.0/24',
          AvailabilityZone: 'eu-west-1b',
          MapPublicIpOnLaunch: true,
          Ipv6CidrBlockAssociationSet: [
            { Ipv6CidrBlock: '2600:1f18:1:100::/64', Ipv6CidrBlockState: { State: 'associated' } },
            { Ipv6CidrBlock: '2600:1f18:1:200::/64', Ipv6CidrBlockState: { State: 'disassociated' } },
          ],
        },
      ],
      ctx,
    );
    expect(warnings).toEqual([]);
    expect(s && formatCidr(s.cidrBlock!)).toBe('10.0.1.0/24');
    expect(s?.ipv6CidrBlocks.map(formatCidr)).toEqual(['2600:1f18:1:100::/64']);
    expect(s?.mapPublicIpOnLaunch).toBe(true);
    expect(s?.origin.region).toBe('eu-west-1');
  });

  it('keeps an IPv6-only subnet without cidrBlock; skips a subnet without VpcId; warns on a bad CIDR', () => {
    const { ctx, warnings } = testContext();
    const out = readSubnets(
      [
        { SubnetId: 'subnet-6', VpcId: 'vpc-1' },
        { SubnetId: 'subnet-x', CidrBlock: '10.0.0.0/24' },
        { SubnetId: 'subnet-b', VpcId: 'vpc-1', CidrBlock: 'ten/24' },
      ],
      ctx,
    );
    expect(out.map((s) => [s.subnetId, s.cidrBlock])).toEqual([
      ['subnet-6', undefined],
      ['subnet-b', undefined],
    ]);
    expect(warnings).toMatchObject([
      { code: 'BAD_VALUE', resourceId: 'subnet-x', field: 'VpcId' },
      { code: 'BAD_VALUE', resourceId: 'subnet-b', field: 'CidrBlock', value: 'ten/24' },
    ]);
  });
});
