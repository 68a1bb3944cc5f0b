/** Shared look-ups for rules: internet route of a subnet, sample addresses, subnets of a NACL. */
import { pickInternetAddress } from '../engine/addresses.js';
import { lookupRoute } from '../engine/evaluate/route-table.js';
import { inferClientType } from '../engine/trace.js';
import type { Network, NetworkAcl, NetworkInterface, Route, RouteTable, Subnet } from '../model/index.js';
import { type Cidr, type ClientType, type Family, type Ip, ipOf } from '../net/index.js';

/** The route a table uses for internet-bound traffic of a family (undefined: none or undecidable). */
export function internetRoute(net: Network, table: RouteTable, family: Family = 4): Route | undefined {
  const r = lookupRoute(net, table, pickInternetAddress(net, family));
  return r.kind === 'route' ? r.choice.route : undefined;
}

export function internetRouteOfSubnet(net: Network, subnetId: string, family: Family = 4): Route | undefined {
  const rt = net.routeTableFor(subnetId);
  return rt ? internetRoute(net, rt.table, family) : undefined;
}

/** An address inside a CIDR: a public internet address for /0, else the first host. */
export function sampleIn(net: Network, c: Cidr): Ip {
  if (c.prefix === 0) return pickInternetAddress(net, c.family);
  const hostBits = (c.family === 4 ? 32 : 128) - c.prefix;
  return ipOf(c.family, c.base + (hostBits > 1 ? 1n : 0n));
}

/** The subnets whose traffic a NACL filters (explicit associations, or the default NACL's implicit ones). */
export function subnetsOfAcl(net: Network, acl: NetworkAcl): Subnet[] {
  return net.data.subnets.filter((s) => net.networkAclFor(s.subnetId) === acl);
}

/** Subnets using a route table (explicitly or as the main table). */
export function subnetsOfTable(net: Network, table: RouteTable): Subnet[] {
  return net.data.subnets.filter((s) => net.routeTableFor(s.subnetId)?.table === table);
}

export function nameTag(tags: Readonly<Record<string, string>>): string | undefined {
  return tags.Name;
}

/** The ephemeral-range client type of an interface (the engine's rule: platform, interface type). */
export function clientTypeOf(net: Network, eni: NetworkInterface): ClientType {
  const instanceId = eni.attachment?.instanceId;
  const instance = instanceId ? net.instances.get(instanceId) : undefined;
  return inferClientType({ kind: 'interface', eni, instance });
}

/** Interface types that open connections of their own (endpoint and load-balancer ENIs only answer). */
export const INITIATORS: ReadonlySet<string> = new Set(['interface', 'nat_gateway', 'lambda']);
