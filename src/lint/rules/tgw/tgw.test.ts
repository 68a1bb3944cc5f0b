import { describe, expect, it } from 'vitest';
import type { Network, RouteTable, TransitGatewayAttachment } from '../../../model/index.js';
import { mustParseCidr } from '../../../net/index.js';
import { messageOf } from '../../messages.js';
import { check, example, patch, summary } from '../../test-helpers.js';

// examples/transit-gateway: the shared-services VPC vpc-072a150cf16e39d38 is attached in us-east-1a
// and us-east-1b (tgw-attach-0e7bc8da26f68da00, appliance mode disabled); its subnets use rtb-08a97c308f8d290ad.
const ATTACH = 'tgw-attach-0e7bc8da26f68da00';
const RTB = 'rtb-08a97c308f8d290ad';
const APPLIANCE_ENI = 'eni-05a09f9f11593af19';

function inspection(
  target: { type: 'network-interface' | 'instance' | 'vpc-endpoint' | 'nat-gateway'; id: string },
  appliance: boolean | undefined,
  subnets?: readonly string[],
): Network {
  return example('transit-gateway', (d) => ({
    routeTables: patch(
      d.routeTables,
      (t: RouteTable) => t.routeTableId,
      RTB,
      (t) => ({
        ...t,
        routes: [
          ...t.routes,
          {
            destination: { kind: 'cidr', cidr: mustParseCidr('10.0.0.0/8') },
            target,
            state: 'active',
            origin: 'CreateRoute',
            destinationText: '10.0.0.0/8',
          },
        ],
      }),
    ),
    transitGatewayAttachments: patch(
      d.transitGatewayAttachments ?? [],
      (a: TransitGatewayAttachment) => a.transitGatewayAttachmentId,
      ATTACH,
      (a) => ({ ...a, applianceModeSupport: appliance, ...(subnets ? { subnetIds: subnets } : {}) }),
    ),
  }));
}

describe('TGW001 appliance mode off in front of an appliance', () => {
  it.each([
    ['the example as it is: no appliance on the attachment subnets', example('transit-gateway'), false],
    [
      'a route to an appliance ENI, appliance mode disabled',
      inspection({ type: 'network-interface', id: APPLIANCE_ENI }, false),
      true,
    ],
    [
      'the same with appliance mode enabled',
      inspection({ type: 'network-interface', id: APPLIANCE_ENI }, true),
      false,
    ],
    [
      'appliance mode not captured',
      inspection({ type: 'network-interface', id: APPLIANCE_ENI }, undefined),
      false,
    ],
    [
      'one Availability Zone only: no other zone to cross',
      inspection({ type: 'network-interface', id: APPLIANCE_ENI }, false, ['subnet-032f2068e836658a1']),
      false,
    ],
    [
      'a route to a NAT gateway is no appliance here',
      inspection({ type: 'nat-gateway', id: 'nat-0123' }, false),
      false,
    ],
  ])('%s', (_name, net, fires) => {
    expect(summary('TGW001', net)).toEqual(fires ? [`warning ${ATTACH}`] : []);
  });

  it('names the zones, the route table and the appliance', () => {
    const [f] = check('TGW001', inspection({ type: 'network-interface', id: APPLIANCE_ENI }, false));
    expect(f?.data).toEqual({
      attachment: ATTACH,
      vpc: 'vpc-072a150cf16e39d38',
      zones: ['us-east-1a', 'us-east-1b'],
      appliances: [APPLIANCE_ENI],
      tables: [RTB],
    });
    expect(messageOf(f!)).toContain('appliance mode off');
  });
});
