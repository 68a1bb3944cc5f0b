/**
 * The lint vocabulary: a rule is metadata plus `check(ctx)`; a finding is data (rule id, resources,
 * message data, level). Wording lives in `messages.ts`, never here or in the rules.
 */

import type { Trace } from '../engine/types.js';
import type { Network } from '../model/index.js';

export type Level = 'error' | 'warning' | 'note';

export const LEVELS: readonly Level[] = ['error', 'warning', 'note'];

/** error = 3, warning = 2, note = 1: higher is more severe. */
export function levelRank(l: Level): number {
  return l === 'error' ? 3 : l === 'warning' ? 2 : 1;
}

export type Area = 'RT' | 'NACL' | 'SG' | 'NAT' | 'EC2' | 'EP' | 'VPN' | 'DX' | 'TGW' | 'NET' | 'FL' | 'LINT';

export interface RuleMeta {
  /** Stable id, area-prefixed: `SG001`, `NACL003`. */
  readonly id: string;
  readonly area: Area;
  /** Default severity; a finding may raise it when the engine shows the exposure is real. */
  readonly severity: Level;
  /** One line: what fired. */
  readonly summary: string;
  /** Why the rule exists. */
  readonly rationale: string;
  /** AWS documentation backing the rationale. */
  readonly docs: readonly string[];
  /** The generic fix. */
  readonly fix: string;
}

export type MessageData = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export interface ResourceRef {
  readonly id: string;
  /** The snapshot file the resource was read from (SARIF location). */
  readonly file?: string | undefined;
  /** On a Terraform plan: the resource's address (SARIF logical location). */
  readonly address?: string | undefined;
}

export interface Finding {
  readonly ruleId: string;
  readonly level: Level;
  /** True when `level` was raised above the rule's default; `raisedBecause` says why (message key data). */
  readonly raised?: boolean | undefined;
  /** The resource the finding is about first, then related ones. */
  readonly resources: readonly ResourceRef[];
  /** Data for the rule's message template in messages.ts. */
  readonly data: MessageData;
}

export interface LintContext {
  readonly net: Network;
  /** `trace` with a per-run cache; never throws (an engine error gives undefined). */
  traceCached(from: string, to: string, protocol: number, port?: number, ipv6?: boolean): Trace | undefined;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: LintContext): readonly Finding[];
}

/** The resource reference of a model object with an origin. */
export function ref(
  id: string,
  origin?: { readonly file: string; readonly terraformAddress?: string | undefined } | undefined,
): ResourceRef {
  if (!origin) return { id };
  return origin.terraformAddress
    ? { id, file: origin.file, address: origin.terraformAddress }
    : { id, file: origin.file };
}
