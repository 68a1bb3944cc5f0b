import { describe, expect, it } from 'vitest';
import type { FlowLog, NetworkData, Origin, ResourceKind } from '../../../model/index.js';
import { check, example, summary } from '../../test-helpers.js';

const VPC = 'vpc-089814db9898d3fd0';
const PUBLIC = 'subnet-006aeb89d845fd5eb';
const PRIVATE = 'subnet-08fe274e9c8be28df';
const THIRD = 'subnet-06dffff3b1988ddd8';
const THIRD_ENI = 'eni-01a980b2855bd5d17';
const ORIGIN: Origin = { file: 'FlowLogs.json', region: 'us-east-1', accountId: '111122223333' };

let n = 0;
const fl = (resourceId: string, extra: Partial<FlowLog> = {}): FlowLog => ({
  flowLogId: `fl-${++n}`,
  resourceId,
  trafficType: 'ALL',
  flowLogStatus: 'ACTIVE',
  deliverLogsStatus: 'SUCCESS',
  tags: {},
  origin: ORIGIN,
  ...extra,
});

/** nat-instance with a describe-flow-logs file (captured for `scope`) holding `logs`. */
const withLogs = (
  logs: FlowLog[],
  scope: Origin = ORIGIN,
  change: (d: NetworkData) => Partial<NetworkData> = () => ({}),
) =>
  example('nat-instance', (d) => ({
    flowLogs: logs,
    present: new Set<ResourceKind>([...d.present, 'FlowLogs']),
    presentIn: new Map<ResourceKind, Origin[]>([['FlowLogs', [scope]]]),
    ...change(d),
  }));

describe('FL001 VPC traffic not covered by flow logs', () => {
  it.each([
    ['no describe-flow-logs in the snapshot', example('nat-instance'), []],
    ['FlowLogs present and empty', withLogs([]), [`warning ${VPC}`]],
    ['active VPC flow log', withLogs([fl(VPC)]), []],
    [
      'VPC flow log that is not active',
      withLogs([fl(VPC, { flowLogStatus: 'INACTIVE' })]),
      [`warning ${VPC}`],
    ],
    ['ACCEPT-only VPC flow log still covers the VPC', withLogs([fl(VPC, { trafficType: 'ACCEPT' })]), []],
    ['every subnet has its own flow log', withLogs([fl(PUBLIC), fl(PRIVATE), fl(THIRD)]), []],
    [
      'two subnets logged, the third covered by its only interface',
      withLogs([fl(PUBLIC), fl(PRIVATE), fl(THIRD_ENI)]),
      [],
    ],
    ['one subnet without any flow log', withLogs([fl(PUBLIC), fl(PRIVATE)]), [`warning ${VPC}`]],
    [
      'the uncovered subnet only holds a detached interface',
      withLogs([fl(PUBLIC), fl(PRIVATE)], ORIGIN, (d) => ({
        networkInterfaces: d.networkInterfaces.map((e) =>
          e.networkInterfaceId === THIRD_ENI ? { ...e, status: 'available' } : e,
        ),
      })),
      [],
    ],
    [
      'flow logs captured for another account only',
      withLogs([], { file: 'other/FlowLogs.json', region: 'us-east-1', accountId: '999999999999' }),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('FL001', net)).toEqual(want));

  it('names the uncovered subnets and the inactive VPC flow logs', () => {
    const [f] = check(
      'FL001',
      withLogs([fl(PUBLIC), fl(VPC, { flowLogId: 'fl-off', flowLogStatus: 'INACTIVE' })]),
    );
    expect(f?.resources.map((r) => r.id)).toEqual([VPC, PRIVATE, THIRD]);
    expect(f?.data).toMatchObject({ vpc: VPC, subnets: [PRIVATE, THIRD], interfaces: 3 });
    expect(f?.data.inactive).toEqual(['fl-off (INACTIVE)']);
  });
});

describe('FL002 rejected traffic not logged', () => {
  it.each([
    ['ALL', withLogs([fl(VPC, { flowLogId: 'fl-a' })]), []],
    [
      'ACCEPT only on the VPC',
      withLogs([fl(VPC, { flowLogId: 'fl-a', trafficType: 'ACCEPT' })]),
      ['note fl-a'],
    ],
    [
      'ACCEPT only on the VPC, REJECT on the VPC too',
      withLogs([fl(VPC, { flowLogId: 'fl-a', trafficType: 'ACCEPT' }), fl(VPC, { trafficType: 'REJECT' })]),
      [],
    ],
    [
      'ACCEPT only on an interface whose VPC logs ALL',
      withLogs([fl(THIRD_ENI, { flowLogId: 'fl-e', trafficType: 'ACCEPT' }), fl(VPC)]),
      [],
    ],
    [
      'ACCEPT only on a subnet whose VPC log is inactive',
      withLogs([
        fl(THIRD, { flowLogId: 'fl-s', trafficType: 'ACCEPT' }),
        fl(VPC, { flowLogStatus: 'INACTIVE' }),
      ]),
      ['note fl-s'],
    ],
    ['no describe-flow-logs', example('nat-instance'), []],
  ])('%s', (_name, net, want) => expect(summary('FL002', net)).toEqual(want));
});

describe('FL003 flow log delivery failing', () => {
  it.each([
    ['SUCCESS', withLogs([fl(VPC, { flowLogId: 'fl-a' })]), []],
    [
      'FAILED',
      withLogs([
        fl(VPC, { flowLogId: 'fl-a', deliverLogsStatus: 'FAILED', deliverLogsErrorMessage: 'Access error' }),
      ]),
      ['warning fl-a'],
    ],
  ])('%s', (_name, net, want) => expect(summary('FL003', net)).toEqual(want));

  it('says which resource and why', () => {
    const [f] = check(
      'FL003',
      withLogs([
        fl(VPC, { flowLogId: 'fl-a', deliverLogsStatus: 'FAILED', deliverLogsErrorMessage: 'Rate limited' }),
      ]),
    );
    expect(f?.resources.map((r) => r.id)).toEqual(['fl-a', VPC]);
    expect(f?.data).toMatchObject({ resource: VPC, error: 'Rate limited' });
  });
});
