/**
 * `vpcsim check`: each flow of an intent file is traced and its verdict held against the one it
 * must have. A check passes when the verdict is the expected one, fails when the flow gets through
 * where it must not (reachable or partial, expected unreachable) or is stopped where it must get
 * through (unreachable or partial, expected reachable), and cannot be decided when the trace is
 * unknown. With a Terraform plan, the same checks on the network before it show what the plan
 * changes (`compareWithBefore`). Knows the engine's traces, not their wording (render.ts and the
 * engine's messages).
 */

import { checkFixes } from '../engine/fix-check.js';
import { ResolveError } from '../engine/resolve.js';
import { type TraceQuery, trace } from '../engine/trace.js';
import type {
  Blocker,
  FixCheck,
  FlowView,
  MatchedRule,
  Trace,
  TraceWarning,
  UnknownReason,
  Verdict,
} from '../engine/types.js';
import type { Network } from '../model/index.js';
import type { Expectation, Intent } from './intent-file.js';

export type Outcome = 'pass' | 'fail' | 'unknown';

export interface CheckResult {
  /** The check's name, or null when it has none. */
  readonly name: string | null;
  /** file:line:column of the check. */
  readonly where: string;
  readonly expect: Expectation;
  readonly verdict: Verdict;
  readonly outcome: Outcome;
  readonly flow: FlowView;
  /** What stops the flow (every blocker of the trace). */
  readonly blockers: readonly Blocker[];
  /** For a flow that gets through where it must not: the rules that let it, in path order. */
  readonly allowedBy: readonly MatchedRule[];
  readonly unknowns: readonly UnknownReason[];
  readonly warnings: readonly TraceWarning[];
  /** For a flow stopped where it must get through: the same flow with the blockers' fixes applied. */
  readonly fixCheck?: FixCheck | undefined;
  /**
   * With `--compare`: the same check on the network before the Terraform plan; null when an endpoint
   * does not exist before it (the plan creates it).
   */
  readonly before?: { readonly verdict: Verdict; readonly outcome: Outcome } | null | undefined;
}

export interface CheckReport {
  readonly version: 1;
  readonly counts: {
    readonly checks: number;
    readonly passed: number;
    readonly failed: number;
    readonly unknown: number;
    /** With `--compare`: checks whose outcome the plan changes. */
    readonly changed?: number | undefined;
  };
  readonly results: readonly CheckResult[];
}

type Before = { readonly verdict: Verdict; readonly outcome: Outcome } | null;

/**
 * The verdict and outcome of each check on the network before a Terraform plan; null for a check
 * an endpoint of which does not exist there (the plan creates it).
 */
export function outcomesBefore(net: Network, items: readonly CheckItem[]): Before[] {
  return items.map(({ intent, query }) => {
    try {
      const verdict = trace(net, query).verdict;
      return { verdict, outcome: outcomeOf(intent.expect, verdict) };
    } catch (e) {
      if (e instanceof ResolveError) return null;
      throw e;
    }
  });
}

/** The report on the planned network, each result beside its outcome on the network before the plan. */
export function compareWithBefore(after: CheckReport, before: readonly Before[]): CheckReport {
  const results = after.results.map((r, i) => ({ ...r, before: before[i] ?? null }));
  const changed = results.filter((r) => r.before === null || r.before.outcome !== r.outcome).length;
  return { ...after, counts: { ...after.counts, changed }, results };
}

/** An endpoint of a check the engine could not resolve (the command reports it with its place). */
export class CheckResolveError extends Error {
  constructor(
    readonly where: string,
    override readonly cause: ResolveError,
  ) {
    super(cause.message);
  }
}

export function outcomeOf(expect: Expectation, verdict: Verdict): Outcome {
  if (verdict === 'unknown') return 'unknown';
  if (expect === 'reachable') return verdict === 'reachable' ? 'pass' : 'fail';
  return verdict === 'unreachable' ? 'pass' : 'fail';
}

/** Security-group rules and network ACL entries that allowed the forward packet, once each. */
function allowingRules(t: Trace): MatchedRule[] {
  const out: MatchedRule[] = [];
  const seen = new Set<string>();
  for (const hop of t.forward)
    for (const step of hop.steps) {
      if (step.result !== 'allow' && step.result !== 'partial') continue;
      for (const m of step.matched) {
        const allows =
          m.type === 'security-group-rule' || (m.type === 'network-acl-entry' && m.ruleAction === 'allow');
        if (!allows) continue;
        const key = JSON.stringify(m);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(m);
      }
    }
  return out;
}

/** A check of the intent file with its parsed query. */
export interface CheckItem {
  readonly intent: Intent;
  readonly query: TraceQuery;
}

export function runChecks(net: Network, items: readonly CheckItem[]): CheckReport {
  const results = items.map(({ intent, query }): CheckResult => {
    let t: Trace;
    try {
      t = trace(net, query);
    } catch (e) {
      if (e instanceof ResolveError) throw new CheckResolveError(intent.where, e);
      throw e;
    }
    const outcome = outcomeOf(intent.expect, t.verdict);
    const fixCheck =
      outcome === 'fail' && intent.expect === 'reachable' ? checkFixes(net, query, t) : undefined;
    return {
      name: intent.name ?? null,
      where: intent.where,
      expect: intent.expect,
      verdict: t.verdict,
      outcome,
      flow: t.flow,
      blockers: t.blockers,
      allowedBy: outcome === 'fail' && intent.expect === 'unreachable' ? allowingRules(t) : [],
      unknowns: t.unknowns,
      warnings: t.warnings,
      ...(fixCheck ? { fixCheck } : {}),
    };
  });
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return {
    version: 1,
    counts: {
      checks: results.length,
      passed: count('pass'),
      failed: count('fail'),
      unknown: count('unknown'),
    },
    results,
  };
}
