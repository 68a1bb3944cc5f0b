import { type Finding, type LintContext, type Rule, ref } from '../../types.js';

/** MTUs AWS supports per virtual interface type. */
export const VIF_MTUS: Readonly<Record<string, readonly number[]>> = {
  private: [1500, 8500, 9001],
  transit: [1500, 8500],
  public: [1500],
};

/** A virtual interface with an MTU its type does not support. */
export const DX004: Rule = {
  meta: {
    id: 'DX004',
    area: 'DX',
    severity: 'warning',
    summary: 'A Direct Connect virtual interface has an MTU its type does not support.',
    rationale:
      'Direct Connect supports MTU 1500 on every virtual interface, and jumbo frames of 9001 (private) or 8500 (transit and private) bytes. The customer router must use the same MTU as the virtual interface: with a mismatch, large packets are dropped or fragmented and BGP or TCP sessions stall.',
    docs: ['https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithVirtualInterfaces.html'],
    fix: 'Set the virtual interface MTU to a supported value (aws directconnect update-virtual-interface-attributes --mtu) and the same on the customer router.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const vif of net.virtualInterfaces.values()) {
      const allowed = VIF_MTUS[vif.type];
      if (vif.mtu === undefined || !allowed || allowed.includes(vif.mtu)) continue;
      out.push({
        ruleId: 'DX004',
        level: 'warning',
        resources: [ref(vif.virtualInterfaceId, vif.origin)],
        data: { vif: vif.virtualInterfaceId, type: vif.type, mtu: vif.mtu, allowed: allowed.map(String) },
      });
    }
    return out;
  },
};
