import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ElbSummaryJson, type FlowSummaryJson, summarize } from '../run.js';
import {
  DEFAULT_HEADER,
  DOC_ALB,
  DOC_ALB_CONN,
  DOC_CLB,
  DOC_DEFAULT,
  DOC_NLB,
  TGW_HEADER,
  TGW_RECORD,
} from '../test-fixtures.js';
import { tempFiles } from '../test-helpers.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

async function summary(text: string, flags = {}, name = 'f.log') {
  const dir = tempFiles({ [name]: text });
  return (await summarize([join(dir, name)], flags)).json;
}

describe('flow-log summary', () => {
  it('answers the questions of AWS Athena examples on the documentation records', async () => {
    const j = (await summary(
      lines(
        DEFAULT_HEADER,
        DOC_DEFAULT.accepted,
        DOC_DEFAULT.rejected,
        DOC_DEFAULT.nodata,
        DOC_DEFAULT.skipdata,
        DOC_DEFAULT.icmpAccepted,
        DOC_DEFAULT.icmpRejectedReply,
        DOC_DEFAULT.ipv6,
        'garbage line',
      ),
    )) as FlowSummaryJson;
    expect(j.type).toBe('vpc');
    expect(j.counts).toEqual({ lines: 9, parsed: 5, nodata: 1, skipdata: 1, malformed: 1, skipped: 1 });
    expect(j.malformed.samples[0]).toMatchObject({
      line: 9,
      reason: 'too-few-fields',
      message: 'too few fields: 2, the format has 14',
    });
    expect([j.records, j.accepted, j.rejected, j.noAction]).toEqual([5, 3, 2, 0]);
    expect(j.packets).toBe(20 + 20 + 4 + 4 + 54);
    expect(j.bytes).toBe(4249 + 4249 + 336 + 336 + 8855);
    expect(j.timeRange).toEqual({
      start: 1418530010,
      end: 1477913820,
      startTime: '2014-12-14T04:06:50Z',
      endTime: '2016-10-31T11:37:00Z',
    });
    expect(j.ipv4).toEqual({ records: 4, packets: 48, bytes: 4249 * 2 + 672 });
    expect(j.ipv6).toEqual({ records: 1, packets: 54, bytes: 8855 });
    expect(j.protocols).toEqual([
      { protocol: 6, name: 'TCP', records: 3, packets: 94, bytes: 17353, accepted: 2, rejected: 1 },
      { protocol: 1, name: 'ICMP', records: 2, packets: 8, bytes: 672, accepted: 1, rejected: 1 },
    ]);
    expect(j.topSources[0]).toEqual({
      addr: '2001:db8:1234:a100:8d6e:3477:df66:f105',
      bytes: 8855,
      packets: 54,
      records: 1,
    });
    expect(j.topSources.map((s) => s.addr)).toContain('172.31.16.139');
    expect(j.topSources.find((s) => s.addr === '172.31.16.139')).toEqual({
      addr: '172.31.16.139',
      bytes: 4249 + 336,
      packets: 24,
      records: 2,
    });
    expect(j.topPairs[0]).toMatchObject({
      srcaddr: '2001:db8:1234:a100:8d6e:3477:df66:f105',
      dstaddr: '2001:db8:1234:a102:3304:8879:34cf:4071',
    });
    expect(j.topInterfaces).toEqual([
      { interfaceId: 'eni-1235b8ca123456789', bytes: j.bytes, packets: j.packets, records: 5 },
    ]);
    expect(j.topInstances).toEqual([]);
    // Ties are ordered by key: addresses by value (172.31.9.69 before 172.31.16.139).
    expect(j.topRejected).toEqual([
      {
        srcaddr: '172.31.9.69',
        dstaddr: '172.31.9.12',
        dstport: 3389,
        protocol: 6,
        protocolName: 'TCP',
        records: 1,
        packets: 20,
        bytes: 4249,
      },
      {
        srcaddr: '172.31.16.139',
        dstaddr: '203.0.113.12',
        dstport: 0,
        protocol: 1,
        protocolName: 'ICMP',
        records: 1,
        packets: 4,
        bytes: 336,
      },
    ]);
    expect(j.rejectsByPort).toEqual([
      { protocol: 1, protocolName: 'ICMP', port: 0, records: 1, packets: 4, bytes: 336 },
      { protocol: 6, protocolName: 'TCP', port: 3389, records: 1, packets: 20, bytes: 4249 },
    ]);
    expect(j.adminPorts).toEqual([
      { port: 22, service: 'SSH', records: 2, packets: 74, bytes: 4249 + 8855, accepted: 2, rejected: 0 },
      { port: 3389, service: 'RDP', records: 1, packets: 20, bytes: 4249, accepted: 0, rejected: 1 },
    ]);
    expect(j.topAdminSources[0]).toMatchObject({ port: 3389, rejected: 1 });
    expect(j.packetsLost).toBeNull();
    expect(j.approximate).toEqual({});
  });

  it('names protocols from the IANA table (6 is TCP; 4, 41, 47, 50 are named too)', async () => {
    const rec = (p: number) => DOC_DEFAULT.accepted.replace(' 6 20 ', ` ${p} 20 `);
    const j = (await summary(lines(rec(4), rec(41), rec(47), rec(50), rec(6), rec(253)))) as FlowSummaryJson;
    expect(j.protocols.map((p) => p.name).sort()).toEqual(
      ['ESP', 'GRE', 'IPv4', 'IPv6', 'TCP', 'proto-253'].sort(),
    );
  });

  it('sums packets lost in transit gateway logs, which have no action', async () => {
    const j = (await summary(lines(TGW_HEADER, TGW_RECORD))) as FlowSummaryJson;
    expect([j.records, j.noAction]).toEqual([1, 1]);
    expect(j.packetsLost).toEqual({ noRoute: 0, blackhole: 3, mtuExceeded: 0, ttlExpired: 1 });
  });

  it('states the error bound when a list outgrows --max-keys, and the heavy talker stays on top', async () => {
    const rec = (i: number, bytes: number) =>
      `2 123456789012 eni-1 10.1.${i >> 8}.${i & 255} 10.0.0.1 1000 443 6 1 ${bytes} 1 2 ACCEPT OK`;
    const many = Array.from({ length: 3000 }, (_, i) => rec(i, 100));
    const heavy = Array.from({ length: 50 }, () => rec(4000, 1000));
    const j = (await summary(lines(...many, ...heavy), { maxKeys: 256, top: 3 })) as FlowSummaryJson;
    expect(j.approximate.sources).toBeDefined();
    const bound = j.approximate.sources!;
    expect(j.topSources[0]!.addr).toBe('10.1.15.160');
    expect(j.topSources[0]!.bytes).toBeLessThanOrEqual(50_000);
    expect(j.topSources[0]!.bytes).toBeGreaterThanOrEqual(50_000 - bound.bytes);
    expect(j.topDestinations).toEqual([{ addr: '10.0.0.1', bytes: 350_000, packets: 3050, records: 3050 }]);
    expect(j.approximate.destinations).toBeUndefined();
  });
});

describe('ELB summary', () => {
  it('ALB: requests, status classes, latency per target, clients, errors', async () => {
    const j = (await summary(lines(...Object.values(DOC_ALB)))) as ElbSummaryJson;
    expect(j.type).toBe('alb');
    expect(j.requests).toBe(7);
    expect(j.statusClasses).toEqual({ '1xx': 2, '2xx': 4, '5xx': 1 });
    expect(j.targetStatusClasses).toEqual({ '-': 1, '1xx': 2, '2xx': 4 });
    expect(j.byType).toEqual([
      { type: 'http', requests: 3 },
      { type: 'h2', requests: 1 },
      { type: 'https', requests: 1 },
      { type: 'ws', requests: 1 },
      { type: 'wss', requests: 1 },
    ]);
    expect(j.latency.field).toBe('target_processing_time');
    expect(j.latency.overall.count).toBe(7);
    expect(j.latency.overall.max).toBe(0.048);
    const p50 = j.latency.overall.p50!;
    expect(Math.abs(p50 - 0.001) / 0.001).toBeLessThan(0.011);
    expect(j.latency.byTarget[0]).toMatchObject({ target: '-', requests: 2 });
    expect(j.topClients[0]).toEqual({
      addr: '192.168.131.39',
      requests: 4,
      receivedBytes: 34 * 3,
      sentBytes: 366 * 3 + 57,
    });
    expect(j.errors).toEqual([{ field: 'error_reason', value: 'LambdaInvalidResponse', requests: 1 }]);
    expect(j.timeRange).toEqual({
      first: '2018-07-02T22:23:00.186641Z',
      last: '2018-11-30T22:23:00.186641Z',
    });
  });

  it('Classic, NLB and connection logs', async () => {
    const clb = (await summary(lines(...Object.values(DOC_CLB)))) as ElbSummaryJson;
    expect(clb.statusClasses).toEqual({ '-': 2, '2xx': 2 });
    expect(clb.latency.byTarget).toEqual([expect.objectContaining({ target: '10.0.0.1:80', requests: 4 })]);
    const nlb = (await summary(lines(...Object.values(DOC_NLB)))) as ElbSummaryJson;
    expect(nlb.latency).toMatchObject({ field: 'connection_time', unit: 'ms' });
    expect(nlb.statusClasses).toEqual({});
    const conn = (await summary(lines(...Object.values(DOC_ALB_CONN)))) as ElbSummaryJson;
    expect(conn.errors).toEqual([
      { field: 'tls_verify_status', value: 'Failed:UnmappedConnectionError', requests: 1 },
    ]);
    expect(conn.latency.byTarget.map((t) => t.target).sort()).toEqual(['443', '80']);
  });
});
