import { describe, expect, it } from 'vitest';
import { formatCidr, formatIp } from '../../net/index.js';
import { readAddresses } from './addresses.js';
import { readCustomerGateways } from './customer-gateways.js';
import { readEgressOnlyInternetGateways } from './egress-only-internet-gateways.js';
import { readInstanceStatuses } from './instance-statuses.js';
import { readInternetGateways } from './internet-gateways.js';
import { readManagedPrefixLists } from './managed-prefix-lists.js';
import { readNatGateways } from './nat-gateways.js';
import { readPrefixLists } from './prefix-lists.js';
import { testContext } from './test-context.js';
import { readTransitGatewayAttachments } from './transit-gateway-attachments.js';
import { readTransitGatewayPropagations } from './transit-gateway-propagations.js';
import { readTransitGatewayRouteTables } from './transit-gateway-route-tables.js';
import { readTransitGatewayStaticRoutes } from './transit-gateway-static-routes.js';
import { readTransitGatewayVpcAttachments } from './transit-gateway-vpc-attachments.js';
import { readTransitGateways } from './transit-gateways.js';
import { readVpcEndpoints } from './vpc-endpoints.js';
import { readVpcPeeringConnections } from './vpc-peering-connections.js';
import { readVpnConnections } from './vpn-connections.js';
import { readVpnGateways } from './vpn-gateways.js';

describe('gateways', () => {
  it('internet and egress-only internet gateways with attachments', () => {
    const { ctx, warnings } = testContext();
    expect(
      readInternetGateways(
        [{ InternetGatewayId: 'igw-1', OwnerId: '1', Attachments: [{ State: 'available', VpcId: 'vpc-1' }] }],
        ctx,
      ),
    ).toMatchObject([
      { internetGatewayId: 'igw-1', ownerId: '1', attachments: [{ vpcId: 'vpc-1', state: 'available' }] },
    ]);
    expect(
      readEgressOnlyInternetGateways(
        [{ EgressOnlyInternetGatewayId: 'eigw-1', Attachments: [{ State: 'attached', VpcId: 'vpc-1' }] }],
        ctx,
      ),
    ).toMatchObject([
      { egressOnlyInternetGatewayId: 'eigw-1', attachments: [{ vpcId: 'vpc-1', state: 'attached' }] },
    ]);
    expect(warnings).toEqual([]);
  });

  it('NAT gateways: addresses, connectivity type default public, state', () => {
    const { ctx, warnings } = testContext();
    const [ng, priv] = readNatGateways(
      [
        {
          NatGatewayId: 'nat-1',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          State: 'available',
          NatGatewayAddresses: [
            {
              AllocationId: 'eipalloc-1',
              NetworkInterfaceId: 'eni-n',
              PrivateIp: '10.0.0.7',
              PublicIp: '3.3.3.3',
              IsPrimary: true,
            },
            { NetworkInterfaceId: 'eni-n', PrivateIp: '10.0.0.8', IsPrimary: false },
          ],
        },
        {
          NatGatewayId: 'nat-2',
          SubnetId: 'subnet-1',
          VpcId: 'vpc-1',
          ConnectivityType: 'private',
          State: 'pending',
        },
      ],
      ctx,
    );
    expect(warnings).toEqual([]);
    expect(ng).toMatchObject({ natGatewayId: 'nat-1', connectivityType: 'public', state: 'available' });
    expect(
      ng?.addresses.map((a) => [
        a.networkInterfaceId,
        a.privateIp && formatIp(a.privateIp),
        a.publicIp && formatIp(a.publicIp),
        a.isPrimary,
      ]),
    ).toEqual([
      ['eni-n', '10.0.0.7', '3.3.3.3', true],
      ['eni-n', '10.0.0.8', undefined, false],
    ]);
    expect(priv).toMatchObject({ connectivityType: 'private', state: 'pending', addresses: [] });
  });
});

describe('VPC endpoints and peering', () => {
  it('reads endpoint type, service, state, route tables, subnets, ENIs, groups, private DNS', () => {
    const { ctx } = testContext();
    expect(
      readVpcEndpoints(
        [
          {
            VpcEndpointId: 'vpce-1',
            VpcEndpointType: 'Interface',
            VpcId: 'vpc-1',
            ServiceName: 'com.amazonaws.us-east-1.sqs',
            State: 'available',
            RouteTableIds: [],
            SubnetIds: ['subnet-3'],
            NetworkInterfaceIds: ['eni-9'],
            Groups: [{ GroupId: 'sg-6', GroupName: 'default' }],
            PrivateDnsEnabled: true,
          },
        ],
        ctx,
      ),
    ).toMatchObject([
      {
        vpcEndpointId: 'vpce-1',
        vpcEndpointType: 'Interface',
        serviceName: 'com.amazonaws.us-east-1.sqs',
        state: 'available',
        subnetIds: ['subnet-3'],
        networkInterfaceIds: ['eni-9'],
        groupIds: ['sg-6'],
        privateDnsEnabled: true,
      },
    ]);
  });

  it('reads both sides of a peering connection', () => {
    const { ctx, warnings } = testContext();
    const [p] = readVpcPeeringConnections(
      [
        {
          VpcPeeringConnectionId: 'pcx-1',
          Status: { Code: 'active', Message: 'Active' },
          RequesterVpcInfo: {
            VpcId: 'vpc-a',
            OwnerId: '111122223333',
            Region: 'us-east-1',
            CidrBlock: '10.0.0.0/16',
            CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }, { CidrBlock: '10.1.0.0/16' }],
            Ipv6CidrBlockSet: [{ Ipv6CidrBlock: '2600:1f18::/56' }],
          },
          AccepterVpcInfo: {
            VpcId: 'vpc-b',
            OwnerId: '444455556666',
            Region: 'eu-west-1',
            CidrBlock: '172.16.0.0/16',
          },
        },
      ],
      ctx,
    );
    expect(warnings).toEqual([]);
    expect(p?.status).toBe('active');
    expect(p?.requester).toMatchObject({ vpcId: 'vpc-a', ownerId: '111122223333', region: 'us-east-1' });
    expect(p?.requester.cidrBlocks.map(formatCidr)).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(p?.requester.ipv6CidrBlocks.map(formatCidr)).toEqual(['2600:1f18::/56']);
    expect(p?.accepter).toMatchObject({ vpcId: 'vpc-b', region: 'eu-west-1' });
    expect(p?.accepter.cidrBlocks.map(formatCidr)).toEqual(['172.16.0.0/16']);
  });
});

describe('prefix lists, addresses, statuses', () => {
  it('a describe-managed-prefix-lists file (same key PrefixLists, no Cidrs) gives lists with unknown entries', () => {
    const { ctx, warnings } = testContext();
    const lists = readPrefixLists(
      [
        { PrefixListId: 'pl-1', PrefixListName: 'com.amazonaws.us-east-1.s3', Cidrs: ['54.231.0.0/16'] },
        {
          PrefixListId: 'pl-0123456789abcdef0',
          AddressFamily: 'IPv4',
          State: 'create-complete',
          PrefixListName: 'corp-ranges',
          MaxEntries: 10,
          Version: 1,
          OwnerId: '111122223333',
        },
      ],
      ctx,
    );
    expect(lists.map((l) => [l.prefixListId, l.cidrs?.map(formatCidr)])).toEqual([
      ['pl-1', ['54.231.0.0/16']],
      ['pl-0123456789abcdef0', undefined],
    ]);
    expect(lists[1]?.addressFamily).toBe('IPv4');
    expect(warnings).toEqual([]);
  });

  it('describe-prefix-lists keeps CIDRs; describe-managed-prefix-lists leaves them unknown unless Entries are inline', () => {
    const { ctx, warnings } = testContext();
    const [pl] = readPrefixLists(
      [
        {
          PrefixListId: 'pl-1',
          PrefixListName: 'com.amazonaws.us-west-2.s3',
          Cidrs: ['54.231.160.0/19', 'bad'],
        },
      ],
      ctx,
    );
    expect(pl?.cidrs?.map(formatCidr)).toEqual(['54.231.160.0/19']);
    expect(warnings).toMatchObject([
      { code: 'BAD_VALUE', resourceId: 'pl-1', field: 'Cidrs[1]', skipped: true },
    ]);
    const [m1, m2] = readManagedPrefixLists(
      [
        { PrefixListId: 'pl-2', PrefixListName: 'office', AddressFamily: 'IPv4' },
        {
          PrefixListId: 'pl-3',
          PrefixListName: 'vpn',
          Entries: [{ Cidr: '192.0.2.0/24', Description: 'x' }],
        },
      ],
      ctx,
    );
    expect(m1).toMatchObject({
      prefixListId: 'pl-2',
      prefixListName: 'office',
      cidrs: undefined,
      addressFamily: 'IPv4',
    });
    expect(m2?.cidrs?.map(formatCidr)).toEqual(['192.0.2.0/24']);
  });

  it('Elastic IPs and instance status checks', () => {
    const { ctx, warnings } = testContext();
    const [eip] = readAddresses(
      [
        {
          AllocationId: 'eipalloc-1',
          PublicIp: '34.214.188.89',
          AssociationId: 'eipassoc-1',
          InstanceId: 'i-1',
          NetworkInterfaceId: 'eni-1',
          PrivateIpAddress: '10.0.0.5',
          NetworkBorderGroup: 'us-west-2',
        },
      ],
      ctx,
    );
    expect(eip).toMatchObject({
      allocationId: 'eipalloc-1',
      associationId: 'eipassoc-1',
      instanceId: 'i-1',
      networkInterfaceId: 'eni-1',
    });
    expect(eip && formatIp(eip.publicIp)).toBe('34.214.188.89');
    expect(eip?.origin.region).toBe('us-west-2');
    expect(
      readInstanceStatuses(
        [{ InstanceId: 'i-1', SystemStatus: { Status: 'ok' }, InstanceStatus: { Status: 'impaired' } }],
        ctx,
      ),
    ).toEqual([{ instanceId: 'i-1', status: { system: 'ok', instance: 'impaired' } }]);
    expect(warnings).toEqual([]);
  });
});

describe('hybrid resources', () => {
  it('VPN gateways, customer gateways and VPN connections', () => {
    const { ctx } = testContext();
    expect(
      readVpnGateways(
        [
          {
            VpnGatewayId: 'vgw-1',
            State: 'available',
            VpcAttachments: [
              { State: 'attached', VpcId: 'vpc-1' },
              { State: 'detached', VpcId: 'vpc-2' },
            ],
          },
        ],
        ctx,
      ),
    ).toMatchObject([{ kind: 'vpn-gateway', id: 'vgw-1', state: 'available', vpcIds: ['vpc-1'] }]);
    expect(
      readCustomerGateways(
        [{ CustomerGatewayId: 'cgw-1', State: 'available', IpAddress: '147.75.69.27' }],
        ctx,
      ),
    ).toMatchObject([{ kind: 'customer-gateway', id: 'cgw-1', vpcIds: [] }]);
    expect(
      readVpnConnections(
        [
          {
            VpnConnectionId: 'vpn-1',
            State: 'available',
            CustomerGatewayId: 'cgw-1',
            TransitGatewayId: 'tgw-1',
          },
        ],
        ctx,
      ),
    ).toMatchObject([{ kind: 'vpn-connection', id: 'vpn-1', relatedIds: ['cgw-1', 'tgw-1'] }]);
  });

  it('transit gateways, attachments, route tables, static routes and propagations', () => {
    const { ctx } = testContext();
    expect(
      readTransitGateways(
        [
          {
            TransitGatewayId: 'tgw-1',
            State: 'available',
            Options: { AssociationDefaultRouteTableId: 'tgw-rtb-1' },
          },
        ],
        ctx,
      ),
    ).toMatchObject([{ kind: 'transit-gateway', id: 'tgw-1', relatedIds: ['tgw-rtb-1'] }]);
    expect(
      readTransitGatewayAttachments(
        [
          {
            TransitGatewayAttachmentId: 'tgw-attach-1',
            TransitGatewayId: 'tgw-1',
            ResourceType: 'vpc',
            ResourceId: 'vpc-1',
            State: 'available',
            Association: { TransitGatewayRouteTableId: 'tgw-rtb-1', State: 'associated' },
          },
          {
            TransitGatewayAttachmentId: 'tgw-attach-2',
            TransitGatewayId: 'tgw-1',
            ResourceType: 'vpn',
            ResourceId: 'vpn-1',
          },
        ],
        ctx,
      ),
    ).toMatchObject([
      {
        kind: 'transit-gateway-attachment',
        id: 'tgw-attach-1',
        vpcIds: ['vpc-1'],
        relatedIds: ['tgw-1', 'vpc-1', 'tgw-rtb-1'],
      },
      { kind: 'transit-gateway-attachment', id: 'tgw-attach-2', vpcIds: [], relatedIds: ['tgw-1', 'vpn-1'] },
    ]);
    expect(
      readTransitGatewayVpcAttachments(
        [
          {
            TransitGatewayAttachmentId: 'tgw-attach-1',
            TransitGatewayId: 'tgw-1',
            VpcId: 'vpc-1',
            SubnetIds: ['subnet-1'],
            State: 'available',
          },
        ],
        ctx,
      ),
    ).toMatchObject([
      { kind: 'transit-gateway-attachment', vpcIds: ['vpc-1'], relatedIds: ['tgw-1', 'subnet-1'] },
    ]);
    expect(
      readTransitGatewayRouteTables(
        [{ TransitGatewayRouteTableId: 'tgw-rtb-1', TransitGatewayId: 'tgw-1', State: 'available' }],
        ctx,
      ),
    ).toMatchObject([
      { kind: 'transit-gateway-route-table', id: 'tgw-rtb-1', state: 'available', relatedIds: ['tgw-1'] },
    ]);
    expect(
      readTransitGatewayStaticRoutes(
        [
          {
            TransitGatewayRouteTableId: 'tgw-rtb-1',
            Routes: [
              {
                DestinationCidrBlock: '0.0.0.0/0',
                TransitGatewayAttachments: [{ TransitGatewayAttachmentId: 'tgw-attach-2' }],
              },
            ],
          },
        ],
        ctx,
      ),
    ).toMatchObject([
      {
        kind: 'transit-gateway-route-table',
        id: 'tgw-rtb-1',
        state: undefined,
        relatedIds: ['tgw-attach-2'],
      },
    ]);
    expect(
      readTransitGatewayPropagations(
        [
          {
            TransitGatewayRouteTableId: 'tgw-rtb-1',
            TransitGatewayRouteTablePropagations: [
              {
                ResourceId: 'vpc-1',
                ResourceType: 'vpc',
                State: 'enabled',
                TransitGatewayAttachmentId: 'tgw-attach-1',
              },
              {
                ResourceId: 'vpc-9',
                ResourceType: 'vpc',
                State: 'disabled',
                TransitGatewayAttachmentId: 'tgw-attach-9',
              },
            ],
          },
        ],
        ctx,
      ),
    ).toMatchObject([{ id: 'tgw-rtb-1', vpcIds: ['vpc-1'], relatedIds: ['tgw-attach-1', 'vpc-1'] }]);
  });
});
