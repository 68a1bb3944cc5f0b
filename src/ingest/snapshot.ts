/**
 * Entry points: a folder (searched recursively) or one file of `aws ec2 describe-* --output json`
 * output → NetworkData / Network. User errors (missing path, malformed JSON, no VPCs) throw InputError.
 */
import { Network, type NetworkData } from '../model/index.js';
import { buildNetworkData, type SnapshotDocument } from './aws-json/build.js';
import { listSnapshotFiles, readJsonFile } from './aws-json/files.js';
import { InputError, NO_VPCS_FIX } from './errors.js';

export function loadSnapshotData(path: string): NetworkData {
  const files = listSnapshotFiles(path);
  function* documents(): Generator<SnapshotDocument> {
    for (const file of files) yield { file, json: readJsonFile(file)?.json };
  }
  const data = buildNetworkData(documents());
  if (!data.present.has('Vpcs') || data.vpcs.length === 0)
    throw new InputError('NO_VPCS', { value: path, fix: NO_VPCS_FIX });
  return data;
}

export async function loadSnapshot(path: string): Promise<Network> {
  return new Network(loadSnapshotData(path));
}
