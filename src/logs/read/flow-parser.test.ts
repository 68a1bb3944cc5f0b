import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEADER,
  DOC_DEFAULT,
  DOC_NAT_GATEWAY,
  DOC_PKT_FORMAT,
  DOC_TRANSIT_GATEWAY,
  DOC_V3_FORMAT,
  DOC_V3_RECORDS,
  DOC_V5_FORMAT,
  DOC_V5_RECORDS,
  TGW_HEADER,
  TGW_RECORD,
  V4_FORMAT,
  V4_RECORD,
  V8_FORMAT,
  V8_RECORDS,
} from '../test-fixtures.js';
import { collectText, fieldsOf } from '../test-helpers.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('flow logs: AWS documentation examples', () => {
  it('reads default-format records into typed values, with - as null', async () => {
    const { records, result } = await collectText(
      lines(DOC_DEFAULT.accepted, DOC_DEFAULT.rejected, DOC_DEFAULT.nodata, DOC_DEFAULT.skipdata),
    );
    expect(result.fatal).toBeUndefined();
    expect(result.acc.counts).toEqual({
      lines: 4,
      parsed: 2,
      nodata: 1,
      skipdata: 1,
      malformed: 0,
      skipped: 0,
    });
    expect(records[0]).toEqual({
      version: 2,
      'account-id': '123456789010',
      'interface-id': 'eni-1235b8ca123456789',
      srcaddr: '172.31.16.139',
      dstaddr: '172.31.16.21',
      srcport: 20641,
      dstport: 22,
      protocol: 6,
      packets: 20,
      bytes: 4249,
      start: 1418530010,
      end: 1418530070,
      action: 'ACCEPT',
      'log-status': 'OK',
    });
    expect(records[2]).toMatchObject({
      srcaddr: null,
      dstport: null,
      packets: null,
      action: null,
      'log-status': 'NODATA',
    });
    expect(records[3]).toMatchObject({ 'interface-id': 'eni-11111111aaaaaaaaa', 'log-status': 'SKIPDATA' });
  });

  it('reads the security group vs network ACL ICMP pair', async () => {
    const { records } = await collectText(lines(DOC_DEFAULT.icmpAccepted, DOC_DEFAULT.icmpRejectedReply));
    expect(records.map((r) => [r.srcaddr, r.dstaddr, r.protocol, r.srcport, r.dstport, r.action])).toEqual([
      ['203.0.113.12', '172.31.16.139', 1, 0, 0, 'ACCEPT'],
      ['172.31.16.139', '203.0.113.12', 1, 0, 0, 'REJECT'],
    ]);
  });

  it('reads IPv6 addresses in canonical form', async () => {
    const { records } = await collectText(
      lines(DOC_DEFAULT.ipv6.replace('2001:db8:1234:a100', '2001:DB8:1234:A100')),
    );
    expect(records[0]).toMatchObject({
      srcaddr: '2001:db8:1234:a100:8d6e:3477:df66:f105',
      dstaddr: '2001:db8:1234:a102:3304:8879:34cf:4071',
      dstport: 22,
    });
  });

  it('reads a version 3 custom format given with --fields (the TCP flag sequence)', async () => {
    const { records, result } = await collectText(lines(...DOC_V3_RECORDS), {
      fields: fieldsOf(DOC_V3_FORMAT),
    });
    expect(result.acc.counts.parsed).toBe(7);
    expect(records.map((r) => r['tcp-flags'])).toEqual([2, 18, 2, 1, 1, 1, 3]);
    expect(records[0]).toMatchObject({
      'vpc-id': 'vpc-abcdefab012345678',
      'instance-id': 'i-01234567890123456',
      type: 'IPv4',
      'pkt-srcaddr': '52.213.180.42',
      bytes: 568,
      packets: 8,
    });
  });

  it('reads the same custom format from an S3 header line', async () => {
    const header = DOC_V3_FORMAT.replace(/\$\{([^}]+)\}/g, '$1');
    const { records, result } = await collectText(lines(header, ...DOC_V3_RECORDS));
    expect(result.acc.counts).toMatchObject({ lines: 8, parsed: 7, skipped: 1 });
    expect(records[6]).toMatchObject({ srcport: 43638, 'tcp-flags': 3 });
  });

  it('reads the NAT gateway and transit gateway examples (pkt- fields, - instance)', async () => {
    const nat = await collectText(lines(...DOC_NAT_GATEWAY), { fields: fieldsOf(DOC_PKT_FORMAT) });
    expect(nat.records[1]).toEqual({
      'instance-id': null,
      'interface-id': 'eni-1235b8ca123456789',
      srcaddr: '10.0.1.5',
      dstaddr: '10.0.0.220',
      'pkt-srcaddr': '10.0.1.5',
      'pkt-dstaddr': '203.0.113.5',
    });
    const tgw = await collectText(lines(...DOC_TRANSIT_GATEWAY), { fields: fieldsOf(DOC_PKT_FORMAT) });
    expect(tgw.result.acc.counts.parsed).toBe(6);
    expect(tgw.records.filter((r) => r['instance-id'] === null)).toHaveLength(4);
  });

  it('reads version 4, 5, 7 and 8 fields', async () => {
    const v4 = await collectText(lines(V4_RECORD), { fields: fieldsOf(V4_FORMAT) });
    expect(v4.records[0]).toMatchObject({ region: 'us-west-2', 'sublocation-type': 'localzone' });
    const v5 = await collectText(lines(...DOC_V5_RECORDS), { fields: fieldsOf(DOC_V5_FORMAT) });
    expect(v5.records[0]).toMatchObject({
      'pkt-src-aws-service': 'S3',
      'pkt-dst-aws-service': null,
      'flow-direction': 'ingress',
      'traffic-path': null,
      'tcp-flags': 19,
      'az-id': 'apse2-az3',
    });
    expect(v5.records[1]).toMatchObject({
      'traffic-path': 8,
      'flow-direction': 'egress',
      'pkt-dst-aws-service': 'S3',
    });
    const v8 = await collectText(lines(...V8_RECORDS), { fields: fieldsOf(V8_FORMAT) });
    expect(v8.records[0]).toMatchObject({ 'ecs-cluster-name': 'my-cluster', 'reject-reason': null });
    expect(v8.records[1]).toMatchObject({ action: 'REJECT', 'reject-reason': 'BPA' });
  });

  it('reads a transit gateway (version 6) flow log, which has no action', async () => {
    const { records, result } = await collectText(lines(TGW_HEADER, TGW_RECORD));
    expect(result.acc.counts).toMatchObject({ parsed: 1, skipped: 1, malformed: 0 });
    expect(records[0]).toMatchObject({
      'resource-type': 'TransitGatewayAttachment',
      'tgw-attachment-id': 'tgw-attach-0123456789abcdef0',
      'packets-lost-blackhole': 3,
      'packets-lost-ttl-expired': 1,
      'flow-direction': 'egress',
    });
    expect(records[0]).not.toHaveProperty('action');
  });

  it('keeps a field it does not know as text and warns once, naming it', async () => {
    const { records, result } = await collectText(
      lines(`${DEFAULT_HEADER} encryption-status`, `${DOC_DEFAULT.accepted} 1`, `${DOC_DEFAULT.rejected} 0`),
    );
    expect(records[0]).toMatchObject({ action: 'ACCEPT', extra: { 'encryption-status': '1' } });
    expect(result.acc.warnings).toEqual([
      { code: 'unknown-field', file: expect.stringContaining('flows.log'), field: 'encryption-status' },
    ]);
  });

  it('accepts CRLF line ends, a missing final newline, blank lines and a doubled space', async () => {
    const text = `${DEFAULT_HEADER}\r\n${DOC_DEFAULT.accepted}\r\n\r\n${DOC_DEFAULT.rejected.replace(' 3389', '  3389')}`;
    const { records, result } = await collectText(text);
    expect(result.acc.counts).toEqual({
      lines: 4,
      parsed: 2,
      nodata: 0,
      skipdata: 0,
      malformed: 0,
      skipped: 2,
    });
    expect(records[1]).toMatchObject({ dstport: 3389, 'log-status': 'OK' });
  });

  it('switches format at a second header line (files concatenated)', async () => {
    const { records, result } = await collectText(
      lines(
        DEFAULT_HEADER,
        DOC_DEFAULT.accepted,
        'version interface-id srcaddr dstaddr',
        '2 eni-1 10.0.0.1 10.0.0.2',
      ),
    );
    expect(result.acc.counts).toMatchObject({ parsed: 2, skipped: 2, malformed: 0 });
    expect(records[1]).toEqual({
      version: 2,
      'interface-id': 'eni-1',
      srcaddr: '10.0.0.1',
      dstaddr: '10.0.0.2',
    });
  });
});

describe('flow logs: malformed lines', () => {
  const malformed = async (line: string) => {
    const { result } = await collectText(lines(DEFAULT_HEADER, DOC_DEFAULT.accepted, line));
    expect(result.acc.counts.malformed).toBe(1);
    expect(result.acc.balanced()).toBe(true);
    return result.acc.samples[0]!;
  };
  const accepted = DOC_DEFAULT.accepted;

  it('too few and too many fields, with the counts', async () => {
    expect(await malformed(accepted.replace(' OK', ''))).toMatchObject({
      line: 3,
      reason: 'too-few-fields',
      expected: 14,
      got: 13,
    });
    expect(await malformed(`${accepted} extra`)).toMatchObject({ reason: 'too-many-fields', got: 15 });
  });

  it('bad integers: letters, signs, fractions, out of range', async () => {
    expect(await malformed(accepted.replace(' 20641 ', ' 2o641 '))).toMatchObject({
      reason: 'bad-integer',
      field: 'srcport',
      token: '2o641',
    });
    expect(await malformed(accepted.replace(' 20641 ', ' -5 '))).toMatchObject({ reason: 'bad-integer' });
    expect(await malformed(accepted.replace(' 4249 ', ' 42.5 '))).toMatchObject({ field: 'bytes' });
    expect(await malformed(accepted.replace(' 20641 ', ' 70000 '))).toMatchObject({
      field: 'srcport',
      token: '70000',
    });
    expect(await malformed(accepted.replace(' 6 20 ', ' 256 20 '))).toMatchObject({ field: 'protocol' });
  });

  it('bad addresses', async () => {
    expect(await malformed(accepted.replace('172.31.16.139', '172.31.16.300'))).toMatchObject({
      reason: 'bad-address',
      field: 'srcaddr',
      token: '172.31.16.300',
    });
    expect(await malformed(accepted.replace('172.31.16.21', '2001:db8::g'))).toMatchObject({
      field: 'dstaddr',
    });
    expect(await malformed(accepted.replace('172.31.16.21', 'localhost'))).toMatchObject({
      reason: 'bad-address',
    });
  });

  it('unknown action and log-status', async () => {
    expect(await malformed(accepted.replace('ACCEPT', 'ALLOW'))).toMatchObject({
      reason: 'unknown-action',
      token: 'ALLOW',
    });
    expect(await malformed(accepted.replace(' OK', ' ok'))).toMatchObject({ reason: 'unknown-log-status' });
  });

  it('a NODATA or SKIPDATA record with a value its field cannot hold: counted as logged, the value warned', async () => {
    const odd =
      '2 123456789010 eni-1235b8ca123456789 198.51.100.7 192.0.2.156 80 100 8080 - - 1431280876 1431280934 - NODATA';
    const skip =
      '2 123456789010 eni-11111111aaaaaaaaa not-an-ip - - - 6 - - 1431280876 1431280934 DENY SKIPDATA';
    for (const strict of [false, true]) {
      const { records, result } = await collectText(lines(DEFAULT_HEADER, odd, skip, odd), { strict });
      expect(result.acc.strictFailure).toBeUndefined();
      expect(result.acc.counts).toEqual({
        lines: 4,
        parsed: 0,
        nodata: 2,
        skipdata: 1,
        malformed: 0,
        skipped: 1,
      });
      expect(records[0]).toMatchObject({
        srcaddr: '198.51.100.7',
        dstport: 100,
        protocol: null,
        'log-status': 'NODATA',
      });
      expect(records[1]).toMatchObject({
        srcaddr: null,
        protocol: 6,
        action: null,
        'log-status': 'SKIPDATA',
      });
      // Once per file and field, naming the first line.
      expect(
        result.acc.warnings.map(({ code, line, field, token }) => ({ code, line, field, token })),
      ).toEqual([
        { code: 'nodata-bad-value', line: 2, field: 'protocol', token: '8080' },
        { code: 'nodata-bad-value', line: 3, field: 'srcaddr', token: 'not-an-ip' },
        { code: 'nodata-bad-value', line: 3, field: 'action', token: 'DENY' },
      ]);
    }
    // The same value in an OK record is malformed, and so is an unknown log-status.
    expect(await malformed(odd.replace(' NODATA', ' OK'))).toMatchObject({
      reason: 'bad-integer',
      field: 'protocol',
    });
    expect(await malformed(odd.replace(' NODATA', ' NODATA2'))).toMatchObject({ reason: 'bad-integer' });
  });

  it('a line over the length limit', async () => {
    const { result } = await collectText(
      lines(DOC_DEFAULT.accepted, `${'x'.repeat(300)}`, DOC_DEFAULT.rejected),
      {
        maxLine: 200,
      },
    );
    expect(result.acc.counts).toMatchObject({ lines: 3, parsed: 2, malformed: 1 });
    expect(result.acc.samples[0]).toMatchObject({ line: 2, reason: 'line-too-long' });
  });

  it('malformed lines do not stop reading; --strict stops at the first', async () => {
    const text = lines(DEFAULT_HEADER, 'a b', DOC_DEFAULT.accepted, 'c d', DOC_DEFAULT.rejected);
    const lax = await collectText(text);
    expect(lax.result.acc.counts).toMatchObject({ parsed: 2, malformed: 2 });
    const strict = await collectText(text, { strict: true });
    expect(strict.result.acc.strictFailure).toMatchObject({ line: 2, reason: 'too-few-fields' });
    expect(strict.records).toHaveLength(0);
  });

  it('a first line that is neither a header nor a record of the format stops with a sentence', async () => {
    const { result } = await collectText(lines('2 eni-1 10.0.0.1 10.0.0.2'));
    expect(result.fatal?.code).toBe('format-mismatch');
    expect(result.fatal?.message).toMatch(
      /flows\.log:1 does not match the default flow-log format \(4 fields, the format has 14\).*--fields/,
    );
    const wrong = await collectText(lines(DOC_DEFAULT.accepted), { fields: fieldsOf('version srcaddr') });
    expect(wrong.result.fatal?.message).toMatch(/does not match the format given with --fields/);
  });
});
