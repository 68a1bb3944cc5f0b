/** An ELB format table compiled for the parser: per-column kinds and a name index. */
import { ELB_FORMATS, type ElbFormatSpec, type ElbLogType, requiredFieldCount } from './elb.js';

export const EK_TEXT = 0;
export const EK_INT = 1;
export const EK_FLOAT = 2;
export const EK_TIME = 3;
export const EK_HOSTPORT = 4;
export const EK_IP = 5;
export const EK_ENUM = 6;

export class ElbFormat {
  readonly type: ElbLogType;
  readonly names: readonly string[];
  readonly kinds: Int8Array;
  readonly quoted: Uint8Array;
  readonly required: number;
  readonly enumValues: readonly (readonly string[] | undefined)[];
  readonly enumClosed: Uint8Array;
  private readonly index: Map<string, number>;

  constructor(readonly spec: ElbFormatSpec) {
    this.type = spec.type;
    this.names = spec.fields.map((f) => f.name);
    const n = this.names.length;
    this.kinds = new Int8Array(n);
    this.quoted = new Uint8Array(n);
    this.enumClosed = new Uint8Array(n);
    this.required = requiredFieldCount(spec);
    this.index = new Map(this.names.map((name, i) => [name, i]));
    this.enumValues = spec.fields.map((f) => f.values);
    spec.fields.forEach((f, i) => {
      this.quoted[i] = f.quoted ? 1 : 0;
      this.enumClosed[i] = f.closed ? 1 : 0;
      this.kinds[i] =
        f.type === 'int'
          ? EK_INT
          : f.type === 'float'
            ? EK_FLOAT
            : f.type === 'time'
              ? EK_TIME
              : f.type === 'hostport'
                ? EK_HOSTPORT
                : f.type === 'ip'
                  ? EK_IP
                  : f.type === 'enum'
                    ? EK_ENUM
                    : EK_TEXT;
    });
  }

  indexOf(name: string): number {
    return this.index.get(name) ?? -1;
  }
}

const compiled = new Map<ElbLogType, ElbFormat>();

export function elbFormat(type: ElbLogType): ElbFormat {
  let f = compiled.get(type);
  if (!f) {
    f = new ElbFormat(ELB_FORMATS[type]);
    compiled.set(type, f);
  }
  return f;
}
