import { describe, expect, it } from 'vitest';
import { buildNetworkData } from './build.js';
import { readFlowLogs } from './flow-logs.js';
import { testContext } from './test-context.js';

const GOOD = {
  CreationTime: '2024-03-01T10:00:00.000Z',
  DeliverLogsStatus: 'SUCCESS',
  FlowLogId: 'fl-0123456789abcdef0',
  FlowLogStatus: 'ACTIVE',
  LogGroupName: 'vpc-flow-logs',
  ResourceId: 'vpc-0abc',
  TrafficType: 'ALL',
  LogDestinationType: 'cloud-watch-logs',
  LogDestination: 'arn:aws:logs:us-east-1:111122223333:log-group:vpc-flow-logs',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
  LogFormat: '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}',
  MaxAggregationInterval: 600,
  Tags: [{ Key: 'Name', Value: 'prod-vpc' }],
};

describe('readFlowLogs', () => {
  it.each([
    [
      'a complete item',
      [GOOD],
      [
        {
          flowLogId: 'fl-0123456789abcdef0',
          resourceId: 'vpc-0abc',
          trafficType: 'ALL',
          logDestinationType: 'cloud-watch-logs',
          logGroupName: 'vpc-flow-logs',
          flowLogStatus: 'ACTIVE',
          deliverLogsStatus: 'SUCCESS',
          maxAggregationInterval: 600,
          creationTime: '2024-03-01T10:00:00.000Z',
          tags: { Name: 'prod-vpc' },
        },
      ],
      [],
    ],
    [
      'a transit gateway flow log prints no TrafficType',
      [{ FlowLogId: 'fl-tgw', ResourceId: 'tgw-1', FlowLogStatus: 'ACTIVE' }],
      [{ flowLogId: 'fl-tgw', resourceId: 'tgw-1', trafficType: undefined }],
      [],
    ],
    [
      'missing FlowLogId: skipped',
      [{ ...GOOD, FlowLogId: undefined }],
      [],
      [{ code: 'BAD_VALUE', field: 'FlowLogs[0].FlowLogId', skipped: true }],
    ],
    [
      'missing ResourceId: skipped',
      [{ ...GOOD, ResourceId: '' }],
      [],
      [{ code: 'BAD_VALUE', resourceId: 'fl-0123456789abcdef0', field: 'ResourceId', skipped: true }],
    ],
    [
      'not an object: skipped',
      ['fl-1'],
      [],
      [{ code: 'BAD_VALUE', field: 'FlowLogs[0].FlowLogId', skipped: true }],
    ],
    [
      'unknown TrafficType: warned, kept without one',
      [{ ...GOOD, TrafficType: 'SOME' }],
      [{ flowLogId: 'fl-0123456789abcdef0', resourceId: 'vpc-0abc', trafficType: undefined }],
      [{ code: 'BAD_VALUE', resourceId: 'fl-0123456789abcdef0', field: 'TrafficType', value: 'SOME' }],
    ],
  ])('%s', (_name, items, want, warned) => {
    const { ctx, warnings } = testContext();
    const got = readFlowLogs(items, ctx);
    expect(got).toMatchObject(want);
    expect(got).toHaveLength(want.length);
    expect(warnings).toMatchObject(warned);
    expect(warnings).toHaveLength(warned.length);
  });

  it('keeps the log format and destination as printed', () => {
    const { ctx } = testContext();
    const [f] = readFlowLogs([GOOD], ctx);
    expect(f?.logFormat).toBe(GOOD.LogFormat);
    expect(f?.logDestination).toBe(GOOD.LogDestination);
    expect(f?.origin.file).toBe('test.json');
  });

  it('reaches the network through the dispatch table and marks FlowLogs present', () => {
    const d = buildNetworkData([{ file: 'flow-logs.json', json: { FlowLogs: [GOOD] } }]);
    expect(d.present.has('FlowLogs')).toBe(true);
    expect(d.flowLogs?.map((f) => f.flowLogId)).toEqual(['fl-0123456789abcdef0']);
    expect(d.warnings.filter((w) => w.code === 'UNSUPPORTED_RESOURCE')).toEqual([]);
  });
});
