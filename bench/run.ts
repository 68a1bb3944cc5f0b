/**
 * `npm run bench`: builds a synthetic snapshot (10,000 ENIs, 2,000 security groups, 500 subnets,
 * 50 peered VPCs), then prints load time, median and p99 trace latency over 10,000 random flows,
 * peak RSS, and the wall time of one `vpcsim trace` CLI run on example (a). Prints numbers; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trace } from '../src/engine/trace.js';
import { loadSnapshot } from '../src/ingest/index.js';
import { runLint } from '../src/lint/run.js';
import { TCP } from '../src/net/index.js';
import { BENCH_SIZE, writeSyntheticSnapshot } from './synthetic.js';
import { addHybrid } from './synthetic-hybrid.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-bench-'));
  try {
    const { instanceIds, privateIps } = writeSyntheticSnapshot(dir);
    const hybrid = addHybrid(dir, BENCH_SIZE.vpcs);
    const t0 = performance.now();
    const net = await loadSnapshot(dir);
    const loadMs = performance.now() - t0;

    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const ports = [22, 80, 443, 3306, 5432, 8080];
    // A realistic mix: half within one VPC, a fifth between a spoke and the hub over peering,
    // the rest to and from the internet. Instance e sits in subnet e % 500 of VPC floor((e % 500) / 10).
    const n = instanceIds.length;
    const inVpc = (e: number, vpc: number) => {
      const base = e - (e % 500);
      const idx = base + vpc * 10 + (e % 10);
      return idx < n ? idx : idx - 500;
    };
    const flows = Array.from({ length: 10_000 }, (_, i) => {
      const e = rand(n);
      const kind = i % 20;
      const port = ports[rand(ports.length)]!;
      const vpcOf = Math.floor((e % 500) / 10);
      if (kind < 10) return { from: instanceIds[e]!, to: privateIps[inVpc(rand(n), vpcOf)]!, port };
      if (kind < 14) return { from: instanceIds[e]!, to: privateIps[inVpc(rand(n), 0)]!, port };
      if (kind < 17) return { from: instanceIds[e]!, to: kind === 14 ? 'internet' : '8.8.8.8', port };
      return { from: 'internet', to: instanceIds[e]!, port };
    });
    // Warm-up so JIT compilation is not counted as trace latency.
    for (const f of flows.slice(0, 200))
      trace(net, { from: f.from, to: f.to, protocol: TCP, port: { from: f.port, to: f.port } });
    const times: number[] = [];
    const verdicts: Record<string, number> = {};
    for (const f of flows) {
      const s = performance.now();
      const t = trace(net, { from: f.from, to: f.to, protocol: TCP, port: { from: f.port, to: f.port } });
      times.push(performance.now() - s);
      verdicts[t.verdict] = (verdicts[t.verdict] ?? 0) + 1;
    }
    times.sort((a, b) => a - b);

    // Paths that cross the transit gateway, its static VPN, and the Direct Connect VIF.
    const hub = instanceIds.filter((_, e) => e % 500 < 10);
    const hybridRuns: Array<{ label: string; flows: Array<{ from: string; to: string }> }> = [
      {
        label: 'transit gateway (VPC -> VPC)',
        flows: Array.from({ length: 2000 }, () => ({
          from: instanceIds[rand(n)]!,
          to: hybrid.tgwTargets[rand(hybrid.tgwTargets.length)]!,
        })),
      },
      {
        label: 'transit gateway + VPN',
        flows: Array.from({ length: 2000 }, () => ({
          from: instanceIds[rand(n)]!,
          to: hybrid.vpnTargets[rand(hybrid.vpnTargets.length)]!,
        })),
      },
      {
        label: 'VGW + Direct Connect',
        flows: Array.from({ length: 2000 }, () => ({
          from: hub[rand(hub.length)]!,
          to: hybrid.dxTargets[rand(hybrid.dxTargets.length)]!,
        })),
      },
    ];
    const hybridLines: string[] = [];
    for (const run of hybridRuns) {
      const ts: number[] = [];
      const v: Record<string, number> = {};
      for (const f of run.flows.slice(0, 100))
        trace(net, { ...f, protocol: TCP, port: { from: 443, to: 443 } });
      for (const f of run.flows) {
        const s = performance.now();
        const t = trace(net, { ...f, protocol: TCP, port: { from: 443, to: 443 } });
        ts.push(performance.now() - s);
        v[t.verdict] = (v[t.verdict] ?? 0) + 1;
      }
      ts.sort((a, b) => a - b);
      hybridLines.push(
        `  ${run.label.padEnd(30)} median ${(percentile(ts, 50) * 1000).toFixed(1)} µs, p99 ${(percentile(ts, 99) * 1000).toFixed(1)} µs (${Object.entries(
          v,
        )
          .map(([k, c]) => `${k} ${c}`)
          .join(', ')})`,
      );
    }
    // Lint over the whole snapshot: every rule, SG001's end-to-end traces included. Median of 3.
    const lintRuns: number[] = [];
    let findings = 0;
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      findings = runLint(net).findings.length;
      lintRuns.push(performance.now() - s);
    }
    lintRuns.sort((a, b) => a - b);
    const rssMb = process.resourceUsage().maxRSS / 1024;

    const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
    const example = fileURLToPath(new URL('../../examples/nat-instance', import.meta.url));
    const cliRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      try {
        execFileSync(
          process.execPath,
          [
            cli,
            'trace',
            '--snapshot',
            example,
            '--from',
            'internet',
            '--to',
            'web-1',
            '--protocol',
            'tcp',
            '--port',
            '443',
          ],
          { stdio: 'ignore' },
        );
      } catch {
        // exit status 1/3 is a verdict, not a failure of the benchmark
      }
      cliRuns.push(performance.now() - s);
    }
    cliRuns.sort((a, b) => a - b);

    const tgwTables = [...net.transitGatewayRouteTables.values()];
    const tgwRoutes = tgwTables.reduce((a, t) => a + t.routes.length, 0);
    const tgwPropagations = tgwTables.reduce((a, t) => a + t.propagatingAttachmentIds.length, 0);
    const lines = [
      `synthetic snapshot: ${BENCH_SIZE.vpcs} VPCs (peered with a hub), ${BENCH_SIZE.vpcs * BENCH_SIZE.subnetsPerVpc} subnets, ${net.data.networkInterfaces.length} ENIs, ${net.data.securityGroups.length} security groups, ${net.data.routeTables.length} route tables`,
      `load time:              ${loadMs.toFixed(0)} ms            (target < 2000 ms)`,
      `trace latency median:   ${(percentile(times, 50) * 1000).toFixed(1)} µs   (target < 100 µs) over ${times.length} random flows`,
      `trace latency p99:      ${(percentile(times, 99) * 1000).toFixed(1)} µs`,
      `verdicts:               ${Object.entries(verdicts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `hybrid paths (${net.transitGatewayAttachments.size} TGW attachments, ${tgwRoutes} static TGW routes + ${tgwPropagations} propagations), 2,000 flows each:`,
      ...hybridLines,
      `lint (all rules):       ${lintRuns[1]!.toFixed(0)} ms   (target < 5000 ms; ${findings} findings; median of 3)`,
      `peak RSS:               ${rssMb.toFixed(0)} MB          (target < 1024 MB)`,
      `CLI trace on example (a), wall, median of 5: ${cliRuns[2]!.toFixed(0)} ms (target < 500 ms; min ${cliRuns[0]!.toFixed(0)} ms)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
