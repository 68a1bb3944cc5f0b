/** Shared shape builder for the hybrid readers (VPN, customer gateways, transit gateways). */
import type { HybridResource } from '../../model/index.js';
import type { ReadContext } from './context.js';
import { type JsonObject, str, tagsOf } from './json.js';

export function hybrid(
  ctx: ReadContext,
  o: JsonObject,
  kind: HybridResource['kind'],
  id: string,
  vpcIds: readonly (string | undefined)[],
  relatedIds: readonly (string | undefined)[],
  ownerId?: string,
): HybridResource {
  return {
    kind,
    id,
    state: str(o, 'State'),
    vpcIds: unique(vpcIds),
    relatedIds: unique(relatedIds),
    tags: tagsOf(o),
    origin: ctx.originFor(ownerId),
  };
}

function unique(list: readonly (string | undefined)[]): string[] {
  return [...new Set(list.filter((s): s is string => s !== undefined && s !== ''))];
}
