/** Example (c), examples/endpoints: S3 and DynamoDB gateway endpoints, an SQS interface endpoint, a NAT gateway. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../src/model/index.js';
import { aclRules, blockerSummary, expectVerdict, ids, loadExample, run, tcp } from '../helpers.js';

const SVC = { i: 'i-03e7ee358d724be70', eni: 'eni-0f6e4afc3e683d135' };
const BATCH = { i: 'i-0b0a8cafb9310c440', eni: 'eni-0067b4e12f28c3458' };
const NAT = { id: 'nat-0617b31c25744cc8b', eni: 'eni-092819fa99fdb0f10' };
const IGW = 'igw-07c613452e1650129';
const RT = {
  main: 'rtb-0614f189c6936ea1e',
  public: 'rtb-0e1c0877574cec9af',
  private: 'rtb-03e27559544b5ec5a',
};
const ACL = 'acl-0e820f462ab4cc732';
const SG = { svc: 'sg-00be07e850dc4266c', batch: 'sg-01bbb214d9aa9baba', endpoint: 'sg-03af8cc8177a23bdd' };
const VPCE = {
  s3: 'vpce-0b5ac152e99bdba52',
  dynamodb: 'vpce-0b07c79370109d984',
  sqs: 'vpce-012e6d6f2c0165486',
  sqsEni: 'eni-07ce727e95d96f364',
};

let net: Network;
beforeAll(async () => {
  net = await loadExample('endpoints');
});

describe('examples/endpoints', () => {
  it('C1 svc-1 -> s3 goes through the S3 gateway endpoint (prefix-list route beats 0.0.0.0/0)', () => {
    const t = run(net, tcp('svc-1', 's3', 443));
    expectVerdict(t, 'reachable');
    expect(t.disposition).toBe('delivered-to-aws-service');
    expect(t.flow.destination).toMatchObject({
      kind: 'aws-service',
      id: 's3',
      name: 'com.amazonaws.us-east-1.s3 (pl-63a5400a)',
    });
    expect(ids(t.forward)).toEqual([SVC.i, SVC.eni, SG.svc, ACL, RT.private, VPCE.s3, 's3']);
    expect(t.forward[4]!.steps[0]!.matched[0]).toMatchObject({
      type: 'route',
      destination: 'pl-63a5400a',
      target: { type: 'vpc-endpoint', id: VPCE.s3 },
    });
    expect(ids(t.return)).toEqual(['s3', VPCE.s3, ACL, SG.svc, SVC.eni, SVC.i]);
  });

  it('C2 svc-1 -> dynamodb goes out through the NAT gateway and the IGW: no endpoint serves this subnet', () => {
    const t = run(net, tcp('svc-1', 'dynamodb', 443));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([
      SVC.i,
      SVC.eni,
      SG.svc,
      ACL,
      RT.private,
      ACL,
      NAT.eni,
      NAT.id,
      ACL,
      RT.public,
      IGW,
      'dynamodb',
    ]);
    const translations = t.forward.flatMap((h) =>
      h.steps.flatMap((s) => (s.translation ? [s.translation] : [])),
    );
    expect(translations).toEqual([
      { field: 'source', from: '10.2.1.10', to: '10.2.0.57', ports: '1024-65535' },
      { field: 'source', from: '10.2.0.57', to: '203.0.113.50' },
    ]);
    // The reply reaches the NAT gateway on its own ports (1024-65535), then svc-1's ephemeral ports.
    expect(ids(t.return)).toEqual([IGW, ACL, NAT.eni, NAT.id, ACL, RT.public, ACL, SG.svc, SVC.eni, SVC.i]);
    expect(t.return[1]!.steps[0]!.ports?.evaluated).toBe('1024-65535');
    expect(t.return[4]!.steps[0]!.ports?.evaluated).toBe('32768-61000');
  });

  it('C3/C4 svc-1 -> the SQS interface endpoint: same subnet, endpoint-sg allows 443 but not 80', () => {
    const ok = run(net, tcp('svc-1', '10.2.1.45', 443));
    expectVerdict(ok, 'reachable');
    expect(ids(ok.forward)).toEqual([
      SVC.i,
      SVC.eni,
      SG.svc,
      'subnet-0dc2a96a431493f98',
      SG.endpoint,
      VPCE.sqsEni,
      VPCE.sqs,
    ]);
    expect(aclRules(ok.forward)).toEqual([]);
    const blocked = run(net, tcp('svc-1', '10.2.1.45', 80));
    expectVerdict(blocked, 'unreachable');
    expect(blockerSummary(blocked)).toEqual([
      {
        code: 'ENI_SG_RULES_MISMATCH',
        component: SG.endpoint,
        direction: 'inbound',
        path: 'forward',
        rule: null,
      },
    ]);
  });

  it('C5 batch-1 -> dynamodb uses the DynamoDB endpoint on the main route table', () => {
    const t = run(net, tcp('batch-1', 'dynamodb', 443));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([BATCH.i, BATCH.eni, SG.batch, ACL, RT.main, VPCE.dynamodb, 'dynamodb']);
    expect(t.forward[4]!.steps[0]!.note).toBe('MAIN_ROUTE_TABLE_IMPLICIT');
  });

  it('C6 batch-1 -> s3 has no route; the fix associates the main table with the S3 endpoint', () => {
    const t = run(net, tcp('batch-1', 's3', 443));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      { code: 'NO_ROUTE_TO_DESTINATION', component: RT.main, direction: null, path: 'forward', rule: null },
    ]);
    expect(t.blockers[0]!.fix?.change).toEqual({
      action: 'add-route',
      routeTableId: RT.main,
      destination: 'pl-63a5400a',
      target: { type: 'vpc-endpoint', id: VPCE.s3 },
    });
  });
});
