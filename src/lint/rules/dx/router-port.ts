/** Shared by DX005-DX009: the router ports an --onprem file states, and what AWS requires of them. */
import type {
  Network,
  OnPremNetwork,
  OnPremRouterPort,
  RouterOptic,
  RouterSpeed,
} from '../../../model/index.js';
import { type ResourceRef, ref } from '../../types.js';

/** The transceiver AWS requires per port speed (all on single-mode fibre). */
export const OPTIC_FOR_SPEED: Readonly<Record<RouterSpeed, RouterOptic>> = {
  '1G': '1000BASE-LX',
  '10G': '10GBASE-LR',
  '100G': '100GBASE-LR4',
  '400G': '400GBASE-LR4',
};

/** The speed of a port: as stated, else the one its optic implies (undefined: unknown). */
export function speedOf(port: OnPremRouterPort): RouterSpeed | undefined {
  if (port.speed) return port.speed;
  const hit = Object.entries(OPTIC_FOR_SPEED).find(([, optic]) => optic === port.optic);
  return hit?.[0] as RouterSpeed | undefined;
}

export interface StatedPort {
  readonly network: OnPremNetwork;
  readonly port: OnPremRouterPort;
  readonly file: string;
  /** The on-premises network (file location), then the Direct Connect connections of its VIFs. */
  readonly resources: readonly ResourceRef[];
}

/** Every `router` block of the --onprem file (inferred networks have none). */
export function statedPorts(net: Network): StatedPort[] {
  const out: StatedPort[] = [];
  for (const n of net.onPremNetworks) {
    if (n.source.kind !== 'file' || !n.router) continue;
    const file = n.source.file;
    const connections = new Set<string>();
    for (const vifId of n.virtualInterfaceIds) {
      const c = net.virtualInterfaces.get(vifId)?.connectionId;
      if (c) connections.add(c);
    }
    out.push({
      network: n,
      port: n.router,
      file,
      resources: [
        ref(n.name, { file }),
        ...[...connections].map((c) => ref(c, net.dxConnections.get(c)?.origin)),
      ],
    });
  }
  return out;
}

export const REQUIREMENTS_DOC =
  'https://docs.aws.amazon.com/directconnect/latest/UserGuide/Welcome.html#overview-requirements';
