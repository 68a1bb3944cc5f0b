import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** A Direct Connect virtual interface whose BGP sessions are all down. */
export const DX002: Rule = {
  meta: {
    id: 'DX002',
    area: 'DX',
    severity: 'warning',
    summary: 'A Direct Connect virtual interface has no BGP session up: it carries no routes.',
    rationale:
      'A virtual interface carries traffic only while a BGP session with AWS is up; with every session down, the routes it provided are withdrawn and traffic falls back to another path (a VPN, another connection) or is dropped. Common causes: ASN or MD5 key mismatch, wrong peer addresses, VLAN not tagged end to end, more than 100 prefixes advertised on a private VIF.',
    docs: ['https://docs.aws.amazon.com/directconnect/latest/UserGuide/Troubleshooting.html'],
    fix: "Check the BGP configuration on the customer router (ASN, MD5 key, peer addresses, VLAN 802.1Q tagging) against the virtual interface's downloaded configuration.",
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const vif of net.virtualInterfaces.values()) {
      if (vif.state === 'deleted' || vif.state === 'deleting' || vif.state === 'rejected') continue;
      if (vif.bgpPeers.length === 0 || vif.bgpPeers.some((p) => p.status.toLowerCase() === 'up')) continue;
      out.push({
        ruleId: 'DX002',
        level: 'warning',
        resources: [ref(vif.virtualInterfaceId, vif.origin)],
        data: { vif: vif.virtualInterfaceId, state: vif.state, sessions: vif.bgpPeers.length },
      });
    }
    return out;
  },
};
