import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** The virtual private gateway's Amazon-side ASN equals the customer gateway's BGP ASN. */
export const VPN001: Rule = {
  meta: {
    id: 'VPN001',
    area: 'VPN',
    severity: 'error',
    summary:
      "A VPN connection's customer gateway uses the same BGP ASN as the Amazon side of its virtual private gateway or transit gateway.",
    rationale:
      'Site-to-Site VPN runs eBGP between the customer gateway and AWS: the two sides must have different autonomous system numbers, otherwise BGP treats the peer as internal and rejects routes carrying its own ASN in the path (loop prevention). Dynamic routing fails.',
    docs: [
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html',
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html',
    ],
    fix: "Create a customer gateway with a different BGP ASN (a private ASN 64512-65534 not used by AWS's side) and recreate the VPN connection with it.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const v of net.vpnConnections.values()) {
      if (v.staticRoutesOnly || !v.customerGatewayId) continue;
      // The AWS side: the virtual private gateway or the transit gateway the VPN terminates on.
      const vgw = v.vpnGatewayId ? net.vpnGateways.get(v.vpnGatewayId) : undefined;
      const tgw = v.transitGatewayId ? net.transitGateways.get(v.transitGatewayId) : undefined;
      const aws = vgw
        ? { id: vgw.vpnGatewayId, asn: vgw.amazonSideAsn, origin: vgw.origin }
        : tgw
          ? { id: tgw.transitGatewayId, asn: tgw.amazonSideAsn, origin: tgw.origin }
          : undefined;
      const cgw = net.customerGateways.get(v.customerGatewayId);
      if (aws?.asn === undefined || cgw?.bgpAsn === undefined || aws.asn !== cgw.bgpAsn) continue;
      out.push({
        ruleId: 'VPN001',
        level: 'error',
        resources: [
          ref(v.vpnConnectionId, v.origin),
          ref(cgw.customerGatewayId, cgw.origin),
          ref(aws.id, aws.origin),
        ],
        data: { vpn: v.vpnConnectionId, vgw: aws.id, cgw: cgw.customerGatewayId, asn: cgw.bgpAsn },
      });
    }
    return out;
  },
};
