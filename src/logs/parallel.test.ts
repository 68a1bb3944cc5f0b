import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { plan } from './parallel.js';
import { expandPaths } from './read/sources.js';
import { type FlowSummaryJson, summarize } from './run.js';
import { DEFAULT_HEADER, DOC_ALB } from './test-fixtures.js';
import { tempFiles } from './test-helpers.js';

function flowLines(n: number, seed: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const a = `10.${x % 7}.${(x >>> 8) % 50}.${(x >>> 16) % 200}`;
    const action = x % 5 === 0 ? 'REJECT' : 'ACCEPT';
    out.push(
      `2 123456789012 eni-${x % 30} ${a} 10.9.9.${x % 9} 40000 ${[22, 443, 3389][x % 3]} 6 ${1 + (x % 7)} ${100 + (x % 1000)} ${1000 + i} ${1060 + i} ${action} OK`,
    );
  }
  return out;
}

describe('parallel summary', () => {
  const big = [DEFAULT_HEADER, ...flowLines(3000, 1)];
  big.splice(2500, 0, 'malformed line');
  const dir = tempFiles({
    'a.log': `${big.join('\n')}\n`,
    'b.log.gz': gzipSync(`${flowLines(500, 2).join('\n')}\n`),
    'c.log': `${flowLines(2000, 3).join('\n')}\n`,
  });
  const paths = ['a.log', 'b.log.gz', 'c.log'].map((f) => join(dir, f));
  const thresholds = { minBytes: 1, splitMin: 20_000 };

  it('cuts large plain files at line boundaries and keeps input order', async () => {
    const { sources } = await expandPaths(paths);
    const groups = (await plan(sources, 3, thresholds))!;
    expect(groups).toHaveLength(3);
    const units = groups.flat();
    expect(units.map((u) => u.index)).toEqual(units.map((_, i) => i));
    const a = units.filter((u) => u.source.name.endsWith('a.log'));
    expect(a.length).toBeGreaterThan(1);
    expect(a[0]!.source.range!.start).toBe(0);
    expect(a.at(-1)!.source.continued).toEqual({ header: DEFAULT_HEADER.split(' ') });
    expect(units.find((u) => u.source.name.endsWith('b.log.gz'))!.source.range).toBeUndefined();
  });

  it('gives the same report as one thread, with line numbers of later parts continued', async () => {
    const one = (await summarize(paths, { parallel: { workers: 1 } })).json as FlowSummaryJson;
    const three = (await summarize(paths, { parallel: { workers: 3, ...thresholds } }))
      .json as FlowSummaryJson;
    expect(one.counts).toEqual({
      lines: 5502,
      parsed: 5500,
      nodata: 0,
      skipdata: 0,
      malformed: 1,
      skipped: 1,
    });
    expect(three).toEqual(one);
    expect(three.malformed.samples[0]).toMatchObject({
      file: paths[0],
      line: 2501,
      reason: 'too-few-fields',
    });
  });

  it('progress counts bytes and lines of every share, ending at the totals', async () => {
    const seen: { bytesDone: number; bytesTotal: number; lines: number }[] = [];
    await summarize(paths, {
      parallel: { workers: 3, ...thresholds },
      onProgress: (p) => seen.push({ ...p }),
    });
    const last = seen.at(-1)!;
    expect(last.lines).toBe(5502);
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(seen.every((p, i) => i === 0 || p.lines >= seen[i - 1]!.lines)).toBe(true);
  });

  it('--strict stops at the first malformed line, named with its line number', async () => {
    const got = await summarize(paths, { strict: true, parallel: { workers: 3, ...thresholds } });
    expect(got.strictFailure).toMatchObject({ file: paths[0], line: 2501 });
  });

  it('warns once per file and field across parts, at the first line, as one thread does', async () => {
    const odd = (n: number) =>
      `2 123456789010 eni-1 198.51.100.7 192.0.2.156 80 100 80${n} - - 1431280876 1431280934 - NODATA`;
    const body = [DEFAULT_HEADER, ...flowLines(3000, 4)];
    body.splice(101, 0, odd(80));
    body.splice(2901, 0, odd(81));
    const d = tempFiles({ 'odd.log': `${body.join('\n')}\n` });
    const file = join(d, 'odd.log');
    const { sources } = await expandPaths([file]);
    expect((await plan(sources, 3, thresholds))!.flat().length).toBeGreaterThan(1);
    const one = (await summarize([file], { parallel: { workers: 1 } })).json as FlowSummaryJson;
    const three = (await summarize([file], { parallel: { workers: 3, ...thresholds } }))
      .json as FlowSummaryJson;
    expect(three.warnings).toEqual(one.warnings);
    expect(three.warnings).toEqual([
      expect.objectContaining({ code: 'nodata-bad-value', line: 102, field: 'protocol', token: '8080' }),
    ]);
    expect(three.counts).toMatchObject({ nodata: 2, malformed: 0 });
  });

  it('reads on one thread when the input is not flow logs', async () => {
    const elb = tempFiles({ 'alb.log': `${Array.from({ length: 400 }, () => DOC_ALB.http).join('\n')}\n` });
    const { sources } = await expandPaths([join(elb, 'alb.log')]);
    expect(await plan(sources, 2, thresholds)).toBeUndefined();
    const j = (await summarize([join(elb, 'alb.log')], { parallel: { workers: 2, ...thresholds } })).json;
    expect(j.type).toBe('alb');
  });
});
