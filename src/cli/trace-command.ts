/** `vpcsim trace`: one flow, hop by hop, as text or JSON; exit 0/1/3 by verdict. */

import { renderTrace } from '../engine/explain/render-text.js';
import { checkFixes } from '../engine/fix-check.js';
import { ResolveError } from '../engine/resolve.js';
import { trace } from '../engine/trace.js';
import type { Trace } from '../engine/types.js';
import { loadSnapshot } from '../ingest/snapshot.js';
import type { Network } from '../model/index.js';
import { EXIT, UsageError } from './exit.js';
import { type FlowOptions, toQuery } from './options.js';

/** The network of `--snapshot <path>` or `--terraform <plan.json>`: exactly one of them. */
export async function loadInput(o: {
  snapshot?: unknown;
  terraform?: unknown;
  before?: unknown;
}): Promise<Network> {
  const snapshot = typeof o.snapshot === 'string' ? o.snapshot : undefined;
  const plan = typeof o.terraform === 'string' ? o.terraform : undefined;
  if ((snapshot === undefined) === (plan === undefined))
    throw new UsageError('give exactly one of --snapshot <path> and --terraform <plan.json>.');
  if (o.before === true && plan === undefined)
    throw new UsageError(
      '--before reads the prior_state of a Terraform plan; give it with --terraform <plan.json>.',
    );
  if (plan !== undefined) {
    const { loadTerraformPlan } = await import('../ingest/terraform/index.js');
    return loadTerraformPlan(plan, { before: o.before === true });
  }
  return loadSnapshot(snapshot as string);
}

/** The trace, with its fixes checked (the flow traced again with them applied) when it has any. */
export function runTrace(net: Network, o: FlowOptions): Trace {
  try {
    const q = toQuery(o);
    const t = trace(net, q);
    const fixCheck = checkFixes(net, q, t);
    return fixCheck ? { ...t, fixCheck } : t;
  } catch (e) {
    if (e instanceof ResolveError) throw new UsageError(resolveErrorText(e));
    throw e;
  }
}

export function resolveErrorText(e: ResolveError): string {
  const flag = e.role === 'source' ? '--from' : '--to';
  const list = (xs: readonly string[]) =>
    xs.length > 12 ? `${xs.slice(0, 12).join(', ')}, ... (${xs.length} in all)` : xs.join(', ');
  switch (e.code) {
    case 'UNKNOWN_ENDPOINT':
      return `${flag} ${JSON.stringify(e.value)} matches no instance, network interface, Name tag or address in the snapshot${e.candidates.length ? `; known: ${list(e.candidates)}` : ''}.`;
    case 'AMBIGUOUS_ENDPOINT':
      return `${flag} ${JSON.stringify(e.value)} is ambiguous: it matches ${list(e.candidates)}; give one of those ids instead.`;
    case 'BAD_ENDPOINT':
      return `${flag} ${JSON.stringify(e.value)} can only be a destination.`;
    case 'MIXED_FAMILIES':
      return `${JSON.stringify(e.value)} mixes IPv4 and IPv6: a packet has one address family; give two addresses of the same family (or names with --ipv6).`;
    case 'UNASSOCIATED_ADDRESS':
      return `${flag} ${JSON.stringify(e.value)} is Elastic IP ${e.candidates[0]}, which is associated with no network interface: nothing receives traffic sent to it and nothing sends from it; associate it first, or trace to the instance by id.`;
    case 'NO_ADDRESS':
      return `${flag} ${JSON.stringify(e.value)} has no address of the family this flow needs (or its prefix list entries are not in the snapshot).`;
  }
}

export function exitCodeOf(t: Trace): number {
  if (t.verdict === 'reachable') return EXIT.ok;
  if (t.verdict === 'unknown') return EXIT.unknown;
  return EXIT.blocked;
}

export function printTrace(t: Trace, json: boolean, color: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(t, null, 2)}\n` : `${renderTrace(t, { color })}\n`);
}
