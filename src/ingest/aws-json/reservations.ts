/**
 * describe-instances (`Reservations[].Instances[]`) → Instance, plus the interfaces nested in each
 * instance (used when describe-network-interfaces was not captured or lacks them) and the
 * instance's own public IP (attached to its primary interface later if that record lacks it).
 */

import type { Instance, NetworkInterface } from '../../model/index.js';
import type { Ip } from '../../net/index.js';
import { badValue, eachResource, ipValue, type ReadContext } from './context.js';
import { bool, isObject, num, obj, objs, str, tagsOf } from './json.js';
import { interfaceFrom } from './network-interfaces.js';

export interface InstancePublicIp {
  readonly instanceId: string;
  readonly publicIp: Ip;
  readonly privateIp?: Ip | undefined;
}

export interface ReservationsRead {
  readonly instances: Instance[];
  /** Interfaces as nested in describe-instances; describe-network-interfaces records win. */
  readonly interfaces: NetworkInterface[];
  readonly publicIps: InstancePublicIp[];
}

export function readReservations(items: readonly unknown[], ctx: ReadContext): ReservationsRead {
  const out: ReservationsRead = { instances: [], interfaces: [], publicIps: [] };
  items.forEach((res, r) => {
    if (!isObject(res)) {
      badValue(ctx, { field: `Reservations[${r}]` }, res, `Reservations[${r}]`);
      return;
    }
    const ownerId = str(res, 'OwnerId');
    const list = Array.isArray(res.Instances) ? res.Instances : [];
    const instances = eachResource(
      list,
      ctx,
      `Reservations[${r}].Instances`,
      'InstanceId',
      (o, instanceId) => {
        const availabilityZone = str(obj(o, 'Placement'), 'AvailabilityZone');
        const subnetId = str(o, 'SubnetId');
        const vpcId = str(o, 'VpcId');
        const nics = objs(o, 'NetworkInterfaces')
          .map((n, i) => ({
            n,
            i,
            index: num(obj(n, 'Attachment'), 'DeviceIndex') ?? Number.MAX_SAFE_INTEGER,
          }))
          .sort((a, b) => a.index - b.index || a.i - b.i);
        const networkInterfaceIds: string[] = [];
        for (const { n } of nics) {
          const eniId = str(n, 'NetworkInterfaceId');
          if (eniId === undefined) continue;
          networkInterfaceIds.push(eniId);
          const eni = interfaceFrom(ctx, n, eniId, {
            instanceId,
            subnetId,
            vpcId,
            availabilityZone,
            ownerId,
          });
          if (eni) out.interfaces.push(eni);
        }
        if (o.PublicIpAddress !== undefined) {
          const publicIp = ipValue(
            ctx,
            o.PublicIpAddress,
            { resourceId: instanceId, field: 'PublicIpAddress' },
            undefined,
            4,
          );
          const privateIp =
            o.PrivateIpAddress === undefined
              ? undefined
              : ipValue(
                  ctx,
                  o.PrivateIpAddress,
                  { resourceId: instanceId, field: 'PrivateIpAddress' },
                  undefined,
                  4,
                );
          if (publicIp) out.publicIps.push({ instanceId, publicIp, privateIp });
        }
        const instance: Instance = {
          instanceId,
          instanceType: str(o, 'InstanceType'),
          state: str(obj(o, 'State'), 'Name') ?? 'unknown',
          platform: str(o, 'Platform'),
          platformDetails: str(o, 'PlatformDetails'),
          subnetId,
          vpcId,
          sourceDestCheck: bool(o, 'SourceDestCheck') ?? true,
          ...metadataOptions(o),
          networkInterfaceIds,
          ownerId,
          tags: tagsOf(o),
          origin: ctx.originFor(ownerId, availabilityZone),
        };
        return instance;
      },
    );
    out.instances.push(...instances);
  });
  return out;
}

/** `MetadataOptions` as describe-instances prints it (absent from hand-written snapshots). */
function metadataOptions(o: Record<string, unknown>): { metadataOptions?: Instance['metadataOptions'] } {
  const m = obj(o, 'MetadataOptions');
  if (!m) return {};
  return {
    metadataOptions: { httpEndpoint: str(m, 'HttpEndpoint'), httpProtocolIpv6: str(m, 'HttpProtocolIpv6') },
  };
}
