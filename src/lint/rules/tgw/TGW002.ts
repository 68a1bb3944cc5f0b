import type { NetworkAcl, RouteTable } from '../../../model/index.js';
import { formatCidr, formatPortRange } from '../../../net/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A route as the zone comparison sees it: destination, kind of target, state (targets differ by zone by design). */
function routeKeys(rt: RouteTable): Set<string> {
  return new Set(
    rt.routes.map(
      (r) => `${r.destinationText} -> ${r.target.type}${r.state === 'active' ? '' : ` (${r.state})`}`,
    ),
  );
}

/** A network ACL by its entries, whatever its id. */
function aclKey(acl: NetworkAcl): string {
  return acl.entries
    .map(
      (e) =>
        `${e.egress ? 'out' : 'in'} ${e.ruleNumber} ${e.ruleAction} ${e.protocol} ${formatCidr(e.cidr)} ${
          e.portRange ? formatPortRange(e.portRange) : ''
        } ${e.icmpTypeCode ? `${e.icmpTypeCode.type}/${e.icmpTypeCode.code}` : ''}`,
    )
    .sort()
    .join('\n');
}

/**
 * A transit gateway VPC attachment whose subnets, one per Availability Zone, route or filter
 * differently: traffic through one zone is treated otherwise than through another.
 */
export const TGW002: Rule = {
  meta: {
    id: 'TGW002',
    area: 'TGW',
    severity: 'warning',
    summary:
      "A transit gateway attachment's subnets route or filter differently from one Availability Zone to another.",
    rationale:
      'Traffic enters and leaves an attached VPC through the attachment subnet of one zone: the zone it came from, or with appliance mode a zone the transit gateway picks per flow by a hash. When the attachment subnets of the zones have different routes (a route one zone lacks, a blackhole, a different kind of target) or network ACLs with different entries, whether traffic gets through depends on the zone: failures that follow the source zone, or with appliance mode come and go from one flow to the next. Per-zone targets of the same kind (each zone its own firewall or NAT gateway) are by design and do not count.',
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html',
      'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html',
    ],
    fix: 'Give the attachment subnets of every zone the same routes (per-zone targets of the same kind) and network ACLs with the same entries.',
  },
  check(ctx: LintContext): Finding[] {
    const { net } = ctx;
    const out: Finding[] = [];
    for (const a of net.transitGatewayAttachments.values()) {
      if (a.resourceType !== 'vpc') continue;
      const zones = new Map<string, { rt: RouteTable; acl: NetworkAcl | undefined }>();
      let unknown = false;
      for (const s of a.subnetIds) {
        const zone = net.subnets.get(s)?.availabilityZone;
        const rt = net.routeTableFor(s)?.table;
        // A zone or route table not in the snapshot: nothing to compare with certainty.
        if (!zone || !rt || rt.incomplete) unknown = true;
        else if (!zones.has(zone)) zones.set(zone, { rt, acl: net.networkAclFor(s) });
      }
      if (unknown || zones.size < 2) continue;
      const names = [...zones.keys()].sort();
      const keys = new Map(names.map((z) => [z, routeKeys(zones.get(z)!.rt)]));
      const all = new Set([...keys.values()].flatMap((k) => [...k]));
      const differences: string[] = [];
      for (const route of [...all].sort()) {
        const having = names.filter((z) => keys.get(z)!.has(route));
        if (having.length < names.length) differences.push(`${route} only in ${having.join(', ')}`);
      }
      const acls = names.map((z) => zones.get(z)!.acl);
      const aclsDiffer =
        acls.every((x) => x !== undefined && !x.incomplete) && new Set(acls.map((x) => aclKey(x!))).size > 1;
      if (differences.length === 0 && !aclsDiffer) continue;
      out.push({
        ruleId: 'TGW002',
        level: 'warning',
        resources: [ref(a.transitGatewayAttachmentId, a.origin)],
        data: {
          attachment: a.transitGatewayAttachmentId,
          vpc: a.resourceId,
          applianceMode: a.applianceModeSupport === true,
          zones: names,
          tables: names.map((z) => `${z} ${zones.get(z)!.rt.routeTableId}`),
          routes: differences,
          acls: aclsDiffer ? names.map((z) => `${z} ${zones.get(z)!.acl!.networkAclId}`) : [],
        },
      });
    }
    return out;
  },
};
