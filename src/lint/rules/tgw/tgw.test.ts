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

describe('TGW002 attachment subnets that differ by zone', () => {
  const [SUBNET_A, SUBNET_B] = ['subnet-032f2068e836658a1', 'subnet-068de15d591f4d76a'];
  const ACL = 'acl-0b9eedcaa9c511313';

  /** Zone b's attachment subnet moved to a copy of the shared route table, changed by `routes`. */
  function zoneBTable(routes: (rs: RouteTable['routes']) => RouteTable['routes']): Network {
    return example('transit-gateway', (d) => {
      const shared = d.routeTables.find((t) => t.routeTableId === RTB)!;
      const copy: RouteTable = {
        ...shared,
        routeTableId: 'rtb-0zoneb',
        routes: routes(shared.routes),
        associations: [{ main: false, subnetId: SUBNET_B }],
      };
      return {
        routeTables: [
          ...patch(
            d.routeTables,
            (t: RouteTable) => t.routeTableId,
            RTB,
            (t) => ({
              ...t,
              associations: t.associations.filter((a) => a.subnetId !== SUBNET_B),
            }),
          ),
          copy,
        ],
      };
    });
  }

  it.each([
    ['the example as it is: one route table and one ACL for both zones', example('transit-gateway'), []],
    [
      "zone b's table lacks the route to the transit gateway",
      zoneBTable((rs) => rs.filter((r) => r.target.type !== 'transit-gateway')),
      ['10.0.0.0/8 -> transit-gateway only in us-east-1a'],
    ],
    [
      "zone b's route is a blackhole",
      zoneBTable((rs) =>
        rs.map((r) => (r.target.type === 'transit-gateway' ? { ...r, state: 'blackhole' } : r)),
      ),
      [
        '10.0.0.0/8 -> transit-gateway only in us-east-1a',
        '10.0.0.0/8 -> transit-gateway (blackhole) only in us-east-1b',
      ],
    ],
    ['each zone its own appliance: same kind of target, by design', zoneBTable((rs) => rs), []],
  ])('%s', (_name, net, routes) => {
    const got = check('TGW002', net);
    expect(got.map((f) => f.data.routes)).toEqual(routes.length ? [routes] : []);
    if (routes.length) {
      expect(got[0]!.resources[0]!.id).toBe(ATTACH);
      expect(got[0]!.data.tables).toEqual([`us-east-1a ${RTB}`, 'us-east-1b rtb-0zoneb']);
      expect(messageOf(got[0]!)).toContain('depends on the source zone');
    }
  });

  it('network ACLs with different entries, whatever their ids', () => {
    const withAcl = (deny: boolean) =>
      example('transit-gateway', (d) => {
        const shared = d.networkAcls.find((a) => a.networkAclId === ACL)!;
        const copy = {
          ...shared,
          networkAclId: 'acl-0zoneb',
          isDefault: false,
          associations: [{ subnetId: SUBNET_B }],
          entries: deny
            ? [{ ...shared.entries[0]!, ruleNumber: 90, ruleAction: 'deny' as const }, ...shared.entries]
            : shared.entries,
        };
        return {
          networkAcls: [
            ...patch(
              d.networkAcls,
              (a) => a.networkAclId,
              ACL,
              (a) => ({
                ...a,
                associations: a.associations.filter((x) => x.subnetId !== SUBNET_B),
              }),
            ),
            copy,
          ],
        };
      });
    expect(check('TGW002', withAcl(false))).toEqual([]);
    const [f] = check('TGW002', withAcl(true));
    expect(f?.data.acls).toEqual([`us-east-1a ${ACL}`, 'us-east-1b acl-0zoneb']);
    expect(f?.data.routes).toEqual([]);
    expect(messageOf(f!)).toContain('network ACLs with different entries');
  });

  it('with appliance mode the message says flows fail or pass by chance', () => {
    const net = example('transit-gateway', (d) => ({
      transitGatewayAttachments: patch(
        d.transitGatewayAttachments ?? [],
        (a: TransitGatewayAttachment) => a.transitGatewayAttachmentId,
        ATTACH,
        (a) => ({ ...a, applianceModeSupport: true }),
      ),
      routeTables: d.routeTables.map((t) =>
        t.routeTableId === RTB
          ? { ...t, associations: t.associations.filter((a) => a.subnetId !== SUBNET_A) }
          : t,
      ),
    }));
    // Zone a falls back to the VPC's main table, which has no route to the transit gateway.
    const [f] = check('TGW002', net);
    expect(f?.data.applianceMode).toBe(true);
    expect(messageOf(f!)).toContain('by chance');
  });
});
