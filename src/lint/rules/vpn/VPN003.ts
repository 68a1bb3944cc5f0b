import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A VPN connection with a tunnel down. */
export const VPN003: Rule = {
  meta: {
    id: 'VPN003',
    area: 'VPN',
    severity: 'warning',
    summary: 'A Site-to-Site VPN connection has a tunnel down (raised to error when no tunnel is up).',
    rationale:
      'Each Site-to-Site VPN connection has two tunnels on different AWS endpoints so that maintenance or a failure on one does not cut the link. With one tunnel down the connection has no redundancy; AWS maintenance will interrupt it. With both down, on-premises traffic is cut.',
    docs: ['https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html'],
    fix: 'Configure both tunnels on the customer gateway device (see the downloadable configuration) and check IKE/IPsec and BGP logs for the down tunnel.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const v of net.vpnConnections.values()) {
      if (v.state !== 'available' || v.tunnels.length === 0) continue;
      const down = v.tunnels.filter((t) => t.status.toUpperCase() !== 'UP');
      if (down.length === 0) continue;
      const noneUp = down.length === v.tunnels.length;
      out.push({
        ruleId: 'VPN003',
        level: noneUp ? 'error' : 'warning',
        raised: noneUp,
        resources: [ref(v.vpnConnectionId, v.origin)],
        data: {
          vpn: v.vpnConnectionId,
          down: down.map((t) => t.outsideIpAddress ?? '?'),
          total: v.tunnels.length,
          noneUp,
        },
      });
    }
    return out;
  },
};
