import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { query } from '../run.js';
import { DEFAULT_HEADER, DOC_ALB, DOC_DEFAULT } from '../test-fixtures.js';
import { tempFiles } from '../test-helpers.js';
import { parseWhere, QueryError } from './parse.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const FLOWS = lines(
  DEFAULT_HEADER,
  DOC_DEFAULT.accepted,
  DOC_DEFAULT.rejected,
  DOC_DEFAULT.nodata,
  DOC_DEFAULT.icmpAccepted,
  DOC_DEFAULT.icmpRejectedReply,
  DOC_DEFAULT.ipv6,
);

async function matches(where: string, text = FLOWS, extra = {}): Promise<string[]> {
  const dir = tempFiles({ 'f.log': text });
  const out: string[] = [];
  await query([join(dir, 'f.log')], { where, ...extra }, (r) => out.push(r.raw()));
  return out;
}

function errorOf(where: string): { message: string; column: number } {
  try {
    parseWhere(where);
  } catch (e) {
    if (e instanceof QueryError) return { message: e.message, column: e.column };
    throw e;
  }
  throw new Error('no error');
}

describe('--where grammar', () => {
  it('parses precedence: not > and > or, parentheses, not in', () => {
    expect(parseWhere('a=1 or b=2 and not c=3')).toMatchObject({
      type: 'or',
      left: { type: 'compare', field: 'a' },
      right: { type: 'and', right: { type: 'not', expr: { field: 'c' } } },
    });
    expect(parseWhere('(a=1 or b=2) and c in 10.0.0.0/8')).toMatchObject({
      type: 'and',
      left: { type: 'or' },
    });
    expect(parseWhere('srcaddr NOT IN 10.0.0.0/8')).toMatchObject({
      type: 'not',
      expr: { type: 'in', cidr: '10.0.0.0/8' },
    });
    expect(parseWhere("user_agent = 'curl/7.46.0 x'")).toMatchObject({
      value: 'curl/7.46.0 x',
      valueColumn: 14,
    });
  });

  it('points at the column of the offending token', () => {
    expect(errorOf('action=REJECT and')).toEqual({
      message: 'expected a field name, found the end of the expression',
      column: 18,
    });
    expect(errorOf('action REJECT')).toMatchObject({ column: 8 });
    expect(errorOf('(a=1 or b=2')).toMatchObject({ column: 12, message: expect.stringContaining("')'") });
    expect(errorOf('a=1 b=2')).toMatchObject({ column: 5 });
    expect(errorOf('a ! 1')).toMatchObject({ column: 3 });
    expect(errorOf("a='x")).toMatchObject({ column: 3 });
    expect(errorOf('')).toMatchObject({ column: 1 });
    expect(errorOf('a in')).toMatchObject({ column: 5 });
  });
});

describe('--where semantics', () => {
  it('the everyday filters', async () => {
    expect(await matches('action=REJECT and dstport=22')).toEqual([]);
    expect(await matches('action=reject')).toHaveLength(2);
    expect(await matches('dstport=22')).toEqual([DOC_DEFAULT.accepted, DOC_DEFAULT.ipv6]);
    expect(await matches('srcaddr in 172.31.0.0/16 and not log-status=NODATA')).toEqual([
      DOC_DEFAULT.accepted,
      DOC_DEFAULT.rejected,
      DOC_DEFAULT.icmpRejectedReply,
    ]);
    expect(await matches('srcaddr in 2001:db8::/32')).toEqual([DOC_DEFAULT.ipv6]);
    expect(await matches('protocol = 1 and (srcport = 0 or dstport > 1000)')).toHaveLength(2);
    expect(await matches('bytes >= 4249 and bytes < 8855')).toHaveLength(2);
    expect(await matches('dstaddr = 172.31.16.21')).toEqual([DOC_DEFAULT.accepted]);
    expect(await matches('log_status = NODATA')).toEqual([DOC_DEFAULT.nodata]);
  });

  it('- is null: = and != test it; other comparisons with null are false', async () => {
    expect(await matches('srcaddr = -')).toEqual([DOC_DEFAULT.nodata]);
    expect(await matches('srcaddr != -')).toHaveLength(5);
    expect(await matches('dstport < 100000')).toHaveLength(5);
    expect(await matches('dstport != 22')).toHaveLength(4);
    expect(await matches('instance-id = -')).toHaveLength(6);
  });

  it('type errors name the field and point at the value', async () => {
    await expect(matches('dstport = ssh')).rejects.toMatchObject({
      column: 11,
      message: "dstport is a number; 'ssh' is not",
    });
    await expect(matches('action = DROP')).rejects.toMatchObject({
      message: "action is one of ACCEPT, REJECT; 'DROP' is not",
    });
    await expect(matches('srcaddr in 10.0.0.0/33')).rejects.toMatchObject({ column: 12 });
    await expect(matches('action in 10.0.0.0/8')).rejects.toMatchObject({ column: 1 });
    await expect(matches('nosuchfield = 1')).rejects.toMatchObject({
      message: "unknown field 'nosuchfield'",
    });
  });

  it('ELB fields, with _ip and _port for address:port fields', async () => {
    const alb = lines(...Object.values(DOC_ALB));
    expect(await matches('elb_status_code >= 500', alb)).toEqual([DOC_ALB.lambdaFailed]);
    expect(await matches('target_ip in 10.0.0.0/24 and type = H2', alb)).toEqual([DOC_ALB.h2]);
    expect(await matches('target:port = -', alb)).toHaveLength(2);
    expect(await matches("user_agent = 'curl/7.46.0' and client_port = 2817", alb)).toHaveLength(4);
    expect(await matches('client:port in 10.0.0.0/8', alb)).toHaveLength(3);
  });

  it('--group-by counts matching records per value tuple', async () => {
    const dir = tempFiles({ 'f.log': FLOWS });
    const { json } = await query(
      [join(dir, 'f.log')],
      { where: 'log-status = OK', groupBy: ['action', 'protocol'] },
      () => {},
    );
    expect(json.matched).toBe(5);
    expect(json.groups).toEqual([
      { key: { action: 'ACCEPT', protocol: 6 }, records: 2, packets: 74, bytes: 13104 },
      { key: { action: 'ACCEPT', protocol: 1 }, records: 1, packets: 4, bytes: 336 },
      { key: { action: 'REJECT', protocol: 1 }, records: 1, packets: 4, bytes: 336 },
      { key: { action: 'REJECT', protocol: 6 }, records: 1, packets: 20, bytes: 4249 },
    ]);
    const bySrc = await query([join(dir, 'f.log')], { groupBy: ['srcaddr'], top: 1 }, () => {});
    expect(bySrc.json.groups).toEqual([
      { key: { srcaddr: '172.31.16.139' }, records: 2, packets: 24, bytes: 4585 },
    ]);
    await expect(query([join(dir, 'f.log')], { groupBy: ['nope'] }, () => {})).rejects.toMatchObject({
      code: 'bad-option',
    });
  });
});
