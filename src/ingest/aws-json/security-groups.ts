/**
 * describe-security-groups → SecurityGroup, each IpPermission flattened into one rule per source
 * (IpRanges, Ipv6Ranges, PrefixListIds, UserIdGroupPairs) as describe-security-group-rules does.
 * FromPort/ToPort are kept as printed: for ICMP/ICMPv6 they hold type/code (-1 = any), for `-1`
 * and other protocols AWS omits them. TCP/UDP rules always carry ports in AWS output, so one
 * without a valid range is dropped with BAD_VALUE (`skipped: true`) rather than guessed.
 */

import type { SecurityGroup, SecurityGroupRule, SgPeer } from '../../model/index.js';
import { protocolUsesPorts } from '../../net/index.js';
import { badValue, cidrValue, eachResource, protocolValue, type ReadContext } from './context.js';
import { arr, isObject, num, str, tagsOf } from './json.js';

function isPort(n: number | undefined): n is number {
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 65535;
}

export function readPermissions(
  ctx: ReadContext,
  groupId: string,
  permissions: readonly unknown[],
  egress: boolean,
  lost: { value: boolean },
): SecurityGroupRule[] {
  const listKey = egress ? 'IpPermissionsEgress' : 'IpPermissions';
  const dir = egress ? 'egress' : 'ingress';
  const rules: SecurityGroupRule[] = [];
  for (let pi = 0; pi < permissions.length; pi++) {
    const p = permissions[pi];
    const at = `${listKey}[${pi}]`;
    const skipped = `${dir} rule ${at}`;
    if (!isObject(p)) {
      badValue(ctx, { resourceId: groupId, field: at }, p, skipped);
      lost.value = true;
      continue;
    }
    const ipProtocol = protocolValue(
      ctx,
      p.IpProtocol,
      { resourceId: groupId, field: `${at}.IpProtocol` },
      skipped,
    );
    if (ipProtocol === undefined) {
      lost.value = true;
      continue;
    }
    const fromPort = num(p, 'FromPort');
    const toPort = num(p, 'ToPort');
    if (protocolUsesPorts(ipProtocol) && !(isPort(fromPort) && isPort(toPort) && fromPort <= toPort)) {
      const field = isPort(fromPort) ? `${at}.ToPort` : `${at}.FromPort`;
      const value = isPort(fromPort) ? p.ToPort : p.FromPort;
      badValue(
        ctx,
        { resourceId: groupId, field },
        value,
        skipped,
        'TCP/UDP rules need FromPort <= ToPort in 0-65535',
      );
      lost.value = true;
      continue;
    }
    const add = (peer: SgPeer, description: string | undefined) =>
      rules.push({ groupId, egress, ipProtocol, fromPort, toPort, peer, description, permissionIndex: pi });

    arr(p, 'IpRanges').forEach((r, i) => {
      const field = `${at}.IpRanges[${i}].CidrIp`;
      const what = `${dir} rule ${at}.IpRanges[${i}]`;
      const cidr = cidrValue(ctx, isObject(r) ? r.CidrIp : r, { resourceId: groupId, field }, what, 4);
      if (cidr) add({ kind: 'cidr', cidr }, isObject(r) ? str(r, 'Description') : undefined);
      else lost.value = true;
    });
    arr(p, 'Ipv6Ranges').forEach((r, i) => {
      const field = `${at}.Ipv6Ranges[${i}].CidrIpv6`;
      const what = `${dir} rule ${at}.Ipv6Ranges[${i}]`;
      const cidr = cidrValue(ctx, isObject(r) ? r.CidrIpv6 : r, { resourceId: groupId, field }, what, 6);
      if (cidr) add({ kind: 'cidr', cidr }, isObject(r) ? str(r, 'Description') : undefined);
      else lost.value = true;
    });
    arr(p, 'PrefixListIds').forEach((r, i) => {
      const prefixListId = isObject(r) ? str(r, 'PrefixListId') : undefined;
      if (!isObject(r) || prefixListId === undefined) {
        const field = `${at}.PrefixListIds[${i}].PrefixListId`;
        badValue(
          ctx,
          { resourceId: groupId, field },
          isObject(r) ? r.PrefixListId : r,
          `${dir} rule ${at}.PrefixListIds[${i}]`,
        );
        lost.value = true;
        return;
      }
      add({ kind: 'prefix-list', prefixListId }, str(r, 'Description'));
    });
    arr(p, 'UserIdGroupPairs').forEach((r, i) => {
      const ref = isObject(r) ? str(r, 'GroupId') : undefined;
      if (!isObject(r) || ref === undefined) {
        const field = `${at}.UserIdGroupPairs[${i}].GroupId`;
        badValue(
          ctx,
          { resourceId: groupId, field },
          isObject(r) ? r.GroupId : r,
          `${dir} rule ${at}.UserIdGroupPairs[${i}]`,
        );
        lost.value = true;
        return;
      }
      add(
        {
          kind: 'security-group',
          groupId: ref,
          userId: str(r, 'UserId'),
          vpcId: str(r, 'VpcId'),
          vpcPeeringConnectionId: str(r, 'VpcPeeringConnectionId'),
          peeringStatus: str(r, 'PeeringStatus'),
        },
        str(r, 'Description'),
      );
    });
  }
  return rules;
}

export function readSecurityGroups(items: readonly unknown[], ctx: ReadContext): SecurityGroup[] {
  return eachResource(items, ctx, 'SecurityGroups', 'GroupId', (o, groupId) => {
    const ownerId = str(o, 'OwnerId');
    const lost = { value: false };
    const ingress = readPermissions(ctx, groupId, arr(o, 'IpPermissions'), false, lost);
    const egress = readPermissions(ctx, groupId, arr(o, 'IpPermissionsEgress'), true, lost);
    return {
      groupId,
      groupName: str(o, 'GroupName') ?? '',
      vpcId: str(o, 'VpcId'),
      ownerId,
      description: str(o, 'Description'),
      ingress,
      egress,
      // A rule that could not be read may have allowed what this group is found to block.
      ...(lost.value ? { incomplete: true as const } : {}),
      tags: tagsOf(o),
      origin: ctx.originFor(ownerId),
    };
  });
}
