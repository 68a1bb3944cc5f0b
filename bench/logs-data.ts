/**
 * A realistic, deterministic VPC flow log in the default format, for `npm run bench:logs`:
 * 10,000 interfaces in 50 VPCs; busy interfaces talk more (Zipf-like); 60% of records are between
 * interfaces, 28% with a pool of 20,000 popular internet endpoints, 12% from scanners (random
 * addresses probing 22, 23, 3389, 445 and random ports, mostly rejected); S3-style header line;
 * 1% NODATA and 0.1% SKIPDATA records; 60-second aggregation windows.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

export async function writeFlowLog(path: string, records: number): Promise<void> {
  let seed = 20240601;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) / 16777216;
  };
  const int = (n: number) => Math.floor(rand() * n);
  // Skewed pick in [0, n): small indices are much more likely.
  const zipf = (n: number) => Math.floor(n * rand() ** 3);
  const ENIS = 10_000;
  const eniIds = Array.from(
    { length: ENIS },
    (_, i) => `eni-${(0x0a1b2c3d00000 + i * 7919).toString(16).padStart(17, '0')}`,
  );
  const eniIps = Array.from({ length: ENIS }, (_, i) => `10.${i % 50}.${(i >> 6) & 255}.${4 + (i & 63)}`);
  const popular = Array.from(
    { length: 20_000 },
    () => `${[3, 13, 18, 34, 52, 54, 104, 142, 151, 172][int(10)]}.${int(256)}.${int(256)}.${1 + int(254)}`,
  );
  const services: [number, number][] = [
    [443, 6],
    [80, 6],
    [5432, 6],
    [6379, 6],
    [8080, 6],
    [53, 17],
    [123, 17],
    [22, 6],
    [3306, 6],
  ];
  const scanPorts = [22, 23, 3389, 445, 80, 8080];
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write(`${HEADER}\n`);
  const t0 = 1_717_200_000;
  let lines: string[] = [];
  for (let r = 0; r < records; r++) {
    const e = zipf(ENIS);
    const eni = eniIds[e]!;
    const local = eniIps[e]!;
    const start = t0 + Math.floor((r / records) * 86_400);
    const end = start + 60;
    const u = rand();
    if (u < 0.01) {
      lines.push(`2 123456789012 ${eni} - - - - - - - ${start} ${end} - NODATA`);
    } else if (u < 0.011) {
      lines.push(`2 123456789012 ${eni} - - - - - - - ${start} ${end} - SKIPDATA`);
    } else {
      const kind = rand();
      let src: string;
      let dst: string;
      let sport: number;
      let dport: number;
      let proto: number;
      let action: string;
      let packets: number;
      if (kind < 0.12) {
        // A scanner probing this interface.
        src = `${1 + int(222)}.${int(256)}.${int(256)}.${1 + int(254)}`;
        dst = local;
        proto = rand() < 0.97 ? 6 : 1;
        dport = proto === 1 ? 0 : rand() < 0.7 ? scanPorts[int(scanPorts.length)]! : int(65536);
        sport = proto === 1 ? 0 : 1024 + int(64512);
        action = rand() < 0.92 ? 'REJECT' : 'ACCEPT';
        packets = 1 + int(3);
      } else {
        const [port, p] = services[zipf(services.length)]!;
        const peer = kind < 0.72 ? eniIps[zipf(ENIS)]! : popular[zipf(popular.length)]!;
        const inbound = rand() < 0.5;
        const client = 32768 + int(28232);
        src = inbound ? peer : local;
        dst = inbound ? local : peer;
        sport = inbound ? client : client;
        dport = port;
        proto = p;
        action = rand() < 0.97 ? 'ACCEPT' : 'REJECT';
        packets = 1 + Math.floor(2000 * rand() ** 4);
      }
      const bytes = packets * (40 + int(1460));
      lines.push(
        `2 123456789012 ${eni} ${src} ${dst} ${sport} ${dport} ${proto} ${packets} ${bytes} ${start} ${end} ${action} OK`,
      );
    }
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}
