import { isAttachedTo, type Network, type Route, type RouteTable } from '../../../model/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/**
 * Why a route's gateway target is unusable: missing from the snapshot (only when the snapshot holds
 * that resource kind), detached from the table's VPC, or deleted. Undefined when fine or unknowable.
 */
export function targetMissing(
  net: Network,
  t: RouteTable,
  r: Route,
): 'missing' | 'detached' | 'deleted' | 'inactive' | undefined {
  const id = r.target.id;
  switch (r.target.type) {
    case 'internet-gateway': {
      if (!net.has('InternetGateways')) return undefined;
      const g = net.internetGateways.get(id);
      if (!g) return 'missing';
      return isAttachedTo(g, t.vpcId) ? undefined : 'detached';
    }
    case 'egress-only-internet-gateway': {
      if (!net.has('EgressOnlyInternetGateways')) return undefined;
      const g = net.egressOnlyInternetGateways.get(id);
      if (!g) return 'missing';
      return isAttachedTo(g, t.vpcId) ? undefined : 'detached';
    }
    case 'nat-gateway': {
      if (!net.has('NatGateways')) return undefined;
      const g = net.natGateways.get(id);
      if (!g) return 'missing';
      return g.state === 'deleted' || g.state === 'deleting' || g.state === 'failed' ? 'deleted' : undefined;
    }
    case 'vpn-gateway': {
      if (!net.has('VpnGateways')) return undefined;
      const g = net.vpnGateways.get(id);
      if (!g) return 'missing';
      return g.vpcAttachments.some((a) => a.vpcId === t.vpcId && a.state === 'attached')
        ? undefined
        : 'detached';
    }
    case 'transit-gateway': {
      if (!net.has('TransitGateways') || !net.has('TransitGatewayAttachments')) return undefined;
      if (!net.transitGateways.has(id)) return 'missing';
      const a = net.transitGatewayAttachmentOf(id, t.vpcId);
      if (
        !a ||
        a.state === 'deleted' ||
        a.state === 'deleting' ||
        a.state === 'failed' ||
        a.state === 'rejected'
      )
        return 'detached';
      return undefined;
    }
    case 'vpc-peering-connection': {
      if (!net.has('VpcPeeringConnections')) return undefined;
      const p = net.vpcPeeringConnections.get(id);
      if (!p) return 'missing';
      return p.status === 'active' ? undefined : 'inactive';
    }
    default:
      return undefined;
  }
}

/** A route to a gateway that is missing, deleted, or not attached to the VPC. */
export const RT003: Rule = {
  meta: {
    id: 'RT003',
    area: 'RT',
    severity: 'error',
    summary:
      'An active route points at a gateway or peering connection that is missing, deleted, detached from the VPC or not active.',
    rationale:
      'A route only carries traffic while its target exists and is attached to the VPC: an internet gateway or virtual private gateway must be attached, a NAT gateway must be available, a peering connection must be active. Otherwise the traffic is dropped (AWS marks such routes blackhole once it notices).',
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html',
      'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html',
    ],
    fix: 'Attach the gateway to the VPC, or point the route at a gateway that exists (aws ec2 replace-route), or delete the route.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const t of net.data.routeTables)
      for (const r of t.routes) {
        // A blackhole route is RT002's: AWS already marks it; here, routes still shown active.
        if (r.state === 'blackhole') continue;
        const why = targetMissing(net, t, r);
        if (!why) continue;
        out.push({
          ruleId: 'RT003',
          level: 'error',
          resources: [ref(t.routeTableId, t.origin)],
          data: { table: t.routeTableId, destination: r.destinationText, target: r.target.id, why },
        });
      }
    return out;
  },
};
