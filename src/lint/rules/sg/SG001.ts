import { evaluateSecurityGroups } from '../../../engine/evaluate/security-group.js';
import type { Packet } from '../../../engine/packet.js';
import type { Network, SecurityGroup } from '../../../model/index.js';
import { type Family, type Ip, mustParseIp, PortSet } from '../../../net/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** Administrative and database ports that should never be open to the whole internet. */
export const ADMIN_PORTS: ReadonlyArray<readonly [number, string]> = [
  [20, 'FTP data'],
  [21, 'FTP'],
  [22, 'SSH'],
  [23, 'Telnet'],
  [135, 'MS RPC'],
  [445, 'SMB'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [2375, 'Docker API'],
  [2376, 'Docker API (TLS)'],
  [3306, 'MySQL'],
  [3389, 'RDP'],
  [5432, 'PostgreSQL'],
  [5601, 'Kibana'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [9042, 'Cassandra'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
];

/** Addresses spread over the internet: "open to the world" means the group admits all of them. */
const WORLD: Readonly<Record<Family, readonly Ip[]>> = {
  4: ['1.0.0.1', '45.33.32.156', '100.20.0.1', '151.101.1.1', '198.51.100.77', '223.255.254.1'].map(
    mustParseIp,
  ),
  6: ['2001:4860::8888', '2600:1f18::1', '2a00:1450::1', '2c0f:fb50::1'].map(mustParseIp),
};

/** The ports (of `wanted`) that groups admit inbound from every world sample of a family. */
export function admittedFromWorld(
  net: Network,
  groupIds: readonly string[],
  vpcId: string,
  family: Family,
  protocol: number,
  wanted: PortSet,
): PortSet {
  const dst = family === 4 ? mustParseIp('10.255.255.254') : mustParseIp('fd00::1');
  let ports = wanted;
  for (const src of WORLD[family]) {
    if (ports.isEmpty()) break;
    const pkt: Packet = { src, dst, protocol, srcPorts: PortSet.all(), dstPorts: ports };
    ports = evaluateSecurityGroups(net, groupIds, vpcId, false, pkt).allowed.intersect(ports);
  }
  return ports;
}

/** What a group admits from every one of the world samples of a family: tcp admin ports, and all traffic. */
export function openToWorld(
  ctx: LintContext,
  g: SecurityGroup,
  family: Family,
): { ports: number[]; allTraffic: boolean } {
  const admin = PortSet.of(...ADMIN_PORTS.map(([p]) => ({ from: p, to: p })));
  const tcp = admittedFromWorld(ctx.net, [g.groupId], g.vpcId ?? '', family, 6, admin);
  const all = !admittedFromWorld(ctx.net, [g.groupId], g.vpcId ?? '', family, -1, PortSet.all()).isEmpty();
  return { ports: ADMIN_PORTS.map(([p]) => p).filter((p) => tcp.has(p)), allTraffic: all };
}

/** Interfaces traced per group and family, and reachable instances named per finding (bounds lint time). */
const MAX_TRACED = 25;
const MAX_REPORTED = 3;

/** Security groups admitting the whole internet on admin/database ports or on all traffic. */
export const SG001: Rule = {
  meta: {
    id: 'SG001',
    area: 'SG',
    severity: 'warning',
    summary:
      'A security group admits the whole internet (0.0.0.0/0 or ::/0) on an administrative or database port, or on all traffic.',
    rationale:
      'Security groups are the instance firewall. Opening SSH, RDP or a database port to every internet address invites brute-force and exploit scans within minutes of launch. AWS recommends authorising only specific address ranges (or using Session Manager / EC2 Instance Connect Endpoint instead of open SSH/RDP). The finding is raised to error when vpcsim traces the flow from the internet to an instance using the group end to end (public address, internet gateway route, NACLs both ways) and it is reachable.',
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html',
    ],
    fix: 'Replace the 0.0.0.0/0 (::/0) source with the specific address ranges that need access, or remove the rule and use AWS Systems Manager Session Manager.',
  },
  check(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const g of ctx.net.data.securityGroups) {
      for (const family of [4, 6] as const) {
        const open = openToWorld(ctx, g, family);
        if (open.ports.length === 0 && !open.allTraffic) continue;
        // Is it real? Trace from the internet to instances using the group, one port at a time.
        const reachable: string[] = [];
        const probe = open.allTraffic ? ADMIN_PORTS.map(([p]) => p) : open.ports;
        const enis = ctx.net.interfacesWithGroup(g.groupId).filter((e) => e.attachment?.instanceId);
        for (const eni of enis.slice(0, MAX_TRACED)) {
          if (reachable.length >= MAX_REPORTED) break;
          for (const port of probe) {
            const t = ctx.traceCached('internet', eni.networkInterfaceId, 6, port, family === 6);
            if (t && (t.verdict === 'reachable' || t.verdict === 'partial')) {
              reachable.push(`${eni.attachment?.instanceId ?? eni.networkInterfaceId}:${port}`);
              break;
            }
          }
        }
        const raised = reachable.length > 0;
        out.push({
          ruleId: 'SG001',
          level: raised ? 'error' : 'warning',
          raised,
          resources: [ref(g.groupId, g.origin)],
          data: {
            group: g.groupId,
            groupName: g.groupName,
            world: family === 4 ? '0.0.0.0/0' : '::/0',
            ports: open.allTraffic
              ? ['all traffic']
              : open.ports.map((p) => `${p} (${ADMIN_PORTS.find(([q]) => q === p)![1]})`),
            reachable,
            users: enis.length,
          },
        });
      }
    }
    return out;
  },
};
