import { describe, expect, it } from 'vitest';
import type { OnPremNetwork } from '../../../model/index.js';
import { mustParseCidr } from '../../../net/index.js';
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
