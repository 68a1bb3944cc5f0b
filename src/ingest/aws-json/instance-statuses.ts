/** describe-instance-status → the system and instance status checks of each instance. */
import type { Instance } from '../../model/index.js';
import { eachResource, type ReadContext } from './context.js';
import { obj, str } from './json.js';

export interface InstanceStatusRead {
  readonly instanceId: string;
  readonly status: NonNullable<Instance['status']>;
}

export function readInstanceStatuses(items: readonly unknown[], ctx: ReadContext): InstanceStatusRead[] {
  return eachResource(items, ctx, 'InstanceStatuses', 'InstanceId', (o, instanceId) => ({
    instanceId,
    status: {
      system: str(obj(o, 'SystemStatus'), 'Status'),
      instance: str(obj(o, 'InstanceStatus'), 'Status'),
    },
  }));
}
