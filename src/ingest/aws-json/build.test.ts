import { describe, expect, it } from 'vitest';
import { Network, type NetworkData, type NetworkInterface } from '../../model/index.js';
import { formatCidr, formatIp } from '../../net/index.js';
import { buildNetworkData, type SnapshotDocument } from './build.js';

const VPCS = { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: '111122223333' }] };
const SUBNETS = {
  Subnets: [
    { SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZone: 'us-east-1a' },
  ],
};

function build(...docs: [string, unknown][]): NetworkData {
  return buildNetworkData(docs.map(([file, json]): SnapshotDocument => ({ file, json })));
}

function eni(data: NetworkData, id: string): NetworkInterface | undefined {
  return data.networkInterfaces.find((e) => e.networkInterfaceId === id);
}

function publicOf(e: NetworkInterface | undefined) {
  return e?.privateAddresses.map((a) => [formatIp(a.ip), a.publicIp && formatIp(a.publicIp), a.allocationId]);
}

const codes = (d: NetworkData) => d.warnings.map((w) => w.code);

describe('file classification', () => {
  it('records present kinds even for empty lists; Reservations → Instances', () => {
    const d = build(['a.json', VPCS], ['b.json', { NatGateways: [] }], ['c.json', { Reservations: [] }]);
    expect([...d.present].sort()).toEqual(['Instances', 'NatGateways', 'Vpcs']);
    expect(d.warnings).toEqual([]);
  });

  it('reads several keys from one file', () => {
    const d = build(['all.json', { ...VPCS, ...SUBNETS, NextToken: 'abc' }]);
    expect([d.vpcs.length, d.subnets.length]).toEqual([1, 1]);
    expect(d.warnings).toEqual([]);
  });

  it('gives one UNSUPPORTED_RESOURCE per file naming its keys', () => {
    const d = build(
      ['svc.json', { ServiceDetails: [], ServiceNames: [] }],
      ['az.json', { AvailabilityZones: [] }],
    );
    expect(d.warnings).toEqual([
      {
        code: 'UNSUPPORTED_RESOURCE',
        file: 'svc.json',
        field: 'ServiceDetails',
        value: 'ServiceDetails, ServiceNames',
      },
      {
        code: 'UNSUPPORTED_RESOURCE',
        file: 'az.json',
        field: 'AvailabilityZones',
        value: 'AvailabilityZones',
      },
    ]);
  });

  it('UNKNOWN_TOP_LEVEL_KEY for unknown keys, UNRECOGNISED_FILE for non-AWS JSON, EMPTY_FILE for empty files', () => {
    const d = build(
      ['x.json', { ...VPCS, Frobnicators: [] }],
      ['y.json', { Widgets: [{}] }],
      ['sts.json', { Account: '1', Arn: 'x', UserId: 'y' }],
      ['list.json', [{ VpcId: 'vpc-2' }]],
      ['empty.json', undefined],
    );
    expect(d.warnings.map((w) => [w.code, w.file, w.field])).toEqual([
      ['UNKNOWN_TOP_LEVEL_KEY', 'x.json', 'Frobnicators'],
      ['UNKNOWN_TOP_LEVEL_KEY', 'y.json', 'Widgets'],
      ['UNRECOGNISED_FILE', 'sts.json', undefined],
      ['UNRECOGNISED_FILE', 'list.json', undefined],
      ['EMPTY_FILE', 'empty.json', undefined],
    ]);
  });

  it('BAD_VALUE when a known key does not hold a list', () => {
    const d = build(['a.json', VPCS], ['b.json', { Subnets: { SubnetId: 'x' } }]);
    expect(d.warnings).toMatchObject([{ code: 'BAD_VALUE', file: 'b.json', field: 'Subnets' }]);
  });
});

describe('duplicates', () => {
  it('keeps the first copy and warns when both files are of the same region and account', () => {
    const d = build(['us-east-1/a.json', VPCS], ['us-east-1/b.json', VPCS]);
    expect(d.vpcs).toHaveLength(1);
    expect(d.vpcs[0]?.origin.file).toBe('us-east-1/a.json');
    expect(d.warnings).toMatchObject([
      { code: 'DUPLICATE_RESOURCE', file: 'us-east-1/b.json', resourceId: 'vpc-1' },
    ]);
  });

  it('is silent for a peering connection listed by both regions', () => {
    const pcx = { VpcPeeringConnections: [{ VpcPeeringConnectionId: 'pcx-1', Status: { Code: 'active' } }] };
    const d = build(['us-east-1/Vpcs.json', VPCS], ['us-east-1/p.json', pcx], ['eu-west-1/p.json', pcx]);
    expect(d.vpcPeeringConnections).toHaveLength(1);
    expect(d.warnings).toEqual([]);
  });
});

describe('interfaces from describe-instances, Elastic IPs, NAT gateways', () => {
  const reservations = {
    Reservations: [
      {
        OwnerId: '111122223333',
        Instances: [
          {
            InstanceId: 'i-1',
            State: { Name: 'running' },
            SubnetId: 'subnet-1',
            VpcId: 'vpc-1',
            PrivateIpAddress: '10.0.0.10',
            PublicIpAddress: '54.0.0.1',
            NetworkInterfaces: [
              {
                NetworkInterfaceId: 'eni-1',
                Attachment: { DeviceIndex: 0 },
                PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.10', Primary: true }],
              },
              {
                NetworkInterfaceId: 'eni-2',
                Attachment: { DeviceIndex: 1 },
                PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.11', Primary: true }],
              },
            ],
          },
        ],
      },
    ],
  };

  it('derives interfaces from instances when describe-network-interfaces lacks them, preferring its records', () => {
    const nis = {
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-2',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          Description: 'from describe-network-interfaces',
          Attachment: { InstanceId: 'i-1', DeviceIndex: 1 },
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.11', Primary: true }],
        },
      ],
    };
    const d = build(['v.json', VPCS], ['s.json', SUBNETS], ['r.json', reservations], ['n.json', nis]);
    expect(d.networkInterfaces.map((e) => e.networkInterfaceId).sort()).toEqual(['eni-1', 'eni-2']);
    expect(eni(d, 'eni-2')?.description).toBe('from describe-network-interfaces');
    expect(eni(d, 'eni-1')?.attachment?.instanceId).toBe('i-1');
    // The instance's PublicIpAddress lands on its primary interface's primary address.
    expect(publicOf(eni(d, 'eni-1'))).toEqual([['10.0.0.10', '54.0.0.1', undefined]]);
    expect(new Network(d).ownerOfPublicIp({ family: 4, value: 0x36000001n })?.eni.networkInterfaceId).toBe(
      'eni-1',
    );
    expect(d.warnings).toEqual([]);
  });

  it('warns DUPLICATE_RESOURCE when two instances claim one interface id', () => {
    const two = {
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-1',
              SubnetId: 'subnet-1',
              VpcId: 'vpc-1',
              NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0', PrivateIpAddress: '10.0.0.1' }],
            },
            {
              InstanceId: 'i-2',
              SubnetId: 'subnet-1',
              VpcId: 'vpc-1',
              NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0', PrivateIpAddress: '10.0.0.2' }],
            },
          ],
        },
      ],
    };
    const d = build(['v.json', VPCS], ['r.json', two]);
    expect(d.networkInterfaces.map((e) => e.attachment?.instanceId)).toEqual(['i-1']);
    expect(d.warnings).toMatchObject([{ code: 'DUPLICATE_RESOURCE', resourceId: 'eni-0', value: 'i-2' }]);
  });

  it('puts an Elastic IP on its interface address when the interface record lacks the association', () => {
    const nis = {
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-9',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          PrivateIpAddresses: [
            { PrivateIpAddress: '10.0.0.20', Primary: true },
            { PrivateIpAddress: '10.0.0.21', Primary: false },
          ],
        },
      ],
    };
    const addresses = {
      Addresses: [
        {
          AllocationId: 'eipalloc-1',
          PublicIp: '52.0.0.1',
          NetworkInterfaceId: 'eni-9',
          PrivateIpAddress: '10.0.0.21',
        },
        { AllocationId: 'eipalloc-2', PublicIp: '52.0.0.2' },
        {
          AllocationId: 'eipalloc-3',
          PublicIp: '52.0.0.3',
          NetworkInterfaceId: 'eni-gone',
          PrivateIpAddress: '10.0.0.99',
        },
      ],
    };
    const d = build(['v.json', VPCS], ['s.json', SUBNETS], ['n.json', nis], ['a.json', addresses]);
    expect(publicOf(eni(d, 'eni-9'))).toEqual([
      ['10.0.0.20', undefined, undefined],
      ['10.0.0.21', '52.0.0.1', 'eipalloc-1'],
    ]);
    expect(d.elasticIps).toHaveLength(3);
    expect(d.warnings).toMatchObject([
      { code: 'MISSING_REFERENCE', resourceId: 'eipalloc-3', field: 'NetworkInterfaceId', value: 'eni-gone' },
    ]);
  });

  it('synthesises the NAT gateway interface with its public IP when not captured', () => {
    const nat = {
      NatGateways: [
        {
          NatGatewayId: 'nat-1',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          State: 'available',
          NatGatewayAddresses: [
            {
              AllocationId: 'eipalloc-7',
              NetworkInterfaceId: 'eni-nat',
              PrivateIp: '10.0.0.5',
              PublicIp: '3.0.0.7',
              IsPrimary: true,
            },
          ],
        },
        {
          NatGatewayId: 'nat-old',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          State: 'deleted',
          NatGatewayAddresses: [{ NetworkInterfaceId: 'eni-old', PrivateIp: '10.0.0.6' }],
        },
      ],
    };
    const d = build(['v.json', VPCS], ['s.json', SUBNETS], ['nat.json', nat]);
    const e = eni(d, 'eni-nat');
    expect(e).toMatchObject({
      interfaceType: 'nat_gateway',
      subnetId: 'subnet-1',
      vpcId: 'vpc-1',
      availabilityZone: 'us-east-1a',
      sourceDestCheck: false,
    });
    expect(publicOf(e)).toEqual([['10.0.0.5', '3.0.0.7', 'eipalloc-7']]);
    expect(eni(d, 'eni-old')).toBeUndefined();
    expect(new Network(d).natGatewayOfInterface('eni-nat')?.natGatewayId).toBe('nat-1');
  });

  it('fills instance status checks', () => {
    const statuses = {
      InstanceStatuses: [
        { InstanceId: 'i-1', SystemStatus: { Status: 'ok' }, InstanceStatus: { Status: 'impaired' } },
        { InstanceId: 'i-x' },
      ],
    };
    const d = build(['v.json', VPCS], ['r.json', reservations], ['st.json', statuses]);
    expect(d.instances[0]?.status).toEqual({ system: 'ok', instance: 'impaired' });
    expect(d.warnings).toMatchObject([{ code: 'MISSING_REFERENCE', resourceId: 'i-x', file: 'st.json' }]);
  });
});

describe('managed prefix-list entries', () => {
  const list = { ManagedPrefixLists: [{ PrefixListId: 'pl-0abc', PrefixListName: 'office' }] };
  it('fills a list from a {PrefixListId, Entries} file', () => {
    const d = build(
      ['v.json', VPCS],
      ['l.json', list],
      ['e.json', { PrefixListId: 'pl-0abc', Entries: [{ Cidr: '192.0.2.0/24' }] }],
    );
    expect(d.prefixLists.map((p) => [p.prefixListId, p.prefixListName, p.cidrs?.map(formatCidr)])).toEqual([
      ['pl-0abc', 'office', ['192.0.2.0/24']],
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('takes the list id from the file name when the file holds only Entries', () => {
    const d = build(['v.json', VPCS], ['pl-0abc-entries.json', { Entries: [{ Cidr: '198.51.100.0/24' }] }]);
    expect(d.prefixLists.map((p) => [p.prefixListId, p.cidrs?.map(formatCidr)])).toEqual([
      ['pl-0abc', ['198.51.100.0/24']],
    ]);
  });

  it('warns when it cannot tell which list the entries belong to', () => {
    const d = build(['v.json', VPCS], ['entries.json', { Entries: [{ Cidr: '198.51.100.0/24' }] }]);
    expect(d.prefixLists).toEqual([]);
    expect(d.warnings).toMatchObject([{ code: 'BAD_VALUE', file: 'entries.json', field: 'PrefixListId' }]);
  });

  it('a describe-prefix-lists record (with CIDRs) wins over a managed-list record without them', () => {
    const d = build(
      ['v.json', VPCS],
      [
        'm.json',
        {
          ManagedPrefixLists: [
            { PrefixListId: 'pl-1', PrefixListName: 'com.amazonaws.us-east-1.s3', AddressFamily: 'IPv4' },
          ],
        },
      ],
      [
        'p.json',
        {
          PrefixLists: [
            { PrefixListId: 'pl-1', PrefixListName: 'com.amazonaws.us-east-1.s3', Cidrs: ['52.216.0.0/15'] },
          ],
        },
      ],
    );
    expect(d.prefixLists.map((p) => [p.prefixListId, p.cidrs?.map(formatCidr), p.addressFamily])).toEqual([
      ['pl-1', ['52.216.0.0/15'], 'IPv4'],
    ]);
    expect(d.warnings).toEqual([]);
  });
});

describe('checks', () => {
  const routes = (extraRoutes: unknown[]) => ({
    RouteTables: [
      {
        RouteTableId: 'rtb-1',
        VpcId: 'vpc-1',
        Associations: [{ Main: true }],
        Routes: [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
          ...extraRoutes,
        ],
      },
    ],
  });

  it('blackholes a route whose target type is in the snapshot but whose id is not', () => {
    const d = build(
      ['v.json', VPCS],
      ['r.json', routes([{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-gone', State: 'active' }])],
      ['n.json', { NatGateways: [] }],
    );
    expect(d.routeTables[0]?.routes.map((r) => r.state)).toEqual(['active', 'blackhole']);
    expect(d.warnings).toMatchObject([
      {
        code: 'ROUTE_TARGET_MISSING',
        file: 'r.json',
        resourceId: 'rtb-1',
        field: 'NatGatewayId',
        value: 'nat-gone',
      },
    ]);
  });

  it('leaves a route alone when its target type was not captured at all', () => {
    const d = build(
      ['v.json', VPCS],
      ['r.json', routes([{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' }])],
    );
    expect(d.routeTables[0]?.routes.map((r) => r.state)).toEqual(['active', 'active']);
    expect(d.warnings).toEqual([]);
  });

  it('keeps routes whose target exists (TGW from TransitGateways, VGW from VpnGateways)', () => {
    const d = build(
      ['v.json', VPCS],
      [
        'r.json',
        routes([
          { DestinationCidrBlock: '10.1.0.0/16', TransitGatewayId: 'tgw-1' },
          { DestinationCidrBlock: '10.2.0.0/16', GatewayId: 'vgw-1' },
        ]),
      ],
      [
        't.json',
        { TransitGateways: [{ TransitGatewayId: 'tgw-1' }], VpnGateways: [{ VpnGatewayId: 'vgw-1' }] },
      ],
    );
    expect(d.routeTables[0]?.routes.map((r) => r.state)).toEqual(['active', 'active', 'active']);
    expect(d.warnings).toEqual([]);
  });

  it('MISSING_REFERENCE: subnet → unknown VPC, interface → unknown subnet and security group', () => {
    const d = build(
      ['v.json', VPCS],
      [
        's.json',
        {
          Subnets: [
            { SubnetId: 'subnet-1', VpcId: 'vpc-1' },
            { SubnetId: 'subnet-2', VpcId: 'vpc-nope' },
          ],
        },
      ],
      ['g.json', { SecurityGroups: [{ GroupId: 'sg-1' }] }],
      [
        'n.json',
        {
          NetworkInterfaces: [
            {
              NetworkInterfaceId: 'eni-1',
              SubnetId: 'subnet-1',
              VpcId: 'vpc-1',
              Groups: [{ GroupId: 'sg-1' }],
            },
            {
              NetworkInterfaceId: 'eni-2',
              SubnetId: 'subnet-9',
              VpcId: 'vpc-1',
              Groups: [{ GroupId: 'sg-1' }, { GroupId: 'sg-9' }],
            },
          ],
        },
      ],
    );
    expect(d.warnings.map((w) => [w.code, w.resourceId, w.field, w.value])).toEqual([
      ['MISSING_REFERENCE', 'subnet-2', 'VpcId', 'vpc-nope'],
      ['MISSING_REFERENCE', 'eni-2', 'SubnetId', 'subnet-9'],
      ['MISSING_REFERENCE', 'eni-2', 'Groups', 'sg-9'],
    ]);
  });

  it('does not check references to kinds that were not captured', () => {
    const d = build(
      ['v.json', VPCS],
      [
        'n.json',
        {
          NetworkInterfaces: [
            {
              NetworkInterfaceId: 'eni-1',
              SubnetId: 'subnet-1',
              VpcId: 'vpc-1',
              Groups: [{ GroupId: 'sg-1' }],
            },
          ],
        },
      ],
    );
    expect(d.warnings).toEqual([]);
  });

  it('NO_MAIN_ROUTE_TABLE for a VPC whose tables have no main association', () => {
    const d = build(
      ['v.json', VPCS],
      [
        'r.json',
        {
          RouteTables: [
            { RouteTableId: 'rtb-1', VpcId: 'vpc-1', Associations: [{ Main: false, SubnetId: 'subnet-1' }] },
          ],
        },
      ],
    );
    expect(codes(d)).toEqual(['NO_MAIN_ROUTE_TABLE']);
    expect(d.warnings[0]?.resourceId).toBe('vpc-1');
  });

  it('NO_NETWORK_ACL for a subnet with no association and no default NACL in its VPC', () => {
    const d = build(
      ['v.json', VPCS],
      ['s.json', SUBNETS],
      ['a.json', { NetworkAcls: [{ NetworkAclId: 'acl-1', VpcId: 'vpc-other', IsDefault: true }] }],
    );
    expect(d.warnings).toMatchObject([{ code: 'NO_NETWORK_ACL', resourceId: 'subnet-1' }]);
  });

  it('merges the records several TGW calls print about one attachment and one route table', () => {
    const d = build(
      ['v.json', VPCS],
      [
        'p.json',
        {
          TransitGatewayPropagations: [
            {
              TransitGatewayRouteTableId: 'tgw-rtb-1',
              TransitGatewayRouteTablePropagations: [
                { ResourceId: 'vpc-1', ResourceType: 'vpc', TransitGatewayAttachmentId: 'tgw-attach-1' },
              ],
            },
          ],
        },
      ],
      [
        'rt.json',
        {
          TransitGatewayRouteTables: [
            {
              TransitGatewayRouteTableId: 'tgw-rtb-1',
              TransitGatewayId: 'tgw-1',
              State: 'available',
              Tags: [{ Key: 'Name', Value: 'main' }],
            },
          ],
        },
      ],
      [
        'va.json',
        {
          TransitGatewayVpcAttachments: [
            {
              TransitGatewayAttachmentId: 'tgw-attach-1',
              VpcId: 'vpc-1',
              TransitGatewayId: 'tgw-1',
              State: 'available',
            },
          ],
        },
      ],
      [
        'a.json',
        {
          TransitGatewayAttachments: [
            {
              TransitGatewayAttachmentId: 'tgw-attach-1',
              ResourceType: 'vpc',
              ResourceId: 'vpc-1',
              TransitGatewayId: 'tgw-1',
              State: 'available',
            },
          ],
        },
      ],
    );
    expect(d.hybrid).toHaveLength(2);
    expect(d.hybrid.find((h) => h.id === 'tgw-rtb-1')).toMatchObject({
      state: 'available',
      vpcIds: ['vpc-1'],
      tags: { Name: 'main' },
      origin: { file: 'rt.json' },
    });
    expect(d.hybrid.find((h) => h.id === 'tgw-attach-1')).toMatchObject({
      state: 'available',
      vpcIds: ['vpc-1'],
      origin: { file: 'a.json' },
    });
    expect(d.warnings).toEqual([]);
  });
});

describe('origins', () => {
  it('fills region and account from the other resources of the folder', () => {
    const d = build(
      ['snap/Vpcs.json', { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] }],
      [
        'snap/Subnets.json',
        {
          Subnets: [
            {
              SubnetId: 'subnet-1',
              VpcId: 'vpc-1',
              AvailabilityZone: 'eu-central-1a',
              OwnerId: '123456789012',
            },
          ],
        },
      ],
    );
    expect(d.vpcs[0]).toMatchObject({
      region: 'eu-central-1',
      origin: { region: 'eu-central-1', accountId: '123456789012' },
    });
    expect(d.files).toMatchObject([
      { file: 'snap/Vpcs.json', region: 'eu-central-1', accountId: '123456789012' },
      { file: 'snap/Subnets.json', region: 'eu-central-1', accountId: '123456789012' },
    ]);
  });
});
