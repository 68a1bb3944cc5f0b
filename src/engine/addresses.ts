/**
 * Which addresses the internet carries, and how `internet` is given an address when the user does
 * not name one: a public address that no CIDR in the snapshot names more specifically than /0, so
 * no rule treats it specially. Knows address classes; nothing about paths.
 */

import type { Network } from '../model/index.js';
import {
  type Cidr,
  cidrContains,
  type Family,
  type Ip,
  IpRangeSet,
  parseCidr,
  parseIp,
} from '../net/index.js';

const cidrs = (list: string[]): Cidr[] => list.map((t) => parseCidr(t)!.cidr);

/** Never routed on the internet (RFC 6890 special-purpose blocks); documentation ranges are kept, as examples use them as internet hosts. */
const NOT_ON_INTERNET_V4 = cidrs([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
]);
const INTERNET_V6 = cidrs(['2000::/3']);

export function isInternetRoutable(ip: Ip): boolean {
  if (ip.family === 4) return !NOT_ON_INTERNET_V4.some((c) => cidrContains(c, ip));
  return INTERNET_V6.some((c) => cidrContains(c, ip));
}

const PREFERRED = [
  '8.8.8.8',
  '1.1.1.1',
  '9.9.9.9',
  '208.67.222.222',
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
].map((t) => parseIp(t)!);

/** Every CIDR the snapshot names in rules, routes and address blocks (except /0). */
function namedCidrs(net: Network, family: 4 | 6): Cidr[] {
  const out: Cidr[] = [];
  const add = (c: Cidr | undefined) => {
    if (c && c.family === family && c.prefix > 0) out.push(c);
  };
  for (const g of net.data.securityGroups)
    for (const r of [...g.ingress, ...g.egress]) if (r.peer.kind === 'cidr') add(r.peer.cidr);
  for (const a of net.data.networkAcls) for (const e of a.entries) add(e.cidr);
  for (const t of net.data.routeTables)
    for (const r of t.routes) if (r.destination.kind === 'cidr') add(r.destination.cidr);
  for (const v of net.data.vpcs) for (const c of [...v.cidrBlocks, ...v.ipv6CidrBlocks]) add(c);
  for (const p of net.data.prefixLists) for (const c of p.cidrs ?? []) add(c);
  return out;
}

/** An internet address for `internet`: a well-known public resolver if the snapshot names none of them, else the first unnamed public address. */
const picked = new WeakMap<Network, Map<Family, Ip>>();

export function pickInternetAddress(net: Network, family: Family): Ip {
  let byFamily = picked.get(net);
  if (!byFamily) picked.set(net, (byFamily = new Map()));
  const hit = byFamily.get(family);
  if (hit) return hit;
  const ip = computeInternetAddress(net, family);
  byFamily.set(family, ip);
  return ip;
}

function computeInternetAddress(net: Network, family: Family): Ip {
  const named = namedCidrs(net, family);
  const free = (ip: Ip) => !named.some((c) => cidrContains(c, ip)) && !isPublicOfModel(net, ip);
  for (const p of PREFERRED) if (p.family === family && free(p)) return p;
  const set = IpRangeSet.of(family);
  set.addCidr(parseCidr(family === 4 ? '1.0.0.0/8' : '2001:4860::/32')!.cidr);
  for (const c of named) set.subtractCidr(c);
  // Every candidate is named by some rule (e.g. 0.0.0.0/1 + 128.0.0.0/1): no address is neutral,
  // so take the first preferred one; its rules are what a real internet host meets too.
  return set.first() ?? PREFERRED.find((p) => p.family === family)!;
}

function isPublicOfModel(net: Network, ip: Ip): boolean {
  return ip.family === 4 ? net.ownerOfPublicIp(ip) !== undefined : net.ownersOfPrivateIp(ip).length > 0;
}
