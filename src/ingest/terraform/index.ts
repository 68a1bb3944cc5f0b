/**
 * `loadTerraformPlan(path)`: the output of `terraform show -json <planfile>` → the Network the plan
 * would create, in the same model the describe-* loader builds (see docs/terraform.md).
 * User errors (missing file, malformed JSON, no VPC) throw InputError naming the file.
 */
import { Network, type NetworkData } from '../../model/index.js';
import { readJsonFile } from '../aws-json/files.js';
import { InputError } from '../errors.js';
import { buildFromPlan } from './build.js';
import { type PlanOptions, parsePlan } from './plan.js';

export { SUPPORTED_TYPES } from './build.js';

/** A parsed plan (already read) → NetworkData; `file` names it in warnings and origins. */
export function terraformPlanData(json: unknown, file: string, opts: PlanOptions = {}): NetworkData {
  return buildFromPlan(parsePlan(json, file, opts), file);
}

export function loadTerraformPlanData(path: string, opts: PlanOptions = {}): NetworkData {
  const read = readJsonFile(path);
  if (read === undefined)
    throw new InputError('MALFORMED_JSON', {
      file: path,
      value: 'empty file',
      fix: 'give the output of `terraform show -json <planfile>`',
    });
  const data = terraformPlanData(read.json, path, opts);
  if (data.vpcs.length === 0)
    throw new InputError('NO_VPCS', { value: path, fix: 'the plan creates no aws_vpc' });
  return data;
}

export async function loadTerraformPlan(path: string, opts: PlanOptions = {}): Promise<Network> {
  return new Network(loadTerraformPlanData(path, opts));
}
