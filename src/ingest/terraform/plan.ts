/**
 * `terraform show -json <planfile>` → the planned resources, each with its planned values, the
 * attributes unknown until apply, and the configuration expressions that say what it references.
 * Knows the plan format, not AWS.
 */
import { InputError } from '../errors.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObj = { [k: string]: Json };

export function isObj(v: unknown): v is JsonObj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface PlannedResource {
  /** Full address, e.g. `aws_subnet.public` or `module.net.aws_subnet.a[0]`. */
  readonly address: string;
  readonly type: string;
  readonly mode: string;
  /** `module.net.` or `` for the root module. */
  readonly modulePrefix: string;
  readonly values: JsonObj;
  /** The `after_unknown` tree of its resource change (`{}` when none). */
  readonly unknown: JsonObj;
  /** The configuration `expressions` of the resource block (`{}` when not found). */
  readonly expressions: JsonObj;
}

/** A module call of the configuration: its input expressions and the child module's outputs. */
export interface ModuleCall {
  /** `module.a.` for `module "a"` in the root; `module.a.module.b.` nested (no instance keys). */
  readonly prefix: string;
  /** The inputs (`module "a" { vpc_id = aws_vpc.main.id }`), evaluated in the calling module. */
  readonly inputs: JsonObj;
  /** The child's `output` blocks: `{ subnet_id: { expression: { references: [...] } } }`. */
  readonly outputs: JsonObj;
}

export interface ParsedPlan {
  readonly resources: readonly PlannedResource[];
  /** Module calls by `prefix` (absent in plans built by hand without them). */
  readonly moduleCalls?: ReadonlyMap<string, ModuleCall> | undefined;
  readonly region?: string | undefined;
}

export interface PlanOptions {
  /** Read `prior_state` (the network as it is before the plan) instead of `planned_values`. */
  readonly before?: boolean;
}

/**
 * Walk planned_values (root and child modules), dropping resources whose change is a pure delete;
 * with `before`, walk prior_state instead, where every resource exists as it is now.
 */
export function parsePlan(json: unknown, file: string, opts: PlanOptions = {}): ParsedPlan {
  if (!isObj(json) || typeof json.format_version !== 'string')
    throw new InputError('MALFORMED_JSON', {
      file,
      value: 'not `terraform show -json` output (no format_version)',
      fix: 'give the output of `terraform show -json <planfile>`',
    });
  const changes = new Map<string, JsonObj>();
  const deleted = new Set<string>();
  for (const rc of Array.isArray(json.resource_changes) ? json.resource_changes : []) {
    if (!isObj(rc) || typeof rc.address !== 'string' || !isObj(rc.change)) continue;
    const actions = Array.isArray(rc.change.actions) ? rc.change.actions : [];
    if (actions.length === 1 && actions[0] === 'delete') deleted.add(rc.address);
    changes.set(rc.address, rc.change);
  }
  const configs = new Map<string, JsonObj>();
  const moduleCalls = new Map<string, ModuleCall>();
  const config = isObj(json.configuration) ? json.configuration : {};
  collectConfig(isObj(config.root_module) ? config.root_module : {}, '', configs, moduleCalls);

  const resources: PlannedResource[] = [];
  const seen = new Set<string>();
  const walk = (module: unknown, dataOnly = false) => {
    if (!isObj(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObj(r) || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
      if (dataOnly && r.mode !== 'data') continue;
      if (deleted.has(r.address) || seen.has(r.address)) continue;
      seen.add(r.address);
      const change = changes.get(r.address);
      const modulePrefix = modulePrefixOf(r.address);
      resources.push({
        address: r.address,
        type: r.type,
        mode: typeof r.mode === 'string' ? r.mode : 'managed',
        modulePrefix,
        values: isObj(r.values) ? r.values : {},
        unknown: change && isObj(change.after_unknown) ? change.after_unknown : {},
        expressions: configs.get(configKey(r.address)) ?? {},
      });
    }
    for (const c of Array.isArray(module.child_modules) ? module.child_modules : []) walk(c, dataOnly);
  };
  if (opts.before) {
    deleted.clear();
    changes.clear();
    const prior =
      isObj(json.prior_state) && isObj(json.prior_state.values) ? json.prior_state.values : undefined;
    if (!prior)
      throw new InputError('TERRAFORM_INVALID', {
        file,
        value: 'it has no prior_state (the plan starts from nothing), so there is no network before it',
        fix: 'drop --before, or give a plan made against existing state',
      });
    walk(prior.root_module);
    return { resources, moduleCalls, region: providerRegion(config) };
  }
  const planned = isObj(json.planned_values) ? json.planned_values : undefined;
  if (planned) walk(planned.root_module);
  else if (isObj(json.values)) walk(json.values.root_module); // `terraform show -json` of a state
  // Data sources Terraform read while planning are in prior_state (their values are known).
  if (isObj(json.prior_state) && isObj(json.prior_state.values))
    walk(json.prior_state.values.root_module, true);
  return { resources, moduleCalls, region: providerRegion(config) };
}

function collectConfig(
  module: JsonObj,
  prefix: string,
  out: Map<string, JsonObj>,
  calls: Map<string, ModuleCall>,
): void {
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObj(r) || typeof r.address !== 'string') continue;
    out.set(prefix + r.address, isObj(r.expressions) ? r.expressions : {});
  }
  const moduleCalls = isObj(module.module_calls) ? module.module_calls : {};
  for (const [name, call] of Object.entries(moduleCalls)) {
    if (!isObj(call) || !isObj(call.module)) continue;
    const child = `${prefix}module.${name}.`;
    calls.set(child, {
      prefix: child,
      inputs: isObj(call.expressions) ? call.expressions : {},
      outputs: isObj(call.module.outputs) ? call.module.outputs : {},
    });
    collectConfig(call.module, child, out, calls);
  }
}

/** `module.a[0].module.b.aws_x.y[1]` → `module.a.module.b.aws_x.y` (configuration has no instance keys). */
export function configKey(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

function modulePrefixOf(address: string): string {
  const m = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/.exec(address);
  return m?.[1] ?? '';
}

function providerRegion(config: JsonObj): string | undefined {
  const pc = isObj(config.provider_config) ? config.provider_config : {};
  for (const p of Object.values(pc)) {
    if (!isObj(p) || p.name !== 'aws' || !isObj(p.expressions)) continue;
    const r = p.expressions.region;
    if (isObj(r) && typeof r.constant_value === 'string') return r.constant_value;
  }
  return undefined;
}
