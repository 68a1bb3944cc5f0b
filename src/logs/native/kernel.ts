/**
 * The optional native kernel of `logs summary` (flow-kernel.cc, built by scripts/build-native.mjs
 * into dist/native/): finds and loads it, registers flow-log formats with it, and hands its totals
 * back in FlowSummary's state shape. It knows no AWS semantics of its own: the kernel mirrors
 * FlowParser's fast path and FlowSummary.record, and every line it does not take is read by them.
 * Missing, built from another version, or disabled (VPCSIM_NATIVE=0): `kernel()` is undefined and
 * everything runs in JavaScript with the same answers.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowFormat } from '../formats/flow-format.js';
import type { BulkFlowSink } from '../read/flow-parser.js';
import { ADMIN_INDEX, ADMIN_PORTS } from '../report/admin-ports.js';
import type { FlowSummaryState } from '../report/flow-summary.js';
import type { TopTableState } from '../report/top-table.js';

/** The version of flow-kernel.cc this module speaks to (its KERNEL_VERSION). */
const KERNEL_VERSION = 3;

interface KernelTable {
  readonly slots: ArrayBuffer;
  readonly arena: ArrayBuffer;
  readonly maxError: readonly number[];
  readonly approximate: boolean;
}

interface KernelModule {
  readonly version: number;
  readonly accSize: number;
  create(maxKeys: number, admin: Int8Array): object;
  format(
    k: object,
    kinds: Int8Array,
    mins: Float64Array,
    maxs: Float64Array,
    closed: Uint8Array,
    enums: Uint8Array,
    cols: Int32Array,
  ): number;
  take(
    k: object,
    id: number,
    buf: Uint8Array,
    pos: number,
    end: number,
    maxLine: number,
    acc: Float64Array,
  ): number;
  table(k: object, i: number): KernelTable;
  absorb(
    k: object,
    i: number,
    slots: ArrayBuffer,
    arena: ArrayBuffer,
    maxError: Float64Array,
    approximate: boolean,
  ): void;
}

/** Layout of the accumulator the kernel adds to (flow-kernel.cc ACC_*). */
const ACC_SCALARS = 4;
const PROTO_SLOTS = 257;
const PS = 5;
const ACC_PROTOCOLS = 12;
const ACC_ADMIN = ACC_PROTOCOLS + PROTO_SLOTS * PS;
const ADMIN_SLOTS = 16;
const ACC_FAM = ACC_ADMIN + ADMIN_SLOTS * PS;
const ACC_LOST = ACC_FAM + 6;
const ACC_SIZE = ACC_LOST + 4;

/** The kernel's tables, in its order (flow-kernel.cc `Tables`), by FlowSummary's names. */
export const KERNEL_TABLES = [
  'sources',
  'destinations',
  'pairs',
  'interfaces',
  'instances',
  'rejectedFlows',
  'rejectsByPort',
  'adminSources',
] as const;

/** The columns the kernel reads, in the order of its `format` call. */
const COLUMNS = [
  'log-status',
  'srcaddr',
  'dstaddr',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'interface-id',
  'instance-id',
  'type',
  'packets-lost-no-route',
  'packets-lost-blackhole',
  'packets-lost-mtu-exceeded',
  'packets-lost-ttl-expired',
];

let loaded: KernelModule | null | undefined;

/** Where the build puts it: dist/native/ under the package root (found upwards from this module). */
function kernelPath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'dist', 'native', 'flow-kernel.node');
    if (existsSync(p)) return p;
    const q = join(dir, 'native', 'flow-kernel.node');
    if (existsSync(q)) return q;
    dir = dirname(dir);
  }
  return undefined;
}

/** The kernel, or undefined when it is not built, is stale, or VPCSIM_NATIVE=0. */
export function kernel(): KernelModule | undefined {
  if (process.env.VPCSIM_NATIVE === '0') return undefined;
  if (loaded === undefined) {
    loaded = null;
    const p = kernelPath();
    if (p) {
      try {
        const m = createRequire(import.meta.url)(p) as KernelModule;
        if (m.version === KERNEL_VERSION && m.accSize === ACC_SIZE) loaded = m;
      } catch {
        // A kernel built for another platform or Node: the JavaScript path answers.
      }
    }
  }
  return loaded ?? undefined;
}

/** A flow summary's share kept by the kernel: the bulk sink FlowParser feeds, and its state. */
export class NativeFlowSummary implements BulkFlowSink {
  readonly taken: Float64Array;
  private readonly acc = new Float64Array(ACC_SIZE);
  private handle: object | undefined;
  private ids = new Map<FlowFormat, number>();
  /** True once a line was taken since the last `drain`. */
  private dirty = false;

  constructor(
    private readonly k: KernelModule,
    private readonly maxKeys: number,
  ) {
    this.taken = this.acc.subarray(0, ACC_SCALARS);
    this.resetAcc();
  }

  /** The kernel's tables, created on first use; undefined for a --max-keys the kernel does not take. */
  private tablesHandle(): object | undefined {
    if (this.handle === undefined) {
      try {
        this.handle = this.k.create(this.maxKeys, ADMIN_INDEX);
      } catch {
        return undefined;
      }
    }
    return this.handle;
  }

  /**
   * Adds another share's tables (a worker thread's) to the kernel's, where adding is cheaper than
   * in JavaScript; false when the kernel cannot hold them (JavaScript absorbs them then).
   */
  absorbTables(tables: Readonly<Record<string, TopTableState>>): boolean {
    const h = this.tablesHandle();
    if (!h) return false;
    KERNEL_TABLES.forEach((name, i) => {
      const t = tables[name];
      if (t) this.k.absorb(h, i, t.slots, t.arena, t.maxError, t.approximate);
    });
    this.dirty = true;
    return true;
  }

  take(buf: Buffer, pos: number, end: number, format: FlowFormat, maxLine: number): number {
    if (!this.tablesHandle()) return pos; // JavaScript reads everything
    let id = this.ids.get(format);
    if (id === undefined) {
      id = this.register(this.handle!, format);
      this.ids.set(format, id);
    }
    if (id < 0) return pos;
    const next = this.k.take(this.handle!, id, buf, pos, end, maxLine, this.acc);
    if (next !== pos) this.dirty = true;
    return next;
  }

  /** The totals taken since the last drain, in FlowSummary's state shape; starts afresh. */
  drain(): FlowSummaryState | undefined {
    if (!this.dirty || !this.handle) return undefined;
    const a = this.acc;
    const tables: Record<string, TopTableState> = {};
    KERNEL_TABLES.forEach((name, i) => {
      const t = this.k.table(this.handle!, i);
      tables[name] = {
        slots: t.slots,
        arena: t.arena,
        maxError: Float64Array.from(t.maxError),
        approximate: t.approximate,
      };
    });
    const state = {
      scalars: [...a.subarray(ACC_SCALARS, ACC_SCALARS + 8)],
      arrays: {
        protocols: a.slice(ACC_PROTOCOLS, ACC_PROTOCOLS + PROTO_SLOTS * PS),
        admin: a.slice(ACC_ADMIN, ACC_ADMIN + ADMIN_PORTS.length * PS),
        fam: a.slice(ACC_FAM, ACC_FAM + 6),
        lost: a.slice(ACC_LOST, ACC_LOST + 4),
      },
      tables,
    };
    this.handle = undefined;
    this.ids = new Map();
    this.dirty = false;
    this.resetAcc();
    return state;
  }

  private resetAcc(): void {
    this.acc.fill(0);
    this.acc[ACC_SCALARS + 5] = Number.POSITIVE_INFINITY;
    this.acc[ACC_SCALARS + 6] = Number.NEGATIVE_INFINITY;
  }

  /** The format's id in the kernel, or -1 when the kernel cannot read it (JavaScript does). */
  private register(handle: object, f: FlowFormat): number {
    const bytes: number[] = [];
    for (let c = 0; c < f.kinds.length; c++) {
      const values = f.enumBytes[c] ?? [];
      if (values.length > 255 || values.some((v) => v.length > 255)) return -1;
      bytes.push(values.length);
      for (const v of values) bytes.push(v.length, ...v);
    }
    const cols = Int32Array.from(COLUMNS, (name) => f.indexOf(name));
    try {
      return this.k.format(handle, f.kinds, f.mins, f.maxs, f.enumClosed, Uint8Array.from(bytes), cols);
    } catch {
      return -1;
    }
  }
}
