/**
 * Load balancer outputs (`aws elb` / `aws elbv2 describe-*`, as `vpcsim collect` saves them) are not
 * modelled: each file is skipped with one UNSUPPORTED_RESOURCE that says so, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { warningMessage } from '../../engine/explain/warnings.js';
import { buildNetworkData } from './build.js';
import { LOAD_BALANCERS_NOT_MODELLED } from './dispatch.js';

const VPCS = { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', State: 'available' }] };

describe('load balancer outputs', () => {
  it('give one warning per file saying load balancers are not modelled yet', () => {
    const d = buildNetworkData([
      { file: 'vpcs.json', json: VPCS },
      {
        file: 'ClassicLoadBalancers.json',
        json: { LoadBalancerDescriptions: [{ LoadBalancerName: 'classic-1', VPCId: 'vpc-1' }] },
      },
      {
        file: 'LoadBalancers.json',
        json: { LoadBalancers: [{ LoadBalancerArn: 'arn:lb', VpcId: 'vpc-1' }] },
      },
      { file: 'TargetGroups.json', json: { TargetGroups: [], NextMarker: 'x' } },
      { file: 'Listeners.json', json: { Listeners: [{ ListenerArn: 'arn:l', Port: 443 }] } },
      {
        file: 'TargetHealthDescriptions.json',
        json: { TargetHealthDescriptions: [{ Target: { Id: 'i-1' }, TargetHealth: { State: 'healthy' } }] },
      },
      { file: 'all-elbv2.json', json: { LoadBalancers: [], TargetGroups: [] } },
    ]);
    expect(d.warnings).toEqual(
      [
        ['ClassicLoadBalancers.json', 'LoadBalancerDescriptions'],
        ['LoadBalancers.json', 'LoadBalancers'],
        ['TargetGroups.json', 'TargetGroups'],
        ['Listeners.json', 'Listeners'],
        ['TargetHealthDescriptions.json', 'TargetHealthDescriptions'],
        ['all-elbv2.json', 'LoadBalancers, TargetGroups'],
      ].map(([file, value]) => ({
        code: 'UNSUPPORTED_RESOURCE',
        file,
        field: value?.split(',')[0],
        value,
        detail: LOAD_BALANCERS_NOT_MODELLED,
      })),
    );
    expect(d.vpcs.map((v) => v.vpcId)).toEqual(['vpc-1']);
    expect(warningMessage(d.warnings[1]!)).toBe(
      'resource type = "LoadBalancers" is not part of the network model: skipped (load balancers are not modelled yet; their network interfaces are read from describe-network-interfaces)',
    );
  });

  it('other unsupported outputs keep their plain warning', () => {
    const d = buildNetworkData([
      { file: 'vpcs.json', json: VPCS },
      { file: 'mixed.json', json: { LoadBalancers: [], DBInstances: [] } },
    ]);
    expect(d.warnings).toEqual([
      {
        code: 'UNSUPPORTED_RESOURCE',
        file: 'mixed.json',
        field: 'LoadBalancers',
        value: 'LoadBalancers, DBInstances',
      },
    ]);
  });
});
