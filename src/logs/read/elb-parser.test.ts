import { describe, expect, it } from 'vitest';
import { ALB_NEWER, DOC_ALB, DOC_ALB_CONN, DOC_CLB, DOC_NLB } from '../test-fixtures.js';
import { collectText } from '../test-helpers.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('ALB access logs', () => {
  it('reads every example of the AWS page, quoted fields with spaces included', async () => {
    const { type, records, result } = await collectText(lines(...Object.values(DOC_ALB)));
    expect(type).toBe('alb');
    expect(result.acc.counts).toMatchObject({ lines: 7, parsed: 7, malformed: 0 });
    expect(records.map((r) => r.type)).toEqual(['http', 'https', 'h2', 'ws', 'wss', 'http', 'http']);
    expect(records[1]).toMatchObject({
      time: '2018-07-02T22:23:00.186641Z',
      elb: 'app/my-loadbalancer/50dc6c495c0c9188',
      'client:port': '192.168.131.39:2817',
      'target:port': '10.0.0.1:80',
      request_processing_time: 0.086,
      target_processing_time: 0.048,
      elb_status_code: 200,
      request: 'GET https://www.example.com:443/ HTTP/1.1',
      user_agent: 'curl/7.46.0',
      ssl_protocol: 'TLSv1.2',
      domain_name: 'www.example.com',
      matched_rule_priority: 1,
      actions_executed: 'authenticate,forward',
      'target:port_list': '10.0.0.1:80',
      classification: null,
    });
    expect(records[2]).toMatchObject({ redirect_url: 'https://example.com:80/' });
    expect(records[6]).toMatchObject({
      'target:port': null,
      target_status_code: null,
      elb_status_code: 502,
      error_reason: 'LambdaInvalidResponse',
    });
  });

  it('reads conn_trace_id and the transform fields, and keeps fields past them as extras', async () => {
    const { records, result } = await collectText(lines(ALB_NEWER));
    expect(result.acc.counts.malformed).toBe(0);
    expect(records[0]).toMatchObject({
      conn_trace_id: 'TID_dc57cebed65b444ebc8177bb698fe166',
      transformed_host: null,
      request_transform_status: null,
      extras: ['future-field'],
    });
  });

  it('reads IPv6 clients and targets in brackets', async () => {
    const line = DOC_ALB.https
      .replace('192.168.131.39:2817', '[fe80::202:b3ff:fe1e:8329]:443')
      .replace('10.0.0.1:80 0.086', '[2001:db8::1]:80 0.086');
    const { records } = await collectText(lines(line));
    expect(records[0]).toMatchObject({
      'client:port': '[fe80::202:b3ff:fe1e:8329]:443',
      'target:port': '[2001:db8::1]:80',
    });
  });

  it('reports malformed entries with reasons', async () => {
    const bad = [
      'http 2023-04-01T12:00:00Z alb',
      DOC_ALB.http.replace('http ', 'invalid '),
      DOC_ALB.http.replace(' 200 200 ', ' 2OO 200 '),
      DOC_ALB.http.replace('0.000 0.001', 'zero 0.001'),
      DOC_ALB.http.replace('192.168.131.39:2817', '192.168.131.39'),
      DOC_ALB.http.replace('2018-07-02T22:23:00.186641Z', 'yesterday'),
      DOC_ALB.http.replace('"curl/7.46.0"', '"curl/7.46.0').replace(/ "-" "-"$/, ''),
    ];
    const { result } = await collectText(lines(DOC_ALB.http, ...bad), { type: 'alb' });
    expect(result.acc.counts).toMatchObject({ parsed: 1, malformed: 7 });
    expect(result.acc.samples.map((s) => [s.reason, s.field ?? null])).toEqual([
      ['too-few-fields', null],
      ['unknown-request-type', 'type'],
      ['bad-integer', 'elb_status_code'],
      ['bad-number', 'request_processing_time'],
      ['bad-address', 'client:port'],
      ['bad-time', 'time'],
      ['too-few-fields', null],
    ]);
    expect(result.acc.samples[0]).toMatchObject({ expected: 29, got: 3 });
  });

  it('an unclosed quote is malformed', async () => {
    const { result } = await collectText(lines('field1 "field2 field3'), { type: 'alb' });
    expect(result.acc.samples[0]).toMatchObject({ reason: 'unterminated-quote', line: 1 });
  });
});

describe('Classic, NLB and connection logs', () => {
  it('reads the Classic examples (HTTP, HTTPS, TCP, SSL)', async () => {
    const { type, records, result } = await collectText(lines(...Object.values(DOC_CLB)));
    expect(type).toBe('clb');
    expect(result.acc.counts.parsed).toBe(4);
    expect(records[0]).toMatchObject({
      'backend:port': '10.0.0.1:80',
      backend_processing_time: 0.001048,
      elb_status_code: 200,
      request: 'GET http://www.example.com:80/ HTTP/1.1',
    });
    expect(records[2]).toMatchObject({
      elb_status_code: null,
      request: '- - - ',
      user_agent: null,
      sent_bytes: 305,
    });
    expect(records[3]).toMatchObject({ ssl_cipher: 'ECDHE-ECDSA-AES128-GCM-SHA256' });
  });

  it('reads NLB entries with and without ALPN, and the newer trailing timestamp', async () => {
    const { type, records, result } = await collectText(lines(...Object.values(DOC_NLB)));
    expect(type).toBe('nlb');
    expect(result.acc.counts).toMatchObject({ parsed: 3, malformed: 0 });
    expect(records[0]).toMatchObject({
      listener: 'g3d4b5e8bb8464cd',
      'destination:port': '172.100.100.185:443',
      connection_time: 5,
      tls_handshake_time: 2,
      alpn_fe_protocol: null,
      alpn_client_preference_list: null,
    });
    expect(records[1]).toMatchObject({
      alpn_fe_protocol: 'h2',
      alpn_client_preference_list: '"h2","http/1.1"',
    });
    expect(records[2]).toMatchObject({ tls_connection_creation_time: '2020-04-01T08:51:20' });
    const short = await collectText(lines('tls 2.0 2018-12-20T02:59:40'));
    expect(short.result.acc.samples[0]).toMatchObject({ reason: 'too-few-fields', expected: 21, got: 3 });
  });

  it('reads ALB connection logs', async () => {
    const { type, records } = await collectText(lines(...Object.values(DOC_ALB_CONN)));
    expect(type).toBe('alb-conn');
    expect(records[0]).toMatchObject({
      client_ip: '192.168.131.39',
      listener_port: 443,
      tls_handshake_latency: 4.036,
      leaf_client_cert_subject: 'CN=amazondomains.com,OU=Cloud,O=Amazon,L=Seattle,ST=Washington,C=US',
      tls_verify_status: 'Success',
    });
    expect(records[1]).toMatchObject({ tls_protocol: null, conn_trace_id: 'TID_16132ed0b4112148' });
    expect(records[2]).toMatchObject({ tls_verify_status: 'Failed:UnmappedConnectionError' });
  });

  it('skips the control line ELB writes and blank lines', async () => {
    const { type, records, result } = await collectText(
      lines('Enable AccessLog for ELB: app/elb-name/abc123456 at 2025-05-30T16:47:00.781Z', '', DOC_ALB.http),
    );
    expect(type).toBe('alb');
    expect(records).toHaveLength(1);
    expect(result.acc.counts).toEqual({
      lines: 3,
      parsed: 1,
      nodata: 0,
      skipdata: 0,
      malformed: 0,
      skipped: 2,
    });
  });
});
