/**
 * The fixes vpcsim suggests are enough: on a synthetic network (peered VPCs, security groups with
 * group references, NACLs, per-subnet route tables, a transit gateway), every random flow whose
 * blockers all have a fix that can be applied becomes reachable with them applied. A flow still
 * blocked would mean a fix that does not do what it says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng, writeSyntheticSnapshot } from '../bench/synthetic.js';
import { addHybrid } from '../bench/synthetic-hybrid.js';
import { checkFixes } from '../src/engine/fix-check.js';
import { type TraceQuery, trace } from '../src/engine/trace.js';
import { loadSnapshot } from '../src/ingest/index.js';
import { TCP } from '../src/net/index.js';

describe('fix check invariant', () => {
  it('every flow whose blockers all have an applicable fix is reachable with them applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-fix-'));
    writeSyntheticSnapshot(dir, { vpcs: 10, subnetsPerVpc: 6, enis: 1200, securityGroups: 240 });
    addHybrid(dir, 10);
    const net = await loadSnapshot(dir);
    rmSync(dir, { recursive: true, force: true });
    const enis = net.data.networkInterfaces.filter((e) => e.attachment?.instanceId);
    const r = rng(11);
    const ports = [22, 443, 5432, 8080];
    let checked = 0;
    const failures: string[] = [];
    for (let n = 0; n < 600; n++) {
      const a = enis[Math.floor(r() * enis.length)]!;
      const b = enis[Math.floor(r() * enis.length)]!;
      const port = ports[n % ports.length]!;
      const q: TraceQuery = {
        from: r() < 0.3 ? '203.0.113.77' : a.networkInterfaceId,
        to: b.networkInterfaceId,
        protocol: TCP,
        port: { from: port, to: port },
      };
      const t = trace(net, q);
      const f = checkFixes(net, q, t);
      if (!f || f.notApplied.length > 0 || t.blockers.some((x) => !x.fix)) continue;
      checked++;
      if (f.verdict !== 'reachable')
        failures.push(
          `${q.from} -> ${q.to}:${port} ${t.blockers.map((x) => x.code)} -> ${f.verdict} ${f.remaining}`,
        );
    }
    expect(failures).toEqual([]);
    // Enough flows were blocked for the check to mean something.
    expect(checked).toBeGreaterThan(100);
  });
});
