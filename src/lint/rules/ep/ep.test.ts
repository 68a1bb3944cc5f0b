import { describe, expect, it } from 'vitest';
import { check, example, patch, summary } from '../../test-helpers.js';

const DDB = 'vpce-0b07c79370109d984';
const PRIVATE_RT = 'rtb-03e27559544b5ec5a';

describe('EP001 S3/DynamoDB through a NAT gateway without endpoints', () => {
  it.each([
    [
      'no endpoint at all (examples/partial-ephemeral)',
      example('partial-ephemeral'),
      ['note rtb-03b241def77a99e30'],
    ],
    ['endpoints for both services exist (examples/endpoints)', example('endpoints'), []],
    ['no NAT route (examples/nat-instance routes via an instance)', example('nat-instance'), []],
    [
      'endpoints not captured: cannot tell',
      example('partial-ephemeral', (d) => ({
        present: new Set([...d.present].filter((k) => k !== 'VpcEndpoints')),
      })),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('EP001', net)).toEqual(want));

  it('names the services lacking an endpoint', () => {
    expect(check('EP001', example('partial-ephemeral'))[0]?.data.services).toEqual(['s3', 'dynamodb']);
  });
});

describe('EP002 gateway endpoint not on the route table of subnets using the NAT', () => {
  it.each([
    ['DynamoDB endpoint only on main-rt (examples/endpoints)', example('endpoints'), [`warning ${DDB}`]],
    [
      'endpoint associated with the private route table too',
      example('endpoints', (d) => ({
        vpcEndpoints: patch(
          d.vpcEndpoints,
          (e) => e.vpcEndpointId,
          DDB,
          (e) => ({ ...e, routeTableIds: [...e.routeTableIds, PRIVATE_RT] }),
        ),
      })),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('EP002', net)).toEqual(want));
});
