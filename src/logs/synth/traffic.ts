/**
 * The traffic file of `logs synth`: a YAML list of connections
 * `{from, to, protocol, port, sourcePort?, packets?, bytes?, start?, duration?}`. Every problem is
 * a LogInputError (exit 2) naming file:line:column.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { readYamlDocument } from '../../ingest/yaml-document.js';
import { parseProtocol, protocolUsesPorts } from '../../net/index.js';
import { LogInputError } from '../read/accounting.js';

export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly protocol: number;
  readonly port: number | null;
  readonly sourcePort: number | null;
  readonly packets: number;
  readonly bytes: number;
  /** Unix seconds. */
  readonly start: number;
  readonly duration: number;
  /** Where it was written, for messages. */
  readonly where: string;
}

const KEYS = ['from', 'to', 'protocol', 'port', 'sourcePort', 'packets', 'bytes', 'start', 'duration'];
export const DEFAULT_START = 1_700_000_000;

export function loadTraffic(file: string): Connection[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LogInputError('no-such-path', `--traffic ${file}: cannot read the file.`);
  }
  return parseTraffic(text, file);
}

export function parseTraffic(text: string, file: string): Connection[] {
  const doc = readYamlDocument(text, file);
  if (!doc.ok)
    throw new LogInputError(
      'bad-option',
      `${doc.at}: not valid YAML (${doc.code}); the traffic file is a YAML list of connections.`,
    );
  const { at } = doc;
  const fail = (node: Node | null | undefined, what: string): never => {
    throw new LogInputError(
      'bad-option',
      `${at(node)}: ${what}; the traffic file is a YAML list of {from, to, protocol, port, packets?, bytes?, start?, duration?} (docs/logs.md).`,
    );
  };
  const root = doc.root;
  if (!isSeq(root)) return fail(root, 'the top level must be a list of connections');
  let clock = DEFAULT_START;
  return root.items.map((item) => {
    if (!isMap(item)) return fail(item as Node, 'each connection must be a mapping');
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!KEYS.includes(key))
        fail(pair.key as Node, `unknown key ${JSON.stringify(key)} (known: ${KEYS.join(', ')})`);
    }
    const str = (key: string): string => {
      const n = item.get(key, true) as Node | undefined;
      if (n === undefined) return fail(item, `\`${key}\` is required`);
      const v = isScalar(n) ? n.value : undefined;
      if ((typeof v !== 'string' && typeof v !== 'number') || String(v).trim() === '')
        return fail(n, `\`${key}\` must be an endpoint (instance or ENI id, IP address, Name tag, internet)`);
      return String(v);
    };
    const int = (key: string, min: number, max: number): number | null => {
      const n = item.get(key, true) as Node | undefined;
      if (n === undefined) return null;
      const v = isScalar(n) ? n.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
        return fail(n, `\`${key}\` must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}`);
      return v;
    };
    const from = str('from');
    const to = str('to');
    const protoNode = item.get('protocol', true) as Node | undefined;
    let protocol = 6;
    if (protoNode !== undefined) {
      const v = isScalar(protoNode) ? protoNode.value : undefined;
      const p = typeof v === 'number' ? v : typeof v === 'string' ? parseProtocol(v) : undefined;
      if (p === undefined || p < 0 || p > 255 || !Number.isInteger(p))
        return fail(
          protoNode,
          `\`protocol\` must be tcp, udp, icmp, icmpv6 or a number 0-255, not ${JSON.stringify(v)}`,
        );
      protocol = p;
    }
    const port = int('port', 0, 65535);
    if (port === null && protocolUsesPorts(protocol)) return fail(item, '`port` is required for tcp and udp');
    const packets = int('packets', 1, Number.MAX_SAFE_INTEGER) ?? 10;
    const bytes = int('bytes', 0, Number.MAX_SAFE_INTEGER) ?? packets * 100;
    const startNode = item.get('start', true) as Node | undefined;
    let start = clock;
    if (startNode !== undefined) {
      const v = isScalar(startNode) ? startNode.value : undefined;
      const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) / 1000 : Number.NaN;
      if (!Number.isFinite(t) || t < 0)
        return fail(startNode, `\`start\` must be Unix seconds or an ISO time, not ${JSON.stringify(v)}`);
      start = Math.floor(t);
    }
    const duration = int('duration', 0, 86_400) ?? 60;
    clock = start + duration;
    return {
      from,
      to,
      protocol,
      port: protocolUsesPorts(protocol) ? port : null,
      sourcePort: int('sourcePort', 1, 65535),
      packets,
      bytes,
      start,
      duration,
      where: at(item),
    };
  });
}
