/**
 * Joins what separate describe calls say about one thing, after every file is read:
 * - interfaces nested in describe-instances fill in for missing describe-network-interfaces records;
 * - Elastic IPs (describe-addresses) and an instance's `PublicIpAddress` are put on the private
 *   address they map to when the interface record lacks its `Association`;
 * - each NAT gateway's interface exists (synthesised, type `nat_gateway`, when not captured);
 * - instance status checks go onto their instances; prefix-list entries onto their lists.
 */

import type {
  Instance,
  NatGateway,
  NetworkInterface,
  PrefixList,
  PrivateAddress,
} from '../../model/index.js';
import { formatIp, type Ip } from '../../net/index.js';
import type { Accumulator } from './assemble.js';

function ipKey(ip: Ip): string {
  return `${ip.family}:${ip.value}`;
}

/** Mutable view over the final interface list: by id, by instance, and which public IPs are taken. */
export class InterfaceTable {
  readonly byId = new Map<string, NetworkInterface>();
  private readonly byInstance = new Map<string, string[]>();
  private readonly publicIps = new Set<string>();

  add(eni: NetworkInterface): void {
    this.byId.set(eni.networkInterfaceId, eni);
    const inst = eni.attachment?.instanceId;
    if (inst !== undefined) {
      const list = this.byInstance.get(inst);
      if (list) list.push(eni.networkInterfaceId);
      else this.byInstance.set(inst, [eni.networkInterfaceId]);
    }
    for (const a of eni.privateAddresses) if (a.publicIp) this.publicIps.add(ipKey(a.publicIp));
  }

  hasPublicIp(ip: Ip): boolean {
    return this.publicIps.has(ipKey(ip));
  }

  ofInstance(instanceId: string): NetworkInterface[] {
    return (this.byInstance.get(instanceId) ?? []).flatMap((id) => this.byId.get(id) ?? []);
  }

  /**
   * Maps `publicIp` onto the interface's address `privateIp` (its primary address when not given)
   * unless that address already has a public IP. Returns false when the address is not there.
   */
  setPublicIp(
    eniId: string,
    privateIp: Ip | undefined,
    publicIp: Ip,
    allocationId: string | undefined,
  ): boolean {
    const eni = this.byId.get(eniId);
    if (!eni) return false;
    const list = eni.privateAddresses;
    let i = privateIp
      ? list.findIndex((a) => a.ip.value === privateIp.value && a.ip.family === privateIp.family)
      : -1;
    if (i < 0 && !privateIp)
      i = Math.max(
        0,
        list.findIndex((a) => a.primary),
      );
    const pa = list[i];
    if (!pa) return false;
    let next: PrivateAddress | undefined;
    if (!pa.publicIp) next = { ...pa, publicIp, ...(allocationId ? { allocationId } : {}) };
    else if (pa.publicIp.value === publicIp.value && !pa.allocationId && allocationId)
      next = { ...pa, allocationId };
    if (next) {
      const addresses = [...list];
      addresses[i] = next;
      this.byId.set(eniId, { ...eni, privateAddresses: addresses });
      this.publicIps.add(ipKey(publicIp));
    }
    return true;
  }
}

export function linkInterfaces(
  acc: Accumulator,
  instances: Map<string, Instance>,
  subnetAz: (subnetId: string) => string | undefined,
): InterfaceTable {
  const table = new InterfaceTable();
  for (const eni of acc.networkInterfaces.values()) table.add(eni);

  // Interfaces nested in describe-instances: the describe-network-interfaces record wins.
  const claimedBy = new Map<string, string | undefined>();
  for (const eni of acc.instanceInterfaces) {
    const id = eni.networkInterfaceId;
    const instanceId = eni.attachment?.instanceId;
    if (claimedBy.has(id)) {
      const first = claimedBy.get(id);
      if (first !== instanceId) {
        acc.warn({
          code: 'DUPLICATE_RESOURCE',
          file: eni.origin.file,
          resourceId: id,
          field: 'NetworkInterfaces',
          value: instanceId,
          detail: `also listed under instance ${first}; kept that one`,
        });
      }
      continue;
    }
    claimedBy.set(id, instanceId);
    if (!table.byId.has(id)) table.add(eni);
  }

  // Elastic IPs whose association the interface record does not show.
  for (const eip of acc.elasticIps.values()) {
    if (!eip.networkInterfaceId && !eip.instanceId) continue;
    let eniId = eip.networkInterfaceId;
    if (!eniId && eip.instanceId) {
      const candidates = table.ofInstance(eip.instanceId);
      const match = eip.privateIpAddress
        ? candidates.find((e) => e.privateAddresses.some((a) => a.ip.value === eip.privateIpAddress?.value))
        : (candidates.find((e) => e.attachment?.deviceIndex === 0) ?? candidates[0]);
      eniId = match?.networkInterfaceId;
    }
    if (eniId && table.setPublicIp(eniId, eip.privateIpAddress, eip.publicIp, eip.allocationId)) continue;
    const viaEni = eip.networkInterfaceId !== undefined;
    if (acc.presentFor(viaEni ? 'NetworkInterfaces' : 'Instances', eip.origin.file)) {
      acc.warn({
        code: 'MISSING_REFERENCE',
        file: eip.origin.file,
        resourceId: eip.allocationId ?? formatIp(eip.publicIp),
        field: viaEni ? 'NetworkInterfaceId' : 'InstanceId',
        value: viaEni ? eip.networkInterfaceId : eip.instanceId,
        detail: eip.privateIpAddress ? `private address ${formatIp(eip.privateIpAddress)}` : undefined,
      });
    }
  }

  // An instance's PublicIpAddress goes on its primary interface's matching (else primary) address.
  for (const p of acc.instancePublicIps) {
    if (table.hasPublicIp(p.publicIp)) continue;
    const inst = instances.get(p.instanceId);
    const enis = table.ofInstance(p.instanceId);
    const primary =
      enis.find((e) => e.attachment?.deviceIndex === 0) ??
      (inst?.networkInterfaceIds[0] ? table.byId.get(inst.networkInterfaceIds[0]) : undefined) ??
      enis[0];
    if (!primary) continue;
    const id = primary.networkInterfaceId;
    if (!(p.privateIp && table.setPublicIp(id, p.privateIp, p.publicIp, undefined)))
      table.setPublicIp(id, undefined, p.publicIp, undefined);
  }

  for (const ng of acc.natGateways.values()) linkNatGateway(table, ng, subnetAz);
  return table;
}

const GONE_NAT_STATES: ReadonlySet<string> = new Set(['deleted', 'failed']);

/** Make sure the NAT gateway's interfaces exist and carry its public IPs. */
function linkNatGateway(
  table: InterfaceTable,
  ng: NatGateway,
  subnetAz: (subnetId: string) => string | undefined,
): void {
  if (GONE_NAT_STATES.has(ng.state)) return;
  const byEni = new Map<string, NatGateway['addresses'][number][]>();
  for (const a of ng.addresses) {
    if (!a.networkInterfaceId) continue;
    const list = byEni.get(a.networkInterfaceId);
    if (list) list.push(a);
    else byEni.set(a.networkInterfaceId, [a]);
  }
  for (const [eniId, addrs] of byEni) {
    if (table.byId.has(eniId)) {
      for (const a of addrs)
        if (a.publicIp && a.privateIp) table.setPublicIp(eniId, a.privateIp, a.publicIp, a.allocationId);
      continue;
    }
    const privateAddresses: PrivateAddress[] = [];
    for (const a of addrs) {
      if (!a.privateIp) continue;
      privateAddresses.push({
        ip: a.privateIp,
        primary: a.isPrimary,
        ...(a.publicIp ? { publicIp: a.publicIp } : {}),
        ...(a.allocationId ? { allocationId: a.allocationId } : {}),
      });
    }
    table.add({
      networkInterfaceId: eniId,
      subnetId: ng.subnetId,
      vpcId: ng.vpcId,
      availabilityZone: subnetAz(ng.subnetId),
      interfaceType: 'nat_gateway',
      status: 'in-use',
      description: `Interface for NAT Gateway ${ng.natGatewayId}`,
      requesterManaged: true,
      sourceDestCheck: false,
      groupIds: [],
      privateAddresses,
      ipv6Addresses: [],
      delegatedPrefixes: [],
      attachment: undefined,
      denyAllIgwTraffic: false,
      tags: {},
      origin: ng.origin,
    });
  }
}

export function linkInstanceStatuses(acc: Accumulator, instances: Map<string, Instance>): void {
  for (const { read, file } of acc.instanceStatuses) {
    const inst = instances.get(read.instanceId);
    if (inst) instances.set(read.instanceId, { ...inst, status: read.status });
    else if (acc.presentFor('Instances', file))
      acc.warn({
        code: 'MISSING_REFERENCE',
        file,
        resourceId: read.instanceId,
        field: 'InstanceId',
        value: read.instanceId,
      });
  }
}

/** Entries saved from get-managed-prefix-list-entries fill (or create) their list. */
export function linkPrefixListEntries(acc: Accumulator): PrefixList[] {
  const lists = new Map(acc.prefixLists);
  for (const [id, { cidrs, origin }] of acc.prefixListEntries) {
    const pl = lists.get(id);
    lists.set(id, pl ? { ...pl, cidrs } : { prefixListId: id, prefixListName: id, cidrs, origin });
  }
  return [...lists.values()];
}
