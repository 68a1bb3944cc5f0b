/**
 * Turns what a user types for `--from`/`--to` into an endpoint of the model: an instance id, an ENI
 * id, an IP address (private or public of the model, an internet address), a `Name` tag, `internet`,
 * or (destination only) `s3`/`dynamodb`. Ambiguity and unknown names are errors listing candidates.
 * Knows the model's names and addresses; nothing about paths.
 */

import type { Instance, Network, NetworkInterface, OnPremNetwork, PrefixList } from '../model/index.js';
import { primaryPrivateIp } from '../model/index.js';
import { type Family, formatIp, type Ip, LpmTrie, parseIp } from '../net/index.js';
import { isInternetRoutable } from './addresses.js';

export type Endpoint =
  | {
      readonly kind: 'interface';
      readonly eni: NetworkInterface;
      readonly instance?: Instance | undefined;
      readonly ip?: Ip | undefined;
    }
  | { readonly kind: 'internet'; readonly ip?: Ip | undefined }
  | { readonly kind: 'public-address'; readonly ip: Ip; readonly owner: NetworkInterface }
  | {
      readonly kind: 'service';
      readonly service: 's3' | 'dynamodb';
      readonly prefixList?: PrefixList | undefined;
    }
  | { readonly kind: 'onprem'; readonly ip: Ip; readonly network: OnPremNetwork }
  | { readonly kind: 'external'; readonly ip: Ip };

const NAT64_HIGH = parseIp('64:ff9b::')!.value >> 32n;

export class ResolveError extends Error {
  constructor(
    readonly code:
      | 'UNKNOWN_ENDPOINT'
      | 'AMBIGUOUS_ENDPOINT'
      | 'BAD_ENDPOINT'
      | 'NO_ADDRESS'
      | 'MIXED_FAMILIES'
      | 'UNASSOCIATED_ADDRESS',
    readonly value: string,
    readonly role: 'source' | 'destination',
    readonly candidates: readonly string[] = [],
  ) {
    super(`${code}: ${value}`);
  }
}

export function resolveEndpoint(net: Network, text: string, role: 'source' | 'destination'): Endpoint {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === 'internet') return { kind: 'internet' };
  if (lower === 's3' || lower === 'dynamodb') {
    if (role === 'source') throw new ResolveError('BAD_ENDPOINT', t, role);
    return { kind: 'service', service: lower, prefixList: servicePrefixList(net, lower) };
  }
  const ip = parseIp(t);
  if (ip) return resolveIp(net, ip, role, t);
  if (t.startsWith('i-')) {
    const inst = net.instances.get(t);
    if (!inst) throw new ResolveError('UNKNOWN_ENDPOINT', t, role, [...net.instances.keys()]);
    return fromInstance(net, inst, role, t);
  }
  if (t.startsWith('eni-')) {
    const eni = net.networkInterfaces.get(t);
    if (!eni) throw new ResolveError('UNKNOWN_ENDPOINT', t, role, [...net.networkInterfaces.keys()]);
    return { kind: 'interface', eni, instance: instanceOf(net, eni) };
  }
  // Any other id the model holds, e.g. the `tf:<address>` ids of resources a Terraform plan has not
  // created yet; a bare Terraform address (`aws_instance.web`) names the same resource.
  const inst = net.instances.get(t) ?? net.instances.get(`tf:${t}`);
  if (inst) return fromInstance(net, inst, role, t);
  const eni = net.networkInterfaces.get(t) ?? net.networkInterfaces.get(`tf:${t}`);
  if (eni) return { kind: 'interface', eni, instance: instanceOf(net, eni) };
  const byName: Array<{ label: string; endpoint: () => Endpoint }> = [];
  for (const inst of net.data.instances) {
    if (inst.tags.Name === t)
      byName.push({
        label: `${inst.instanceId} (instance)`,
        endpoint: () => fromInstance(net, inst, role, t),
      });
  }
  for (const eni of net.data.networkInterfaces) {
    if (eni.tags.Name === t && !byName.some((b) => b.label.startsWith(eni.attachment?.instanceId ?? '#')))
      byName.push({
        label: `${eni.networkInterfaceId} (network interface)`,
        endpoint: () => ({ kind: 'interface', eni, instance: instanceOf(net, eni) }),
      });
  }
  if (byName.length === 1) return byName[0]!.endpoint();
  if (byName.length > 1)
    throw new ResolveError(
      'AMBIGUOUS_ENDPOINT',
      t,
      role,
      byName.map((b) => b.label),
    );
  const names = [
    ...net.data.instances.map((i) => i.tags.Name),
    ...net.data.networkInterfaces.map((e) => e.tags.Name),
  ].filter((n): n is string => !!n);
  throw new ResolveError('UNKNOWN_ENDPOINT', t, role, [...new Set(names)].sort());
}

function instanceOf(net: Network, eni: NetworkInterface): Instance | undefined {
  const id = eni.attachment?.instanceId;
  return id ? net.instances.get(id) : undefined;
}

function fromInstance(net: Network, inst: Instance, role: 'source' | 'destination', text: string): Endpoint {
  const enis = net.interfacesOfInstance(inst.instanceId);
  const primary = enis.find((e) => e.attachment?.deviceIndex === 0) ?? enis[0];
  if (!primary) throw new ResolveError('NO_ADDRESS', text, role);
  return { kind: 'interface', eni: primary, instance: inst };
}

function resolveIp(net: Network, ip: Ip, role: 'source' | 'destination', text: string): Endpoint {
  const owners = net.ownersOfPrivateIp(ip);
  if (owners.length > 1) {
    throw new ResolveError(
      'AMBIGUOUS_ENDPOINT',
      text,
      role,
      owners.map((o) => `${o.eni.networkInterfaceId} in ${o.eni.vpcId}`),
    );
  }
  const owner = owners[0];
  if (owner) return { kind: 'interface', eni: owner.eni, instance: instanceOf(net, owner.eni), ip };
  if (ip.family === 4) {
    const pub = net.ownerOfPublicIp(ip);
    if (pub) {
      if (role === 'source')
        return { kind: 'interface', eni: pub.eni, instance: instanceOf(net, pub.eni), ip: pub.ip };
      return { kind: 'public-address', ip, owner: pub.eni };
    }
    // An Elastic IP allocated to the account but associated with nothing: AWS delivers nothing
    // addressed to it and nothing can be sent from it; it is not some host on the internet.
    const idle = net.unassociatedElasticIp(ip);
    if (idle) throw new ResolveError('UNASSOCIATED_ADDRESS', text, role, [idle.allocationId ?? formatIp(ip)]);
  }
  const onprem = net.onPremNetworkOf(ip);
  if (onprem) return { kind: 'onprem', ip, network: onprem };
  // A route table sends this address to a transit gateway or VPN gateway: it most likely lives
  // on-premises, which only an --onprem file can describe.
  if (routedToHybrid(net, ip)) return { kind: 'external', ip };
  // A NAT64 address (64:ff9b::/96) stands for the IPv4 internet host embedded in it.
  if (isInternetRoutable(ip) || (ip.family === 6 && ip.value >> 32n === NAT64_HIGH))
    return { kind: 'internet', ip };
  return { kind: 'external', ip };
}

/**
 * The AWS-managed prefix list of a gateway-endpoint service (`com.amazonaws.<region>.s3`), in the
 * given region when known: gateway endpoints serve their own region only (aws-semantics §6.2).
 */
export function servicePrefixList(net: Network, service: string, region?: string): PrefixList | undefined {
  const lists = net.data.prefixLists.filter(
    (p) => p.prefixListName.startsWith('com.amazonaws.') && p.prefixListName.endsWith(`.${service}`),
  );
  return (
    (region ? lists.find((p) => p.prefixListName === `com.amazonaws.${region}.${service}`) : undefined) ??
    lists[0]
  );
}

/** The address an interface endpoint uses in the given family (primary private IPv4, first IPv6). */
export function interfaceAddress(eni: NetworkInterface, family: Family): Ip | undefined {
  return family === 4 ? primaryPrivateIp(eni) : eni.ipv6Addresses[0];
}

export function describeEndpoint(e: Endpoint): string {
  switch (e.kind) {
    case 'interface':
      return e.instance?.instanceId ?? e.eni.networkInterfaceId;
    case 'internet':
      return e.ip ? formatIp(e.ip) : 'internet';
    case 'public-address':
    case 'external':
    case 'onprem':
      return formatIp(e.ip);
    case 'service':
      return e.service;
  }
}

const hybridRoutes = new WeakMap<Network, { v4: LpmTrie<true>; v6: LpmTrie<true> }>();

/** Is the address routed (more specifically than /0) to a transit gateway or VPN gateway by some route table? */
function routedToHybrid(net: Network, ip: Ip): boolean {
  let idx = hybridRoutes.get(net);
  if (!idx) {
    idx = { v4: new LpmTrie<true>(4), v6: new LpmTrie<true>(6) };
    for (const t of net.data.routeTables)
      for (const r of t.routes)
        if (
          (r.target.type === 'transit-gateway' || r.target.type === 'vpn-gateway') &&
          r.destination.kind === 'cidr' &&
          r.destination.cidr.prefix > 0
        )
          (r.destination.cidr.family === 4 ? idx.v4 : idx.v6).insert(r.destination.cidr, true);
    hybridRoutes.set(net, idx);
  }
  return (ip.family === 4 ? idx.v4 : idx.v6).lookup(ip) !== undefined;
}
