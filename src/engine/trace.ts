/**
 * `trace`: one flow through the model, forward and back, with a verdict.
 * Resolves the endpoints, walks the forward path, walks the reply from wherever the forward packet
 * was delivered, then decides: a definite block seen before any doubt is `unreachable`; otherwise any
 * doubt (missing data, unmodelled component) is `unknown`; otherwise blocks, partial port ranges or
 * a clean pass. Wording is added by explain/.
 */

import { Network, type NetworkInterface } from '../model/index.js';
import {
  CLIENT_TYPES,
  type ClientType,
  cidrContains,
  ephemeralRange,
  type Family,
  formatCidr,
  formatIp,
  formatPortRange,
  type Ip,
  type PortRange,
  PortSet,
  parseIp,
  protocolName,
  protocolUsesPorts,
} from '../net/index.js';
import { pickInternetAddress } from './addresses.js';
import { portsText } from './evaluate/security-group.js';
import {
  addressUnknownMessage,
  applianceZoneMessage,
  blockerMessage,
  fixText,
  traceWarningMessage,
  unknownMessage,
} from './explain/messages.js';
import { fromInternet, ingressRouting, noGateway, onInternet, publicAccessBlocked } from './hops/internet.js';
import { fromOnPrem } from './hops/vpn.js';
import { type Packet, replyOf } from './packet.js';
import {
  type Endpoint,
  interfaceAddress,
  ResolveError,
  resolveEndpoint,
  servicePrefixList,
} from './resolve.js';
import type { Blocker, Disposition, FlowView, Trace, TraceWarning, UnknownReason, Verdict } from './types.js';
import type { ConntrackEntry } from './walk-types.js';
import { isDetached, Walker } from './walker.js';

export interface TraceQuery {
  readonly from: string;
  readonly to: string;
  /** IANA number; -1 = all traffic (only rules allowing every protocol match). */
  readonly protocol: number;
  readonly port?: PortRange | undefined;
  readonly sourcePort?: PortRange | undefined;
  readonly clientType?: ClientType | undefined;
  readonly icmpType?: number | undefined;
  readonly icmpCode?: number | undefined;
  readonly ipv6?: boolean | undefined;
}

/** The client's ephemeral range from what it is (aws-semantics §3.11): Windows by platform, service ENIs by interface type. */
export function inferClientType(src: Endpoint): ClientType {
  if (src.kind !== 'interface') return 'any';
  const t = src.eni.interfaceType;
  if (t === 'nat_gateway') return 'nat-gateway';
  if (t === 'lambda') return 'lambda';
  if (
    t === 'network_load_balancer' ||
    t === 'gateway_load_balancer' ||
    (src.eni.description ?? '').startsWith('ELB ')
  )
    return 'elb';
  if (src.instance?.platform?.toLowerCase() === 'windows') return 'windows';
  return 'linux';
}

function pickFamily(q: TraceQuery, a: Endpoint, b: Endpoint): Family {
  for (const e of [a, b])
    if ((e.kind === 'internet' || e.kind === 'external' || e.kind === 'public-address') && e.ip)
      return e.ip.family;
  for (const e of [a, b]) if (e.kind === 'interface' && e.ip) return e.ip.family;
  if (q.ipv6) return 6;
  // An IPv6-only interface has no IPv4 address to use.
  for (const e of [a, b])
    if (e.kind === 'interface' && !interfaceAddress(e.eni, 4) && interfaceAddress(e.eni, 6)) return 6;
  return 4;
}

function addressFor(
  net: Network,
  e: Endpoint,
  family: Family,
  role: 'source' | 'destination',
  srcIsInternet: boolean,
  serviceRange = 0,
): Ip {
  switch (e.kind) {
    case 'interface': {
      if (e.ip) return e.ip;
      if (role === 'destination' && srcIsInternet && family === 4) {
        const pub =
          e.eni.privateAddresses.find((a) => a.primary)?.publicIp ??
          e.eni.privateAddresses.find((a) => a.publicIp)?.publicIp;
        if (pub) return pub;
      }
      const ip = interfaceAddress(e.eni, family);
      if (!ip)
        throw new ResolveError(
          'NO_ADDRESS',
          `${e.instance?.instanceId ?? e.eni.networkInterfaceId} (IPv${family})`,
          role,
        );
      return ip;
    }
    case 'internet':
      return e.ip ?? pickInternetAddress(net, family);
    case 'public-address':
    case 'external':
    case 'onprem':
      return e.ip;
    case 'service': {
      const range = (e.prefixList?.cidrs ?? []).filter((c) => c.family === family)[serviceRange];
      if (!range) throw new ResolveError('NO_ADDRESS', e.service, role);
      return { family, value: range.base + (range.prefix < (family === 4 ? 31 : 127) ? 1n : 0n) };
    }
  }
}

const SEVERITY: Readonly<Record<Verdict, number>> = { unreachable: 3, unknown: 2, partial: 1, reachable: 0 };

/** The trace with the worst verdict (the first of equals). */
function worstOf(traces: readonly Trace[]): Trace {
  return traces.reduce((a, b) => (SEVERITY[b.verdict] > SEVERITY[a.verdict] ? b : a));
}

/**
 * Trace one flow. A flow to `s3`/`dynamodb` is traced once per address range of the service's
 * prefix list (clients use all of them, and rules may treat them differently); the answer is the
 * worst of them, and a warning lists the ranges whose verdict differs.
 */
/** A service destination resolved to the prefix list of the source's region. */
function resolveDestination(net: Network, q: TraceQuery): Endpoint {
  const to = resolveEndpoint(net, q.to, 'destination');
  if (to.kind !== 'service') return to;
  const from = resolveEndpoint(net, q.from, 'source');
  const vpcId = from.kind === 'interface' ? from.eni.vpcId : undefined;
  const vpc = vpcId ? net.vpcs.get(vpcId) : undefined;
  const region = vpc?.region ?? vpc?.origin.region;
  return { ...to, prefixList: servicePrefixList(net, to.service, region) };
}

/** What a network holds that traces must take into account; computed once per network. */
interface Traits {
  /** An interface whose address is picked at apply (Terraform plans). */
  readonly picks: boolean;
  /** A route table, network ACL or security group that lost an entry at load. */
  readonly incomplete: boolean;
}

const traitsCache = new WeakMap<Network, Traits>();

function traitsOf(net: Network): Traits {
  let t = traitsCache.get(net);
  if (!t) {
    const d = net.data;
    t = {
      picks: d.networkInterfaces.some((e) => (e.pickedAtApply?.length ?? 0) > 1),
      incomplete: [...d.routeTables, ...d.networkAcls, ...d.securityGroups].some((x) => x.incomplete),
    };
    traitsCache.set(net, t);
  }
  return t;
}

export function trace(net: Network, q: TraceQuery): Trace {
  const t = traceVariants(net, q);
  return traitsOf(net).incomplete ? withIncomplete(net, t) : t;
}

/**
 * A path that crosses a route table or network ACL with entries vpcsim could not read (bad values,
 * Terraform values known only after apply), or a block by a security group with such rules: the
 * answer could be different with them, so it is unknown. (A lost security-group rule can only have
 * allowed more: a group that lets the packet through is not in doubt.)
 */
function withIncomplete(net: Network, t: Trace): Trace {
  const seen = new Set<string>();
  const reasons: UnknownReason[] = [];
  const blocking = t.blockers.map((b) => b.component);
  const blockingIds = new Set(blocking.map((c) => c.id));
  for (const c of [...t.forward.map((h) => h.component), ...t.return.map((h) => h.component), ...blocking]) {
    if (seen.has(c.id)) continue;
    const incomplete =
      (c.type === 'network-acl' && net.networkAcls.get(c.id)?.incomplete) ||
      (c.type === 'route-table' && net.routeTables.get(c.id)?.incomplete) ||
      (c.type === 'security-group' && blockingIds.has(c.id) && net.securityGroups.get(c.id)?.incomplete);
    if (!incomplete) continue;
    seen.add(c.id);
    const u = { code: 'INCOMPLETE_COMPONENT' as const, component: c, missing: c.id };
    reasons.push({ ...u, message: unknownMessage(u) });
  }
  if (reasons.length === 0) return t;
  return { ...t, verdict: 'unknown', unknowns: [...t.unknowns, ...reasons] };
}

function traceVariants(net: Network, q: TraceQuery): Trace {
  if (!traitsOf(net).picks) return traceRanges(net, q);
  const named = withNamedCandidates(net, q);
  const variants = addressVariants(named, q);
  if (variants.length === 0) return traceRanges(named, q);
  const results = variants.map((v) => ({ ...v, trace: traceRanges(v.net, q) }));
  const first = results[0]!.trace;
  const outcomes = results.map((r) => `${r.label} ${r.trace.verdict}`).join(', ');
  if (results.every((r) => r.trace.verdict === first.verdict)) {
    const warning: TraceWarning = {
      code: 'ADDRESS_PICKED_AT_APPLY',
      message: traceWarningMessage('ADDRESS_PICKED_AT_APPLY', { outcomes }),
    };
    return { ...first, warnings: [...first.warnings, warning] };
  }
  // The answer turns on an address not known until apply: say so (and show the worst case).
  const worst = worstOf(results.map((r) => r.trace));
  const why: UnknownReason = {
    code: 'ADDRESS_UNKNOWN_UNTIL_APPLY',
    missing: results[0]!.missing,
    message: addressUnknownMessage(results[0]!.missing, outcomes),
  };
  return { ...worst, verdict: 'unknown', unknowns: [...worst.unknowns, why] };
}

/** A network with one choice of the addresses AWS picks at apply, and what it stands for. */
interface AddressVariant {
  readonly net: Network;
  /** `10.0.1.126 -> 10.0.2.254`: the chosen addresses of the endpoints that have a choice. */
  readonly label: string;
  /** The interfaces whose address is chosen (for the unknown reason). */
  readonly missing: string;
}

/** Most variants traced; past that, the first MAX_VARIANTS (Terraform plans rarely come close). */
const MAX_VARIANTS = 64;

/**
 * Terraform plans: when an endpoint's interface gets its address at apply and rules or routes tell
 * parts of its subnet apart (NetworkInterface.pickedAtApply), one network per combination of the
 * candidate addresses; none otherwise.
 */
function addressVariants(net: Network, q: TraceQuery): AddressVariant[] {
  const src = resolveEndpoint(net, q.from, 'source');
  const dst = resolveDestination(net, q);
  const family = pickFamily(q, src, dst);
  const choices: { eni: NetworkInterface; ips: Ip[] }[] = [];
  for (const e of [src, dst]) {
    if (e.kind !== 'interface' || e.ip || !e.eni.pickedAtApply) continue;
    const ips = e.eni.pickedAtApply.filter((a) => a.family === family);
    if (ips.length > 1 && !choices.some((c) => c.eni === e.eni)) choices.push({ eni: e.eni, ips });
  }
  if (choices.length === 0) return [];
  let combos: Ip[][] = [[]];
  for (const c of choices) combos = combos.flatMap((combo) => c.ips.map((ip) => [...combo, ip]));
  const missing = choices
    .map((c) => `IPv${family} address of ${c.eni.attachment?.instanceId ?? c.eni.networkInterfaceId}`)
    .join(' and ');
  return combos.slice(0, MAX_VARIANTS).map((combo) => {
    const replaced = new Map(
      choices.map((c, i) => [c.eni.networkInterfaceId, withAddress(c.eni, c.ips[0]!, combo[i]!)]),
    );
    return {
      net: new Network({
        ...net.data,
        networkInterfaces: net.data.networkInterfaces.map((e) => replaced.get(e.networkInterfaceId) ?? e),
      }),
      label: combo.map(formatIp).join(' -> '),
      missing,
    };
  });
}

/**
 * `--from`/`--to` naming one of the addresses AWS may pick at apply: the network in which the
 * interface has that address (the net itself when neither does).
 */
function withNamedCandidates(net: Network, q: TraceQuery): Network {
  const replaced = new Map<string, NetworkInterface>();
  for (const text of [q.from, q.to]) {
    const ip = parseIp(text.trim());
    if (!ip || net.ownersOfPrivateIp(ip).length > 0) continue;
    const same = (a: Ip) => a.family === ip.family && a.value === ip.value;
    for (const e of net.data.networkInterfaces) {
      const picks = (e.pickedAtApply ?? []).filter((a) => a.family === ip.family);
      if (picks.length > 1 && picks.some(same))
        replaced.set(e.networkInterfaceId, withAddress(e, picks[0]!, ip));
    }
  }
  if (replaced.size === 0) return net;
  return new Network({
    ...net.data,
    networkInterfaces: net.data.networkInterfaces.map((e) => replaced.get(e.networkInterfaceId) ?? e),
  });
}

/** The interface with `to` in place of the address `from` it was given. */
function withAddress(eni: NetworkInterface, from: Ip, to: Ip): NetworkInterface {
  const same = (a: Ip) => a.family === from.family && a.value === from.value;
  return {
    ...eni,
    privateAddresses: eni.privateAddresses.map((a) => (same(a.ip) ? { ...a, ip: to } : a)),
    ipv6Addresses: eni.ipv6Addresses.map((a) => (same(a) ? to : a)),
  };
}

function traceRanges(net: Network, q: TraceQuery): Trace {
  const to = resolveDestination(net, q);
  const ranges =
    to.kind === 'service' ? (to.prefixList?.cidrs ?? []).filter((c) => c.family === (q.ipv6 ? 6 : 4)) : [];
  if (ranges.length < 2) return traceZones(net, q, 0);
  const results = ranges.map((_, i) => traceZones(net, q, i));
  const worst = worstOf(results);
  const differing = ranges
    .map((c, i) => ({ c, v: results[i]!.verdict }))
    .filter((r) => r.v !== worst.verdict);
  if (differing.length === 0) return worst;
  const warning: TraceWarning = {
    code: 'SERVICE_RANGES_DIFFER',
    message: traceWarningMessage('SERVICE_RANGES_DIFFER', {
      shown: worst.flow.destination.address,
      others: differing.map((d) => `${formatCidr(d.c)} ${d.v}`).join(', '),
    }),
  };
  return { ...worst, warnings: [...worst.warnings, warning] };
}

/** Most zone combinations tried when several appliance-mode attachments lie on one path. */
const MAX_ZONE_CHOICES = 16;

/**
 * With appliance mode, the transit gateway picks one zone of the attachment for a flow by a flow
 * hash (Transit Gateway guide, "Example: Appliance in a shared services VPC"), which a snapshot
 * cannot predict: the flow is traced through each zone the path's appliance-mode attachments
 * offer. One answer for all stands; different answers make the verdict unknown, showing the worst.
 */
function traceZones(net: Network, q: TraceQuery, serviceRange: number): Trace {
  const used = new Map<string, string>();
  const first = traceOne(net, q, serviceRange, undefined, used);
  let choices: [string, string][][] = [[]];
  for (const attId of used.keys()) {
    const att = net.transitGatewayAttachments.get(attId);
    const zones = [
      ...new Set(
        (att?.subnetIds ?? [])
          .map((id) => net.subnets.get(id)?.availabilityZone)
          .filter((z) => z !== undefined),
      ),
    ];
    if (zones.length < 2) continue;
    choices = choices.flatMap((c) => zones.map((z) => [...c, [attId, z] as [string, string]]));
  }
  if (choices.length < 2) return first;
  const results = choices
    .slice(0, MAX_ZONE_CHOICES)
    .map((c) => ({ c, trace: traceOne(net, q, serviceRange, new Map(c)) }));
  if (results.every((r) => r.trace.verdict === first.verdict)) return first;
  const worst = worstOf(results.map((r) => r.trace));
  const attachments = [...new Set(choices[0]!.map(([a]) => a))].join(', ');
  const outcomes = results.map((r) => `${r.c.map(([, z]) => z).join(' + ')} ${r.trace.verdict}`).join(', ');
  const why: UnknownReason = {
    code: 'APPLIANCE_ZONE_BY_FLOW_HASH',
    missing: attachments,
    message: applianceZoneMessage(attachments, outcomes),
  };
  return { ...worst, verdict: 'unknown', unknowns: [...worst.unknowns, why] };
}

/**
 * One trace. `zones` fixes the zone of appliance-mode attachments beforehand; `used` receives the
 * zone each appliance-mode attachment on the path was given.
 */
function traceOne(
  net: Network,
  q: TraceQuery,
  serviceRange: number,
  zones?: ReadonlyMap<string, string>,
  used?: Map<string, string>,
): Trace {
  const warnings: TraceWarning[] = [];
  const resolvedSrc = resolveEndpoint(net, q.from, 'source');
  const resolvedDst = resolveDestination(net, q);
  const family = pickFamily(q, resolvedSrc, resolvedDst);
  const srcIsInternet = resolvedSrc.kind === 'internet';
  // The internet can only address an instance through an interface with a public IPv4.
  const dst = srcIsInternet && family === 4 ? withPublicInterface(net, resolvedDst) : resolvedDst;
  const dstIp = addressFor(net, dst, family, 'destination', srcIsInternet, serviceRange);
  const src = sendingInterface(net, resolvedSrc, dstIp, warnings);
  const srcIp = addressFor(net, src, family, 'source', false);
  replyingInterface(net, dst, srcIp, warnings);
  // IPv4 and IPv6 are separate networks: a packet has one family (aws-semantics §1.4.1, §3.9).
  if (srcIp.family !== dstIp.family)
    throw new ResolveError('MIXED_FAMILIES', `${q.from} -> ${q.to}`, 'destination');
  const uses = protocolUsesPorts(q.protocol);
  const clientType = q.sourcePort ? undefined : (q.clientType ?? inferClientType(src));
  const srcRange = q.sourcePort ?? ephemeralRange(clientType ?? 'any');
  const dstPorts = uses ? PortSet.of(q.port ?? { from: 0, to: 65535 }) : PortSet.all();
  const srcPorts = uses ? PortSet.of(srcRange) : PortSet.all();
  const pkt: Packet = {
    src: srcIp,
    dst: dstIp,
    protocol: q.protocol,
    srcPorts,
    dstPorts,
    icmpType: q.icmpType,
    icmpCode: q.icmpCode,
  };

  const conntrack = new Map<string, ConntrackEntry>();
  const applianceZones = new Map<string, string>(zones);
  const seen = new Set<string>();
  const service = dst.kind === 'service' ? dst.service : undefined;
  const servicePrefixListId = dst.kind === 'service' ? dst.prefixList?.prefixListId : undefined;
  const namedInternetPeer =
    (src.kind === 'internet' && src.ip !== undefined) || (dst.kind === 'internet' && dst.ip !== undefined);
  const fwd = new Walker(
    net,
    {
      path: 'forward',
      reply: false,
      conntrack,
      applianceZones,
      seen,
      service,
      servicePrefixListId,
      namedInternetPeer,
    },
    dstPorts,
  );

  if (src.kind === 'interface') {
    if (src.instance) fwd.instanceState(src.instance);
    const detached = isDetached(src.eni);
    fwd.hop(fwd.eniRef(src.eni), [
      {
        kind: detached ? 'state' : 'origin',
        result: detached ? 'deny' : 'info',
        matched: [],
        note: detached ? 'INTERFACE_DETACHED' : undefined,
        blocking: detached,
      },
    ]);
    if (detached)
      fwd.block({
        code: 'BAD_STATE',
        component: fwd.eniRef(src.eni),
        direction: null,
        rule: null,
        fix: null,
        facts: { state: 'detached' },
      });
    fwd.sendFrom(src.eni, pkt);
  } else if (src.kind === 'internet') {
    fwd.hop(fwd.ref('internet', 'internet'), [
      { kind: 'origin', result: 'info', matched: [], blocking: false },
    ]);
    if (dst.kind === 'interface' && dstIp.family === 4 && !dst.eni.privateAddresses.some((a) => a.publicIp)) {
      startWithoutPublicIp(fwd, dst.eni, pkt);
    } else onInternet(fwd, pkt);
  } else if (src.kind === 'onprem') {
    fromOnPrem(fwd, src.network, pkt);
  } else {
    fwd.unknown({ code: 'UNMODELLED_ADDRESS', missing: formatIp(srcIp) });
    fwd.end = { kind: 'insufficient-info' };
  }

  const expected = expectedEnd(dst);
  const fend = fwd.end;
  const reached =
    (fend.kind === 'interface' &&
      expected.eni !== undefined &&
      fend.eni.networkInterfaceId === expected.eni.networkInterfaceId) ||
    (fend.kind === 'internet' && expected.kind === 'internet') ||
    (fend.kind === 'onprem' && expected.kind === 'onprem') ||
    // An S3/DynamoDB address given as an IP is delivered by the service (gateway endpoint or public endpoint).
    (fend.kind === 'service' && (expected.kind === 'service' || expected.kind === 'internet')) ||
    fend.kind === 'not-filtered';

  const reply =
    fend.kind === 'interface' || fend.kind === 'internet' || fend.kind === 'service' || fend.kind === 'onprem'
      ? replyOf(fend.pkt)
      : undefined;
  const ret = new Walker(
    net,
    { path: 'return', reply: true, conntrack, applianceZones, seen },
    reply?.dstPorts ?? PortSet.all(),
  );
  let returnReached = true;
  if (reached && reply && fend.kind !== 'not-filtered') {
    if (fend.kind === 'interface') ret.sendFrom(fend.eni, reply);
    else if (fend.kind === 'onprem') fromOnPrem(ret, fend.network, reply);
    else if (fend.kind === 'internet' || (fend.kind === 'service' && fend.via === 'internet'))
      fromInternet(
        ret,
        reply,
        fwd.blockers.some((b) => b.code === 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS'),
      );
    else if (fend.kind === 'service' && fend.from) {
      ret.hop(ret.ref('aws-service', fend.service));
      ret.hop(ret.ref('vpc-endpoint', fend.endpointId ?? ''), [
        { kind: 'delivery', result: 'allow', matched: [], note: 'GATEWAY_ENDPOINT', blocking: false },
      ]);
      ret.arrive(fend.from, reply, true);
    }
    const rend = ret.end;
    returnReached =
      (src.kind === 'interface' &&
        rend.kind === 'interface' &&
        rend.eni.networkInterfaceId === src.eni.networkInterfaceId) ||
      (src.kind === 'internet' && rend.kind === 'internet') ||
      (src.kind === 'onprem' && rend.kind === 'onprem');
  }

  // Verdict: a definite block before any doubt is final; doubt otherwise wins over blocks.
  const events = [...fwd.events.map((e) => ({ ...e, w: fwd })), ...ret.events.map((e) => ({ ...e, w: ret }))];
  const firstBlock = events.findIndex((e) => e.kind === 'blocker');
  const firstUnknown = events.findIndex((e) => e.kind === 'unknown');
  const anyUnknown = events.some((e) => e.kind === 'unknown' || e.kind === 'gate-unknown');
  const anyBlock = firstBlock >= 0 || fwd.live.isEmpty() || ret.live.isEmpty();
  const anyPartial = events.some((e) => e.kind === 'partial') || ret.partialRemapped;
  let verdict: Verdict;
  if (firstBlock >= 0 && (firstUnknown < 0 || firstBlock < firstUnknown)) verdict = 'unreachable';
  else if (anyUnknown) verdict = 'unknown';
  else if (anyBlock || !reached || !returnReached)
    verdict = fend.kind === 'unsupported' || fend.kind === 'insufficient-info' ? 'unknown' : 'unreachable';
  else if (anyPartial) verdict = 'partial';
  else verdict = 'reachable';

  const rendKind = ret.end.kind;
  const disposition =
    reached && (rendKind === 'unsupported' || rendKind === 'insufficient-info') && !fwd.fullyBlocked
      ? rendKind
      : dispositionOf(
          fend.kind,
          fwd.fullyBlocked || fwd.live.isEmpty(),
          reached,
          ret.fullyBlocked || ret.live.isEmpty() || !returnReached,
        );

  // One cause with one fix is reported once even if both directions meet it (e.g. source/destination check).
  const fixKeys = new Set<string>();
  const blockers: Blocker[] = [
    ...fwd.blockers.map((b) => ({ b, path: 'forward' as const })),
    ...ret.blockers.map((b) => ({ b, path: 'return' as const })),
  ]
    .filter(({ b }) => {
      // A component's broken state is one cause however many times the paths cross it.
      const stateCode = b.code.startsWith('BAD_STATE') || b.code === 'TGW_ATTACHMENT_NO_SUBNET_IN_AZ';
      if (!b.fix && !stateCode) return true;
      const key = `${b.code}|${b.component.id}|${stateCode ? '' : JSON.stringify(b.fix)}`;
      if (fixKeys.has(key)) return false;
      fixKeys.add(key);
      return true;
    })
    .map(({ b, path }) => {
      const affected = path === 'return' && b.ports !== undefined ? affectedClients(b.ports) : undefined;
      const fix = b.fix ? { change: b.fix, text: fixText(b.fix) } : null;
      const blocker: Blocker = {
        code: b.code,
        component: b.component,
        direction: b.direction,
        path,
        rule: b.rule,
        ...(b.ports !== undefined ? { ports: b.ports } : {}),
        ...(affected ? { affectedClients: affected } : {}),
        fix,
        message: '',
      };
      return { ...blocker, message: blockerMessage(blocker, b.facts ?? {}) };
    });
  const reported = new Set<string>();
  const unknowns: UnknownReason[] = [...fwd.unknowns, ...ret.unknowns]
    .filter((u) => {
      const key = `${u.code}|${u.missing}|${u.component?.id ?? ''}`;
      if (u.code === 'MISSING_RESOURCE_TYPE' ? reported.has(`${u.code}|${u.missing}`) : reported.has(key))
        return false;
      reported.add(u.code === 'MISSING_RESOURCE_TYPE' ? `${u.code}|${u.missing}` : key);
      return true;
    })
    .map((u) => ({ ...u, message: unknownMessage(u) }));

  const flow: FlowView = {
    source: endpointView(src, srcIp),
    destination: endpointView(dst, dstIp),
    protocol: q.protocol,
    protocolName: q.protocol === -1 ? 'all' : protocolName(q.protocol),
    destinationPort: uses ? portsText(dstPorts) : null,
    sourcePorts: uses ? formatPortRange(srcRange) : null,
    clientType: uses ? (clientType ?? null) : null,
    icmpType: q.icmpType ?? null,
    icmpCode: q.icmpCode ?? null,
  };
  for (const n of [...fwd.notes, ...ret.notes])
    if (!warnings.some((w) => w.code === n.code && w.resourceId === n.resourceId))
      warnings.push({
        code: n.code,
        resourceId: n.resourceId,
        message: traceWarningMessage(n.code, { ...n.facts, id: n.resourceId }),
      });
  if (used) for (const [att, az] of applianceZones) used.set(att, az);
  const result: Trace = {
    version: 1,
    verdict,
    disposition,
    flow,
    forward: fwd.hops,
    return: ret.hops,
    blockers,
    unknowns,
    warnings,
  };
  if (verdict === 'partial' && uses) {
    // Partial on the destination ports asked for (forward), else on the client's source ports (reply).
    if (!fwd.live.equals(dstPorts)) {
      return {
        ...result,
        ports: {
          of: 'destination',
          working: portsText(fwd.live),
          failing: portsText(dstPorts.subtract(fwd.live)),
        },
      };
    }
    const working = ret.partialRemapped ? PortSet.empty() : ret.live;
    return {
      ...result,
      ports: { of: 'source', working: portsText(working), failing: portsText(srcPorts.subtract(working)) },
    };
  }
  return result;
}

/** Internet → an instance with no public IPv4: nothing on the internet can address it (§4.1.3). */
function startWithoutPublicIp(w: Walker, eni: NetworkInterface, pkt: Packet): void {
  const comp = w.eniRef(eni);
  w.block({
    code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_INGRESS',
    component: comp,
    direction: 'inbound',
    rule: null,
    fix: {
      action: 'associate-public-ip',
      networkInterfaceId: eni.networkInterfaceId,
      privateIp: formatIp(pkt.dst),
    },
    facts: { networkInterfaceId: eni.networkInterfaceId, privateIp: formatIp(pkt.dst) },
  });
  // Go on as if it had one, so the rest of the path (gateway, NACL, SG) still shows its blockers.
  const igw = w.net.internetGatewayOf(eni.vpcId);
  if (igw) {
    const ref = w.ref('internet-gateway', igw.internetGatewayId, igw.tags);
    publicAccessBlocked(w, eni, ref, false);
    w.hop(ref, [
      { kind: 'translation', result: 'deny', matched: [], note: 'NO_PUBLIC_IPV4', blocking: true },
    ]);
    if (!ingressRouting(w, igw.internetGatewayId, pkt)) return;
  } else noGateway(w, eni.vpcId);
  w.arrive(eni, pkt, true);
}

/** For an instance with several interfaces, the one with a public IPv4 (the internet's way in). */
function withPublicInterface(net: Network, e: Endpoint): Endpoint {
  if (e.kind !== 'interface' || !e.instance || e.ip) return e;
  if (e.eni.privateAddresses.some((a) => a.publicIp)) return e;
  const other = net
    .interfacesOfInstance(e.instance.instanceId)
    .find((x) => x.privateAddresses.some((a) => a.publicIp));
  return other ? { ...e, eni: other } : e;
}

/**
 * Which interface of a multi-interface instance sends: the one in the destination's subnet (the
 * OS's directly connected route), else the primary (device 0) — the OS routing table decides, which
 * the snapshot cannot show, so the trace says which it assumed.
 */
function sendingInterface(net: Network, e: Endpoint, dst: Ip, warnings: TraceWarning[]): Endpoint {
  if (e.kind !== 'interface' || !e.instance || e.ip) return e;
  const enis = net.interfacesOfInstance(e.instance.instanceId);
  if (enis.length < 2) return e;
  const onLink = enis.find((x) => {
    const sn = net.subnets.get(x.subnetId);
    return dst.family === 4
      ? sn?.cidrBlock !== undefined && cidrContains(sn.cidrBlock, dst)
      : (sn?.ipv6CidrBlocks ?? []).some((c) => cidrContains(c, dst));
  });
  const chosen = onLink ?? e.eni;
  warnings.push({
    code: 'MULTIPLE_INTERFACES',
    resourceId: e.instance.instanceId,
    message: traceWarningMessage('MULTIPLE_INTERFACES', {
      instanceId: e.instance.instanceId,
      count: String(enis.length),
      networkInterfaceId: chosen.networkInterfaceId,
      why: onLink ? 'on-link' : 'primary',
    }),
  });
  return { ...e, eni: chosen };
}

/**
 * A request to a secondary interface (device index 1 or more) from outside that interface's
 * subnet: the trace assumes the reply leaves by the same interface, as Amazon Linux's policy routing
 * for secondary interfaces does; an OS that answers from its primary breaks the flow (the reply
 * then leaves with the wrong source, or is dropped by the source/destination check). Said, not
 * guessed: the snapshot cannot show the instance's routing table.
 */
function replyingInterface(net: Network, dst: Endpoint, client: Ip, warnings: TraceWarning[]): void {
  if (dst.kind !== 'interface' || !dst.instance) return;
  if ((dst.eni.attachment?.deviceIndex ?? 0) === 0) return;
  const enis = net.interfacesOfInstance(dst.instance.instanceId);
  if (enis.length < 2) return;
  const sn = net.subnets.get(dst.eni.subnetId);
  const onLink =
    client.family === 4
      ? sn?.cidrBlock !== undefined && cidrContains(sn.cidrBlock, client)
      : (sn?.ipv6CidrBlocks ?? []).some((c) => cidrContains(c, client));
  if (onLink) return;
  warnings.push({
    code: 'MULTIPLE_INTERFACES',
    resourceId: dst.instance.instanceId,
    message: traceWarningMessage('MULTIPLE_INTERFACES', {
      instanceId: dst.instance.instanceId,
      count: String(enis.length),
      networkInterfaceId: dst.eni.networkInterfaceId,
      why: 'reply',
    }),
  });
}

function expectedEnd(dst: Endpoint): { kind: string; eni?: NetworkInterface } {
  if (dst.kind === 'interface') return { kind: 'interface', eni: dst.eni };
  if (dst.kind === 'public-address') return { kind: 'interface', eni: dst.owner };
  return { kind: dst.kind };
}

function dispositionOf(end: string, fwdBlocked: boolean, reached: boolean, retBlocked: boolean): Disposition {
  if (end === 'not-filtered') return 'not-filtered-aws-service';
  if (end === 'unsupported') return 'unsupported';
  if (end === 'insufficient-info') return 'insufficient-info';
  if (end === 'no-route') return 'no-route';
  if (fwdBlocked || !reached) return 'dropped';
  if (retBlocked) return 'reply-dropped';
  if (end === 'internet') return 'exits-to-internet';
  if (end === 'service') return 'delivered-to-aws-service';
  return 'delivered';
}

function affectedClients(ports: string): string[] {
  const failing = parsePortList(ports);
  return CLIENT_TYPES.filter((c) => !failing.intersect(PortSet.of(c.range)).isEmpty()).map((c) => c.type);
}

function parsePortList(text: string): PortSet {
  if (text === 'none') return PortSet.empty();
  return PortSet.of(
    ...text.split(',').map((p) => {
      const [a, b] = p.trim().split('-');
      return { from: Number(a), to: Number(b ?? a) };
    }),
  );
}

function endpointView(e: Endpoint, ip: Ip): FlowView['source'] {
  const address = formatIp(ip);
  switch (e.kind) {
    case 'interface':
      return {
        address,
        kind: e.instance ? 'instance' : 'network-interface',
        id: e.instance?.instanceId ?? e.eni.networkInterfaceId,
        name: (e.instance?.tags.Name ?? e.eni.tags.Name) || null,
      };
    case 'public-address':
      return {
        address,
        kind: 'public-address',
        id: e.owner.attachment?.instanceId ?? e.owner.networkInterfaceId,
        name: null,
      };
    case 'onprem':
      return { address, kind: 'on-premises', id: e.network.name, name: null };
    case 'service':
      return {
        address,
        kind: 'aws-service',
        id: e.service,
        name: e.prefixList ? `${e.prefixList.prefixListName} (${e.prefixList.prefixListId})` : null,
      };
    default:
      return { address, kind: e.kind, id: null, name: null };
  }
}
