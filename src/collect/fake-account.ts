/**
 * Test only: the account fake-aws.ts answers for. Two VPCs on a transit gateway: `web-1` (i-1,
 * 10.0.1.10, public behind igw-1) in vpc-1 and `app-1` (i-2, 10.1.1.20) in vpc-2, reaching each other
 * through tgw-1, whose route table tgw-rtb-0a1 is known only from search-transit-gateway-routes
 * (two pages), -propagations and -associations; a Direct Connect connection, LAG, private VIF (with
 * BGP MD5 keys) and two gateways (two pages); classic and v2 load balancers. Secrets are planted
 * where AWS prints them, to prove they never reach disk or terminal. The data center 172.16.0.0/16
 * behind the VIF reaches vpc-1 through dxgw-1 and vgw-1 (routes propagated from the VGW).
 */
import type { XmlObj } from './fake-aws.js';

export const OWNER = '111122223333';
/** The VPN pre-shared key. */
export const SECRET = 'Sup3rSecretPSK_do_not_leak';
/** The BGP MD5 key of the Direct Connect virtual interface and its peer. */
export const BGP_SECRET = 'BgpMd5Key_do_not_leak';
/** A MACsec connection key name. */
export const CKN_SECRET = '0123456789abcdef0123456789abcdefckn';
export const TGW_RTB = 'tgw-rtb-0a1';
export const TGW_ATTACHMENTS = ['tgw-attach-1', 'tgw-attach-2'] as const;
export const LB_ARNS = [
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef',
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/edge/fedcba9876543210',
] as const;
export const TG_ARNS = [
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/73e2d6bc24d8a067',
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/edge/0a1b2c3d4e5f6a7b',
] as const;

const group = { groupId: 'sg-1', groupName: 'web' };
const group2 = { groupId: 'sg-2', groupName: 'app' };
const allowAll = [
  { ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress: false, cidrBlock: '0.0.0.0/0' },
  { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: false, cidrBlock: '0.0.0.0/0' },
  { ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress: true, cidrBlock: '0.0.0.0/0' },
  { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: true, cidrBlock: '0.0.0.0/0' },
];
const eni1 = {
  networkInterfaceId: 'eni-1',
  subnetId: 'subnet-1',
  vpcId: 'vpc-1',
  privateIpAddress: '10.0.1.10',
  sourceDestCheck: true,
  status: 'in-use',
  groupSet: [group],
  attachment: { attachmentId: 'eni-attach-1', deviceIndex: 0, status: 'attached' },
  association: { publicIp: '203.0.113.10', ipOwnerId: 'amazon' },
  privateIpAddressesSet: [
    { privateIpAddress: '10.0.1.10', primary: true, association: { publicIp: '203.0.113.10' } },
  ],
};
const eni2 = {
  networkInterfaceId: 'eni-2',
  subnetId: 'subnet-2',
  vpcId: 'vpc-2',
  privateIpAddress: '10.1.1.20',
  sourceDestCheck: true,
  status: 'in-use',
  groupSet: [group2],
  attachment: { attachmentId: 'eni-attach-2', deviceIndex: 0, status: 'attached' },
  privateIpAddressesSet: [{ privateIpAddress: '10.1.1.20', primary: true }],
};
const tgwRoute = (cidr: string, n: 1 | 2) => ({
  destinationCidrBlock: cidr,
  transitGatewayAttachments: [
    { resourceId: `vpc-${n}`, transitGatewayAttachmentId: TGW_ATTACHMENTS[n - 1], resourceType: 'vpc' },
  ],
  type: 'propagated',
  state: 'active',
});
const tgwAttachmentRef = (n: 1 | 2, state: string) => ({
  transitGatewayAttachmentId: TGW_ATTACHMENTS[n - 1],
  resourceId: `vpc-${n}`,
  resourceType: 'vpc',
  state,
});

export const EC2: Record<string, (p: URLSearchParams) => XmlObj> = {
  DescribeVpcs: (p) =>
    p.get('NextToken') === 'page-2'
      ? { vpcSet: [{ vpcId: 'vpc-2', cidrBlock: '10.1.0.0/16', state: 'available', ownerId: OWNER }] }
      : {
          vpcSet: [
            {
              vpcId: 'vpc-1',
              cidrBlock: '10.0.0.0/16',
              state: 'available',
              ownerId: OWNER,
              isDefault: false,
            },
          ],
          nextToken: 'page-2',
        },
  DescribeSubnets: () => ({
    subnetSet: [
      {
        subnetId: 'subnet-1',
        vpcId: 'vpc-1',
        cidrBlock: '10.0.1.0/24',
        availabilityZone: 'us-east-1a',
        state: 'available',
        ownerId: OWNER,
      },
      {
        subnetId: 'subnet-2',
        vpcId: 'vpc-2',
        cidrBlock: '10.1.1.0/24',
        availabilityZone: 'us-east-1a',
        state: 'available',
        ownerId: OWNER,
      },
    ],
  }),
  DescribeRouteTables: () => ({
    routeTableSet: [
      {
        routeTableId: 'rtb-1',
        vpcId: 'vpc-1',
        ownerId: OWNER,
        routeSet: [
          {
            destinationCidrBlock: '10.0.0.0/16',
            gatewayId: 'local',
            state: 'active',
            origin: 'CreateRouteTable',
          },
          { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1', state: 'active', origin: 'CreateRoute' },
          {
            destinationCidrBlock: '10.1.0.0/16',
            transitGatewayId: 'tgw-1',
            state: 'active',
            origin: 'CreateRoute',
          },
          {
            destinationCidrBlock: '172.16.0.0/16',
            gatewayId: 'vgw-1',
            state: 'active',
            origin: 'EnableVgwRoutePropagation',
          },
        ],
        propagatingVgwSet: [{ gatewayId: 'vgw-1' }],
        associationSet: [
          { routeTableAssociationId: 'rtbassoc-1', routeTableId: 'rtb-1', main: true },
          { routeTableAssociationId: 'rtbassoc-2', routeTableId: 'rtb-1', main: false, subnetId: 'subnet-1' },
        ],
      },
      {
        routeTableId: 'rtb-2',
        vpcId: 'vpc-2',
        ownerId: OWNER,
        routeSet: [
          {
            destinationCidrBlock: '10.1.0.0/16',
            gatewayId: 'local',
            state: 'active',
            origin: 'CreateRouteTable',
          },
          {
            destinationCidrBlock: '10.0.0.0/16',
            transitGatewayId: 'tgw-1',
            state: 'active',
            origin: 'CreateRoute',
          },
        ],
        associationSet: [{ routeTableAssociationId: 'rtbassoc-3', routeTableId: 'rtb-2', main: true }],
      },
    ],
  }),
  DescribeSecurityGroups: () => ({
    securityGroupInfo: [
      {
        ownerId: OWNER,
        groupId: 'sg-1',
        groupName: 'web',
        groupDescription: 'web',
        vpcId: 'vpc-1',
        ipPermissions: [
          { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
        ],
        ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }],
      },
      {
        ownerId: OWNER,
        groupId: 'sg-2',
        groupName: 'app',
        groupDescription: 'app',
        vpcId: 'vpc-2',
        ipPermissions: [
          { ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, ipRanges: [{ cidrIp: '10.0.0.0/16' }] },
        ],
        ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }],
      },
    ],
  }),
  DescribeNetworkAcls: () => ({
    networkAclSet: [
      {
        networkAclId: 'acl-1',
        vpcId: 'vpc-1',
        default: true,
        ownerId: OWNER,
        entrySet: allowAll,
        associationSet: [
          { networkAclAssociationId: 'aclassoc-1', networkAclId: 'acl-1', subnetId: 'subnet-1' },
        ],
      },
      {
        networkAclId: 'acl-2',
        vpcId: 'vpc-2',
        default: true,
        ownerId: OWNER,
        entrySet: allowAll,
        associationSet: [
          { networkAclAssociationId: 'aclassoc-2', networkAclId: 'acl-2', subnetId: 'subnet-2' },
        ],
      },
    ],
  }),
  DescribeInstances: () => ({
    reservationSet: [
      {
        reservationId: 'r-1',
        ownerId: OWNER,
        instancesSet: [
          {
            instanceId: 'i-1',
            imageId: 'ami-1',
            instanceState: { code: 16, name: 'running' },
            privateIpAddress: '10.0.1.10',
            ipAddress: '203.0.113.10',
            subnetId: 'subnet-1',
            vpcId: 'vpc-1',
            placement: { availabilityZone: 'us-east-1a' },
            groupSet: [group],
            sourceDestCheck: true,
            tagSet: [{ key: 'Name', value: 'web-1' }],
            networkInterfaceSet: [eni1],
          },
          {
            instanceId: 'i-2',
            imageId: 'ami-1',
            instanceState: { code: 16, name: 'running' },
            privateIpAddress: '10.1.1.20',
            subnetId: 'subnet-2',
            vpcId: 'vpc-2',
            placement: { availabilityZone: 'us-east-1a' },
            groupSet: [group2],
            sourceDestCheck: true,
            tagSet: [{ key: 'Name', value: 'app-1' }],
            networkInterfaceSet: [eni2],
          },
        ],
      },
    ],
  }),
  DescribeNetworkInterfaces: () => ({
    networkInterfaceSet: [
      {
        ...eni1,
        availabilityZone: 'us-east-1a',
        ownerId: OWNER,
        interfaceType: 'interface',
        attachment: { ...eni1.attachment, instanceId: 'i-1' },
      },
      {
        ...eni2,
        availabilityZone: 'us-east-1a',
        ownerId: OWNER,
        interfaceType: 'interface',
        attachment: { ...eni2.attachment, instanceId: 'i-2' },
      },
    ],
  }),
  DescribeInternetGateways: () => ({
    internetGatewaySet: [
      { internetGatewayId: 'igw-1', ownerId: OWNER, attachmentSet: [{ vpcId: 'vpc-1', state: 'available' }] },
    ],
  }),
  DescribePrefixLists: () => ({
    prefixListSet: [
      {
        prefixListId: 'pl-63a5400a',
        prefixListName: 'com.amazonaws.us-east-1.s3',
        cidrSet: ['52.216.0.0/15', '3.5.0.0/19'],
      },
    ],
  }),
  DescribeManagedPrefixLists: () => ({
    prefixListSet: [
      {
        prefixListId: 'pl-63a5400a',
        addressFamily: 'IPv4',
        state: 'create-complete',
        prefixListName: 'com.amazonaws.us-east-1.s3',
        ownerId: 'AWS',
      },
      {
        prefixListId: 'pl-0c0ffee',
        addressFamily: 'IPv4',
        state: 'create-complete',
        prefixListName: 'office',
        ownerId: OWNER,
      },
    ],
  }),
  GetManagedPrefixListEntries: (p) =>
    p.get('PrefixListId') === 'pl-0c0ffee' ? { entrySet: [{ cidr: '192.0.2.0/24', description: 'HQ' }] } : {},
  DescribeVpnGateways: () => ({
    vpnGatewaySet: [
      {
        vpnGatewayId: 'vgw-1',
        state: 'available',
        type: 'ipsec.1',
        amazonSideAsn: 64512,
        attachments: [{ vpcId: 'vpc-1', state: 'attached' }],
      },
    ],
  }),
  DescribeVpnConnections: () => ({
    vpnConnectionSet: [
      {
        vpnConnectionId: 'vpn-1',
        customerGatewayConfiguration: `<vpn_connection id="vpn-1"><ipsec_tunnel><ike><pre_shared_key>${SECRET}</pre_shared_key></ike></ipsec_tunnel></vpn_connection>`,
        customerGatewayId: 'cgw-1',
        vpnGatewayId: 'vgw-1',
        state: 'available',
        type: 'ipsec.1',
        options: {
          staticRoutesOnly: true,
          tunnelOptionSet: [{ outsideIpAddress: '198.51.100.1', preSharedKey: SECRET }],
        },
      },
    ],
  }),
  DescribeTransitGateways: () => ({
    transitGatewaySet: [
      {
        transitGatewayId: 'tgw-1',
        state: 'available',
        ownerId: OWNER,
        options: {
          amazonSideAsn: 64513,
          defaultRouteTableAssociation: 'disable',
          defaultRouteTablePropagation: 'disable',
        },
      },
    ],
  }),
  // No `association` here: the table each attachment uses is known only from the associations call.
  DescribeTransitGatewayAttachments: () => ({
    transitGatewayAttachments: [1, 2].map((n) => ({
      transitGatewayAttachmentId: TGW_ATTACHMENTS[n - 1],
      transitGatewayId: 'tgw-1',
      transitGatewayOwnerId: OWNER,
      resourceOwnerId: OWNER,
      resourceType: 'vpc',
      resourceId: `vpc-${n}`,
      state: 'available',
    })),
  }),
  DescribeTransitGatewayVpcAttachments: () => ({
    transitGatewayVpcAttachments: [1, 2].map((n) => ({
      transitGatewayAttachmentId: TGW_ATTACHMENTS[n - 1],
      transitGatewayId: 'tgw-1',
      vpcId: `vpc-${n}`,
      vpcOwnerId: OWNER,
      state: 'available',
      subnetIds: [`subnet-${n}`],
    })),
  }),
  DescribeTransitGatewayRouteTables: () => ({
    transitGatewayRouteTables: [
      { transitGatewayRouteTableId: TGW_RTB, transitGatewayId: 'tgw-1', state: 'available' },
      // Being deleted: its contents are not asked for.
      { transitGatewayRouteTableId: 'tgw-rtb-0dead', transitGatewayId: 'tgw-1', state: 'deleting' },
    ],
  }),
  SearchTransitGatewayRoutes: (p) =>
    p.get('NextToken') === 'routes-2'
      ? {
          routeSet: [
            tgwRoute('10.1.0.0/16', 2),
            { destinationCidrBlock: '10.1.9.0/24', type: 'static', state: 'blackhole' },
          ],
          additionalRoutesAvailable: false,
        }
      : { routeSet: [tgwRoute('10.0.0.0/16', 1)], additionalRoutesAvailable: true, nextToken: 'routes-2' },
  GetTransitGatewayRouteTablePropagations: () => ({
    transitGatewayRouteTablePropagations: [tgwAttachmentRef(1, 'enabled'), tgwAttachmentRef(2, 'enabled')],
  }),
  GetTransitGatewayRouteTableAssociations: () => ({
    associations: [tgwAttachmentRef(1, 'associated'), tgwAttachmentRef(2, 'associated')],
  }),
};

// ---- Direct Connect (JSON 1.1, camelCase as the CLI prints it) -------------------------------
export const DIRECT_CONNECT: Record<string, (p: URLSearchParams) => Record<string, unknown>> = {
  DescribeConnections: () => ({
    connections: [
      {
        ownerAccount: OWNER,
        connectionId: 'dxcon-1',
        connectionName: 'dc-1',
        connectionState: 'available',
        region: 'us-east-1',
        location: 'EqDC2',
        bandwidth: '10Gbps',
        lagId: 'dxlag-1',
        macSecCapable: true,
        encryptionMode: 'must_encrypt',
        macSecKeys: [
          {
            secretARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:dx-cak',
            ckn: CKN_SECRET,
            state: 'associated',
          },
        ],
      },
    ],
  }),
  DescribeLags: () => ({
    lags: [
      {
        ownerAccount: OWNER,
        lagId: 'dxlag-1',
        lagState: 'available',
        minimumLinks: 1,
        connections: [{ connectionId: 'dxcon-1', connectionState: 'available' }],
      },
    ],
  }),
  DescribeVirtualInterfaces: () => ({
    virtualInterfaces: [
      {
        ownerAccount: OWNER,
        virtualInterfaceId: 'dxvif-1',
        virtualInterfaceName: 'to-dc',
        virtualInterfaceType: 'private',
        virtualInterfaceState: 'available',
        connectionId: 'dxcon-1',
        vlan: 101,
        asn: 65000,
        amazonSideAsn: 64512,
        authKey: BGP_SECRET,
        amazonAddress: '169.254.10.1/30',
        customerAddress: '169.254.10.2/30',
        addressFamily: 'ipv4',
        directConnectGatewayId: 'dxgw-1',
        mtu: 1500,
        bgpPeers: [
          {
            bgpPeerId: 'dxpeer-1',
            asn: 65000,
            authKey: BGP_SECRET,
            addressFamily: 'ipv4',
            bgpPeerState: 'available',
            bgpStatus: 'up',
          },
        ],
      },
    ],
  }),
  DescribeDirectConnectGateways: (p) =>
    p.get('nextToken') === 'dxgw-page-2'
      ? {
          directConnectGateways: [
            {
              directConnectGatewayId: 'dxgw-2',
              directConnectGatewayName: 'spare',
              amazonSideAsn: 64514,
              ownerAccount: OWNER,
              directConnectGatewayState: 'available',
            },
          ],
        }
      : {
          directConnectGateways: [
            {
              directConnectGatewayId: 'dxgw-1',
              directConnectGatewayName: 'main',
              amazonSideAsn: 64512,
              ownerAccount: OWNER,
              directConnectGatewayState: 'available',
            },
          ],
          nextToken: 'dxgw-page-2',
        },
  DescribeDirectConnectGatewayAssociations: (p) =>
    p.get('directConnectGatewayId') === 'dxgw-1'
      ? {
          directConnectGatewayAssociations: [
            {
              directConnectGatewayId: 'dxgw-1',
              directConnectGatewayOwnerAccount: OWNER,
              associationState: 'associated',
              associationId: 'dxgw-assoc-1',
              associatedGateway: {
                id: 'vgw-1',
                type: 'virtualPrivateGateway',
                ownerAccount: OWNER,
                region: 'us-east-1',
              },
              allowedPrefixesToDirectConnectGateway: [{ cidr: '10.0.0.0/16' }],
              virtualGatewayId: 'vgw-1',
              virtualGatewayRegion: 'us-east-1',
              virtualGatewayOwnerAccount: OWNER,
            },
          ],
        }
      : { directConnectGatewayAssociations: [] },
};

// ---- Elastic Load Balancing (query XML, PascalCase members) -------------------------------
export const ELB: Record<string, (p: URLSearchParams) => XmlObj> = {
  DescribeLoadBalancers: () => ({
    LoadBalancerDescriptions: [
      {
        LoadBalancerName: 'classic-1',
        DNSName: 'classic-1-123.us-east-1.elb.amazonaws.com',
        VPCId: 'vpc-1',
        Scheme: 'internet-facing',
        Subnets: ['subnet-1'],
        SecurityGroups: ['sg-1'],
        AvailabilityZones: ['us-east-1a'],
        Instances: [{ InstanceId: 'i-1' }],
        ListenerDescriptions: [
          {
            Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
            PolicyNames: [],
          },
        ],
      },
    ],
  }),
};

export const ELBV2: Record<string, (p: URLSearchParams) => XmlObj> = {
  DescribeLoadBalancers: (p) => {
    const n = p.get('Marker') === 'lb-page-2' ? 1 : 0;
    return {
      LoadBalancers: [
        {
          LoadBalancerArn: LB_ARNS[n],
          LoadBalancerName: n === 0 ? 'web' : 'edge',
          DNSName: `${n === 0 ? 'web' : 'edge'}.elb.amazonaws.com`,
          Scheme: 'internet-facing',
          VpcId: 'vpc-1',
          Type: n === 0 ? 'application' : 'network',
          State: { Code: 'active' },
          IpAddressType: 'ipv4',
          SecurityGroups: ['sg-1'],
          AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-1' }],
        },
      ],
      NextMarker: n === 0 ? 'lb-page-2' : undefined,
    };
  },
  DescribeTargetGroups: () => ({
    TargetGroups: TG_ARNS.map((arn, i) => ({
      TargetGroupArn: arn,
      TargetGroupName: i === 0 ? 'web' : 'edge',
      Protocol: i === 0 ? 'HTTP' : 'TCP',
      Port: 80,
      VpcId: 'vpc-1',
      TargetType: 'instance',
      LoadBalancerArns: [LB_ARNS[i] as string],
    })),
  }),
  DescribeListeners: (p) => {
    const lb = p.get('LoadBalancerArn') ?? '';
    const i = LB_ARNS.indexOf(lb as (typeof LB_ARNS)[number]);
    return {
      Listeners: [
        {
          ListenerArn: `${lb.replace(':loadbalancer/', ':listener/')}/listener-${i}`,
          LoadBalancerArn: lb,
          Port: i === 0 ? 443 : 80,
          Protocol: i === 0 ? 'HTTPS' : 'TCP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: TG_ARNS[i] as string }],
        },
      ],
    };
  },
  DescribeTargetHealth: () => ({
    TargetHealthDescriptions: [
      { Target: { Id: 'i-1', Port: 80 }, HealthCheckPort: '80', TargetHealth: { State: 'healthy' } },
    ],
  }),
};

export const HANDLERS = { ec2: EC2, elb: ELB, elbv2: ELBV2, directconnect: DIRECT_CONNECT };
