/**
 * Route selection in one route table, as AWS documents it (aws-semantics §1.2-1.4, [RT-PRIO]):
 * longest prefix match first (prefix-list routes count with the length of the matching list entry);
 * on identical prefixes static > prefix list > propagated; a propagated route never beats the local
 * route even when more specific (§1.2.5); a matching blackhole route drops, no fallback (§1.3);
 * destinations in 169.254.168.0/22 and fd00:ec2::/32 are never routed (§1.2.6).
 * Knows route tables and prefix lists; does not know what a target does with the packet.
 */

import type { Network, Route, RouteTable } from '../../model/index.js';
import { type Cidr, cidrContains, cidrOf, formatCidr, type Ip, LpmTrie, parseCidr } from '../../net/index.js';
import type { MatchedRule } from '../types.js';

export interface RouteChoice {
  readonly route: Route;
  /** The prefix that matched (for prefix-list routes, the list entry). */
  readonly matchedCidr: Cidr;
}

export type RouteLookup =
  | { readonly kind: 'route'; readonly choice: RouteChoice; readonly nonDeterministic: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'unroutable'; readonly range: string }
  | { readonly kind: 'unknown'; readonly prefixListId: string };

const UNROUTABLE = [parseCidr('169.254.168.0/22')!.cidr, parseCidr('fd00:ec2::/32')!.cidr];

interface Candidate {
  route: Route;
  cidr: Cidr;
}

interface TableIndex {
  v4: LpmTrie<Route>;
  v6: LpmTrie<Route>;
  prefixListRoutes: Route[];
}

const cache = new WeakMap<RouteTable, TableIndex>();

function indexOf(table: RouteTable): TableIndex {
  let idx = cache.get(table);
  if (!idx) {
    idx = { v4: new LpmTrie<Route>(4), v6: new LpmTrie<Route>(6), prefixListRoutes: [] };
    for (const r of table.routes) {
      if (r.destination.kind === 'cidr')
        (r.destination.cidr.family === 4 ? idx.v4 : idx.v6).insert(r.destination.cidr, r);
      else idx.prefixListRoutes.push(r);
    }
    cache.set(table, idx);
  }
  return idx;
}

/** 0 = static (incl. local), 1 = prefix list, 2 = propagated: lower wins on identical prefixes. */
function rank(r: Route): number {
  if (r.origin === 'EnableVgwRoutePropagation' || r.origin === 'Advertisement') return 2;
  return r.destination.kind === 'prefix-list' ? 1 : 0;
}

function isLocal(r: Route): boolean {
  return r.target.type === 'local';
}

/**
 * Look a destination up. `servicePrefixListId` marks a packet known to be addressed to that AWS
 * service (e.g. `--to s3`) so its prefix-list route matches even when the list's entries were not captured.
 */
export function lookupRoute(
  net: Network,
  table: RouteTable,
  dst: Ip,
  servicePrefixListId?: string,
): RouteLookup {
  for (const u of UNROUTABLE) if (cidrContains(u, dst)) return { kind: 'unroutable', range: formatCidr(u) };
  const idx = indexOf(table);
  const candidates: Candidate[] = [];
  for (const m of (dst.family === 4 ? idx.v4 : idx.v6).matches(dst)) {
    for (const route of m.values) candidates.push({ route, cidr: m.cidr });
  }
  for (const route of idx.prefixListRoutes) {
    if (route.destination.kind !== 'prefix-list') continue;
    const plId = route.destination.prefixListId;
    const pl = net.prefixLists.get(plId);
    if (pl?.cidrs) {
      let best: Cidr | undefined;
      for (const c of pl.cidrs) if (cidrContains(c, dst) && (!best || c.prefix > best.prefix)) best = c;
      if (best) candidates.push({ route, cidr: best });
    } else if (servicePrefixListId === plId) {
      // Entries unknown but the packet is addressed to this service: the list surely covers it, with
      // a prefix longer than /0 (AWS service ranges are never the whole space).
      candidates.push({ route, cidr: cidrOf(dst, 1) });
    } else if (servicePrefixListId === undefined || !pl?.prefixListName.startsWith('com.amazonaws.')) {
      // A prefix-list route whose entries we lack could cover this address: only matters if it
      // could beat what else matched; decided below. (AWS-managed service lists are disjoint, so a
      // packet addressed to another AWS service is not covered; a customer list may cover anything.)
      candidates.push({ route, cidr: { family: dst.family, base: 0n, prefix: -1 } as Cidr });
    }
  }
  const known = candidates.filter((c) => c.cidr.prefix >= 0);
  const unknownPl = candidates.find((c) => c.cidr.prefix < 0);
  if (known.length === 0) {
    if (unknownPl && unknownPl.route.destination.kind === 'prefix-list')
      return { kind: 'unknown', prefixListId: unknownPl.route.destination.prefixListId };
    return { kind: 'none' };
  }
  // A propagated route that overlaps the local route never wins, even when more specific (S2S route
  // priority): when the local route matches, propagated candidates are out of the race.
  const eligible = known.some((c) => isLocal(c.route)) ? known.filter((c) => rank(c.route) !== 2) : known;
  eligible.sort((a, b) => b.cidr.prefix - a.cidr.prefix || rank(a.route) - rank(b.route));
  const best = eligible[0]!;
  // An unknown prefix list could hold a longer prefix than the winner: only a /32 (or /128) winner is safe.
  if (
    unknownPl &&
    unknownPl.route.destination.kind === 'prefix-list' &&
    best.cidr.prefix < (dst.family === 4 ? 32 : 128)
  ) {
    if (!isLocal(best.route))
      return { kind: 'unknown', prefixListId: unknownPl.route.destination.prefixListId };
  }
  const ties = eligible.filter(
    (c) =>
      c.cidr.prefix === best.cidr.prefix &&
      rank(c.route) === 1 &&
      rank(best.route) === 1 &&
      c.route.target.id !== best.route.target.id,
  );
  return {
    kind: 'route',
    choice: { route: best.route, matchedCidr: best.cidr },
    nonDeterministic: ties.length > 0,
  };
}

export function routeMatched(table: RouteTable, r: Route): MatchedRule {
  return {
    type: 'route',
    routeTableId: table.routeTableId,
    destination: r.destinationText,
    target: { type: r.target.type, id: r.target.id },
    origin: r.origin,
    state: r.state,
  };
}
