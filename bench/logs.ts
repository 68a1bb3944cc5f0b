/**
 * `npm run bench:logs`: generates (once; cached under .vpcsim-bench/) a realistic VPC flow log of
 * 2,000,000 records (VPCSIM_BENCH_RECORDS to change), plain and gzip, then measures in one run:
 * `vpcsim logs summary --json` on each (wall time including Node start-up, records/s, peak RSS; on
 * plain text also without the native kernel, VPCSIM_NATIVE=0, when it is built), and
 * as baselines computing top sources by bytes and rejected records per port on the same plain file:
 * mawk, and DuckDB's read_csv with explicit column types and its default threads (each skipped, with
 * a note, when not installed). Prints numbers; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { kernel } from '../src/logs/native/kernel.js';
import { writeFlowLog } from './logs-data.js';

const MAWK_SCRIPT = `$14 == "OK" { b[$4] += $10 }
$13 == "REJECT" { r[$8 " " $7]++ }
END {
  n = 0
  for (k in b) { v = b[k]; if (n < 10) n++; else if (v <= tv[n]) continue
    i = n; while (i > 1 && tv[i-1] < v) { tv[i] = tv[i-1]; tk[i] = tk[i-1]; i-- } tv[i] = v; tk[i] = k }
  for (i = 1; i <= n; i++) print "source", tk[i], tv[i]
  m = 0
  for (k in r) { v = r[k]; if (m < 10) m++; else if (v <= rv[m]) continue
    i = m; while (i > 1 && rv[i-1] < v) { rv[i] = rv[i-1]; rk[i] = rk[i-1]; i-- } rv[i] = v; rk[i] = k }
  for (i = 1; i <= m; i++) print "rejects", rk[i], rv[i]
}
`;

async function child(file: string): Promise<void> {
  const { main } = await import('../src/cli/main.js');
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const t0 = performance.now();
  const code = await main(['logs', 'summary', file, '--json']);
  const ms = performance.now() - t0;
  process.stderr.write(`${JSON.stringify({ code, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

// The same two answers as the mawk script, in DuckDB with explicit column types (account ids stay
// text) and its default threads; '-' is NULL (NODATA/SKIPDATA rows).
const DUCKDB_COLUMNS = {
  version: 'INTEGER',
  'account-id': 'VARCHAR',
  'interface-id': 'VARCHAR',
  srcaddr: 'VARCHAR',
  dstaddr: 'VARCHAR',
  srcport: 'INTEGER',
  dstport: 'INTEGER',
  protocol: 'INTEGER',
  packets: 'BIGINT',
  bytes: 'BIGINT',
  start: 'BIGINT',
  end: 'BIGINT',
  action: 'VARCHAR',
  'log-status': 'VARCHAR',
};

async function duckdbChild(file: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const t0 = performance.now();
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const cols = Object.entries(DUCKDB_COLUMNS)
    .map(([k, v]) => `'${k}': '${v}'`)
    .join(', ');
  await c.run(
    `CREATE VIEW flows AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', delim=' ', header=true, nullstr='-', auto_detect=false, columns={${cols}})`,
  );
  await c.runAndReadAll(
    `SELECT srcaddr, sum(bytes) b FROM flows WHERE "log-status" = 'OK' GROUP BY srcaddr ORDER BY b DESC LIMIT 10`,
  );
  await c.runAndReadAll(
    `SELECT protocol, dstport, count(*) n FROM flows WHERE action = 'REJECT' GROUP BY 1, 2 ORDER BY n DESC LIMIT 10`,
  );
  const ms = performance.now() - t0;
  process.stderr.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

async function hasDuckdb(): Promise<boolean> {
  try {
    await import('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Wall time and (with GNU time) peak RSS of one command. */
function measure(cmd: string, args: string[]): { ms: number; maxRssMb?: number; stderr: string } {
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = spawnSync(timed ? '/usr/bin/time' : cmd, timed ? ['-f', 'maxrss=%M', cmd, ...args] : args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 24,
  });
  const ms = performance.now() - t0;
  const stderr = r.stderr.toString();
  const m = /maxrss=(\d+)/.exec(stderr);
  return { ms, ...(m ? { maxRssMb: Number(m[1]) / 1024 } : {}), stderr };
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  if (process.argv[2] === '--child') return child(process.argv[3]!);
  if (process.argv[2] === '--duckdb') return duckdbChild(process.argv[3]!);
  const records = Number(process.env.VPCSIM_BENCH_RECORDS ?? 2_000_000);
  const dir = fileURLToPath(new URL('../../.vpcsim-bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const plain = join(dir, `flows-${records}.log`);
  const gz = `${plain}.gz`;
  if (!existsSync(plain)) {
    process.stdout.write(`generating ${records.toLocaleString('en-US')} records into ${plain} ...\n`);
    await writeFlowLog(`${plain}.tmp`, records);
    renameSync(`${plain}.tmp`, plain);
  }
  if (!existsSync(gz)) {
    await pipeline(createReadStream(plain), createGzip(), createWriteStream(`${gz}.tmp`));
    renameSync(`${gz}.tmp`, gz);
  }
  const mb = (f: string) => (statSync(f).size / 2 ** 20).toFixed(0);
  const rate = (ms: number) =>
    `${((records / ms) * 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })} records/s`;
  const lines = [
    `flow log: ${records.toLocaleString('en-US')} records, default format; plain ${mb(plain)} MiB, gzip ${mb(gz)} MiB (${dir})`,
  ];
  const summary = (file: string, env: NodeJS.ProcessEnv = process.env) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [self, '--child', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    const wall = performance.now() - t0;
    const stats = JSON.parse(r.stderr.toString().trim().split('\n').at(-1)!) as {
      ms: number;
      maxRssMb: number;
    };
    return { wall, ...stats };
  };
  // Warm the page cache so that every contender reads from memory.
  summary(plain);
  const sp = summary(plain);
  lines.push(
    `vpcsim logs summary, plain: ${(sp.wall / 1000).toFixed(2)} s wall (${rate(sp.wall)}; ${(sp.ms / 1000).toFixed(2)} s after start-up), peak RSS ${sp.maxRssMb.toFixed(0)} MB`,
  );
  const native = kernel() !== undefined;
  lines.push(
    native
      ? 'native summary kernel: built (dist/native/flow-kernel.node), used above and below'
      : 'native summary kernel: not built (see npm run build), JavaScript path above and below',
  );
  if (native) {
    const js = summary(plain, { ...process.env, VPCSIM_NATIVE: '0' });
    lines.push(
      `vpcsim logs summary, plain, JavaScript only (VPCSIM_NATIVE=0): ${(js.wall / 1000).toFixed(2)} s wall (${rate(js.wall)}), peak RSS ${js.maxRssMb.toFixed(0)} MB`,
    );
  }
  const sg = summary(gz);
  lines.push(
    `vpcsim logs summary, gzip:  ${(sg.wall / 1000).toFixed(2)} s wall (${rate(sg.wall)}), peak RSS ${sg.maxRssMb.toFixed(0)} MB`,
  );
  if (has('mawk')) {
    const script = join(dir, 'baseline.awk');
    writeFileSync(script, MAWK_SCRIPT);
    measure('mawk', ['-f', script, plain]);
    const m = measure('mawk', ['-f', script, plain]);
    const mem = m.maxRssMb !== undefined ? `, peak RSS ${m.maxRssMb.toFixed(0)} MB` : '';
    lines.push(
      `mawk (top sources by bytes + rejects per port only), plain: ${(m.ms / 1000).toFixed(2)} s wall (${rate(m.ms)})${mem}`,
    );
    lines.push(
      `summary vs mawk, plain text: ${(m.ms / sp.wall).toFixed(2)}x mawk's records/s (target >= 2x)`,
    );
  } else {
    lines.push('mawk is not installed (apt-get install mawk): baseline skipped.');
  }
  if (await hasDuckdb()) {
    const run = () => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [self, '--duckdb', plain], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const wall = performance.now() - t0;
      const last = r.stderr.toString().trim().split('\n').at(-1) ?? '';
      return {
        wall,
        stats: last.startsWith('{') ? (JSON.parse(last) as { maxRssMb: number }) : undefined,
        err: last,
      };
    };
    run();
    const d = run();
    if (d.stats) {
      lines.push(
        `DuckDB read_csv (same two answers, explicit types, default threads), plain: ${(d.wall / 1000).toFixed(2)} s wall (${rate(d.wall)}), peak RSS ${d.stats.maxRssMb.toFixed(0)} MB`,
      );
      lines.push(
        `summary vs DuckDB, plain text: ${(d.wall / sp.wall).toFixed(2)}x DuckDB's records/s (target > 1x)`,
      );
    } else lines.push(`DuckDB baseline failed: ${d.err}`);
  } else {
    lines.push('@duckdb/node-api is not installed (optional dependency): DuckDB baseline skipped.');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
