import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** ASNs AWS reserves for customer gateways: everywhere, or in one region. */
export const RESERVED_ASNS: ReadonlyArray<{ readonly asn: number; readonly region?: string }> = [
  { asn: 7224 },
  { asn: 9059, region: 'eu-west-1' },
  { asn: 10124, region: 'ap-northeast-1' },
  { asn: 17943, region: 'ap-southeast-1' },
  { asn: 17493, region: 'ap-southeast-1' },
];

/** A customer gateway whose BGP ASN AWS reserves. */
export const VPN002: Rule = {
  meta: {
    id: 'VPN002',
    area: 'VPN',
    severity: 'error',
    summary: 'A customer gateway uses a BGP ASN that AWS reserves.',
    rationale:
      'AWS reserves some ASNs for its own side of Site-to-Site VPN: 7224 in all Regions, 9059 in eu-west-1, 10124 in ap-northeast-1, 17943 and 17493 in ap-southeast-1. A customer gateway with one of them cannot establish BGP routing. (A public ASN the customer owns is fine.)',
    docs: ['https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html'],
    fix: 'Create a customer gateway with an ASN you own or a private ASN (64512-65534, or 4200000000-4294967294), and recreate the VPN connection with it.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const cgw of net.customerGateways.values()) {
      if (cgw.bgpAsn === undefined) continue;
      const region = cgw.origin.region;
      const hit = RESERVED_ASNS.find(
        (r) =>
          r.asn === cgw.bgpAsn && (r.region === undefined || region === undefined || r.region === region),
      );
      if (!hit) continue;
      out.push({
        ruleId: 'VPN002',
        level: 'error',
        resources: [ref(cgw.customerGatewayId, cgw.origin)],
        data: {
          cgw: cgw.customerGatewayId,
          asn: cgw.bgpAsn,
          region: hit.region ?? 'all Regions',
          regionKnown: region !== undefined,
        },
      });
    }
    return out;
  },
};
