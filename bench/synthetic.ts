/**
 * A synthetic, internally consistent describe-* snapshot for benchmarks: N VPCs peered with a hub,
 * subnets with custom route tables and NACLs, security groups with realistic rule counts (some
 * referencing other groups), and one instance per ENI. Deterministic (seeded).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SyntheticSize {
  readonly vpcs: number;
  readonly subnetsPerVpc: number;
  readonly enis: number;
  readonly securityGroups: number;
}

export const BENCH_SIZE: SyntheticSize = { vpcs: 50, subnetsPerVpc: 10, enis: 10_000, securityGroups: 2_000 };

/** Deterministic LCG in [0, 1), so generated inputs are the same on every machine. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const hex = (n: number, width = 17) => n.toString(16).padStart(width, '0');

export function writeSyntheticSnapshot(
  dir: string,
  size: SyntheticSize = BENCH_SIZE,
): { instanceIds: string[]; privateIps: string[] } {
  mkdirSync(dir, { recursive: true });
  const r = rng(42);
  const owner = '111122223333';
  const vpcs: unknown[] = [];
  const subnets: Array<{
    SubnetId: string;
    VpcId: string;
    CidrBlock: string;
    AvailabilityZone: string;
    MapPublicIpOnLaunch: boolean;
    vpcIndex: number;
    subnetIndex: number;
  }> = [];
  const routeTables: unknown[] = [];
  const nacls: unknown[] = [];
  const igws: unknown[] = [];
  const peerings: unknown[] = [];
  const sgs: Array<{
    GroupId: string;
    GroupName: string;
    VpcId: string;
    OwnerId: string;
    Description: string;
    IpPermissions: unknown[];
    IpPermissionsEgress: unknown[];
  }> = [];
  const sgsByVpc: string[][] = [];
  for (let v = 0; v < size.vpcs; v++) {
    const vpcId = `vpc-${hex(v + 1)}`;
    vpcs.push({
      VpcId: vpcId,
      OwnerId: owner,
      CidrBlock: `10.${v}.0.0/16`,
      State: 'available',
      IsDefault: false,
      CidrBlockAssociationSet: [{ CidrBlock: `10.${v}.0.0/16`, CidrBlockState: { State: 'associated' } }],
      Tags: [{ Key: 'Name', Value: `vpc-${v}` }],
    });
    igws.push({
      InternetGatewayId: `igw-${hex(v + 1)}`,
      OwnerId: owner,
      Attachments: [{ State: 'available', VpcId: vpcId }],
      Tags: [],
    });
    if (v > 0) {
      peerings.push({
        VpcPeeringConnectionId: `pcx-${hex(v)}`,
        Status: { Code: 'active', Message: 'Active' },
        RequesterVpcInfo: {
          VpcId: `vpc-${hex(1)}`,
          OwnerId: owner,
          Region: 'us-east-1',
          CidrBlock: '10.0.0.0/16',
          CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }],
        },
        AccepterVpcInfo: {
          VpcId: vpcId,
          OwnerId: owner,
          Region: 'us-east-1',
          CidrBlock: `10.${v}.0.0/16`,
          CidrBlockSet: [{ CidrBlock: `10.${v}.0.0/16` }],
        },
        Tags: [],
      });
    }
    sgsByVpc.push([]);
    const mainRoutes = [
      {
        DestinationCidrBlock: `10.${v}.0.0/16`,
        GatewayId: 'local',
        Origin: 'CreateRouteTable',
        State: 'active',
      },
    ];
    routeTables.push({
      RouteTableId: `rtb-${hex(v + 1, 16)}0`,
      VpcId: vpcId,
      OwnerId: owner,
      Routes: mainRoutes,
      Associations: [
        {
          Main: true,
          RouteTableAssociationId: `rtbassoc-${hex(v + 1)}`,
          RouteTableId: `rtb-${hex(v + 1, 16)}0`,
          AssociationState: { State: 'associated' },
        },
      ],
      PropagatingVgws: [],
      Tags: [],
    });
    const aclEntries: unknown[] = [];
    for (const egress of [false, true]) {
      aclEntries.push({
        RuleNumber: 100,
        Egress: egress,
        RuleAction: 'allow',
        Protocol: '6',
        CidrBlock: '10.0.0.0/8',
        PortRange: { From: 0, To: 65535 },
      });
      aclEntries.push({
        RuleNumber: 110,
        Egress: egress,
        RuleAction: 'allow',
        Protocol: '6',
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 443, To: 443 },
      });
      aclEntries.push({
        RuleNumber: 120,
        Egress: egress,
        RuleAction: 'deny',
        Protocol: '6',
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 1, To: 1023 },
      });
      aclEntries.push({
        RuleNumber: 130,
        Egress: egress,
        RuleAction: 'allow',
        Protocol: '6',
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 1024, To: 65535 },
      });
      aclEntries.push({
        RuleNumber: 140,
        Egress: egress,
        RuleAction: 'allow',
        Protocol: '17',
        CidrBlock: '10.0.0.0/8',
        PortRange: { From: 53, To: 53 },
      });
      aclEntries.push({
        RuleNumber: 32767,
        Egress: egress,
        RuleAction: 'deny',
        Protocol: '-1',
        CidrBlock: '0.0.0.0/0',
      });
    }
    const aclAssocs: unknown[] = [];
    for (let s = 0; s < size.subnetsPerVpc; s++) {
      const subnetId = `subnet-${hex(v * 100 + s + 1)}`;
      subnets.push({
        SubnetId: subnetId,
        VpcId: vpcId,
        CidrBlock: `10.${v}.${s * 16}.0/20`,
        AvailabilityZone: `us-east-1${'abc'[s % 3]}`,
        MapPublicIpOnLaunch: s === 0,
        vpcIndex: v,
        subnetIndex: s,
      });
      aclAssocs.push({
        NetworkAclAssociationId: `aclassoc-${hex(v * 100 + s + 1)}`,
        NetworkAclId: `acl-${hex(v + 1)}`,
        SubnetId: subnetId,
      });
      const routes: unknown[] = [
        {
          DestinationCidrBlock: `10.${v}.0.0/16`,
          GatewayId: 'local',
          Origin: 'CreateRouteTable',
          State: 'active',
        },
        {
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: `igw-${hex(v + 1)}`,
          Origin: 'CreateRoute',
          State: 'active',
        },
      ];
      if (v === 0)
        for (let p = 1; p < size.vpcs; p++)
          routes.push({
            DestinationCidrBlock: `10.${p}.0.0/16`,
            VpcPeeringConnectionId: `pcx-${hex(p)}`,
            Origin: 'CreateRoute',
            State: 'active',
          });
      else
        routes.push({
          DestinationCidrBlock: '10.0.0.0/16',
          VpcPeeringConnectionId: `pcx-${hex(v)}`,
          Origin: 'CreateRoute',
          State: 'active',
        });
      for (let k = 0; k < 8; k++)
        routes.push({
          DestinationCidrBlock: `172.${16 + k}.${s}.0/24`,
          GatewayId: `igw-${hex(v + 1)}`,
          Origin: 'CreateRoute',
          State: 'active',
        });
      const rtbId = `rtb-${hex(v * 100 + s + 1, 16)}1`;
      routeTables.push({
        RouteTableId: rtbId,
        VpcId: vpcId,
        OwnerId: owner,
        Routes: routes,
        Associations: [
          {
            Main: false,
            SubnetId: subnetId,
            RouteTableId: rtbId,
            RouteTableAssociationId: `rtbassoc-${hex(v * 100 + s + 1)}1`,
            AssociationState: { State: 'associated' },
          },
        ],
        PropagatingVgws: [],
        Tags: [],
      });
    }
    nacls.push({
      NetworkAclId: `acl-${hex(v + 1)}`,
      VpcId: vpcId,
      IsDefault: true,
      OwnerId: owner,
      Entries: aclEntries,
      Associations: aclAssocs,
      Tags: [],
    });
  }
  for (let g = 0; g < size.securityGroups; g++) {
    const v = g % size.vpcs;
    const vpcId = `vpc-${hex(v + 1)}`;
    const groupId = `sg-${hex(g + 1)}`;
    const ingress: unknown[] = [];
    const nRules = 3 + Math.floor(r() * 15);
    for (let k = 0; k < nRules; k++) {
      const port = [22, 80, 443, 3306, 5432, 6379, 8080, 9200][Math.floor(r() * 8)]!;
      const refs = sgsByVpc[v]!;
      if (refs.length > 0 && r() < 0.3)
        ingress.push({
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          IpRanges: [],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [{ GroupId: refs[Math.floor(r() * refs.length)]!, UserId: owner }],
        });
      else
        ingress.push({
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          IpRanges: [{ CidrIp: `10.${Math.floor(r() * size.vpcs)}.${Math.floor(r() * 16) * 16}.0/20` }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        });
    }
    ingress.push({
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    });
    sgs.push({
      GroupId: groupId,
      GroupName: `sg-${g}`,
      VpcId: vpcId,
      OwnerId: owner,
      Description: 'bench',
      IpPermissions: ingress,
      IpPermissionsEgress: [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ],
    });
    sgsByVpc[v]!.push(groupId);
  }
  const enis: unknown[] = [];
  const reservations: unknown[] = [];
  const instanceIds: string[] = [];
  const privateIps: string[] = [];
  for (let e = 0; e < size.enis; e++) {
    const subnet = subnets[e % subnets.length]!;
    const hostIndex = 4 + Math.floor(e / subnets.length);
    const ip = `10.${subnet.vpcIndex}.${subnet.subnetIndex * 16 + (hostIndex >> 8)}.${hostIndex & 255}`;
    const groups = sgsByVpc[subnet.vpcIndex]!;
    const g1 = groups[e % groups.length]!;
    const g2 = groups[(e * 7 + 3) % groups.length]!;
    const eniId = `eni-${hex(e + 1)}`;
    const instanceId = `i-${hex(e + 1)}`;
    const publicIp =
      subnet.subnetIndex === 0 ? `54.${(e >> 16) & 255}.${(e >> 8) & 255}.${e & 255}` : undefined;
    const eni = {
      NetworkInterfaceId: eniId,
      SubnetId: subnet.SubnetId,
      VpcId: subnet.VpcId,
      AvailabilityZone: subnet.AvailabilityZone,
      InterfaceType: 'interface',
      Status: 'in-use',
      RequesterManaged: false,
      SourceDestCheck: true,
      OwnerId: owner,
      Groups: [...new Set([g1, g2])].map((g) => ({ GroupId: g, GroupName: g })),
      PrivateIpAddress: ip,
      PrivateIpAddresses: [
        {
          Primary: true,
          PrivateIpAddress: ip,
          ...(publicIp ? { Association: { PublicIp: publicIp, IpOwnerId: 'amazon' } } : {}),
        },
      ],
      Ipv6Addresses: [],
      Attachment: { InstanceId: instanceId, DeviceIndex: 0, Status: 'attached' },
      ...(publicIp ? { Association: { PublicIp: publicIp, IpOwnerId: 'amazon' } } : {}),
      TagSet: [],
    };
    enis.push(eni);
    reservations.push({
      ReservationId: `r-${hex(e + 1)}`,
      OwnerId: owner,
      Instances: [
        {
          InstanceId: instanceId,
          InstanceType: 't3.micro',
          State: { Code: 16, Name: 'running' },
          SubnetId: subnet.SubnetId,
          VpcId: subnet.VpcId,
          PrivateIpAddress: ip,
          ...(publicIp ? { PublicIpAddress: publicIp } : {}),
          SourceDestCheck: true,
          SecurityGroups: eni.Groups,
          NetworkInterfaces: [eni],
          Tags: [{ Key: 'Name', Value: `host-${e}` }],
        },
      ],
    });
    instanceIds.push(instanceId);
    privateIps.push(ip);
  }
  const write = (name: string, key: string, items: unknown[]) =>
    writeFileSync(join(dir, name), JSON.stringify({ [key]: items }));
  write('Vpcs.json', 'Vpcs', vpcs);
  write(
    'Subnets.json',
    'Subnets',
    subnets.map(({ vpcIndex: _v, subnetIndex: _s, ...rest }) => rest),
  );
  write('RouteTables.json', 'RouteTables', routeTables);
  write('NetworkAcls.json', 'NetworkAcls', nacls);
  write('SecurityGroups.json', 'SecurityGroups', sgs);
  write('NetworkInterfaces.json', 'NetworkInterfaces', enis);
  write('Reservations.json', 'Reservations', reservations);
  write('InternetGateways.json', 'InternetGateways', igws);
  write('VpcPeeringConnections.json', 'VpcPeeringConnections', peerings);
  write('NatGateways.json', 'NatGateways', []);
  write('VpcEndpoints.json', 'VpcEndpoints', []);
  write('PrefixLists.json', 'PrefixLists', []);
  write('Addresses.json', 'Addresses', []);
  write('EgressOnlyInternetGateways.json', 'EgressOnlyInternetGateways', []);
  return { instanceIds, privateIps };
}
