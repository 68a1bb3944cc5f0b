/**
 * Runs every rule over a network: a rule that throws becomes a LINT000 finding; suppressions are
 * applied; findings come out sorted (level, rule id, resource) with their wording.
 */
import { trace } from '../engine/trace.js';
import type { Trace } from '../engine/types.js';
import type { Network } from '../model/index.js';
import { type LintConfig, type Suppression, suppressionFor } from './config.js';
import { messageOf, raisedBecause } from './messages.js';
import { LINT000, RULES, ruleMeta } from './registry.js';
import { type Finding, type Level, type LintContext, levelRank, type Rule } from './types.js';

export interface ReportedFinding extends Finding {
  readonly message: string;
  readonly fix: string;
  readonly raisedBecause?: string | undefined;
  readonly suppressed?: Suppression | undefined;
}

export interface LintResult {
  readonly findings: readonly ReportedFinding[];
  readonly counts: Readonly<Record<Level, number>>;
  readonly suppressed: number;
  readonly rules: number;
}

export function createContext(net: Network): LintContext {
  const cache = new Map<string, Trace | undefined>();
  return {
    net,
    traceCached(from, to, protocol, port, ipv6) {
      const key = `${from}|${to}|${protocol}|${port ?? ''}|${ipv6 ? 6 : 4}`;
      if (cache.has(key)) return cache.get(key);
      let t: Trace | undefined;
      try {
        t = trace(net, {
          from,
          to,
          protocol,
          port: port === undefined ? undefined : { from: port, to: port },
          ipv6: ipv6 ?? false,
        });
      } catch {
        t = undefined;
      }
      cache.set(key, t);
      return t;
    },
  };
}

export function runLint(
  net: Network,
  config: LintConfig = { suppressions: [] },
  rules: readonly Rule[] = RULES,
): LintResult {
  const ctx = createContext(net);
  const raw: Finding[] = [];
  for (const rule of rules) {
    try {
      raw.push(...rule.check(ctx));
    } catch (e) {
      raw.push({
        ruleId: LINT000.id,
        level: 'error',
        resources: [],
        data: { rule: rule.meta.id, error: e instanceof Error ? e.message : String(e) },
      });
    }
  }
  const findings: ReportedFinding[] = raw.map((f) => ({
    ...f,
    message: messageOf(f),
    fix: ruleMeta(f.ruleId)?.fix ?? '',
    raisedBecause: raisedBecause(f),
    suppressed: suppressionFor(
      config,
      f.ruleId,
      f.resources.map((r) => r.id),
    ),
  }));
  findings.sort(
    (a, b) =>
      levelRank(b.level) - levelRank(a.level) ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.resources[0]?.id ?? '').localeCompare(b.resources[0]?.id ?? '') ||
      a.message.localeCompare(b.message),
  );
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else counts[f.level]++;
  }
  return { findings, counts, suppressed, rules: rules.length };
}

/** Exit 1 when an unsuppressed finding is at or above `failOn`, else 0. */
export function failsAt(result: LintResult, failOn: Level): boolean {
  return result.findings.some((f) => !f.suppressed && levelRank(f.level) >= levelRank(failOn));
}
