/**
 * The private addresses of an interface a plan creates. Known addresses (`private_ip`,
 * `private_ips`, `secondary_private_ips`, `ipv6_addresses`) are used as they are. An address AWS
 * picks at apply is "some address of the subnet": once the whole network is built, if no CIDR in it
 * (a security group or NACL rule, a route, a prefix-list entry) covers only part of the subnet, every
 * address of the subnet gets the same answers, so one free address stands for all of them
 * (UNKNOWN_UNTIL_APPLY names it). Otherwise the answer may depend on the address: the subnet is cut
 * into the parts those CIDRs tell apart, one free address stands for each (the interface's
 * `pickedAtApply`, the first used as its address), and traces try them all (engine/trace.ts).
 */
import type { PrivateAddress, Subnet } from '../../../model/index.js';
import {
  type Cidr,
  cidrContainsCidr,
  cidrOverlaps,
  cidrSize,
  formatCidr,
  formatIp,
  type Ip,
  ipOf,
} from '../../../net/index.js';
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';

export interface AddressRequest {
  readonly eniId: string;
  /** Known private IPv4 texts, primary first (undefined entries are skipped). */
  readonly ipv4: readonly (string | undefined)[];
  readonly ipv6: readonly (string | undefined)[];
  /** The interface has a primary IPv4 address even when none is known (every ENI has one). */
  readonly wantIpv4: boolean;
  /** How many IPv6 addresses AWS assigns (`ipv6_address_count`); known ones count towards it. */
  readonly ipv6Count: number;
  /** Attribute named in warnings (`private_ip`, `network_interface_ids[0]`). */
  readonly field: string;
  /** The public IPv4 of the primary address (auto-assigned placeholder). */
  readonly publicIp?: Ip | undefined;
}

/** An address to pick at the end, when every CIDR of the network is known. */
export interface PendingAddress {
  readonly eniId: string;
  readonly res: PlannedResource;
  readonly subnetId: string;
  readonly family: 4 | 6;
  readonly field: string;
  publicIp?: Ip | undefined;
  allocationId?: string | undefined;
}

export function addressesOf(
  ctx: PlanContext,
  r: PlannedResource,
  subnet: Subnet,
  req: AddressRequest,
): { privateAddresses: PrivateAddress[]; ipv6Addresses: Ip[] } {
  const seen = new Set<string>();
  const privateAddresses: PrivateAddress[] = [];
  for (const text of req.ipv4) {
    if (!text || seen.has(text)) continue;
    seen.add(text);
    const ip = ctx.ip(r, req.field, text);
    if (ip?.family === 4)
      privateAddresses.push({
        ip,
        primary: privateAddresses.length === 0,
        publicIp: privateAddresses.length === 0 ? req.publicIp : undefined,
      });
  }
  const ipv6Addresses: Ip[] = [];
  for (const text of req.ipv6) {
    if (!text || seen.has(text)) continue;
    seen.add(text);
    const ip = ctx.ip(r, 'ipv6_addresses', text);
    if (ip?.family === 6) ipv6Addresses.push(ip);
  }
  const pending = (family: 4 | 6, field: string, publicIp?: Ip) =>
    ctx.pendingAddresses.push({
      eniId: req.eniId,
      res: r,
      subnetId: subnet.subnetId,
      family,
      field,
      publicIp,
    });
  if (req.wantIpv4 && privateAddresses.length === 0) pending(4, req.field, req.publicIp);
  for (let i = ipv6Addresses.length; i < req.ipv6Count; i++) pending(6, 'ipv6_addresses');
  return { privateAddresses, ipv6Addresses };
}

/** Every CIDR a decision can turn on: rule peers, NACL entries, route destinations, prefix-list entries. */
function decisionCidrs(ctx: PlanContext): Cidr[] {
  const out: Cidr[] = [];
  for (const g of ctx.groups.values())
    for (const rule of [...g.ingress, ...g.egress]) if (rule.peer.kind === 'cidr') out.push(rule.peer.cidr);
  for (const a of ctx.acls.values()) for (const e of a.entries) out.push(e.cidr);
  for (const t of ctx.routeTables.values())
    for (const r of t.routes) if (r.destination.kind === 'cidr') out.push(r.destination.cidr);
  for (const p of ctx.prefixLists.values()) out.push(...(p.cidrs ?? []));
  out.push(...ctx.extraDecisionCidrs);
  return out;
}

/** Most parts of a subnet traced for one address picked at apply. */
const MAX_PARTS = 16;

/**
 * One free address for each part of `block` that the `splits` tell apart (the highest of the part
 * that AWS does not reserve and no interface holds), in address order; undefined when a part has no
 * free address or there are more than MAX_PARTS parts.
 */
function partAddresses(block: Cidr, splits: readonly Cidr[], taken: ReadonlySet<string>): Ip[] | undefined {
  const size = cidrSize(block);
  const cuts = new Set<bigint>([0n, size]);
  for (const c of splits) {
    const lo = c.base - block.base;
    const hi = lo + cidrSize(c);
    if (lo > 0n && lo < size) cuts.add(lo);
    if (hi > 0n && hi < size) cuts.add(hi);
  }
  const bounds = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (bounds.length - 1 > MAX_PARTS) return undefined;
  const out: Ip[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    // AWS reserves the first four and the last address of every subnet (VPC User Guide, "Subnet CIDR blocks").
    const lo = bounds[i]! > 4n ? bounds[i]! : 4n;
    const hi = bounds[i + 1]! - 1n < size - 2n ? bounds[i + 1]! - 1n : size - 2n;
    if (hi < lo) continue; // only reserved addresses: AWS assigns none of them
    let pick: Ip | undefined;
    for (let off = hi; off >= lo && off > hi - 1024n; off--) {
      const ip = ipOf(block.family, block.base + off);
      if (!taken.has(formatIp(ip))) {
        pick = ip;
        break;
      }
    }
    if (!pick) return undefined;
    out.push(pick);
  }
  // The highest part first: with no split, the same address as before (the subnet's highest free one).
  return out.reverse();
}

export function assignPendingAddresses(ctx: PlanContext): void {
  if (ctx.pendingAddresses.length === 0) return;
  const cidrs = decisionCidrs(ctx);
  const taken = new Set<string>();
  for (const e of ctx.enis.values()) {
    for (const a of e.privateAddresses) taken.add(formatIp(a.ip));
    for (const a of e.ipv6Addresses) taken.add(formatIp(a));
  }
  for (const p of ctx.pendingAddresses) {
    const eni = ctx.enis.get(p.eniId);
    const subnet = ctx.subnets.get(p.subnetId);
    if (!eni || !subnet) continue;
    const block = p.family === 4 ? subnet.cidrBlock : subnet.ipv6CidrBlocks[0];
    const splits = block ? cidrs.filter((c) => cidrOverlaps(c, block) && !cidrContainsCidr(c, block)) : [];
    const picks = block ? partAddresses(block, splits, taken) : undefined;
    if (!block || !picks) {
      ctx.warn({
        code: 'BAD_VALUE',
        resourceId: p.res.address,
        field: p.field,
        value: '(known after apply)',
        detail: !block
          ? `subnet ${p.subnetId} has no IPv${p.family} block known before apply`
          : splits.length > 0
            ? `answers may depend on it and ${formatCidr(block)} has more than ${MAX_PARTS} parts that rules or routes tell apart; set the address to trace this interface`
            : `no free address left in ${formatCidr(block)}`,
      });
      continue;
    }
    const ip = picks[0]!;
    for (const a of picks) taken.add(formatIp(a));
    ctx.warn({
      code: 'UNKNOWN_UNTIL_APPLY',
      resourceId: p.res.address,
      field: p.field,
      value: picks.map(formatIp).join(', '),
      detail:
        picks.length === 1
          ? `private IPv${p.family} address (any address of ${p.subnetId} ${formatCidr(block)} gets the same answers)`
          : `private IPv${p.family} address: ${splits.map(formatCidr).join(', ')} cut ${p.subnetId} ${formatCidr(block)} into ${picks.length} parts; one address of each is traced`,
    });
    const moved = p.family === 4 ? eni : { ...eni, ipv6Addresses: [...eni.ipv6Addresses, ip] };
    const next = {
      ...moved,
      ...(p.family === 4
        ? {
            privateAddresses: [
              { ip, primary: true, publicIp: p.publicIp, allocationId: p.allocationId },
              ...eni.privateAddresses.map((a) => ({ ...a, primary: false })),
            ],
          }
        : {}),
      ...(picks.length > 1 ? { pickedAtApply: [...(eni.pickedAtApply ?? []), ...picks] } : {}),
    };
    ctx.enis.set(p.eniId, next);
  }
}
