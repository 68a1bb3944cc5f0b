import { cidrContainsCidr } from '../../../net/index.js';
import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { covers, entryText, overlaps, withEarlier } from './analysis.js';

/** A deny rule placed after an allow rule that already accepts (part of) what it denies. */
export const NACL002: Rule = {
  meta: {
    id: 'NACL002',
    area: 'NACL',
    severity: 'warning',
    summary: 'A deny rule comes after an allow rule that already accepts traffic it was meant to deny.',
    rationale:
      'A deny rule meant to carve an exception out of a wide allow (for example blocking one port or one address inside an allowed ephemeral range) only works when its rule number is lower than the allow rule: the first matching rule decides, so a later deny never applies to what the allow already accepted.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html'],
    fix: 'Give the deny rule a number lower than the allow rule (network ACL rules cannot be renumbered: create it again with the new number and delete the old one).',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const acl of net.data.networkAcls)
      for (const { entry, earlier } of withEarlier(acl)) {
        if (entry.ruleAction !== 'deny') continue;
        // The deny carves from an earlier allow when the allow matches everything the deny does, or
        // when the deny singles out addresses inside the allow's wider CIDR. A deny with the allow's own
        // CIDR and wider ports ("allow 443, deny the rest") is the usual pattern, not a mistake.
        const allow = earlier.find(
          (c) =>
            c.ruleAction === 'allow' &&
            c.cidr.family === entry.cidr.family &&
            cidrContainsCidr(c.cidr, entry.cidr) &&
            overlaps(c, entry) !== undefined &&
            (covers(c, entry) || c.cidr.prefix < entry.cidr.prefix),
        );
        if (!allow) continue;
        out.push({
          ruleId: 'NACL002',
          level: 'warning',
          resources: [ref(acl.networkAclId, acl.origin)],
          data: {
            acl: acl.networkAclId,
            direction: entry.egress ? 'outbound' : 'inbound',
            rule: entryText(entry),
            allowedBy: entryText(allow),
            whole: covers(allow, entry),
            ruleNumber: entry.ruleNumber,
          },
        });
      }
    return out;
  },
};
