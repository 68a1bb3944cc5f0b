/**
 * Adds hybrid parts to the synthetic snapshot written by synthetic.ts: a transit gateway with 100
 * attachments (the 50 existing VPCs, 49 new single-subnet VPCs, one static VPN) and 1,000 routes
 * (99 propagated VPC CIDRs, 901 static routes towards the VPN, every tenth a blackhole), and a
 * Direct Connect private VIF to a virtual private gateway on the hub VPC. Returns addresses to
 * trace through each.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const hex = (n: number, width = 17) => n.toString(16).padStart(width, '0');

type Obj = Record<string, unknown>;

export interface HybridTargets {
  /** Instances in the new TGW-only VPCs (10.50-98.x). */
  readonly tgwTargets: string[];
  /** On-premises addresses behind the static VPN on the TGW (172.24.0.0/13). */
  readonly vpnTargets: string[];
  /** On-premises addresses behind the Direct Connect VIF on the hub's VGW (192.168.0.0/16). */
  readonly dxTargets: string[];
}

export function addHybrid(dir: string, vpcs: number): HybridTargets {
  const read = (f: string, key: string) =>
    (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, Obj[]>)[key]!;
  const write = (f: string, key: string, items: unknown[]) =>
    writeFileSync(join(dir, f), JSON.stringify({ [key]: items }));
  const owner = '111122223333';
  const tgwId = `tgw-${hex(1)}`;
  const rtbId = `tgw-rtb-${hex(1)}`;
  const vpcList = read('Vpcs.json', 'Vpcs');
  const subnets = read('Subnets.json', 'Subnets');
  const routeTables = read('RouteTables.json', 'RouteTables');
  const enis = read('NetworkInterfaces.json', 'NetworkInterfaces');
  const reservations = read('Reservations.json', 'Reservations');
  const nacls = read('NetworkAcls.json', 'NetworkAcls');
  const sgs = read('SecurityGroups.json', 'SecurityGroups');

  const attachments: Obj[] = [];
  const vpcAttachments: Obj[] = [];
  const propagations: Obj[] = [];
  const attach = (vpcId: string, subnetIds: string[], n: number) => {
    const id = `tgw-attach-${hex(n)}`;
    attachments.push({
      TransitGatewayAttachmentId: id,
      TransitGatewayId: tgwId,
      ResourceType: 'vpc',
      ResourceId: vpcId,
      State: 'available',
      Association: { TransitGatewayRouteTableId: rtbId, State: 'associated' },
    });
    vpcAttachments.push({
      TransitGatewayAttachmentId: id,
      TransitGatewayId: tgwId,
      VpcId: vpcId,
      SubnetIds: subnetIds,
      State: 'available',
    });
    propagations.push({
      TransitGatewayAttachmentId: id,
      ResourceId: vpcId,
      ResourceType: 'vpc',
      State: 'enabled',
    });
  };
  // Existing VPCs: attach through their first three subnets (one per AZ); route the new VPCs and on-premises to the TGW.
  const summaries = [
    '10.50.0.0/15',
    '10.52.0.0/14',
    '10.56.0.0/13',
    '10.64.0.0/12',
    '10.80.0.0/12',
    '10.96.0.0/14',
    '172.24.0.0/13',
  ];
  for (let v = 0; v < vpcs; v++) {
    const vpcId = vpcList[v]!.VpcId as string;
    attach(
      vpcId,
      [0, 1, 2].map((s) => `subnet-${hex(v * 100 + s + 1)}`),
      v + 1,
    );
  }
  for (const rt of routeTables)
    for (const cidr of summaries)
      (rt.Routes as Obj[]).push({
        DestinationCidrBlock: cidr,
        TransitGatewayId: tgwId,
        Origin: 'CreateRoute',
        State: 'active',
      });
  // 49 new VPCs with one subnet and one instance each, attached to the TGW.
  const tgwTargets: string[] = [];
  for (let k = 0; k < 49; k++) {
    const n = 0x100000 + k;
    const vpcId = `vpc-${hex(n)}`;
    const cidr = `10.${50 + k}.0.0/16`;
    vpcList.push({
      VpcId: vpcId,
      OwnerId: owner,
      CidrBlock: cidr,
      State: 'available',
      IsDefault: false,
      CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
    });
    const subnetId = `subnet-${hex(n)}`;
    subnets.push({
      SubnetId: subnetId,
      VpcId: vpcId,
      CidrBlock: `10.${50 + k}.0.0/20`,
      AvailabilityZone: 'us-east-1a',
      MapPublicIpOnLaunch: false,
    });
    routeTables.push({
      RouteTableId: `rtb-${hex(n)}`,
      VpcId: vpcId,
      Routes: [
        { DestinationCidrBlock: cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
        {
          DestinationCidrBlock: '10.0.0.0/8',
          TransitGatewayId: tgwId,
          Origin: 'CreateRoute',
          State: 'active',
        },
      ],
      Associations: [
        { Main: true, RouteTableId: `rtb-${hex(n)}`, AssociationState: { State: 'associated' } },
      ],
    });
    const allow = (egress: boolean) => ({
      RuleNumber: 100,
      Egress: egress,
      RuleAction: 'allow',
      Protocol: '-1',
      CidrBlock: '0.0.0.0/0',
    });
    nacls.push({
      NetworkAclId: `acl-${hex(n)}`,
      VpcId: vpcId,
      IsDefault: true,
      Entries: [allow(false), allow(true)],
      Associations: [{ SubnetId: subnetId, NetworkAclId: `acl-${hex(n)}` }],
    });
    const groupId = `sg-${hex(n)}`;
    sgs.push({
      GroupId: groupId,
      GroupName: `tgw-${k}`,
      VpcId: vpcId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      ],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
    const ip = `10.${50 + k}.0.10`;
    const eni = {
      NetworkInterfaceId: `eni-${hex(n)}`,
      SubnetId: subnetId,
      VpcId: vpcId,
      InterfaceType: 'interface',
      Status: 'in-use',
      SourceDestCheck: true,
      Groups: [{ GroupId: groupId }],
      PrivateIpAddress: ip,
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: ip }],
      Attachment: { InstanceId: `i-${hex(n)}`, DeviceIndex: 0 },
    };
    enis.push(eni);
    enis.push({
      NetworkInterfaceId: `eni-${hex(n + 0x1000)}`,
      SubnetId: subnetId,
      VpcId: vpcId,
      InterfaceType: 'transit_gateway',
      Status: 'in-use',
      SourceDestCheck: false,
      Groups: [],
      PrivateIpAddress: `10.${50 + k}.0.20`,
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: `10.${50 + k}.0.20` }],
    });
    reservations.push({
      ReservationId: `r-${hex(n)}`,
      Instances: [
        {
          InstanceId: `i-${hex(n)}`,
          State: { Name: 'running' },
          SubnetId: subnetId,
          VpcId: vpcId,
          PrivateIpAddress: ip,
          SourceDestCheck: true,
          NetworkInterfaces: [eni],
        },
      ],
    });
    attach(vpcId, [subnetId], n);
    tgwTargets.push(ip);
  }
  // A static VPN on the TGW towards on-premises 172.24.0.0/13, and 901 static routes to it.
  const vpnId = `vpn-${hex(1)}`;
  const vpnAttachment = `tgw-attach-${hex(9999)}`;
  attachments.push({
    TransitGatewayAttachmentId: vpnAttachment,
    TransitGatewayId: tgwId,
    ResourceType: 'vpn',
    ResourceId: vpnId,
    State: 'available',
    Association: { TransitGatewayRouteTableId: rtbId, State: 'associated' },
  });
  const staticRoutes: Obj[] = [];
  for (let i = 0; i < 901; i++) {
    const cidr = `172.${24 + (i >> 8)}.${i & 255}.0/24`;
    staticRoutes.push(
      i % 10 === 9
        ? { DestinationCidrBlock: cidr, Type: 'static', State: 'blackhole', TransitGatewayAttachments: [] }
        : {
            DestinationCidrBlock: cidr,
            Type: 'static',
            State: 'active',
            TransitGatewayAttachments: [
              { TransitGatewayAttachmentId: vpnAttachment, ResourceId: vpnId, ResourceType: 'vpn' },
            ],
          },
    );
  }
  const vpnTargets = Array.from({ length: 100 }, (_, i) => `172.${24 + ((i * 9) >> 8)}.${(i * 9) & 255}.7`);
  write('TransitGateways.json', 'TransitGateways', [
    { TransitGatewayId: tgwId, State: 'available', OwnerId: owner, Options: { AmazonSideAsn: 64512 } },
  ]);
  write('TransitGatewayAttachments.json', 'TransitGatewayAttachments', attachments);
  write('TransitGatewayVpcAttachments.json', 'TransitGatewayVpcAttachments', vpcAttachments);
  write('TransitGatewayRouteTables.json', 'TransitGatewayRouteTables', [
    { TransitGatewayRouteTableId: rtbId, TransitGatewayId: tgwId, State: 'available' },
  ]);
  write('TransitGatewayPropagations.json', 'TransitGatewayPropagations', [
    { TransitGatewayRouteTableId: rtbId, TransitGatewayRouteTablePropagations: propagations },
  ]);
  write('TransitGatewayStaticRoutes.json', 'TransitGatewayStaticRoutes', [
    { TransitGatewayRouteTableId: rtbId, Routes: staticRoutes },
  ]);
  write('VpnConnections.json', 'VpnConnections', [
    {
      VpnConnectionId: vpnId,
      State: 'available',
      TransitGatewayId: tgwId,
      CustomerGatewayId: `cgw-${hex(1)}`,
      Options: { StaticRoutesOnly: true },
      Routes: [{ DestinationCidrBlock: '172.24.0.0/13', State: 'available' }],
      VgwTelemetry: [
        { Status: 'UP', OutsideIpAddress: '198.51.100.1' },
        { Status: 'UP', OutsideIpAddress: '198.51.100.2' },
      ],
    },
  ]);
  write('CustomerGateways.json', 'CustomerGateways', [
    { CustomerGatewayId: `cgw-${hex(1)}`, BgpAsn: '65000', IpAddress: '198.51.100.10', State: 'available' },
  ]);
  // Direct Connect: a private VIF to a VGW on the hub VPC; its subnets' tables show the propagated route.
  const vgwId = `vgw-${hex(1)}`;
  write('VpnGateways.json', 'VpnGateways', [
    {
      VpnGatewayId: vgwId,
      State: 'available',
      VpcAttachments: [{ VpcId: vpcList[0]!.VpcId, State: 'attached' }],
    },
  ]);
  for (const rt of routeTables)
    if (rt.VpcId === vpcList[0]!.VpcId)
      (rt.Routes as Obj[]).push({
        DestinationCidrBlock: '192.168.0.0/16',
        GatewayId: vgwId,
        Origin: 'EnableVgwRoutePropagation',
        State: 'active',
      });
  writeFileSync(
    join(dir, 'virtualInterfaces.json'),
    JSON.stringify({
      virtualInterfaces: [
        {
          virtualInterfaceId: 'dxvif-fgbench01',
          virtualInterfaceType: 'private',
          virtualInterfaceState: 'available',
          connectionId: 'dxcon-fgbench01',
          virtualGatewayId: vgwId,
          bgpPeers: [{ addressFamily: 'ipv4', bgpStatus: 'up' }],
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'connections.json'),
    JSON.stringify({
      connections: [{ connectionId: 'dxcon-fgbench01', connectionState: 'available', bandwidth: '10Gbps' }],
    }),
  );
  const dxTargets = Array.from({ length: 100 }, (_, i) => `192.168.${i}.9`);
  write('Vpcs.json', 'Vpcs', vpcList);
  write('Subnets.json', 'Subnets', subnets);
  write('RouteTables.json', 'RouteTables', routeTables);
  write('NetworkInterfaces.json', 'NetworkInterfaces', enis);
  write('Reservations.json', 'Reservations', reservations);
  write('NetworkAcls.json', 'NetworkAcls', nacls);
  write('SecurityGroups.json', 'SecurityGroups', sgs);
  return { tgwTargets, vpnTargets, dxTargets };
}
