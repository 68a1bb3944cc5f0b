/**
 * `vpcsim doctor`: AWS's "can't connect" checklists, read from one engine trace. The trace decides
 * every reachability question; this module only sorts its blockers, hops and unknowns onto
 * checklist items (never re-evaluating a rule), and adds what AWS configuration cannot show.
 */
import { isInternetRoutable } from '../engine/addresses.js';
import { ruleText } from '../engine/explain/messages.js';
import { checkFixes } from '../engine/fix-check.js';
import { ResolveError, resolveEndpoint } from '../engine/resolve.js';
import { type TraceQuery, trace } from '../engine/trace.js';
import type { Blocker, Hop, Step, Trace } from '../engine/types.js';
import type { Instance, Network, NetworkInterface } from '../model/index.js';
import { formatIp, parseIp, TCP } from '../net/index.js';
import { DETAIL, DOCTOR_FIX, INPUT, LOGIN_TEXT, OFFLINE_TEXT, question, title } from './messages.js';
import type { CheckItem, DoctorFix, DoctorReport, ItemId, ItemState, Symptom } from './types.js';

/** Bad input for doctor: one sentence, exit 2. */
export class DoctorInputError extends Error {}

export interface DoctorRequest {
  readonly instance: string;
  /** The client's address (connect symptom). */
  readonly from?: string | undefined;
  /** `internet`, `s3` or `dynamodb`. */
  readonly to?: string | undefined;
  readonly port?: string | undefined;
  /** For --to internet|s3|dynamodb: trace IPv6 instead of IPv4. */
  readonly ipv6?: boolean | undefined;
}

interface Ctx {
  readonly net: Network;
  readonly symptom: Symptom;
  readonly instance: Instance;
  readonly enis: readonly NetworkInterface[];
  readonly eniIds: ReadonlySet<string>;
  readonly sgIds: ReadonlySet<string>;
  readonly aclIds: ReadonlySet<string>;
  readonly rtIds: ReadonlySet<string>;
  readonly vpcId: string;
  readonly family: 4 | 6;
  readonly port: number;
  readonly trace: Trace | null;
  /** Why there is no trace: the instance has no IPv6 address, or the snapshot no prefix list for the service. */
  readonly noTrace: 'no-ipv6' | 'no-prefix-list' | null;
}

/** Where a blocker belongs, independent of the symptom. */
type Category =
  | 'instance-state'
  | 'public-address'
  | 'sg-in'
  | 'sg-out'
  | 'acl-in'
  | 'acl-out'
  | 'route'
  | 'igw'
  | 'nat'
  | 'nat-subnet'
  | 'other';

export function runDoctor(net: Network, req: DoctorRequest): DoctorReport {
  if ((req.from === undefined) === (req.to === undefined)) throw new DoctorInputError(INPUT.fromOrTo);
  const instance = findInstance(net, req.instance);
  const platform = instance.platform?.toLowerCase() === 'windows' ? 'windows' : 'linux';
  let symptom: Symptom;
  let client: { address: string; family: 4 | 6 } | null = null;
  if (req.from !== undefined) {
    const ip = parseIp(req.from.trim());
    if (!ip) throw new DoctorInputError(INPUT.badFrom(req.from));
    if (!isInternetRoutable(ip)) throw new DoctorInputError(INPUT.notInternet(req.from));
    symptom = 'connect';
    client = { address: formatIp(ip), family: ip.family };
  } else {
    const to = (req.to ?? '').trim().toLowerCase();
    if (to !== 'internet' && to !== 's3' && to !== 'dynamodb')
      throw new DoctorInputError(INPUT.badTo(req.to ?? ''));
    symptom = to;
  }
  const port = parsePort(req.port, symptom === 'connect' ? (platform === 'windows' ? 3389 : 22) : 443);
  const family: 4 | 6 = client ? client.family : req.ipv6 ? 6 : 4;

  const enis = net.interfacesOfInstance(instance.instanceId);
  const subnets = [...new Set(enis.map((e) => e.subnetId))];
  const ctxBase = {
    net,
    symptom,
    instance,
    enis,
    eniIds: new Set(enis.map((e) => e.networkInterfaceId)),
    sgIds: new Set(enis.flatMap((e) => e.groupIds)),
    aclIds: new Set(subnets.map((s) => net.networkAclFor(s)?.networkAclId).filter((x): x is string => !!x)),
    rtIds: new Set(
      subnets.map((s) => net.routeTableFor(s)?.table.routeTableId).filter((x): x is string => !!x),
    ),
    vpcId: enis[0]?.vpcId ?? instance.vpcId ?? '',
    family,
    port,
  };

  let t: Trace | null = null;
  let noTrace: Ctx['noTrace'] = null;
  const query: TraceQuery =
    symptom === 'connect'
      ? { from: client!.address, to: instance.instanceId, protocol: TCP, port: { from: port, to: port } }
      : {
          from: instance.instanceId,
          to: symptom,
          protocol: TCP,
          port: { from: port, to: port },
          ipv6: family === 6,
        };
  try {
    t = trace(net, query);
  } catch (e) {
    if (!(e instanceof ResolveError)) throw e;
    // IPv6 asked for and an instance without IPv6: the address item says so; nothing else to trace.
    if (e.code === 'NO_ADDRESS' && (symptom === 's3' || symptom === 'dynamodb') && e.value === symptom)
      noTrace = 'no-prefix-list';
    else if (e.code === 'NO_ADDRESS' && (symptom === 'connect' || family === 6)) noTrace = 'no-ipv6';
    else throw new DoctorInputError(INPUT.noAddress(req.instance));
  }
  if (t) {
    // Whether the fixes the checklist names are enough (the flow traced again with them applied).
    const fixCheck = checkFixes(net, query, t);
    if (fixCheck) t = { ...t, fixCheck };
  }
  const ctx: Ctx = { ...ctxBase, trace: t, noTrace };
  const items = symptom === 'connect' ? connectItems(ctx) : outboundItems(ctx);
  const summary = { passed: 0, failed: 0, 'not-checkable-offline': 0, 'not-in-snapshot': 0 };
  for (const i of items) summary[i.state]++;
  return {
    version: 1,
    symptom,
    question: question(
      symptom,
      instance.tags.Name ? `${instance.tags.Name} (${instance.instanceId})` : instance.instanceId,
      port,
      client?.address,
      family,
    ),
    instance: { id: instance.instanceId, name: instance.tags.Name ?? null, state: instance.state, platform },
    client,
    protocol: 'tcp',
    port,
    connectTo: symptom === 'connect' ? connectAddress(ctx) : null,
    result: summary.failed > 0 ? 'failed' : 'passed',
    summary,
    items,
    trace: t,
  };
}

function findInstance(net: Network, text: string): Instance {
  try {
    const e = resolveEndpoint(net, text, 'destination');
    if (e.kind === 'interface' && e.instance && !e.ip) return e.instance;
  } catch (e) {
    if (!(e instanceof ResolveError)) throw e;
    const list = (xs: readonly string[]) =>
      xs.length > 12 ? `${xs.slice(0, 12).join(', ')}, ... (${xs.length} in all)` : xs.join(', ');
    if (e.code === 'AMBIGUOUS_ENDPOINT')
      throw new DoctorInputError(INPUT.ambiguous(text, list(e.candidates)));
    if (e.code === 'NO_ADDRESS') throw new DoctorInputError(INPUT.noInterface(text));
    const names = [...net.instances.values()].map((i) => i.tags.Name ?? i.instanceId);
    throw new DoctorInputError(INPUT.unknownInstance(text, list(names)));
  }
  throw new DoctorInputError(INPUT.notInstance(text));
}

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 65535) throw new DoctorInputError(INPUT.badPort(text));
  return n;
}

// ---------------------------------------------------------------- blockers onto items

function classify(b: Blocker, ctx: Ctx): Category {
  const id = b.component.id;
  switch (b.code) {
    case 'BAD_STATE':
      if (b.component.type === 'instance' && id === ctx.instance.instanceId) return 'instance-state';
      if (b.component.type === 'network-interface' && ctx.eniIds.has(id)) return 'instance-state';
      if (b.component.type === 'internet-gateway') return 'igw';
      if (b.component.type === 'route-table') return ctx.rtIds.has(id) ? 'route' : 'nat-subnet';
      return 'nat';
    case 'IGW_PUBLIC_IP_ASSOCIATION_FOR_INGRESS':
    case 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS': {
      const eni = b.fix?.change.action === 'associate-public-ip' ? b.fix.change.networkInterfaceId : id;
      return ctx.eniIds.has(eni) ? 'public-address' : 'nat';
    }
    case 'IGW_DENY_ALL_TRAFFIC':
    case 'BAD_STATE_ATTACHMENT':
    case 'VPC_BLOCK_PUBLIC_ACCESS':
      return 'igw';
    case 'ENI_SG_RULES_MISMATCH':
      if (!ctx.sgIds.has(id)) return 'nat';
      return b.direction === 'inbound' ? 'sg-in' : 'sg-out';
    case 'SUBNET_ACL_RESTRICTION':
      if (!ctx.aclIds.has(id)) return 'nat-subnet';
      return b.direction === 'inbound' ? 'acl-in' : 'acl-out';
    case 'NO_ROUTE_TO_DESTINATION':
    case 'BAD_STATE_ROUTE':
    case 'ASYMMETRIC_ROUTING':
      // Replies to an internet client routed through a NAT: the instance's route is what is wrong.
      if (ctx.symptom === 'connect') return 'route';
      return ctx.rtIds.has(id) || ctx.rtIds.has(routeTableOfRule(b) ?? '') ? 'route' : 'nat-subnet';
    case 'EIGW_INBOUND_INITIATED':
    case 'EIGW_IPV4_NOT_SUPPORTED':
      return 'route';
    case 'ENI_SOURCE_DEST_CHECK_RESTRICTION':
    case 'NAT_GATEWAY_INBOUND_INITIATED':
    case 'NAT_GATEWAY_PROTOCOL_RESTRICTION':
    case 'PRIVATE_NAT_GATEWAY_TO_IGW':
      return 'nat';
    default:
      return 'other';
  }
}

function routeTableOfRule(b: Blocker): string | undefined {
  return b.rule?.type === 'route' ? b.rule.routeTableId : undefined;
}

function itemOf(cat: Category, ctx: Ctx): ItemId {
  if (ctx.symptom === 'connect') {
    const m: Partial<Record<Category, ItemId>> = {
      'instance-state': 'instance-state',
      'public-address': 'public-address',
      'sg-in': 'security-group-inbound',
      'acl-in': 'network-acl-inbound',
      'acl-out': 'network-acl-outbound',
      route: 'route-to-internet-gateway',
      igw: 'internet-gateway',
    };
    return m[cat] ?? 'other-blockers';
  }
  const m: Partial<Record<Category, ItemId>> = {
    'instance-state': 'instance-state',
    'public-address': 'public-address',
    'sg-out': 'security-group-outbound',
    'acl-in': 'network-acl-inbound',
    'acl-out': 'network-acl-outbound',
    route: ctx.symptom === 'internet' ? 'route-table' : 'service-route',
    igw: 'internet-gateway',
    nat: 'nat',
    'nat-subnet': 'nat-subnet',
  };
  return m[cat] ?? 'other-blockers';
}

/** Blockers per item id, each blocker on exactly one item. */
function claims(ctx: Ctx): Map<ItemId, Blocker[]> {
  const out = new Map<ItemId, Blocker[]>();
  for (const b of ctx.trace?.blockers ?? []) {
    const id = itemOf(classify(b, ctx), ctx);
    out.set(id, [...(out.get(id) ?? []), b]);
  }
  return out;
}

function fixesOf(blockers: readonly Blocker[]): DoctorFix[] {
  const seen = new Set<string>();
  const out: DoctorFix[] = [];
  for (const b of blockers) {
    if (!b.fix || seen.has(b.fix.text)) continue;
    seen.add(b.fix.text);
    out.push({ code: b.code, change: b.fix.change, text: b.fix.text });
  }
  return out;
}

/** The doctor's own wording for blockers the engine gives no fix for, so no failure is left without one. */
function fallbackFixes(ctx: Ctx, blockers: readonly Blocker[]): DoctorFix[] {
  const out: DoctorFix[] = [];
  for (const b of blockers) {
    if (b.fix) continue;
    if (b.code === 'EIGW_INBOUND_INITIATED') {
      const igw = ctx.net.internetGatewayOf(ctx.vpcId)?.internetGatewayId;
      out.push({ code: b.code, change: null, text: DOCTOR_FIX.eigwInbound([...ctx.rtIds].join(', '), igw) });
    } else if (b.code === 'ASYMMETRIC_ROUTING' && ctx.symptom === 'connect') {
      const igw = ctx.net.internetGatewayOf(ctx.vpcId)?.internetGatewayId;
      out.push({
        code: b.code,
        change: null,
        text: DOCTOR_FIX.privateSubnet([...ctx.rtIds].join(', '), igw),
      });
    } else if (b.code === 'BAD_STATE' && b.component.type === 'network-interface') {
      out.push({
        code: b.code,
        change: null,
        text: DOCTOR_FIX.attach(b.component.id, ctx.instance.instanceId),
      });
    } else out.push({ code: b.code, change: null, text: DOCTOR_FIX.generic(b.message) });
  }
  return out.filter((f, i) => out.findIndex((g) => g.text === f.text) === i);
}

// ---------------------------------------------------------------- reading the trace

interface Found {
  readonly hop: Hop;
  readonly step: Step;
}

function steps(hops: readonly Hop[] | undefined, pred: (h: Hop, s: Step) => boolean): Found[] {
  const out: Found[] = [];
  for (const hop of hops ?? []) for (const step of hop.steps) if (pred(hop, step)) out.push({ hop, step });
  return out;
}

function matchedTexts(found: readonly Found[]): string[] {
  return found.flatMap((f) => f.step.matched.map((m) => DETAIL.rule(ruleText(m))));
}

/** The route steps of the instance's own route table(s) on one path. */
function ownRoutes(ctx: Ctx, hops: readonly Hop[] | undefined): Found[] {
  return steps(
    hops,
    (_h, s) =>
      s.kind === 'route' && s.matched.some((m) => m.type === 'route' && ctx.rtIds.has(m.routeTableId)),
  );
}

function routeTarget(ctx: Ctx): { type: string; id: string } | undefined {
  for (const f of ownRoutes(ctx, ctx.trace?.forward))
    for (const m of f.step.matched) if (m.type === 'route') return m.target;
  return undefined;
}

function routeTexts(found: readonly Found[]): string[] {
  return found.flatMap((f) =>
    f.step.matched.flatMap((m) => (m.type === 'route' ? [DETAIL.route(ruleText(m))] : [])),
  );
}

// ---------------------------------------------------------------- items

interface Draft {
  readonly id: ItemId;
  /** What the trace shows for this item when nothing failed; empty = not reached. */
  readonly evidence: readonly string[];
  /** Steps whose result was `unknown` (the snapshot lacks what they need). */
  readonly unknown?: boolean | undefined;
  /** Failed regardless of blockers (e.g. status checks), with the doctor's own fix. */
  readonly failedBy?:
    | { readonly details: readonly string[]; readonly fixes: readonly DoctorFix[] }
    | undefined;
  readonly state?: ItemState | undefined;
  /** Context shown whether the item passed or failed (e.g. an endpoint that exists but is not associated). */
  readonly hints?: readonly string[] | undefined;
}

function finish(ctx: Ctx, drafts: readonly Draft[], claimed: Map<ItemId, Blocker[]>): CheckItem[] {
  const items: CheckItem[] = [];
  const used = new Set<ItemId>();
  for (const d of drafts) {
    used.add(d.id);
    const blockers = claimed.get(d.id) ?? [];
    const base = { id: d.id, title: title(d.id, ctx.symptom, ctx.port, ctx.family) };
    if (blockers.length > 0 || d.failedBy) {
      const fixes = [...(d.failedBy?.fixes ?? []), ...fixesOf(blockers), ...fallbackFixes(ctx, blockers)];
      const details = [
        ...(d.failedBy?.details ?? []),
        ...(d.hints ?? []),
        ...blockers.map((b) =>
          b.affectedClients
            ? `${b.message}; ${DETAIL.partialClients(b.affectedClients.join(', '))}`
            : b.message,
        ),
      ];
      items.push({ ...base, state: 'failed', details, fixes, blockers: blockers.map((b) => b.code) });
    } else if (d.state) {
      items.push({ ...base, state: d.state, details: d.evidence, fixes: [], blockers: [] });
    } else if (d.unknown) {
      items.push({
        ...base,
        state: 'not-in-snapshot',
        details: [DETAIL.unknownStep],
        fixes: [],
        blockers: [],
      });
    } else if (d.evidence.length > 0) {
      items.push({
        ...base,
        state: 'passed',
        details: [...d.evidence, ...(d.hints ?? [])],
        fixes: [],
        blockers: [],
      });
    } else {
      const why = ctx.trace ? DETAIL.notReached : DETAIL.traceSkipped;
      if (ctx.noTrace === 'no-prefix-list') {
        items.push({ ...base, state: 'not-in-snapshot', details: [why], fixes: [], blockers: [] });
        continue;
      }
      items.push({ ...base, state: 'not-checkable-offline', details: [why], fixes: [], blockers: [] });
    }
  }
  // Nothing the trace found may be lost: blockers no item claimed, and what the snapshot lacks.
  const rest = [...claimed.entries()].filter(([id]) => !used.has(id)).flatMap(([, bs]) => bs);
  const extra: CheckItem[] = [];
  if (rest.length > 0)
    extra.push({
      id: 'other-blockers',
      title: title('other-blockers', ctx.symptom, ctx.port, ctx.family),
      state: 'failed',
      details: rest.map((b) => b.message),
      fixes: [...fixesOf(rest), ...fallbackFixes(ctx, rest)],
      blockers: rest.map((b) => b.code),
    });
  if ((ctx.trace?.unknowns.length ?? 0) > 0)
    extra.push({
      id: 'snapshot-gaps',
      title: title('snapshot-gaps', ctx.symptom, ctx.port, ctx.family),
      state: 'not-in-snapshot',
      details: ctx.trace!.unknowns.map((u) => u.message),
      fixes: [],
      blockers: [],
    });
  const tail = items.filter((i) => OFFLINE_TEXT[i.id] !== undefined);
  const head = items.filter((i) => OFFLINE_TEXT[i.id] === undefined);
  return [...head, ...extra, ...tail];
}

function offline(id: ItemId, extra: readonly string[] = []): Draft {
  return { id, evidence: [OFFLINE_TEXT[id] ?? '', ...extra], state: 'not-checkable-offline' };
}

function stateDraft(ctx: Ctx): Draft {
  const i = ctx.instance;
  if (i.state === 'running') return { id: 'instance-state', evidence: [DETAIL.running] };
  // The trace reports it as a blocker with its fix; without a trace the doctor words it.
  const fromTrace = (ctx.trace?.blockers ?? []).some((b) => b.component.id === i.instanceId);
  return {
    id: 'instance-state',
    evidence: [],
    failedBy: fromTrace
      ? undefined
      : {
          details: [DETAIL.notRunning(i.state)],
          fixes: [
            {
              code: null,
              change: { action: 'start-instance', instanceId: i.instanceId },
              text: DOCTOR_FIX.start(i.instanceId),
            },
          ],
        },
  };
}

function statusDraft(ctx: Ctx): Draft {
  const s = ctx.instance.status;
  if (!s || (s.system === undefined && s.instance === undefined))
    return {
      id: 'status-checks',
      evidence: [ctx.net.has('InstanceStatuses') ? DETAIL.noStatusEntry : DETAIL.noStatusFile],
      state: 'not-in-snapshot',
    };
  const system = s.system ?? 'unknown';
  const inst = s.instance ?? 'unknown';
  const detail = DETAIL.checks(system, inst);
  if (system === 'ok' && inst === 'ok') return { id: 'status-checks', evidence: [detail] };
  const initializing = system === 'initializing' || inst === 'initializing';
  return {
    id: 'status-checks',
    evidence: [],
    failedBy: {
      details: [detail],
      fixes: [
        {
          code: null,
          change: null,
          text: initializing ? DOCTOR_FIX.initializing : DOCTOR_FIX.statusChecks(ctx.instance.instanceId),
        },
      ],
    },
  };
}

function publicAddressOf(ctx: Ctx, address: string): string | undefined {
  for (const eni of ctx.enis)
    for (const a of eni.privateAddresses)
      if (a.publicIp && formatIp(a.publicIp) === address) {
        // A Terraform plan stands a placeholder in for an address AWS assigns at apply.
        if (ctx.net.data.warnings.some((w) => w.code === 'UNKNOWN_UNTIL_APPLY' && w.value === address))
          return DETAIL.placeholderIp;
        return a.allocationId ? DETAIL.elasticIp(a.allocationId) : DETAIL.autoPublicIp;
      }
  return undefined;
}

function connectAddress(ctx: Ctx): string | null {
  const t = ctx.trace;
  if (!t || t.blockers.some((b) => b.code === 'IGW_PUBLIC_IP_ASSOCIATION_FOR_INGRESS')) return null;
  const a = t.flow.destination.address;
  return ctx.family === 6 || publicAddressOf(ctx, a) ? a : null;
}

function connectItems(ctx: Ctx): CheckItem[] {
  const t = ctx.trace;
  const fwd = t?.forward;
  const ret = t?.return;
  const address = connectAddress(ctx);
  const publicDraft: Draft = !t
    ? noIpv6Draft(ctx)
    : {
        id: 'public-address',
        evidence: address
          ? [
              DETAIL.connectTo(
                address,
                ctx.family === 6 ? DETAIL.ipv6Address : (publicAddressOf(ctx, address) ?? ''),
              ),
            ]
          : [],
      };
  const sg = steps(
    fwd,
    (h, s) =>
      h.component.type === 'security-group' && ctx.sgIds.has(h.component.id) && s.direction === 'inbound',
  );
  const aclIn = steps(
    fwd,
    (h, s) =>
      h.component.type === 'network-acl' && ctx.aclIds.has(h.component.id) && s.direction === 'inbound',
  );
  const aclOut = steps(
    ret,
    (h, s) =>
      h.component.type === 'network-acl' && ctx.aclIds.has(h.component.id) && s.direction === 'outbound',
  );
  const igwHops = (fwd ?? []).filter((h) => h.component.type === 'internet-gateway');
  const routes = ownRoutes(ctx, ret);
  const claimed = claims(ctx);
  const drafts: Draft[] = [
    publicDraft,
    stateDraft(ctx),
    statusDraft(ctx),
    { id: 'security-group-inbound', evidence: matchedTexts(sg), unknown: anyUnknown(sg) },
    { id: 'network-acl-inbound', evidence: matchedTexts(aclIn), unknown: anyUnknown(aclIn) },
    { id: 'network-acl-outbound', evidence: matchedTexts(aclOut), unknown: anyUnknown(aclOut) },
    {
      id: 'internet-gateway',
      evidence: igwHops.slice(0, 1).map((h) => DETAIL.gateway(h.component.id, ctx.vpcId)),
    },
    { id: 'route-to-internet-gateway', evidence: routeTexts(routes), unknown: anyUnknown(routes) },
    offline('os-firewall'),
    offline('os-routing'),
    offline('client-firewall'),
    offline('login-credentials', [
      ctx.instance.platform?.toLowerCase() === 'windows' ? LOGIN_TEXT.windows : LOGIN_TEXT.linux,
    ]),
    offline('instance-load'),
  ];
  return finish(ctx, drafts, claimed);
}

function noIpv6Draft(ctx: Ctx): Draft {
  const primary = ctx.enis.find((e) => e.attachment?.deviceIndex === 0) ?? ctx.enis[0];
  const id = primary?.networkInterfaceId ?? ctx.instance.instanceId;
  return {
    id: 'public-address',
    evidence: [],
    failedBy: {
      details: [DETAIL.noIpv6(id)],
      fixes: [{ code: null, change: null, text: DOCTOR_FIX.ipv6(id, ctx.symptom !== 'connect') }],
    },
  };
}

function anyUnknown(found: readonly Found[]): boolean {
  return found.some((f) => f.step.result === 'unknown');
}

function outboundItems(ctx: Ctx): CheckItem[] {
  const t = ctx.trace;
  const fwd = t?.forward;
  const ret = t?.return;
  const sg = steps(
    fwd,
    (h, s) =>
      h.component.type === 'security-group' && ctx.sgIds.has(h.component.id) && s.direction === 'outbound',
  ).slice(0, 1);
  const aclOut = steps(
    fwd,
    (h, s) =>
      h.component.type === 'network-acl' && ctx.aclIds.has(h.component.id) && s.direction === 'outbound',
  ).slice(0, 1);
  const aclIn = steps(
    ret,
    (h, s) =>
      h.component.type === 'network-acl' && ctx.aclIds.has(h.component.id) && s.direction === 'inbound',
  );
  const routes = ownRoutes(ctx, fwd);
  const target = routeTarget(ctx);
  const claimed = claims(ctx);
  const drafts: Draft[] = [
    ...(ctx.noTrace === 'no-ipv6' ? [noIpv6Draft(ctx)] : []),
    stateDraft(ctx),
    statusDraft(ctx),
    { id: 'security-group-outbound', evidence: matchedTexts(sg), unknown: anyUnknown(sg) },
    { id: 'network-acl-outbound', evidence: matchedTexts(aclOut), unknown: anyUnknown(aclOut) },
    { id: 'network-acl-inbound', evidence: matchedTexts(aclIn.slice(-1)), unknown: anyUnknown(aclIn) },
  ];
  if (ctx.symptom === 'internet') {
    drafts.push({ id: 'route-table', evidence: routeTexts(routes), unknown: anyUnknown(routes) });
  } else {
    drafts.push({
      id: 'service-route',
      evidence: routeTexts(routes),
      hints: serviceRouteHints(ctx),
      unknown: anyUnknown(routes),
      ...(ctx.noTrace === 'no-prefix-list'
        ? { state: 'not-in-snapshot' as const, evidence: [DETAIL.noPrefixList(ctx.symptom)] }
        : {}),
    });
  }
  const natTarget =
    target &&
    (target.type === 'nat-gateway' || target.type === 'instance' || target.type === 'network-interface');
  const viaIgw = target?.type === 'internet-gateway';
  if (viaIgw && ctx.family === 4) {
    const pub = ctx.enis.flatMap((e) => e.privateAddresses.filter((a) => a.publicIp));
    drafts.push({
      id: 'public-address',
      evidence: pub.map((a) =>
        DETAIL.hasPublicIp(
          formatIp(a.publicIp!),
          a.allocationId ? DETAIL.elasticIp(a.allocationId) : DETAIL.autoPublicIp,
        ),
      ),
    });
  }
  if (natTarget || claimed.has('nat') || claimed.has('nat-subnet')) {
    drafts.push({ id: 'nat', evidence: natEvidence(ctx, fwd) });
    const natRoutes = steps(
      fwd,
      (_h, s) =>
        s.kind === 'route' && s.matched.some((m) => m.type === 'route' && !ctx.rtIds.has(m.routeTableId)),
    );
    const natAcls = steps(
      fwd,
      (h, s) =>
        h.component.type === 'network-acl' && !ctx.aclIds.has(h.component.id) && s.kind === 'network-acl',
    );
    drafts.push({ id: 'nat-subnet', evidence: [...matchedTexts(natAcls), ...routeTexts(natRoutes)] });
  }
  if (target?.type === 'egress-only-internet-gateway')
    drafts.push({ id: 'egress-only-internet-gateway', evidence: [DETAIL.eigw(target.id)] });
  const igwHop = (fwd ?? []).find((h) => h.component.type === 'internet-gateway');
  if (viaIgw || natTarget || claimed.has('internet-gateway'))
    drafts.push({
      id: 'internet-gateway',
      evidence: igwHop ? [DETAIL.gateway(igwHop.component.id, ctx.vpcId)] : [],
    });
  if (target?.type === 'instance' || target?.type === 'network-interface')
    drafts.push(offline('nat-instance-os'));
  if (ctx.symptom !== 'internet') drafts.push(offline('service-policies'));
  drafts.push(offline('os-firewall'), offline('os-routing'));
  return finish(ctx, drafts, claimed);
}

function serviceRouteHints(ctx: Ctx): string[] {
  const fwd = ctx.trace?.forward ?? [];
  const endpointHop = fwd.find((h) => h.component.type === 'vpc-endpoint');
  if (endpointHop)
    return [
      DETAIL.viaEndpoint(
        endpointHop.component.name
          ? `${endpointHop.component.id} (${endpointHop.component.name})`
          : endpointHop.component.id,
      ),
    ];
  const rt = [...ctx.rtIds][0] ?? '';
  const endpoint = [...ctx.net.vpcEndpoints.values()].find(
    (e) =>
      e.vpcId === ctx.vpcId && e.vpcEndpointType === 'Gateway' && e.serviceName.endsWith(`.${ctx.symptom}`),
  );
  const out = [
    endpoint
      ? DETAIL.endpointNotAssociated(endpoint.vpcEndpointId, rt)
      : DETAIL.noEndpoint(ctx.symptom, ctx.vpcId),
  ];
  if (ownRoutes(ctx, fwd).length > 0) out.push(DETAIL.noEndpointRoute(rt));
  return out;
}

function natEvidence(ctx: Ctx, fwd: readonly Hop[] | undefined): string[] {
  const out: string[] = [];
  for (const h of fwd ?? []) {
    if (h.component.type === 'nat-gateway') out.push(DETAIL.natGateway(h.component.id));
    if (h.component.type === 'instance' && h.component.id !== ctx.instance.instanceId)
      out.push(DETAIL.natInstance(h.component.id));
    for (const s of h.steps)
      if (s.translation && s.translation.field === 'source' && h.component.type !== 'internet-gateway')
        out.push(DETAIL.translation(s.translation.from, s.translation.to));
  }
  return out;
}
