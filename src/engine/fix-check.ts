/**
 * Whether the fixes a trace suggests are enough: they are applied to a copy of the network and the
 * flow is traced again. Only changes that can be made mechanically are applied — a security-group
 * rule, a network ACL entry, a route with a known target, a public address, source/destination
 * check off, an internet gateway attached, an instance started, instance metadata on — the others
 * (replace a route, change a component's state, take another path) are listed as not applied. Knows
 * the fix actions and the model's data, not their wording.
 */
import { type Instance, Network, type NetworkData, type RouteTargetType } from '../model/index.js';
import { mustParseIp, parseCidr, parseIp, parsePortRange } from '../net/index.js';
import { type TraceQuery, trace } from './trace.js';
import type { Fix, FixAction, FixCheck, Trace } from './types.js';

const TARGETS = new Set<string>([
  'internet-gateway',
  'egress-only-internet-gateway',
  'nat-gateway',
  'instance',
  'network-interface',
  'vpc-peering-connection',
  'vpc-endpoint',
  'transit-gateway',
  'vpn-gateway',
]);

/** A public address no snapshot holds (198.18.0.0/15, set aside for benchmarking), for the fix that asks for one. */
const PLACEHOLDER_PUBLIC_IP = '198.19.255.254';

type Data = { -readonly [K in keyof NetworkData]: NetworkData[K] };

/** One fix applied to the data; false when it cannot be applied mechanically. */
function apply(d: Data, f: FixAction): boolean {
  const withInstance = (id: string, change: (i: Instance) => Instance): boolean => {
    if (!d.instances.some((i) => i.instanceId === id)) return false;
    d.instances = d.instances.map((i) => (i.instanceId === id ? change(i) : i));
    return true;
  };
  switch (f.action) {
    case 'add-security-group-rule': {
      const cidr = parseCidr(f.cidr)?.cidr;
      if (!cidr || !d.securityGroups.some((g) => g.groupId === f.groupId)) return false;
      const egress = f.direction === 'outbound';
      d.securityGroups = d.securityGroups.map((g) => {
        if (g.groupId !== f.groupId) return g;
        const rule = {
          groupId: g.groupId,
          egress,
          ipProtocol: f.ipProtocol,
          ...(f.fromPort !== null ? { fromPort: f.fromPort } : {}),
          ...(f.toPort !== null ? { toPort: f.toPort } : {}),
          peer: { kind: 'cidr' as const, cidr },
          permissionIndex: (egress ? g.egress : g.ingress).length,
        };
        return egress ? { ...g, egress: [...g.egress, rule] } : { ...g, ingress: [...g.ingress, rule] };
      });
      return true;
    }
    case 'add-network-acl-entry': {
      const cidr = parseCidr(f.cidr)?.cidr;
      const portRange = f.portRange === null ? undefined : parsePortRange(f.portRange);
      if (!cidr || (f.portRange !== null && !portRange)) return false;
      if (!d.networkAcls.some((a) => a.networkAclId === f.networkAclId)) return false;
      const entry = {
        ruleNumber: f.ruleNumber ?? f.beforeRuleNumber - 1,
        egress: f.egress,
        ruleAction: 'allow' as const,
        protocol: f.protocol,
        cidr,
        ...(portRange ? { portRange } : {}),
        ...(f.icmpType !== undefined ? { icmpTypeCode: { type: f.icmpType, code: f.icmpCode ?? -1 } } : {}),
      };
      d.networkAcls = d.networkAcls.map((a) =>
        a.networkAclId === f.networkAclId ? { ...a, entries: [...a.entries, entry] } : a,
      );
      return true;
    }
    case 'add-route': {
      const { id, type } = f.target;
      if (id === null || !TARGETS.has(type) || !d.routeTables.some((t) => t.routeTableId === f.routeTableId))
        return false;
      const cidr = f.destination.startsWith('pl-') ? undefined : parseCidr(f.destination)?.cidr;
      if (!f.destination.startsWith('pl-') && !cidr) return false;
      const route = {
        destination: cidr
          ? { kind: 'cidr' as const, cidr }
          : { kind: 'prefix-list' as const, prefixListId: f.destination },
        target: { type: type as RouteTargetType, id },
        state: 'active' as const,
        origin: 'CreateRoute' as const,
        destinationText: f.destination,
      };
      d.routeTables = d.routeTables.map((t) =>
        t.routeTableId === f.routeTableId ? { ...t, routes: [...t.routes, route] } : t,
      );
      return true;
    }
    case 'associate-public-ip': {
      const ip = parseIp(f.privateIp);
      if (!ip) return false;
      let found = false;
      d.networkInterfaces = d.networkInterfaces.map((e) => {
        if (e.networkInterfaceId !== f.networkInterfaceId) return e;
        return {
          ...e,
          privateAddresses: e.privateAddresses.map((a) => {
            if (a.ip.family !== ip.family || a.ip.value !== ip.value) return a;
            found = true;
            return { ...a, publicIp: mustParseIp(PLACEHOLDER_PUBLIC_IP) };
          }),
        };
      });
      return found;
    }
    case 'disable-source-dest-check': {
      if (!d.networkInterfaces.some((e) => e.networkInterfaceId === f.networkInterfaceId)) return false;
      d.networkInterfaces = d.networkInterfaces.map((e) =>
        e.networkInterfaceId === f.networkInterfaceId ? { ...e, sourceDestCheck: false } : e,
      );
      if (f.instanceId !== null) withInstance(f.instanceId, (i) => ({ ...i, sourceDestCheck: false }));
      return true;
    }
    case 'attach-internet-gateway': {
      const igwId = f.internetGatewayId;
      // "Attach one" is done when another fix of the same trace attached one already.
      if (igwId === null)
        return d.internetGateways.some((g) => g.attachments.some((a) => a.vpcId === f.vpcId));
      if (!d.internetGateways.some((g) => g.internetGatewayId === igwId)) return false;
      d.internetGateways = d.internetGateways.map((g) =>
        g.internetGatewayId === igwId
          ? { ...g, attachments: [...g.attachments, { vpcId: f.vpcId, state: 'available' }] }
          : g,
      );
      return true;
    }
    case 'start-instance':
      return withInstance(f.instanceId, (i) => ({ ...i, state: 'running' }));
    case 'enable-instance-metadata':
      return withInstance(f.instanceId, (i) => ({
        ...i,
        metadataOptions: {
          ...i.metadataOptions,
          httpEndpoint: 'enabled',
          ...(f.ipv6 ? { httpProtocolIpv6: 'enabled' } : {}),
        },
      }));
    case 'replace-route':
    case 'change-component-state':
    case 'use-different-path':
      return false;
  }
}

/** Rounds of fixes applied at most: the trace's own, then those of blockers they uncover. */
const MAX_ROUNDS = 3;

/** Applies fixes to the data; the actions of those that cannot be applied. */
function applyAll(d: Data, fixes: readonly FixAction[], seen: Set<string>): FixAction['action'][] {
  const notApplied: FixAction['action'][] = [];
  // A fix that leaves the choice of gateway open comes after one that names it.
  const open = (f: FixAction) =>
    f.action === 'attach-internet-gateway' && f.internetGatewayId === null ? 1 : 0;
  for (const f of [...fixes].sort((a, b) => open(a) - open(b))) {
    // The same fix suggested twice (a blocker met on both paths) is made once.
    const key = JSON.stringify(f);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!apply(d, f)) notApplied.push(f.action);
  }
  return notApplied;
}

/**
 * The fixes of a trace's blockers applied and the flow traced again; undefined when no blocker has
 * a fix. Blockers that only show once those fixes are made (behind a route that was missing, say)
 * get their own fixes applied in turn, up to MAX_ROUNDS rounds: `further` lists them.
 */
export function checkFixes(net: Network, q: TraceQuery, t: Trace): FixCheck | undefined {
  const fixes = t.blockers.flatMap((b) => (b.fix ? [b.fix.change] : []));
  if (fixes.length === 0) return undefined;
  let d: Data = { ...net.data };
  let seen = new Set<string>();
  const notApplied = applyAll(d, fixes, seen);
  const applied = fixes.length - notApplied.length;
  const further: Fix[] = [];
  let after = trace(new Network(d), q);
  for (let round = 1; round < MAX_ROUNDS && notApplied.length === 0; round++) {
    // Only a round that can be made whole: every new blocker with a fix that can be applied.
    if (after.blockers.length === 0 || after.blockers.some((b) => !b.fix)) break;
    const next = after.blockers.map((b) => b.fix!).filter((f) => !seen.has(JSON.stringify(f.change)));
    if (next.length === 0) break;
    // Tried on a copy, kept only when every fix of the round applies.
    const trial: Data = { ...d };
    const trialSeen = new Set(seen);
    if (
      applyAll(
        trial,
        next.map((f) => f.change),
        trialSeen,
      ).length > 0
    )
      break;
    d = trial;
    seen = trialSeen;
    further.push(...next);
    after = trace(new Network(d), q);
  }
  return {
    verdict: after.verdict,
    applied,
    notApplied,
    remaining: after.blockers.map((b) => b.code),
    further,
  };
}
