import { describe, expect, it } from 'vitest';
import type { NetworkInterface } from '../../model/index.js';
import { formatIp } from '../../net/index.js';
import { readNetworkInterfaces } from './network-interfaces.js';
import { readReservations } from './reservations.js';
import { testContext } from './test-context.js';

function addresses(e: NetworkInterface | undefined) {
  return e?.privateAddresses.map((a) => [
    formatIp(a.ip),
    a.primary,
    a.publicIp && formatIp(a.publicIp),
    a.allocationId,
  ]);
}

describe('readNetworkInterfaces', () => {
  it('reads every private address with its association, IPv6, groups, attachment and flags', () => {
    const { ctx, warnings } = testContext();
    const [e] = readNetworkInterfaces(
      [
        {
          NetworkInterfaceId: 'eni-1',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          AvailabilityZone: 'us-east-2c',
          InterfaceType: 'nat_gateway',
          Status: 'in-use',
          Description: 'Interface for NAT Gateway nat-1',
          RequesterManaged: true,
          SourceDestCheck: false,
          DenyAllIgwTraffic: true,
          OwnerId: '111122223333',
          Groups: [{ GroupId: 'sg-1', GroupName: 'a' }, { GroupId: 'sg-2' }],
          PrivateIpAddress: '10.0.1.5',
          PrivateIpAddresses: [
            {
              Primary: true,
              PrivateIpAddress: '10.0.1.5',
              Association: { PublicIp: '3.3.3.3', AllocationId: 'eipalloc-1', IpOwnerId: '1' },
            },
            { Primary: false, PrivateIpAddress: '10.0.1.6' },
          ],
          Ipv6Addresses: [{ Ipv6Address: '2600:1f18::5' }],
          Attachment: { InstanceId: 'i-1', DeviceIndex: 1, Status: 'attached' },
          TagSet: [{ Key: 'Name', Value: 'x' }],
        },
      ],
      ctx,
    );
    expect(warnings).toEqual([]);
    expect(addresses(e)).toEqual([
      ['10.0.1.5', true, '3.3.3.3', 'eipalloc-1'],
      ['10.0.1.6', false, undefined, undefined],
    ]);
    expect(e?.ipv6Addresses.map(formatIp)).toEqual(['2600:1f18::5']);
    expect(e).toMatchObject({
      interfaceType: 'nat_gateway',
      requesterManaged: true,
      sourceDestCheck: false,
      denyAllIgwTraffic: true,
      groupIds: ['sg-1', 'sg-2'],
      attachment: { instanceId: 'i-1', deviceIndex: 1, status: 'attached' },
      tags: { Name: 'x' },
      origin: { region: 'us-east-2', accountId: '111122223333' },
    });
  });

  it('applies defaults and puts the top-level Association on the primary address', () => {
    const { ctx } = testContext();
    const [e] = readNetworkInterfaces(
      [
        {
          NetworkInterfaceId: 'eni-2',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          PrivateIpAddress: '10.0.0.9',
          Association: { PublicIp: '1.2.3.4' },
        },
      ],
      ctx,
    );
    expect(addresses(e)).toEqual([['10.0.0.9', true, '1.2.3.4', undefined]]);
    expect(e).toMatchObject({
      interfaceType: 'interface',
      requesterManaged: false,
      sourceDestCheck: true,
      denyAllIgwTraffic: false,
      groupIds: [],
    });
    expect(e?.attachment).toBeUndefined();
  });

  it('drops a bad address (BAD_VALUE, skipped) and skips an interface without SubnetId', () => {
    const { ctx, warnings } = testContext();
    const out = readNetworkInterfaces(
      [
        {
          NetworkInterfaceId: 'eni-3',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          PrivateIpAddresses: [
            { PrivateIpAddress: '10.0.0.300', Primary: true },
            { PrivateIpAddress: '10.0.0.4' },
          ],
          Ipv6Addresses: [{ Ipv6Address: '10.0.0.1' }],
        },
        { NetworkInterfaceId: 'eni-4', VpcId: 'vpc-1' },
      ],
      ctx,
    );
    expect(out.map((e) => e.networkInterfaceId)).toEqual(['eni-3']);
    expect(addresses(out[0])).toEqual([['10.0.0.4', false, undefined, undefined]]);
    expect(warnings.map((w) => [w.code, w.resourceId, w.field, w.skipped])).toEqual([
      ['BAD_VALUE', 'eni-3', 'PrivateIpAddresses[0].PrivateIpAddress', true],
      ['BAD_VALUE', 'eni-3', 'Ipv6Addresses[0].Ipv6Address', true],
      ['BAD_VALUE', 'eni-4', 'SubnetId', true],
    ]);
  });
});

describe('readReservations', () => {
  const reservation = {
    OwnerId: '111122223333',
    Instances: [
      {
        InstanceId: 'i-1',
        InstanceType: 't3.micro',
        State: { Code: 16, Name: 'running' },
        Platform: 'windows',
        PlatformDetails: 'Windows',
        SubnetId: 'subnet-1',
        VpcId: 'vpc-1',
        SourceDestCheck: false,
        PrivateIpAddress: '10.0.0.10',
        PublicIpAddress: '54.1.1.1',
        Placement: { AvailabilityZone: 'ap-southeast-1a' },
        NetworkInterfaces: [
          {
            NetworkInterfaceId: 'eni-b',
            SubnetId: 'subnet-2',
            VpcId: 'vpc-1',
            Attachment: { DeviceIndex: 1 },
            PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.10', Primary: true }],
          },
          {
            NetworkInterfaceId: 'eni-a',
            Attachment: { DeviceIndex: 0, Status: 'attached' },
            PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.10', Primary: true }],
            Groups: [{ GroupId: 'sg-1' }],
          },
        ],
        Tags: [{ Key: 'Name', Value: 'web' }],
      },
    ],
  };

  it('reads instances and their nested interfaces (ordered by device index, filled from the instance)', () => {
    const { ctx, warnings } = testContext();
    const r = readReservations([reservation], ctx);
    expect(warnings).toEqual([]);
    expect(r.instances).toMatchObject([
      {
        instanceId: 'i-1',
        instanceType: 't3.micro',
        state: 'running',
        platform: 'windows',
        platformDetails: 'Windows',
        sourceDestCheck: false,
        networkInterfaceIds: ['eni-a', 'eni-b'],
        ownerId: '111122223333',
        tags: { Name: 'web' },
        origin: { region: 'ap-southeast-1', accountId: '111122223333' },
      },
    ]);
    const a = r.interfaces.find((e) => e.networkInterfaceId === 'eni-a');
    expect(a).toMatchObject({
      subnetId: 'subnet-1',
      vpcId: 'vpc-1',
      availabilityZone: 'ap-southeast-1a',
      attachment: { instanceId: 'i-1', deviceIndex: 0 },
      ownerId: '111122223333',
      groupIds: ['sg-1'],
    });
    expect(r.interfaces.find((e) => e.networkInterfaceId === 'eni-b')?.subnetId).toBe('subnet-2');
    expect(
      r.publicIps.map((p) => [p.instanceId, formatIp(p.publicIp), p.privateIp && formatIp(p.privateIp)]),
    ).toEqual([['i-1', '54.1.1.1', '10.0.0.10']]);
  });

  it('defaults SourceDestCheck to true and tolerates terminated instances without interfaces', () => {
    const { ctx, warnings } = testContext();
    const r = readReservations(
      [{ Instances: [{ InstanceId: 'i-2', State: { Name: 'terminated' } }] }, 'junk'],
      ctx,
    );
    expect(r.instances).toMatchObject([
      { instanceId: 'i-2', state: 'terminated', sourceDestCheck: true, networkInterfaceIds: [] },
    ]);
    expect(r.interfaces).toEqual([]);
    expect(warnings).toMatchObject([{ code: 'BAD_VALUE', field: 'Reservations[1]' }]);
  });
});
