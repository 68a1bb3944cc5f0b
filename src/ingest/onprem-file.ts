/**
 * The --onprem file (YAML or JSON): the on-premises networks behind customer gateways, VPN
 * connections and Direct Connect virtual interfaces, which AWS output cannot show. Validated here,
 * once; every error is an InputError naming file:line:column and the offending value. The format
 * is documented in docs/onprem.md with its JSON Schema docs/onprem.schema.json.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import {
  type OnPremNetwork,
  type OnPremRouterPort,
  ROUTER_DUPLEXES,
  ROUTER_FIBRES,
  ROUTER_OPTICS,
  ROUTER_SPEEDS,
} from '../model/index.js';
import { type Cidr, formatCidr, parseCidr } from '../net/index.js';
import { InputError } from './errors.js';
import { readYamlDocument } from './yaml-document.js';

const NETWORK_KEYS = new Set([
  'name',
  'prefixes',
  'advertised',
  'vpnConnections',
  'customerGateways',
  'virtualInterfaces',
  'bgpAsn',
  'internet',
  'router',
]);
const ROUTER_KEYS = new Set([
  'optic',
  'fibre',
  'speed',
  'duplex',
  'autoNegotiation',
  'vlan8021q',
  'bgpMd5',
  'bfd',
]);
const ROUTER_ENUMS: Readonly<Record<string, readonly string[]>> = {
  optic: ROUTER_OPTICS,
  fibre: ROUTER_FIBRES,
  speed: ROUTER_SPEEDS,
  duplex: ROUTER_DUPLEXES,
};

export function loadOnPremFile(file: string): OnPremNetwork[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('ONPREM_INVALID', {
      file,
      value: file,
      fix: 'give an existing YAML or JSON file to --onprem',
    });
  }
  return parseOnPrem(text, file);
}

export function parseOnPrem(text: string, file: string): OnPremNetwork[] {
  const doc = readYamlDocument(text, file);
  if (!doc.ok)
    throw new InputError('ONPREM_INVALID', {
      file,
      line: doc.pos.line,
      column: doc.pos.column,
      value: doc.code,
      fix: 'the file must be valid YAML or JSON',
    });
  const { pos } = doc;
  const fail = (node: Node | null | undefined, what: string, value?: unknown): never => {
    const p = pos(node);
    throw new InputError('ONPREM_INVALID', {
      file,
      line: p.line,
      column: p.column,
      value: value === undefined ? what : `${what}: ${JSON.stringify(value)}`,
      fix: 'see docs/onprem.md for the format',
    });
  };
  const root = doc.root;
  if (!isMap(root)) return fail(root, 'the top level must be a mapping with a `networks` list');
  const networksNode = root.get('networks', true);
  if (!isSeq(networksNode)) return fail(networksNode ?? root, '`networks` must be a list');
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'networks') fail(pair.key as Node, 'unknown key', key);
  }
  const names = new Set<string>();
  // A destination belongs to the network with the longest matching prefix; the very same prefix in
  // two networks would leave it to file order, so it is refused (nested prefixes are fine).
  const prefixOwner = new Map<string, string>();
  return networksNode.items.map((item) => {
    if (!isMap(item)) return fail(item as Node, 'each network must be a mapping');
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!NETWORK_KEYS.has(key))
        fail(pair.key as Node, `unknown key (known: ${[...NETWORK_KEYS].join(', ')})`, key);
    }
    const nameNode = item.get('name', true);
    const name =
      isScalar(nameNode) && typeof nameNode.value === 'string' && nameNode.value !== ''
        ? nameNode.value
        : fail(nameNode ?? item, '`name` must be a non-empty string');
    if (names.has(name)) fail(nameNode, 'duplicate network name', name);
    names.add(name);
    const cidrList = (key: string, required: boolean): Cidr[] => {
      const node = item.get(key, true);
      if (node === undefined) return required ? fail(item, `\`${key}\` is required`) : [];
      if (!isSeq(node)) return fail(node as Node, `\`${key}\` must be a list of CIDRs`);
      return node.items.map((n) => {
        const v = isScalar(n) ? n.value : undefined;
        const parsed = typeof v === 'string' ? parseCidr(v) : undefined;
        if (!parsed) return fail(n as Node, `not a CIDR in \`${key}\``, v);
        if (key === 'prefixes') {
          const text = formatCidr(parsed.cidr);
          const other = prefixOwner.get(text);
          if (other !== undefined && other !== name)
            fail(
              n as Node,
              `prefix is also in network ${JSON.stringify(other)}; a prefix belongs to one network`,
              v,
            );
          prefixOwner.set(text, name);
        }
        return parsed.cidr;
      });
    };
    const idList = (key: string, prefix: string): string[] => {
      const node = item.get(key, true);
      if (node === undefined) return [];
      if (!isSeq(node)) return fail(node as Node, `\`${key}\` must be a list of ids`);
      return node.items.map((n) => {
        const v = isScalar(n) ? n.value : undefined;
        if (typeof v !== 'string' || !v.startsWith(prefix))
          return fail(n as Node, `\`${key}\` takes ids starting with ${prefix}`, v);
        return v;
      });
    };
    const prefixes = cidrList('prefixes', true);
    const advertised = item.has('advertised') ? cidrList('advertised', false) : prefixes;
    const asnNode = item.get('bgpAsn', true);
    let bgpAsn: number | undefined;
    if (asnNode !== undefined) {
      const v = isScalar(asnNode) ? asnNode.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 4294967294)
        fail(asnNode as Node, '`bgpAsn` must be a whole number from 1 to 4294967294', v);
      bgpAsn = v as number;
    }
    const internetNode = item.get('internet', true);
    if (internetNode !== undefined && !(isScalar(internetNode) && typeof internetNode.value === 'boolean'))
      fail(internetNode as Node, '`internet` must be true or false');
    const routerNode = item.get('router', true);
    let router: OnPremRouterPort | undefined;
    if (routerNode !== undefined) {
      if (!isMap(routerNode)) return fail(routerNode as Node, '`router` must be a mapping');
      const port: Record<string, string | boolean> = {};
      for (const pair of routerNode.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!ROUTER_KEYS.has(key))
          fail(pair.key as Node, `unknown router key (known: ${[...ROUTER_KEYS].join(', ')})`, key);
        const v = isScalar(pair.value) ? pair.value.value : undefined;
        const allowed = ROUTER_ENUMS[key];
        if (allowed) {
          if (typeof v !== 'string' || !allowed.includes(v))
            fail((pair.value ?? pair.key) as Node, `\`${key}\` must be one of ${allowed.join(', ')}`, v);
        } else if (typeof v !== 'boolean')
          fail((pair.value ?? pair.key) as Node, `\`${key}\` must be true or false`, v);
        port[key] = v as string | boolean;
      }
      router = port as OnPremRouterPort;
    }
    return {
      name,
      prefixes,
      advertised,
      vpnConnectionIds: idList('vpnConnections', 'vpn-'),
      customerGatewayIds: idList('customerGateways', 'cgw-'),
      virtualInterfaceIds: idList('virtualInterfaces', 'dxvif-'),
      bgpAsn,
      internet: isScalar(internetNode) ? internetNode.value === true : false,
      ...(router ? { router } : {}),
      source: { kind: 'file', file },
    } satisfies OnPremNetwork;
  });
}
