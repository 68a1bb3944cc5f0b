/**
 * `--group-by`: one key part per field, tagged so the key reads back without the format
 * (0 null, 1 text, 2 address, 3 integer), and totals per key in a bounded TopTable.
 */
import { EK_HOSTPORT, EK_INT, type ElbFormat } from '../formats/elb-format.js';
import { type FlowFormat, KIND_INT, KIND_IP } from '../formats/flow-format.js';
import { flowField } from '../formats/vpc-flow.js';
import type { ElbLine } from '../read/elb-parser.js';
import type { FlowLine } from '../read/flow-parser.js';
import { type KeyBatch, KeyReader } from '../report/top-table.js';

export type KeyPart<R> = (r: R, k: KeyBatch) => void;

const NULL = 0;
const TEXT = 1;
const ADDRESS = 2;
const INTEGER = 3;

function address(k: KeyBatch, fam: number, v4: number, v6: string): void {
  if (fam === 4) k.word(ADDRESS).ipv4(v4);
  else if (fam === 6) k.word(ADDRESS).ipv6(v6);
  else k.word(NULL);
}

/** Key parts for flow-log fields; undefined for a name that is no field. */
export function flowKeyPart(fmt: FlowFormat, name: string): KeyPart<FlowLine> | undefined {
  const c = fmt.indexOf(name);
  if (c < 0) return flowField(name) ? (_r, k) => void k.word(NULL) : undefined;
  const kind = fmt.kinds[c];
  if (kind === KIND_IP) return (r, k) => address(k, r.fams[c]!, r.nums[c]!, r.ip6[c]!);
  if (kind === KIND_INT)
    return (r, k) => void (r.isNull(c) ? k.word(NULL) : k.word(INTEGER).number(r.nums[c]!));
  return (r, k) => void (r.isNull(c) ? k.word(NULL) : k.word(TEXT).bytes(r.buf, r.starts[c]!, r.ends[c]!));
}

/** Key parts for ELB fields, and `<name>_ip` / `<name>_port` of `<name>:port` fields. */
export function elbKeyPart(fmt: ElbFormat, name: string): KeyPart<ElbLine> | undefined {
  const c = fmt.indexOf(name);
  if (c >= 0) {
    if (fmt.kinds[c] === EK_INT)
      return (r, k) =>
        void (r.isNull(c) || r.nums[c]! < 0
          ? k.word(TEXT).bytes(r.buf, r.vs[c]!, r.ve[c]!)
          : k.word(INTEGER).number(r.nums[c]!));
    return (r, k) => void (r.isNull(c) ? k.word(NULL) : k.word(TEXT).bytes(r.buf, r.vs[c]!, r.ve[c]!));
  }
  const m = /^(.+)_(ip|port)$/.exec(name);
  if (!m) return undefined;
  const hp = fmt.indexOf(`${m[1]}:port`);
  if (hp < 0 || fmt.kinds[hp] !== EK_HOSTPORT) return undefined;
  if (m[2] === 'port')
    return (r, k) => void (r.isNull(hp) ? k.word(NULL) : k.word(INTEGER).number(r.nums[hp]!));
  return (r, k) => address(k, r.isNull(hp) ? 0 : r.fams[hp]!, r.v4[hp]!, r.ip6[hp]!);
}

/** Reads a group key back: one value per field. */
export function readGroupKey(key: Int32Array, fields: number): (string | number | null)[] {
  const kr = new KeyReader(key);
  const out: (string | number | null)[] = [];
  for (let i = 0; i < fields; i++) {
    const tag = kr.word();
    out.push(tag === NULL ? null : tag === TEXT ? kr.utf8() : tag === ADDRESS ? kr.addr() : kr.number());
  }
  return out;
}
