/**
 * describe-network-acls → NetworkAcl. Rule numbers are kept as given (32767 / 32768 are the
 * IPv4 / IPv6 defaults the console shows as `*`). An entry that cannot be read is dropped with
 * BAD_VALUE (`skipped: true`): it may have been a deny, so the engine must not treat it as absent.
 */

import type { NetworkAcl, NetworkAclAssociation, NetworkAclEntry } from '../../model/index.js';
import { type Cidr, type PortRange, protocolUsesPorts } from '../../net/index.js';
import { badValue, cidrValue, eachResource, protocolValue, type ReadContext, required } from './context.js';
import { arr, bool, isObject, num, obj, objs, str, tagsOf } from './json.js';

function readEntry(ctx: ReadContext, e: unknown, at: string, aclId: string): NetworkAclEntry | undefined {
  if (!isObject(e)) {
    badValue(ctx, { resourceId: aclId, field: at }, e, `entry ${at}`);
    return undefined;
  }
  const ruleNumber = num(e, 'RuleNumber');
  const egress = bool(e, 'Egress');
  const action = str(e, 'RuleAction');
  const direction = egress === undefined ? undefined : egress ? 'egress' : 'ingress';
  const label = [direction, action, 'rule', String(ruleNumber ?? at)].filter(Boolean).join(' ');
  const bad = (field: string, value: unknown, why?: string) => {
    badValue(ctx, { resourceId: aclId, field: `${at}.${field}` }, value, label, why);
    return undefined;
  };
  if (ruleNumber === undefined || !Number.isInteger(ruleNumber) || ruleNumber < 1 || ruleNumber > 32768)
    return bad('RuleNumber', e.RuleNumber);
  if (egress === undefined) return bad('Egress', e.Egress);
  if (action !== 'allow' && action !== 'deny') return bad('RuleAction', e.RuleAction);
  const protocol = protocolValue(ctx, e.Protocol, { resourceId: aclId, field: `${at}.Protocol` }, label);
  if (protocol === undefined) return undefined;
  let cidr: Cidr | undefined;
  if (e.CidrBlock !== undefined)
    cidr = cidrValue(ctx, e.CidrBlock, { resourceId: aclId, field: `${at}.CidrBlock` }, label, 4);
  else if (e.Ipv6CidrBlock !== undefined)
    cidr = cidrValue(ctx, e.Ipv6CidrBlock, { resourceId: aclId, field: `${at}.Ipv6CidrBlock` }, label, 6);
  else return bad('CidrBlock', undefined, 'no CidrBlock or Ipv6CidrBlock');
  if (!cidr) return undefined;
  let portRange: PortRange | undefined;
  const pr = obj(e, 'PortRange');
  if (protocolUsesPorts(protocol)) {
    const from = num(pr, 'From');
    const to = num(pr, 'To');
    const ok = (n: number | undefined): n is number =>
      n !== undefined && Number.isInteger(n) && n >= 0 && n <= 65535;
    if (!ok(from) || !ok(to) || from > to)
      return bad('PortRange', e.PortRange, 'TCP/UDP entries need PortRange From <= To in 0-65535');
    portRange = { from, to };
  }
  let icmpTypeCode: { type: number; code: number } | undefined;
  const itc = obj(e, 'IcmpTypeCode');
  if (itc) {
    const type = num(itc, 'Type');
    const code = num(itc, 'Code');
    if (type === undefined || code === undefined) return bad('IcmpTypeCode', e.IcmpTypeCode);
    icmpTypeCode = { type, code };
  }
  return { ruleNumber, egress, ruleAction: action, protocol, cidr, portRange, icmpTypeCode };
}

export function readNetworkAcls(items: readonly unknown[], ctx: ReadContext): NetworkAcl[] {
  return eachResource(items, ctx, 'NetworkAcls', 'NetworkAclId', (o, networkAclId) => {
    const vpcId = required(ctx, o, 'VpcId', networkAclId);
    if (vpcId === undefined) return undefined;
    const entries: NetworkAclEntry[] = [];
    let skipped = false;
    arr(o, 'Entries').forEach((e, i) => {
      const entry = readEntry(ctx, e, `Entries[${i}]`, networkAclId);
      if (entry) entries.push(entry);
      else skipped = true;
    });
    const associations: NetworkAclAssociation[] = [];
    for (const a of objs(o, 'Associations')) {
      const subnetId = str(a, 'SubnetId');
      if (subnetId !== undefined)
        associations.push({ networkAclAssociationId: str(a, 'NetworkAclAssociationId'), subnetId });
    }
    const ownerId = str(o, 'OwnerId');
    return {
      networkAclId,
      vpcId,
      isDefault: bool(o, 'IsDefault') ?? false,
      entries,
      associations,
      // An entry that could not be read may have been a deny: answers through this ACL are unknown.
      ...(skipped ? { incomplete: true as const } : {}),
      ownerId,
      tags: tagsOf(o),
      origin: ctx.originFor(ownerId),
    };
  });
}
