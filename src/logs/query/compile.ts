/**
 * Turns a parsed `--where` expression into a predicate over the records of one format. Field
 * names are AWS's (flow logs: `dstport`, `log-status`, Athena's `log_status` too; ELB logs:
 * `elb_status_code`, and `client_ip` / `client_port` for the parts of `client:port`). Values are
 * read by the field's type: numbers, addresses (with `in CIDR`), enum values (any case), text.
 * `-` is null: `f = -` holds when the field is null or absent from the format, `f != v` is
 * `not (f = v)`, and any other comparison with a null field is false.
 */
import { cidrContains, parseCidr, parseIp } from '../../net/index.js';
import { EK_ENUM, EK_FLOAT, EK_HOSTPORT, EK_INT, EK_IP, type ElbFormat } from '../formats/elb-format.js';
import { type FlowFormat, KIND_ENUM, KIND_INT, KIND_IP } from '../formats/flow-format.js';
import { flowField } from '../formats/vpc-flow.js';
import type { ElbLine } from '../read/elb-parser.js';
import type { FlowLine } from '../read/flow-parser.js';
import { type CompareOp, type Expr, QueryError } from './parse.js';

export type Predicate<R> = (r: R) => boolean;

/** How to read one field of a record. */
export interface Access<R> {
  readonly name: string;
  readonly kind: 'number' | 'address' | 'enum' | 'text';
  /** A text field that also has an address part (`client:port`), usable with `in`. */
  readonly addressable?: boolean;
  readonly values?: readonly string[];
  readonly closed?: boolean;
  isNull(r: R): boolean;
  num(r: R): number;
  /** Address: 4 or 6 (0 null), the IPv4 value, the canonical IPv6 text. */
  fam(r: R): number;
  v4(r: R): number;
  v6(r: R): string;
  /** Enum: the index of the value in `values`, -1 for another value. */
  enumIndex(r: R): number;
  text(r: R): string;
}

/** Resolves a field name to its access, undefined for a name the log type does not have. */
export type Resolver<R> = (name: string) => Access<R> | undefined;

export function compileWhere<R>(expr: Expr, resolve: Resolver<R>): Predicate<R> {
  const field = (name: string, column: number): Access<R> => {
    const a = resolve(name);
    if (!a) throw new QueryError(`unknown field '${name}'`, column);
    return a;
  };
  const build = (e: Expr): Predicate<R> => {
    switch (e.type) {
      case 'and': {
        const l = build(e.left);
        const r = build(e.right);
        return (x) => l(x) && r(x);
      }
      case 'or': {
        const l = build(e.left);
        const r = build(e.right);
        return (x) => l(x) || r(x);
      }
      case 'not': {
        const p = build(e.expr);
        return (x) => !p(x);
      }
      case 'in': {
        const a = field(e.field, e.fieldColumn);
        if (a.kind !== 'address' && !a.addressable)
          throw new QueryError(`'in' needs an address field; ${a.name} is not one`, e.fieldColumn);
        const c = parseCidr(e.cidr)?.cidr;
        if (!c)
          throw new QueryError(
            `'${e.cidr}' is not a CIDR block (like 10.0.0.0/8 or 2001:db8::/32)`,
            e.valueColumn,
          );
        if (c.family === 4) {
          const size = 2 ** (32 - c.prefix);
          const base = Number(c.base) / size;
          return (x) => a.fam(x) === 4 && Math.floor(a.v4(x) / size) === base;
        }
        return (x) => {
          if (a.fam(x) !== 6) return false;
          const ip = parseIp(a.v6(x));
          return ip !== undefined && cidrContains(c, ip);
        };
      }
      case 'compare':
        return compare(field(e.field, e.fieldColumn), e.op, e.value, e.valueColumn);
    }
  };
  return build(expr);
}

function compare<R>(a: Access<R>, op: CompareOp, value: string, column: number): Predicate<R> {
  if (value === '-') {
    if (op === '=') return (x) => a.isNull(x);
    if (op === '!=') return (x) => !a.isNull(x);
    throw new QueryError(`'-' (null) can only be compared with = or !=`, column);
  }
  const eq = op === '=' || op === '!=';
  const test = (cmp: (x: R) => number): Predicate<R> => {
    // cmp: NaN when not comparable (null, other family), else <0, 0, >0
    switch (op) {
      case '=':
        return (x) => cmp(x) === 0;
      case '!=':
        return (x) => !(cmp(x) === 0);
      case '<':
        return (x) => cmp(x) < 0;
      case '<=':
        return (x) => cmp(x) <= 0;
      case '>':
        return (x) => cmp(x) > 0;
      case '>=':
        return (x) => cmp(x) >= 0;
    }
  };
  switch (a.kind) {
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(value))
        throw new QueryError(`${a.name} is a number; '${value}' is not`, column);
      const v = Number(value);
      return test((x) => (a.isNull(x) ? Number.NaN : a.num(x) - v));
    }
    case 'address': {
      const ip = parseIp(value);
      if (!ip)
        throw new QueryError(
          `${a.name} is an address; '${value}' is not (use 'in' for a CIDR block)`,
          column,
        );
      if (ip.family === 4) {
        const v = Number(ip.value);
        return test((x) => (a.fam(x) === 4 ? a.v4(x) - v : Number.NaN));
      }
      return test((x) => {
        if (a.fam(x) !== 6) return Number.NaN;
        const other = parseIp(a.v6(x))!.value;
        return other < ip.value ? -1 : other > ip.value ? 1 : 0;
      });
    }
    case 'enum': {
      const values = a.values ?? [];
      const idx = values.findIndex((v) => v.toLowerCase() === value.toLowerCase());
      if (idx < 0 && a.closed)
        throw new QueryError(`${a.name} is one of ${values.join(', ')}; '${value}' is not`, column);
      if (idx >= 0 && eq) return test((x) => (a.isNull(x) ? Number.NaN : a.enumIndex(x) === idx ? 0 : 1));
      return textTest(a, value, test);
    }
    case 'text':
      return textTest(a, value, test);
  }
}

function textTest<R>(
  a: Access<R>,
  value: string,
  test: (cmp: (x: R) => number) => Predicate<R>,
): Predicate<R> {
  return test((x) => {
    if (a.isNull(x)) return Number.NaN;
    const t = a.text(x);
    return t < value ? -1 : t > value ? 1 : 0;
  });
}

const NULL_ACCESS = <R>(name: string): Access<R> => ({
  name,
  kind: 'text',
  isNull: () => true,
  num: () => Number.NaN,
  fam: () => 0,
  v4: () => Number.NaN,
  v6: () => '',
  enumIndex: () => -1,
  text: () => '',
});

/**
 * Fields of a flow-log format. A field of the table that this format lacks reads as null
 * (`onAbsent` is told); a name neither in the table nor in the format is unknown.
 */
export function flowResolver(fmt: FlowFormat, onAbsent?: (name: string) => void): Resolver<FlowLine> {
  return (name) => {
    const c = fmt.indexOf(name);
    if (c < 0) {
      const spec = flowField(name);
      if (!spec) return undefined;
      onAbsent?.(spec.name);
      return NULL_ACCESS<FlowLine>(spec.name);
    }
    const k = fmt.kinds[c];
    const spec = fmt.columns[c]!.spec;
    return {
      name: fmt.names[c]!,
      kind: k === KIND_INT ? 'number' : k === KIND_IP ? 'address' : k === KIND_ENUM ? 'enum' : 'text',
      ...(spec?.values ? { values: spec.values, closed: spec.closed === true } : {}),
      isNull: (r) => r.isNull(c),
      num: (r) => r.nums[c]!,
      fam: (r) => r.fams[c]!,
      v4: (r) => r.nums[c]!,
      v6: (r) => r.ip6[c]!,
      enumIndex: (r) => r.nums[c]!,
      text: (r) => r.text(c) ?? '',
    };
  };
}

/** Fields of an ELB format, plus `<name>_ip` and `<name>_port` for each `<name>:port` field. */
export function elbResolver(fmt: ElbFormat): Resolver<ElbLine> {
  return (name) => {
    let c = fmt.indexOf(name);
    let part: 'whole' | 'ip' | 'port' = 'whole';
    if (c < 0) {
      const m = /^(.+)_(ip|port)$/.exec(name);
      if (m) {
        c = fmt.indexOf(`${m[1]}:port`);
        part = m[2] as 'ip' | 'port';
      }
      if (c < 0 || fmt.kinds[c] !== EK_HOSTPORT) return undefined;
    }
    const k = fmt.kinds[c];
    const values = fmt.enumValues[c];
    const kind: Access<ElbLine>['kind'] =
      part === 'port' || k === EK_INT || k === EK_FLOAT
        ? 'number'
        : part === 'ip' || k === EK_IP
          ? 'address'
          : k === EK_ENUM
            ? 'enum'
            : 'text';
    return {
      name,
      kind,
      addressable: k === EK_HOSTPORT,
      ...(values ? { values, closed: fmt.enumClosed[c] === 1 } : {}),
      isNull: (r) => r.isNull(c),
      num: (r) => r.nums[c]!,
      fam: (r) => (r.isNull(c) ? 0 : r.fams[c]!),
      v4: (r) => r.v4[c]!,
      v6: (r) => r.ip6[c]!,
      enumIndex: (r) => (values ? values.indexOf(r.text(c) ?? '') : -1),
      text: (r) => r.text(c) ?? '',
    };
  };
}
