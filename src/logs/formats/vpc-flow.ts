/**
 * VPC flow log fields, versions 2 to 8 (version 6 = transit gateway flow logs), declared once.
 * The parser (read/flow-parser.ts), the record type below and the field table of docs/logs.md
 * (formats/doc.ts) all derive from this table. Sources: the AWS VPC user guide, "Flow log records"
 * (flow-log-records.html) and the Transit Gateway guide (tgw-flow-logs.html); see
 * ../shared/design/logs-reference.md §1.2.
 */

/** How a field's text is read. `-` is null for every type. */
export type FlowFieldType = 'int' | 'bigint' | 'ip' | 'text' | 'enum';

export interface FlowFieldSpec {
  /** AWS's name, as in `${name}` format strings and S3 header lines. */
  readonly name: string;
  readonly type: FlowFieldType;
  /** The flow-log version that introduced the field. */
  readonly version: number;
  /** Which flow logs carry it: VPC (network interfaces), transit gateway, or both. */
  readonly logs: 'vpc' | 'tgw' | 'both';
  readonly description: string;
  /** enum: the values AWS documents. */
  readonly values?: readonly string[];
  /** enum: true when any other value makes the line malformed; false keeps it (AWS adds values). */
  readonly closed?: boolean;
  /** int: inclusive bounds; a value outside them is a bad integer. */
  readonly min?: number;
  readonly max?: number;
  /** int fields whose numbers have documented meanings. */
  readonly meanings?: readonly (readonly [number, string])[];
}

/** ip-ranges.json service names as of 2023; an open list (AWS adds services). */
const AWS_SERVICES = [
  'AMAZON',
  'AMAZON_APPFLOW',
  'AMAZON_CONNECT',
  'API_GATEWAY',
  'CHIME_MEETINGS',
  'CHIME_VOICECONNECTOR',
  'CLOUD9',
  'CLOUDFRONT',
  'CODEBUILD',
  'DYNAMODB',
  'EBS',
  'EC2',
  'EC2_INSTANCE_CONNECT',
  'GLOBALACCELERATOR',
  'KINESIS_VIDEO_STREAMS',
  'ROUTE53',
  'ROUTE53_HEALTHCHECKS',
  'ROUTE53_HEALTHCHECKS_PUBLISHING',
  'ROUTE53_RESOLVER',
  'S3',
  'WORKSPACES_GATEWAYS',
] as const;

export const VPC_FLOW_FIELDS = [
  {
    name: 'version',
    type: 'int',
    version: 2,
    logs: 'both',
    description:
      'Flow log version: 2 for the default format; for a custom format, the highest version among its fields.',
  },
  {
    name: 'account-id',
    type: 'text',
    version: 2,
    logs: 'both',
    description:
      'AWS account that owns the source network interface (text: it may be `unknown` or not 12 digits).',
  },
  {
    name: 'interface-id',
    type: 'text',
    version: 2,
    logs: 'vpc',
    description: 'Network interface the traffic is recorded for.',
  },
  {
    name: 'srcaddr',
    type: 'ip',
    version: 2,
    logs: 'both',
    description:
      "Source address of incoming traffic, or the interface's own (primary private) address for outgoing traffic. See `pkt-srcaddr`.",
  },
  {
    name: 'dstaddr',
    type: 'ip',
    version: 2,
    logs: 'both',
    description:
      "Destination address of outgoing traffic, or the interface's own address for incoming traffic. See `pkt-dstaddr`.",
  },
  {
    name: 'srcport',
    type: 'int',
    version: 2,
    logs: 'both',
    min: 0,
    max: 65535,
    description: 'Source port (0 for ICMP).',
  },
  {
    name: 'dstport',
    type: 'int',
    version: 2,
    logs: 'both',
    min: 0,
    max: 65535,
    description: 'Destination port (0 for ICMP).',
  },
  {
    name: 'protocol',
    type: 'int',
    version: 2,
    logs: 'both',
    min: 0,
    max: 255,
    description: 'IANA protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...).',
  },
  {
    name: 'packets',
    type: 'bigint',
    version: 2,
    logs: 'both',
    description: 'Packets transferred during the aggregation interval.',
  },
  {
    name: 'bytes',
    type: 'bigint',
    version: 2,
    logs: 'both',
    description: 'Bytes transferred during the aggregation interval.',
  },
  {
    name: 'start',
    type: 'bigint',
    version: 2,
    logs: 'both',
    description: 'Unix time (seconds) of the first packet of the flow within the aggregation interval.',
  },
  {
    name: 'end',
    type: 'bigint',
    version: 2,
    logs: 'both',
    description: 'Unix time (seconds) of the last packet of the flow within the aggregation interval.',
  },
  {
    name: 'action',
    type: 'enum',
    version: 2,
    logs: 'vpc',
    values: ['ACCEPT', 'REJECT'],
    closed: true,
    description:
      'ACCEPT: the traffic was accepted. REJECT: it was not allowed by the security groups or network ACLs, or the packets arrived after the connection was closed.',
  },
  {
    name: 'log-status',
    type: 'enum',
    version: 2,
    logs: 'both',
    values: ['OK', 'NODATA', 'SKIPDATA'],
    closed: true,
    description:
      'OK: data is logging normally. NODATA: no traffic to or from the interface during the interval. SKIPDATA: some records were skipped during the interval.',
  },
  {
    name: 'vpc-id',
    type: 'text',
    version: 3,
    logs: 'vpc',
    description: 'VPC of the network interface.',
  },
  {
    name: 'subnet-id',
    type: 'text',
    version: 3,
    logs: 'vpc',
    description: 'Subnet of the network interface.',
  },
  {
    name: 'instance-id',
    type: 'text',
    version: 3,
    logs: 'vpc',
    description:
      'Instance of the network interface, if you own it; `-` for requester-managed interfaces such as a NAT gateway.',
  },
  {
    name: 'tcp-flags',
    type: 'int',
    version: 3,
    logs: 'both',
    min: 0,
    description:
      'Bitwise OR of the TCP flags seen during the interval. ACK and PSH alone are not reported (0); unsupported flags beside a supported one report the supported one.',
    meanings: [
      [1, 'FIN'],
      [2, 'SYN'],
      [4, 'RST'],
      [18, 'SYN-ACK'],
    ],
  },
  {
    name: 'type',
    type: 'enum',
    version: 3,
    logs: 'both',
    values: ['IPv4', 'IPv6', 'EFA'],
    closed: false,
    description: 'Type of traffic.',
  },
  {
    name: 'pkt-srcaddr',
    type: 'ip',
    version: 3,
    logs: 'vpc',
    description:
      'Packet-level (original) source address; differs from `srcaddr` behind intermediate layers such as a NAT gateway.',
  },
  {
    name: 'pkt-dstaddr',
    type: 'ip',
    version: 3,
    logs: 'vpc',
    description: 'Packet-level (original) destination address.',
  },
  {
    name: 'region',
    type: 'text',
    version: 4,
    logs: 'both',
    description: 'Region of the network interface (or transit gateway).',
  },
  {
    name: 'az-id',
    type: 'text',
    version: 4,
    logs: 'vpc',
    description: 'Availability Zone ID of the network interface; `-` for traffic from a sublocation.',
  },
  {
    name: 'sublocation-type',
    type: 'enum',
    version: 4,
    logs: 'vpc',
    values: ['wavelength', 'outpost', 'localzone'],
    closed: false,
    description: 'Type of sublocation, or `-`.',
  },
  {
    name: 'sublocation-id',
    type: 'text',
    version: 4,
    logs: 'vpc',
    description: 'ID of the sublocation, or `-`.',
  },
  {
    name: 'pkt-src-aws-service',
    type: 'enum',
    version: 5,
    logs: 'both',
    values: AWS_SERVICES,
    closed: false,
    description: 'ip-ranges.json subset of `pkt-srcaddr`, if it belongs to an AWS service.',
  },
  {
    name: 'pkt-dst-aws-service',
    type: 'enum',
    version: 5,
    logs: 'both',
    values: AWS_SERVICES,
    closed: false,
    description: 'ip-ranges.json subset of `pkt-dstaddr`, if it belongs to an AWS service.',
  },
  {
    name: 'flow-direction',
    type: 'enum',
    version: 5,
    logs: 'both',
    values: ['ingress', 'egress'],
    closed: false,
    description: 'Direction of the flow relative to the interface (or transit gateway) that records it.',
  },
  {
    name: 'traffic-path',
    type: 'int',
    version: 5,
    logs: 'vpc',
    min: 1,
    max: 8,
    description: 'The path egress traffic takes to its destination; `-` for ingress traffic.',
    meanings: [
      [1, 'through another resource in the same VPC'],
      [2, 'internet gateway or gateway VPC endpoint'],
      [3, 'virtual private gateway'],
      [4, 'intra-Region VPC peering connection'],
      [5, 'inter-Region VPC peering connection'],
      [6, 'local gateway'],
      [7, 'gateway VPC endpoint (Nitro-based instances only)'],
      [8, 'internet gateway (Nitro-based instances only)'],
    ],
  },
  {
    name: 'resource-type',
    type: 'enum',
    version: 6,
    logs: 'tgw',
    values: ['TransitGateway', 'TransitGatewayAttachment'],
    closed: false,
    description: 'Type of resource the transit gateway flow log is for.',
  },
  { name: 'tgw-id', type: 'text', version: 6, logs: 'tgw', description: 'Transit gateway.' },
  {
    name: 'tgw-attachment-id',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Transit gateway attachment the traffic is recorded for.',
  },
  {
    name: 'tgw-src-vpc-account-id',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Account of the source VPC.',
  },
  {
    name: 'tgw-dst-vpc-account-id',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Account of the destination VPC.',
  },
  { name: 'tgw-src-vpc-id', type: 'text', version: 6, logs: 'tgw', description: 'Source VPC.' },
  { name: 'tgw-dst-vpc-id', type: 'text', version: 6, logs: 'tgw', description: 'Destination VPC.' },
  { name: 'tgw-src-subnet-id', type: 'text', version: 6, logs: 'tgw', description: 'Source subnet.' },
  {
    name: 'tgw-dst-subnet-id',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Destination subnet.',
  },
  {
    name: 'tgw-src-eni',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Transit gateway attachment interface on the source side.',
  },
  {
    name: 'tgw-dst-eni',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Transit gateway attachment interface on the destination side.',
  },
  {
    name: 'tgw-src-az-id',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Availability Zone ID of the source side.',
  },
  {
    name: 'tgw-dst-az-id',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'Availability Zone ID of the destination side.',
  },
  {
    name: 'tgw-pair-attachment-id',
    type: 'text',
    version: 6,
    logs: 'tgw',
    description: 'The other attachment of the flow (egress for an ingress record, and the reverse).',
  },
  {
    name: 'packets-lost-no-route',
    type: 'bigint',
    version: 6,
    logs: 'tgw',
    description: 'Packets dropped because no route matched.',
  },
  {
    name: 'packets-lost-blackhole',
    type: 'bigint',
    version: 6,
    logs: 'tgw',
    description: 'Packets dropped by a blackhole route.',
  },
  {
    name: 'packets-lost-mtu-exceeded',
    type: 'bigint',
    version: 6,
    logs: 'tgw',
    description: 'Packets dropped because they exceeded the MTU.',
  },
  {
    name: 'packets-lost-ttl-expired',
    type: 'bigint',
    version: 6,
    logs: 'tgw',
    description: 'Packets dropped because their time to live expired.',
  },
  {
    name: 'ecs-cluster-arn',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'ECS cluster of the task the traffic comes from, if any.',
  },
  {
    name: 'ecs-cluster-name',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'Name of that ECS cluster.',
  },
  {
    name: 'ecs-container-instance-arn',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'ECS container instance (EC2 launch type); `-` on Fargate.',
  },
  {
    name: 'ecs-container-instance-id',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'ID of that container instance; `-` on Fargate.',
  },
  {
    name: 'ecs-container-id',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'Docker runtime ID of the first container of the task.',
  },
  {
    name: 'ecs-second-container-id',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'Docker runtime ID of the second container of the task.',
  },
  {
    name: 'ecs-service-name',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'ECS service of the task; `-` if a service did not start it.',
  },
  {
    name: 'ecs-task-definition-arn',
    type: 'text',
    version: 7,
    logs: 'vpc',
    description: 'Task definition of the task.',
  },
  { name: 'ecs-task-arn', type: 'text', version: 7, logs: 'vpc', description: 'ECS task.' },
  { name: 'ecs-task-id', type: 'text', version: 7, logs: 'vpc', description: 'ID of the ECS task.' },
  {
    name: 'reject-reason',
    type: 'enum',
    version: 8,
    logs: 'vpc',
    values: ['BPA'],
    closed: false,
    description: 'Why the traffic was rejected: BPA is VPC Block Public Access; `-` for any other reason.',
  },
] as const satisfies readonly FlowFieldSpec[];

export type FlowFieldName = (typeof VPC_FLOW_FIELDS)[number]['name'];

/** The default format: every version 2 field, in AWS's order. It cannot be changed. */
export const DEFAULT_FLOW_FIELDS: readonly FlowFieldName[] = VPC_FLOW_FIELDS.filter(
  (f) => f.version === 2,
).map((f) => f.name);

type ValueOf<F> = F extends { type: 'int' | 'bigint' }
  ? number
  : F extends { type: 'enum'; closed: true; values: readonly (infer V)[] }
    ? V
    : string;

/**
 * One flow-log record as an object, typed from the table: numbers for int/bigint fields, the
 * canonical address text for ip fields, the value union for closed enums, text otherwise; `null`
 * for `-`; absent when the format lacks the field. Fields the table does not know are in `extra`.
 */
export type FlowRecord = {
  -readonly [F in (typeof VPC_FLOW_FIELDS)[number] as F['name']]?: ValueOf<F> | null;
} & { extra?: Record<string, string | null> };

const byName = new Map<string, FlowFieldSpec>(VPC_FLOW_FIELDS.map((f) => [f.name, f]));

/** The table entry for a name (AWS's hyphenated spelling; Athena's `account_id` is accepted too). */
export function flowField(name: string): FlowFieldSpec | undefined {
  return byName.get(name) ?? byName.get(name.replaceAll('_', '-'));
}
