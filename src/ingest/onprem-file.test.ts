import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatCidr } from '../net/index.js';
import { InputError } from './errors.js';
import { parseOnPrem } from './onprem-file.js';

const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../docs/onprem.schema.json', import.meta.url)), 'utf8'),
);
const validate = new Ajv2020({ strict: false }).compile(schema);

const GOOD = `networks:
  - name: dc
    prefixes: [203.0.113.0/24]
    vpnConnections: [vpn-01c45673532d3e33e]
    bgpAsn: 65100
    internet: true
    router: { optic: 10GBASE-LR, autoNegotiation: false }
`;

describe('the --onprem file', () => {
  it('reads a valid file (YAML or JSON) and defaults advertised to prefixes', () => {
    const [n] = parseOnPrem(GOOD, 'onprem.yaml');
    expect(n).toMatchObject({
      name: 'dc',
      vpnConnectionIds: ['vpn-01c45673532d3e33e'],
      bgpAsn: 65100,
      internet: true,
    });
    expect(n!.advertised.map(formatCidr)).toEqual(['203.0.113.0/24']);
    expect(validate(parse(GOOD))).toBe(true);
    const json = JSON.stringify(parse(GOOD));
    expect(parseOnPrem(json, 'onprem.json')[0]!.name).toBe('dc');
  });

  it('accepts a prefix nested in another network: the longest prefix names the network', () => {
    const nets = parseOnPrem(
      'networks:\n  - name: corp\n    prefixes: [10.0.0.0/8]\n  - name: lab\n    prefixes: [10.9.0.0/16]\n',
      'nested.yaml',
    );
    expect(nets.map((n) => n.name)).toEqual(['corp', 'lab']);
  });

  it('keeps the router block, only the keys the file states', () => {
    const full = `networks:
  - name: dc
    prefixes: [172.16.0.0/16]
    virtualInterfaces: [dxvif-fgx3m9d2]
    router:
      optic: 100GBASE-LR4
      fibre: single-mode
      speed: 100G
      duplex: full
      autoNegotiation: false
      vlan8021q: true
      bgpMd5: true
      bfd: false
  - name: branch
    prefixes: [10.9.0.0/16]
`;
    const [dc, branch] = parseOnPrem(full, 'onprem.yaml');
    expect(dc!.router).toEqual({
      optic: '100GBASE-LR4',
      fibre: 'single-mode',
      speed: '100G',
      duplex: 'full',
      autoNegotiation: false,
      vlan8021q: true,
      bgpMd5: true,
      bfd: false,
    });
    expect(validate(parse(full))).toBe(true);
    expect(branch!.router).toBeUndefined();
    expect(validate(parse('networks: [{name: dc, prefixes: [], router: {speed: 10Gbps}}]'))).toBe(false);
    expect(parseOnPrem(GOOD, 'onprem.yaml')[0]!.router).toEqual({
      optic: '10GBASE-LR',
      autoNegotiation: false,
    });
  });

  it.each([
    [
      'networks:\n  - name: dc\n    prefixes: [203.0.113.0/33]\n',
      3,
      /not a CIDR in `prefixes`: "203.0.113.0\/33"/,
    ],
    ['networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    colour: blue\n', 4, /unknown key.*"colour"/],
    [
      'networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    vpnConnections: [cgw-1]\n',
      4,
      /ids starting with vpn-.*"cgw-1"/,
    ],
    ['networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    router: { optic: SFP }\n', 4, /optic.*"SFP"/],
    [
      'networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    router:\n      speed: 10Gbps\n',
      5,
      /`speed` must be one of 1G, 10G, 100G, 400G: "10Gbps"/,
    ],
    [
      'networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    router:\n      fibre: copper\n',
      5,
      /`fibre` must be one of single-mode, multi-mode: "copper"/,
    ],
    [
      'networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    router:\n      bgpMd5: "yes"\n',
      5,
      /`bgpMd5` must be true or false: "yes"/,
    ],
    [
      'networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    router: [bfd]\n',
      4,
      /`router` must be a mapping/,
    ],
    [
      'networks:\n  - name: dc\n    prefixes: [10.0.0.0/8]\n    router: { mtu: 9001 }\n',
      4,
      /unknown router key.*"mtu"/,
    ],
    ['networks:\n  - name: dc\n', 2, /`prefixes` is required/],
    [
      'networks:\n  - name: a\n    prefixes: []\n  - name: a\n    prefixes: []\n',
      4,
      /duplicate network name: "a"/,
    ],
    [
      'networks:\n  - name: a\n    prefixes: [10.1.0.0/16]\n  - name: b\n    prefixes:\n      - 10.2.0.0/16\n      - 10.1.0.0/16\n',
      7,
      /also in network "a".*"10.1.0.0\/16"/,
    ],
    ['networks: [\n', 1, /./],
    ['hosts: []\n', 1, /`networks` must be a list/],
  ])('rejects %j at line %i with the offending value', (text, line, message) => {
    try {
      parseOnPrem(text, 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect(err.code).toBe('ONPREM_INVALID');
      expect(err.line).toBe(line);
      expect(err.message).toMatch(message);
      expect(err.message).toContain(`bad.yaml:${line}:`);
    }
  });
});
