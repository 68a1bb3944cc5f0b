/**
 * The doctor contract: what `runDoctor` returns and `vpcsim doctor --json` prints (documented in
 * docs/doctor.md and docs/doctor.schema.json). Codes and data only; wording lives in messages.ts.
 */
import type { BlockerCode, FixAction, Trace } from '../engine/types.js';

/** `connect`: the internet cannot reach the instance; the others: the instance cannot reach them. */
export type Symptom = 'connect' | 'internet' | 's3' | 'dynamodb';

export type ItemState = 'passed' | 'failed' | 'not-checkable-offline' | 'not-in-snapshot';

/** Stable ids of checklist items (tests and tools key on these, never on wording). */
export const ITEM_IDS = [
  'public-address',
  'instance-state',
  'status-checks',
  'security-group-inbound',
  'security-group-outbound',
  'network-acl-inbound',
  'network-acl-outbound',
  'internet-gateway',
  'route-to-internet-gateway',
  'route-table',
  'service-route',
  'egress-only-internet-gateway',
  'nat',
  'nat-subnet',
  'other-blockers',
  'snapshot-gaps',
  'os-firewall',
  'os-routing',
  'client-firewall',
  'login-credentials',
  'instance-load',
  'nat-instance-os',
  'service-policies',
] as const;

export type ItemId = (typeof ITEM_IDS)[number];

export interface DoctorFix {
  /** The trace blocker this fix comes from; null for a fix the doctor words itself (e.g. status checks). */
  readonly code: BlockerCode | null;
  readonly change: FixAction | null;
  readonly text: string;
}

export interface CheckItem {
  readonly id: ItemId;
  readonly state: ItemState;
  readonly title: string;
  /** What was found: the rule, route or address that decided, or why it failed or could not be checked. */
  readonly details: readonly string[];
  /** Every fix of a failed item (empty otherwise), from the trace's blockers. */
  readonly fixes: readonly DoctorFix[];
  /** Codes of the trace blockers this item accounts for. */
  readonly blockers: readonly BlockerCode[];
}

export interface DoctorReport {
  readonly version: 1;
  readonly symptom: Symptom;
  readonly question: string;
  readonly instance: {
    readonly id: string;
    readonly name: string | null;
    readonly state: string;
    readonly platform: 'linux' | 'windows';
  };
  /** The client (connect) or null. */
  readonly client: { readonly address: string; readonly family: 4 | 6 } | null;
  readonly protocol: 'tcp';
  readonly port: number;
  /** connect: the address the user must connect to (public IPv4 / Elastic IP, or IPv6), null if none. */
  readonly connectTo: string | null;
  /** `failed` when any item failed, else `passed` (items not checkable offline are left to the user). */
  readonly result: 'passed' | 'failed';
  readonly summary: { readonly [S in ItemState]: number };
  readonly items: readonly CheckItem[];
  /** The trace the checklist was read from; null when no flow could be traced (e.g. no IPv6 address). */
  readonly trace: Trace | null;
}
