/**
 * Ids in a plan: a value known now (an existing resource, or a literal) is used as is; a value
 * unknown until apply is linked the way Terraform links it, through the configuration expression's
 * `references`, and named by a stable synthetic id derived from the address (`tf:aws_subnet.public`).
 */
import { configKey, isObj, type Json, type JsonObj, type ModuleCall, type PlannedResource } from './plan.js';

/** A path into a resource's attributes: `['route', 0, 'gateway_id']`. */
export type AttrPath = readonly (string | number)[];

export interface RefTarget {
  readonly res: PlannedResource;
  /** The attribute referenced (`id`, `primary_network_interface_id`, ...); `id` when none. */
  readonly attr: string;
}

/** Synthetic ids of what AWS creates alongside a VPC (and Terraform names by a VPC attribute). */
export const VPC_DEFAULT_ATTRS = [
  'default_security_group_id',
  'default_network_acl_id',
  'default_route_table_id',
  'main_route_table_id',
] as const;

export class Resolver {
  readonly byAddress = new Map<string, PlannedResource>();
  /** Instances per address without its instance key (`aws_subnet.a` for `aws_subnet.a[1]`). */
  private readonly instances = new Map<string, PlannedResource[]>();

  constructor(
    resources: readonly PlannedResource[],
    private readonly moduleCalls: ReadonlyMap<string, ModuleCall> = new Map(),
  ) {
    for (const r of resources) {
      this.byAddress.set(r.address, r);
      const base = r.address.replace(/\[[^\]]*\]$/, '');
      if (base === r.address) continue;
      const list = this.instances.get(base);
      if (list) list.push(r);
      else this.instances.set(base, [r]);
    }
  }

  /** The resource's own id: known, or `tf:<address>`; adopted defaults take the id of what they adopt. */
  idOf(r: PlannedResource): string {
    const known = r.values.id;
    if (typeof known === 'string' && known !== '') return known;
    if (r.type === 'aws_default_security_group') {
      const vpc = this.ref(r, ['vpc_id']);
      if (vpc) return this.attrId(vpc.res, 'default_security_group_id');
    }
    if (r.type === 'aws_default_network_acl') {
      const t = this.ref(r, ['default_network_acl_id']);
      if (t) return this.attrId(t.res, t.attr);
    }
    if (r.type === 'aws_vpc_peering_connection_accepter') {
      // The accepter's id is the id of the peering connection it accepts.
      const t = this.ref(r, ['vpc_peering_connection_id']);
      if (t) return this.attrId(t.res, t.attr);
      const v = r.values.vpc_peering_connection_id;
      if (typeof v === 'string' && v !== '') return v;
    }
    if (r.type === 'aws_default_route_table') {
      const t = this.ref(r, ['default_route_table_id']);
      if (t) return this.attrId(t.res, t.attr);
    }
    return `tf:${r.address}`;
  }

  /** The id a reference to `res.attr` stands for. */
  attrId(res: PlannedResource, attr: string): string {
    if (attr === 'id' || attr === 'allocation_id') return this.idOf(res);
    const known = res.values[attr];
    if (typeof known === 'string' && known !== '') return known;
    if (res.type === 'aws_vpc' && attr === 'main_route_table_id')
      return this.attrId(res, 'default_route_table_id');
    return `tf:${res.address}.${attr}`;
  }

  /** The first resource referenced by the expression at `path` (root or module-relative references). */
  ref(r: PlannedResource, path: AttrPath): RefTarget | undefined {
    return this.refs(r, path, false)[0];
  }

  /**
   * Every resource the expression at `path` references. With `all` (a list attribute), a reference
   * to a resource of several instances that names none (`aws_subnet.private[*].id`) stands for all
   * of them.
   */
  refs(r: PlannedResource, path: AttrPath, all = true): RefTarget[] {
    const out: RefTarget[] = [];
    const seen = new Set<string>();
    const texts = referencesAt(r.expressions, path);
    // `aws_subnet.a[count.index]` is listed as `aws_subnet.a` plus `count.index`: the same instance key.
    const instance = texts.some((t) => t === 'count.index' || t.startsWith('each.'))
      ? instanceKey(r.address)
      : undefined;
    for (const text of texts) {
      const one = this.lookup(r.modulePrefix, text, instance);
      for (const t of one ? [one] : all ? this.everyInstance(r.modulePrefix, text) : []) {
        const key = `${t.res.address}#${t.attr}`;
        if (seen.has(key)) continue;
        // `aws_vpc.main` comes with `aws_vpc.main.id`: keep one per resource unless attributes differ.
        if (t.attr === 'id' && [...seen].some((k) => k.startsWith(`${t.res.address}#`))) continue;
        seen.add(key);
        out.push(t);
      }
    }
    return out.filter(
      (t, _i, all) => t.attr !== 'id' || !all.some((o) => o.res === t.res && o.attr !== 'id'),
    );
  }

  /** Every instance of a resource of several instances that `text` names without a key. */
  private everyInstance(prefix: string, text: string): RefTarget[] {
    const parts = splitRef(text);
    for (let n = parts.length; n >= 2; n--) {
      const base = prefix + parts.slice(0, n).join('.');
      const all = this.instances.get(base) ?? [];
      if (all.length < 2) continue;
      return all.map((res) => ({ res, attr: parts[n] ?? 'id' }));
    }
    return [];
  }

  private lookup(prefix: string, text: string, key?: string, depth = 0): RefTarget | undefined {
    const parts = splitRef(text);
    if (depth > 16) return undefined;
    // `var.x` in a child module: the module call's input `x`, evaluated in the calling module.
    if (parts[0] === 'var' && parts[1] && prefix !== '') {
      const call = this.moduleCalls.get(configKey(prefix));
      const parent = prefix.replace(/module\.[^.[]+(\[[^\]]*\])?\.$/, '');
      for (const ref of referencesIn(call?.inputs[parts[1]])) {
        const t = this.lookup(parent, ref, key, depth + 1);
        if (t) return t;
      }
      return undefined;
    }
    // `module.net.subnet_id`: the output `subnet_id` of that module, evaluated inside it.
    if (parts[0] === 'module' && parts[1] && parts[2]) {
      const child = `${prefix}module.${parts[1]}.`;
      const call = this.moduleCalls.get(configKey(child));
      const output = call?.outputs[parts[2].replace(/\[[^\]]*\]$/, '')];
      for (const ref of referencesIn(isObj(output) ? output.expression : undefined)) {
        const t = this.lookup(child, ref, key, depth + 1);
        if (t) return t;
      }
      if (call) return undefined;
    }
    for (let n = parts.length; n >= 2; n--) {
      const addr = prefix + parts.slice(0, n).join('.');
      // `aws_vpc.main` for a resource with `count = 1` is its only instance `[0]`; with several
      // instances, a reference that does not say which one cannot be followed (no guessing `[0]`).
      const res =
        this.byAddress.get(addr) ??
        (key !== undefined ? this.byAddress.get(`${addr}${key}`) : undefined) ??
        (this.instances.get(addr)?.length === 1 ? this.byAddress.get(`${addr}[0]`) : undefined);
      if (res) return { res, attr: parts[n] ?? 'id' };
    }
    return undefined;
  }

  /**
   * A single id-valued attribute: the planned value when known, else the referenced resource's id.
   * `undefined` when neither says (the attribute is unset, or unknown: see `unresolved`).
   */
  id(r: PlannedResource, path: AttrPath, values: JsonObj = r.values): string | undefined {
    const v = values[String(path[path.length - 1])];
    if (typeof v === 'string' && v !== '') return v;
    const t = this.ref(r, path);
    if (t) return this.attrId(t.res, t.attr);
    this.noteUnresolved(r, path);
    return undefined;
  }

  /**
   * A list of ids (security groups, subnets): known values plus every referenced resource. When the
   * list is unknown until apply and some of its references cannot be followed (a `local`, say), it
   * also holds `tf:<address>.<attribute>`, an id no resource has, so that answers depending on the
   * missing members say "unknown" instead of guessing.
   */
  ids(r: PlannedResource, path: AttrPath, values: JsonObj = r.values): string[] {
    const out: string[] = [];
    const v = values[String(path[path.length - 1])];
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string' && x !== '') out.push(x);
    for (const t of this.refs(r, path)) out.push(this.attrId(t.res, t.attr));
    if ((v === undefined || v === null) && this.noteUnresolved(r, path, true))
      out.push(`tf:${r.address}.${pathText(path)}`);
    return [...new Set(out)];
  }

  /**
   * References the plan cannot follow, met where a value is unknown until apply: `terraform show
   * -json` does not describe locals, nor anything outside the plan. The loader warns with each.
   */
  readonly unresolved: { readonly res: PlannedResource; readonly field: string; readonly refs: string[] }[] =
    [];

  private noteUnresolved(r: PlannedResource, path: AttrPath, all = false): boolean {
    const texts = referencesAt(r.expressions, path).filter(
      (t) => !NOT_RESOURCES.some((p) => t === p || t.startsWith(`${p}.`)),
    );
    const instance = instanceKey(r.address);
    const missing = texts.filter(
      (t) =>
        !this.lookup(r.modulePrefix, t, instance) &&
        !(all && this.everyInstance(r.modulePrefix, t).length > 0),
    );
    // `aws_vpc.main` beside `aws_vpc.main.id`: followed when either is.
    const refs = missing.filter(
      (t) => !texts.some((o) => o !== t && o.startsWith(`${t}.`) && !missing.includes(o)),
    );
    if (refs.length === 0) return false;
    const field = pathText(path);
    if (!this.unresolved.some((u) => u.res === r && u.field === field))
      this.unresolved.push({ res: r, field, refs });
    return true;
  }
}

/** Reference roots that name no resource. */
const NOT_RESOURCES = ['count', 'each', 'path', 'terraform', 'self'];

function pathText(path: AttrPath): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** The instance key of an address (`[1]`, `["a"]`), or undefined. */
function instanceKey(address: string): string | undefined {
  const m = /(\[[^\]]*\])$/.exec(address);
  return m?.[1];
}

function referencesIn(expr: Json | undefined): string[] {
  if (!isObj(expr) || !Array.isArray(expr.references)) return [];
  return expr.references.filter((x): x is string => typeof x === 'string');
}

/** `module.x.aws_a.b[0].id` → [`module`, `x`, `aws_a`, `b[0]`, `id`], keeping index keys on their name. */
function splitRef(text: string): string[] {
  return text.split(/\.(?![^[]*\])/);
}

/** The `references` of the expression at `path`; a nested block list is indexed, a whole-list expression applies to every index. */
function referencesAt(expressions: JsonObj, path: AttrPath): string[] {
  let node: Json | undefined = expressions;
  for (const step of path) {
    if (node === undefined || node === null) return [];
    if (typeof step === 'number') {
      if (Array.isArray(node)) node = node[step] ?? node[0];
      // an expression for the whole list (e.g. `route = [...]`): its references serve every element
      continue;
    }
    if (Array.isArray(node)) node = node[0];
    if (!isObj(node)) return [];
    if (Array.isArray(node.references) && !(step in node)) break;
    node = node[step];
  }
  if (!isObj(node) || !Array.isArray(node.references)) return [];
  return node.references.filter((x): x is string => typeof x === 'string');
}
