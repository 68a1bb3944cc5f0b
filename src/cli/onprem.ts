/** `--onprem <file>`: the network with the on-premises networks of the file in place of inferred ones. */
import type { Network } from '../model/index.js';

export async function withOnPrem(net: Network, file: unknown): Promise<Network> {
  if (typeof file !== 'string') return net;
  // Loaded only when asked for: the YAML parser is not needed without --onprem.
  const [{ loadOnPremFile }, { Network }] = await Promise.all([
    import('../ingest/onprem-file.js'),
    import('../model/index.js'),
  ]);
  return new Network({ ...net.data, onPremNetworks: loadOnPremFile(file) });
}
