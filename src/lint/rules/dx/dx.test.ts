import { describe, expect, it } from 'vitest';
import type { OnPremNetwork, OnPremRouterPort } from '../../../model/index.js';
import { mustParseCidr } from '../../../net/index.js';
import { messageOf } from '../../messages.js';
import { check, example, summary } from '../../test-helpers.js';

const VIF = 'dxvif-fgx3m9d2';

function onprem(advertised: number, vifs: string[] = [VIF], prefixes = ['172.16.0.0/16']): OnPremNetwork {
  const adv = Array.from({ length: advertised }, (_, i) =>
    mustParseCidr(`172.${16 + (i >> 8)}.${i & 255}.0/24`),
  );
  return {
    name: 'dc',
    prefixes: prefixes.map(mustParseCidr),
    advertised: adv,
    vpnConnectionIds: [],
    customerGatewayIds: [],
    virtualInterfaceIds: vifs,
    internet: false,
    source: { kind: 'file', file: 'onprem.yaml' },
  };
}

describe('DX001 more than 100 prefixes on a private VIF', () => {
  it.each([
    ['no --onprem file (examples/direct-connect)', example('direct-connect'), []],
    ['100 prefixes', example('direct-connect', () => ({ onPremNetworks: [onprem(100)] })), []],
    ['101 prefixes', example('direct-connect', () => ({ onPremNetworks: [onprem(101)] })), [`error ${VIF}`]],
  ])('%s', (_name, net, want) => expect(summary('DX001', net)).toEqual(want));

  it('says how many', () => {
    const net = example('direct-connect', () => ({ onPremNetworks: [onprem(150)] }));
    expect(check('DX001', net)[0]?.data).toMatchObject({ count: 150, family: 'IPv4', limit: 100 });
  });
});

describe('DX002 virtual interface with every BGP session down', () => {
  it.each([
    ['BGP up (examples/direct-connect)', example('direct-connect'), []],
    [
      'BGP down',
      example('direct-connect', (d) => ({
        virtualInterfaces: (d.virtualInterfaces ?? []).map((v) => ({
          ...v,
          bgpPeers: v.bgpPeers.map((p) => ({ ...p, status: 'down' })),
        })),
      })),
      [`warning ${VIF}`],
    ],
  ])('%s', (_name, net, want) => expect(summary('DX002', net)).toEqual(want));
});

describe('DX003 duplicate VLAN on one connection', () => {
  it.each([
    ['one VIF (examples/direct-connect)', example('direct-connect'), []],
    [
      'a second VIF on VLAN 101',
      example('direct-connect', (d) => ({
        virtualInterfaces: [
          ...(d.virtualInterfaces ?? []),
          { ...d.virtualInterfaces![0]!, virtualInterfaceId: 'dxvif-second' },
        ],
      })),
      ['error dxvif-second'],
    ],
    [
      'a second VIF on VLAN 102',
      example('direct-connect', (d) => ({
        virtualInterfaces: [
          ...(d.virtualInterfaces ?? []),
          { ...d.virtualInterfaces![0]!, virtualInterfaceId: 'dxvif-second', vlan: 102 },
        ],
      })),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('DX003', net)).toEqual(want));
});

describe('DX004 virtual interface MTU', () => {
  const mtu = (type: string, value: number) =>
    example('direct-connect', (d) => ({
      virtualInterfaces: (d.virtualInterfaces ?? []).map((v) => ({ ...v, type, mtu: value })),
    }));
  it.each<[string, ReturnType<typeof example>, string[]]>([
    ['private 1500 (examples/direct-connect)', example('direct-connect'), []],
    ['private 9001', mtu('private', 9001), []],
    ['private 8500', mtu('private', 8500), []],
    ['private 9000', mtu('private', 9000), [`warning ${VIF}`]],
    ['transit 8500', mtu('transit', 8500), []],
    ['transit 9001', mtu('transit', 9001), [`warning ${VIF}`]],
    ['public 9001', mtu('public', 9001), [`warning ${VIF}`]],
  ])('%s', (_name, net, want) => expect(summary('DX004', net)).toEqual(want));
});

describe('DX005-DX009 router port requirements from the --onprem file', () => {
  const CONN = 'dxcon-ffq7k2b4';
  const FILE: OnPremNetwork['source'] = { kind: 'file', file: 'onprem.yaml' };
  const withRouter = (router: OnPremRouterPort | undefined, source: OnPremNetwork['source'] = FILE) =>
    example('direct-connect', () => ({
      onPremNetworks: [{ ...onprem(1), ...(router ? { router } : {}), source }],
    }));
  const GOOD: OnPremRouterPort = {
    optic: '10GBASE-LR',
    fibre: 'single-mode',
    speed: '10G',
    duplex: 'full',
    autoNegotiation: false,
    vlan8021q: true,
    bgpMd5: true,
    bfd: true,
  };
  const RULES = ['DX005', 'DX006', 'DX007', 'DX008', 'DX009'];
  /** `ruleId level resource` over the five rules. */
  const all = (net: ReturnType<typeof example>) =>
    RULES.flatMap((id) => summary(id, net).map((s) => `${id} ${s}`));

  it.each<[string, OnPremRouterPort | undefined, string[]]>([
    ['no router block', undefined, []],
    ['an empty router block: nothing stated, nothing said', {}, []],
    ['every requirement met (10G)', GOOD, []],
    ['1G on 1000BASE-LX', { ...GOOD, speed: '1G', optic: '1000BASE-LX' }, []],
    ['100G on 100GBASE-LR4', { ...GOOD, speed: '100G', optic: '100GBASE-LR4' }, []],
    ['10G on a 1000BASE-LX optic', { ...GOOD, optic: '1000BASE-LX' }, ['DX005 error dc']],
    ['1G on a 10GBASE-LR optic', { ...GOOD, speed: '1G', optic: '10GBASE-LR' }, ['DX005 error dc']],
    ['100G on a 10GBASE-LR optic', { ...GOOD, speed: '100G' }, ['DX005 error dc']],
    ['multi-mode fibre', { ...GOOD, fibre: 'multi-mode' }, ['DX005 error dc']],
    ['optic without a speed: no mismatch to state', { optic: '1000BASE-LX' }, []],
    ['auto-negotiation on at 10G', { ...GOOD, autoNegotiation: true }, ['DX006 error dc']],
    [
      'auto-negotiation on at 100G (speed from the optic)',
      { optic: '100GBASE-LR4', autoNegotiation: true },
      ['DX006 error dc'],
    ],
    [
      'auto-negotiation on at 1G',
      { ...GOOD, speed: '1G', optic: '1000BASE-LX', autoNegotiation: true },
      ['DX006 note dc'],
    ],
    ['auto-negotiation on, speed unknown', { autoNegotiation: true }, ['DX006 note dc']],
    ['half duplex', { ...GOOD, duplex: 'half' }, ['DX006 error dc']],
    ['802.1Q off', { ...GOOD, vlan8021q: false }, ['DX007 error dc']],
    ['BGP without MD5', { ...GOOD, bgpMd5: false }, ['DX008 warning dc']],
    ['no BFD', { ...GOOD, bfd: false }, ['DX009 note dc']],
    [
      'everything wrong',
      {
        optic: '1000BASE-LX',
        fibre: 'multi-mode',
        speed: '10G',
        duplex: 'half',
        autoNegotiation: true,
        vlan8021q: false,
        bgpMd5: false,
        bfd: false,
      },
      [
        'DX005 error dc',
        'DX005 error dc',
        'DX006 error dc',
        'DX006 error dc',
        'DX007 error dc',
        'DX008 warning dc',
        'DX009 note dc',
      ],
    ],
  ])('%s', (_name, router, want) => expect(all(withRouter(router))).toEqual(want));

  it('ignores inferred networks', () => {
    const net = withRouter({ ...GOOD, bfd: false }, { kind: 'inferred', from: 'test' });
    expect(all(net)).toEqual([]);
  });

  it('points at the network in the file, then the connection of its virtual interfaces', () => {
    const [f] = check('DX005', withRouter({ ...GOOD, optic: '1000BASE-LX' }));
    expect(f?.resources).toEqual([{ id: 'dc', file: 'onprem.yaml' }, expect.objectContaining({ id: CONN })]);
    expect(f?.data).toMatchObject({
      setting: 'optic',
      stated: '1000BASE-LX',
      required: '10GBASE-LR',
      speed: '10G',
    });
    expect(messageOf({ ...f!, level: 'error' })).toMatch(
      /1000BASE-LX transceiver at 10G; AWS requires 10GBASE-LR/,
    );
  });
});
