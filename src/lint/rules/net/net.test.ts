import { describe, expect, it } from 'vitest';
import type { OnPremNetwork } from '../../../model/index.js';
import { mustParseCidr } from '../../../net/index.js';
import { check, example, summary } from '../../test-helpers.js';

const site = (prefix: string, kind: 'file' | 'inferred' = 'file'): OnPremNetwork => ({
  name: 'hq',
  prefixes: [mustParseCidr(prefix)],
  advertised: [mustParseCidr(prefix)],
  vpnConnectionIds: [],
  customerGatewayIds: [],
  virtualInterfaceIds: [],
  internet: false,
  source: kind === 'file' ? { kind, file: 'onprem.yaml' } : { kind, from: 'routes' },
});

describe('NET001 overlapping address plans', () => {
  const VPC = 'vpc-089814db9898d3fd0';
  it.each([
    ['no on-premises networks (examples/nat-instance)', example('nat-instance'), []],
    [
      'on-premises 192.168.0.0/16 beside 10.0.0.0/16',
      example('nat-instance', () => ({ onPremNetworks: [site('192.168.0.0/16')] })),
      [],
    ],
    [
      'on-premises 10.0.128.0/17 inside the VPC',
      example('nat-instance', () => ({ onPremNetworks: [site('10.0.128.0/17')] })),
      [`warning ${VPC}`],
    ],
    [
      'on-premises 10.0.0.0/8 around the VPC',
      example('nat-instance', () => ({ onPremNetworks: [site('10.0.0.0/8')] })),
      [`warning ${VPC}`],
    ],
    [
      "inferred networks are not the user's plan",
      example('nat-instance', () => ({ onPremNetworks: [site('10.0.0.0/8', 'inferred')] })),
      [],
    ],
    ['active peering without overlap (examples/transit-gateway)', example('transit-gateway'), []],
  ])('%s', (_name, net, want) => expect(summary('NET001', net)).toEqual(want));

  it('names the overlapping prefixes', () => {
    const net = example('nat-instance', () => ({ onPremNetworks: [site('10.0.128.0/17')] }));
    expect(check('NET001', net)[0]?.data.prefixes).toEqual(['10.0.128.0/17']);
  });
});
