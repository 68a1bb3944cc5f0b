import { PortSet } from '../../../net/index.js';
import { internetRouteOfSubnet } from '../../helpers.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { admittedFromWorld } from '../sg/SG001.js';

/** Database ports: what a public subnet's auto-assigned public address must never expose. */
export const DATABASE_PORTS: ReadonlyArray<readonly [number, string]> = [
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [9042, 'Cassandra'],
  [9200, 'Elasticsearch'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
];

/** A public subnet auto-assigns public IPv4 addresses to instances whose groups open database ports to the world. */
export const EC2002: Rule = {
  meta: {
    id: 'EC2002',
    area: 'EC2',
    severity: 'warning',
    summary:
      'A public subnet auto-assigns public IPv4 addresses and holds instances whose security groups open database ports to the whole internet.',
    rationale:
      'With "auto-assign public IPv4 address" on, every instance launched in the subnet gets a public address reachable through the internet gateway. Databases belong in private subnets; one that lands in a public subnet with its port open to 0.0.0.0/0 is exposed to the internet as soon as it starts.',
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-example-private-subnets-nat.html',
    ],
    fix: "Move the database to a private subnet, or turn off auto-assign public IPv4 on the subnet and restrict the security group rule to the application's CIDR or security group.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    const db = PortSet.of(...DATABASE_PORTS.map(([p]) => ({ from: p, to: p })));
    for (const s of net.data.subnets) {
      if (!s.mapPublicIpOnLaunch) continue;
      if (internetRouteOfSubnet(net, s.subnetId)?.target.type !== 'internet-gateway') continue;
      for (const eni of net.interfacesIn(s.subnetId)) {
        if (!eni.attachment?.instanceId || !eni.privateAddresses.some((a) => a.publicIp)) continue;
        const open = admittedFromWorld(net, eni.groupIds, eni.vpcId, 4, 6, db);
        if (open.isEmpty()) continue;
        const instance = net.instances.get(eni.attachment.instanceId);
        out.push({
          ruleId: 'EC2002',
          level: 'warning',
          resources: [
            ref(eni.attachment.instanceId, instance?.origin ?? eni.origin),
            ref(s.subnetId, s.origin),
          ],
          data: {
            instance: eni.attachment.instanceId,
            subnet: s.subnetId,
            ports: DATABASE_PORTS.filter(([p]) => open.has(p)).map(([p, n]) => `${p} (${n})`),
          },
        });
      }
    }
    return out;
  },
};
