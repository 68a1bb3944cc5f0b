import { type Finding, type LintContext, type Rule, ref } from '../../types.js';
import { covers, entryText, withEarlier } from './analysis.js';

/** A NACL rule that can never match: an earlier rule of the same direction matches all it would. */
export const NACL001: Rule = {
  meta: {
    id: 'NACL001',
    area: 'NACL',
    severity: 'warning',
    summary: 'A network ACL rule can never match because an earlier rule covers all its traffic.',
    rationale:
      'Network ACL rules are evaluated in rule-number order and the first match decides. A rule whose CIDR, protocol and ports all fall inside an earlier rule is dead: it misleads readers, and when its action differs from the covering rule the intent it expresses is silently not enforced.',
    docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html'],
    fix: 'Delete the dead rule, or renumber it below the covering rule if it was meant to take precedence.',
  },
  check({ net }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const acl of net.data.networkAcls)
      for (const { entry, earlier } of withEarlier(acl)) {
        const by = earlier.find((c) => covers(c, entry));
        if (!by) continue;
        // A deny dead under an allow is NACL002's case.
        if (entry.ruleAction === 'deny' && by.ruleAction === 'allow') continue;
        out.push({
          ruleId: 'NACL001',
          level: 'warning',
          resources: [ref(acl.networkAclId, acl.origin)],
          data: {
            acl: acl.networkAclId,
            direction: entry.egress ? 'outbound' : 'inbound',
            rule: entryText(entry),
            coveredBy: entryText(by),
            ruleNumber: entry.ruleNumber,
          },
        });
      }
    return out;
  },
};
