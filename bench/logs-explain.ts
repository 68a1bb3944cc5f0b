/**
 * `npm run bench:explain`: `vpcsim logs explain` throughput. Writes (once; cached under
 * .vpcsim-bench/) the 10,000-ENI synthetic snapshot of `npm run bench` and a VPC flow log of
 * 2,000,000 REJECT records (VPCSIM_BENCH_RECORDS to change) spread over 50,000 distinct flows
 * between those interfaces and the internet, then times explainLogs in-process: records/s for the
 * explain step alone (snapshot load reported apart), distinct flows traced, peak RSS. Prints
 * numbers; asserts nothing.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnapshot } from '../src/ingest/index.js';
import { explainLogs } from '../src/logs/explain/explain.js';
import { primaryPrivateIp } from '../src/model/index.js';
import { formatIp } from '../src/net/index.js';
import { rng, writeSyntheticSnapshot } from './synthetic.js';

const RECORDS = Number(process.env.VPCSIM_BENCH_RECORDS ?? 2_000_000);
const FLOWS = 50_000;
const PORTS = [22, 80, 443, 3306, 5432, 8080, 3389, 6379];

async function writeRejectLog(file: string, enis: ReadonlyArray<{ id: string; ip: string }>): Promise<void> {
  const rnd = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const flows: string[][] = [];
  for (let i = 0; i < FLOWS; i++) {
    const eni = pick(enis);
    // 30% of peers on the internet (documentation range), the rest other interfaces.
    const peer = rnd() < 0.3 ? `198.51.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}` : pick(enis).ip;
    const port = String(pick(PORTS));
    flows.push(rnd() < 0.5 ? [eni.id, peer, eni.ip, port] : [eni.id, eni.ip, peer, port]);
  }
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  const header =
    'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n';
  let buf = header;
  for (let i = 0; i < RECORDS; i++) {
    const [id, src, dst, port] = pick(flows) as [string, string, string, string];
    const sport = 32768 + Math.floor(rnd() * 28000);
    const start = 1_700_000_000 + Math.floor(i / 1000);
    buf += `2 111122223333 ${id} ${src} ${dst} ${sport} ${port} 6 ${1 + (i % 9)} ${60 + (i % 900)} ${start} ${start + 60} REJECT OK\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  renameSync(tmp, file);
}

async function main(): Promise<void> {
  const dir = fileURLToPath(new URL('../../.vpcsim-bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const snap = join(dir, 'explain-snapshot');
  if (!existsSync(join(snap, 'done'))) {
    writeSyntheticSnapshot(snap);
    createWriteStream(join(snap, 'done')).end();
  }
  let t0 = performance.now();
  const net = await loadSnapshot(snap);
  const loadMs = performance.now() - t0;
  const enis = [...net.networkInterfaces.values()].flatMap((e) => {
    const ip = primaryPrivateIp(e);
    return ip === undefined ? [] : [{ id: e.networkInterfaceId, ip: formatIp(ip) }];
  });
  const log = join(dir, `rejects-${RECORDS}.log`);
  if (!existsSync(log)) await writeRejectLog(log, enis);

  t0 = performance.now();
  const { json } = await explainLogs(net, [log], {});
  const ms = performance.now() - t0;
  const perSec = Math.round(json.rejected / (ms / 1000));
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`snapshot: ${net.networkInterfaces.size} ENIs loaded in ${loadMs.toFixed(0)} ms`);
  console.log(
    `logs explain: ${json.rejected.toLocaleString('en')} REJECT records, ${json.distinctTuples.toLocaleString('en')} distinct flows, ${json.groups.length} causes in ${ms.toFixed(0)} ms = ${perSec.toLocaleString('en')} records/s (target 500,000)`,
  );
  console.log(`peak RSS ${rss.toFixed(0)} MiB`);
}

await main();
