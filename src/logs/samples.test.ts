/**
 * The sample files in ../shared/data/logs/ (byte-identical upstream test inputs), each with the
 * expectation its README states. Skipped, with a note, when that folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collect, collectText, fieldsOf } from './test-helpers.js';

const ROOT = fileURLToPath(new URL('../../../shared/data/logs/', import.meta.url));
const present = existsSync(ROOT);
if (!present) console.log(`note: ${ROOT} is absent; the sample-file tests are skipped.`);

const vpc = (f: string) => join(ROOT, 'vpc-flow/otel', f);
const elb = (f: string) => join(ROOT, 'elb/otel', f);

describe.skipIf(!present)('shared log samples', () => {
  it('valid_vpc_flow_log.log: header + one NODATA record with an 11-digit account', async () => {
    for (const body of [
      readFileSync(vpc('valid_vpc_flow_log.log')),
      gzipSync(readFileSync(vpc('valid_vpc_flow_log.log'))),
    ]) {
      const { records, result } = await collectText(body);
      expect(result.acc.counts).toEqual({
        lines: 2,
        parsed: 0,
        nodata: 1,
        skipdata: 0,
        malformed: 0,
        skipped: 1,
      });
      expect(records[0]).toMatchObject({
        'account-id': '12345678910',
        srcaddr: null,
        packets: null,
        action: null,
        'log-status': 'NODATA',
      });
    }
  });

  it('valid_vpc_flow_log_multi.log: two records, the last line without newline', async () => {
    const { records } = await collect([vpc('valid_vpc_flow_log_multi.log')]);
    expect(records.map((r) => [r.srcaddr, r.dstport, r.action])).toEqual([
      ['172.31.16.139', 22, 'ACCEPT'],
      ['172.31.9.69', 3389, 'REJECT'],
    ]);
  });

  it('valid_vpc_flow_log_ecs.log: 24 fields from the header, ECS values kept', async () => {
    const { records, result } = await collect([vpc('valid_vpc_flow_log_ecs.log')]);
    expect(result.acc.counts.parsed).toBe(1);
    expect(records[0]).toMatchObject({
      version: 5,
      dstport: 22,
      'ecs-cluster-name': 'my-cluster',
      'ecs-service-name': 'my-service',
      'ecs-task-definition-arn': 'arn:aws:ecs:us-east-1:123456789012:task-definition/my-task:1',
    });
  });

  it('valid_tgw_flow_log.log: a version 6 transit gateway record without action', async () => {
    const { records, result } = await collect([vpc('valid_tgw_flow_log.log')]);
    expect(result.acc.counts).toMatchObject({ parsed: 1, malformed: 0 });
    expect(records[0]).toMatchObject({
      'tgw-id': 'tgw-0abc12345def67890',
      'packets-lost-no-route': 1,
      'packets-lost-ttl-expired': 4,
      'tcp-flags': 2,
      'flow-direction': 'ingress',
    });
  });

  it('valid_tgw_flow_cw.json: 27 values through CloudWatch, with their format given', async () => {
    const names = readFileSync(vpc('valid_tgw_flow_log.log'), 'utf8')
      .split('\n')[0]!
      .split(' ')
      .filter((n) => !n.startsWith('packets-lost'));
    const { records, result } = await collect([vpc('valid_tgw_flow_cw.json')], {
      fields: fieldsOf(names.join(' ')),
    });
    expect(result.acc.counts).toMatchObject({ lines: 1, parsed: 1 });
    expect(records[0]).toMatchObject({ srcaddr: '10.0.0.1', dstport: 443, region: 'us-east-1' });
  });

  it('valid_vpc_flow_cw.json: two default-format records without header', async () => {
    const { records } = await collect([vpc('valid_vpc_flow_cw.json')]);
    expect(records.map((r) => r.action)).toEqual(['ACCEPT', 'REJECT']);
  });

  it('valid_vpc_flow_cw_custom.json: two records with its format, an input error without', async () => {
    const ok = await collect([vpc('valid_vpc_flow_cw_custom.json')], {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
      fields: fieldsOf('${version} ${interface-id} ${srcaddr} ${dstaddr}'),
    });
    expect(ok.records).toHaveLength(2);
    const bad = await collect([vpc('valid_vpc_flow_cw_custom.json')]);
    expect(bad.result.fatal?.code).toBe('format-mismatch');
  });

  it('too few and too many fields are malformed lines, with their reason', async () => {
    const few = await collect([vpc('vpc_flow_log_too_few_fields.log')]);
    expect(few.result.acc.samples).toEqual([
      expect.objectContaining({ line: 2, reason: 'too-few-fields', expected: 14, got: 13 }),
    ]);
    const many = await collect([vpc('vpc_flow_log_too_many_fields.log')]);
    expect(many.result.acc.samples).toEqual([
      expect.objectContaining({ line: 2, reason: 'too-many-fields', got: 15 }),
    ]);
  });

  it('flows.parquet: 3 records as upstream expects, the NODATA row with protocol 8080 warned (details in read/parquet.test.ts)', async () => {
    const file = join(ROOT, 'vpc-flow/flowlogs-reader/flows.parquet');
    const { records, result } = await collect([file]);
    expect(result.fatal).toBeUndefined();
    expect(records).toHaveLength(3);
    expect(result.acc.counts).toMatchObject({ lines: 3, parsed: 1, nodata: 2, malformed: 0 });
    expect(result.acc.warnings.map((w) => [w.code, w.file, w.line, w.field, w.token])).toEqual([
      ['nodata-bad-value', file, 3, 'protocol', '8080'],
    ]);
  });

  it('ALB, Classic and NLB valid files: two records each (plain and gzip)', async () => {
    for (const [file, type] of [
      ['alb_al_valid_logs.log', 'alb'],
      ['clb_al_valid_logs.log', 'clb'],
      ['nlb_al_valid_logs.log', 'nlb'],
    ] as const) {
      for (const body of [readFileSync(elb(file)), gzipSync(readFileSync(elb(file)))]) {
        const got = await collectText(body, {}, file);
        expect(got.type).toBe(type);
        expect(got.result.acc.counts).toMatchObject({ parsed: 2, malformed: 0 });
      }
    }
    const alb = await collect([elb('alb_al_valid_logs.log')]);
    expect(alb.records[1]).toMatchObject({
      'client:port': '[fe80::202:b3ff:fe1e:8329]:443',
      conn_trace_id: 'TID_1234abcd5678ef90',
    });
    const clb = await collect([elb('clb_al_valid_logs.log')]);
    expect(clb.records[1]).toMatchObject({ 'backend:port': null });
  });

  it('insufficient fields are malformed lines', async () => {
    for (const [file, expected] of [
      ['alb_al_insufficient_fields.log', 29],
      ['clb_al_insufficient_fields.log', 15],
      ['nlb_al_insufficient_fields.log', 21],
    ] as const) {
      const { result } = await collect([elb(file)]);
      expect(result.acc.samples).toEqual([
        expect.objectContaining({ reason: 'too-few-fields', expected, got: 3 }),
      ]);
    }
  });

  it('an unknown request type or unclosed quote: an input error, or malformed with --type alb', async () => {
    for (const [file, reason] of [
      ['alb_al_invalid_syntax.log', 'unknown-request-type'],
      ['elb_invalid_syntax.log', 'unterminated-quote'],
    ] as const) {
      expect((await collect([elb(file)])).result.fatal?.code).toBe('unknown-format');
      const forced = await collect([elb(file)], { type: 'alb' });
      expect(forced.result.acc.samples[0]?.reason).toBe(reason);
    }
  });

  it('elb_control.log: the control line yields no record and no error', async () => {
    const { records, result } = await collect([elb('elb_control.log')]);
    expect(records).toHaveLength(0);
    expect(result.fatal).toBeUndefined();
    expect(result.acc.counts).toMatchObject({ lines: 1, skipped: 1, malformed: 0 });
  });

  it('elb_empty_line.log: the blank line is skipped, two records', async () => {
    const { records, result } = await collect([elb('elb_empty_line.log')]);
    expect(result.acc.counts).toMatchObject({ lines: 3, parsed: 2, skipped: 1 });
    expect(records[1]).toMatchObject({
      'target:port': null,
      request_processing_time: -1,
      classification: 'Acceptable',
      classification_reason: 'SpaceInUri',
    });
  });
});
