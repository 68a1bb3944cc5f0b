#!/usr/bin/env node
/**
 * Builds the optional native kernel of `logs summary` (src/logs/native/flow-kernel.cc) into
 * dist/native/flow-kernel.node with the system's C++ compiler and Node's own headers (Node-API, so
 * no download and no node-gyp). When either is missing, or compiling fails, it says so in one line
 * and exits 0: vpcsim then runs its JavaScript path, with the same answers, only slower.
 * VPCSIM_NATIVE=0 skips the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'logs', 'native', 'flow-kernel.cc');
const out = join(root, 'dist', 'native', 'flow-kernel.node');

function skip(why) {
  rmSync(out, { force: true });
  process.stdout.write(`native summary kernel not built (${why}); logs summary uses its JavaScript path.\n`);
  process.exit(0);
}

if (process.env.VPCSIM_NATIVE === '0') skip('VPCSIM_NATIVE=0');
const headers = [
  join(dirname(process.execPath), '..', 'include', 'node'),
  '/usr/include/node',
  '/usr/local/include/node',
].find((d) => existsSync(join(d, 'node_api.h')));
if (!headers) skip("Node's headers (node_api.h) were not found");
const cxx = [process.env.CXX, 'c++', 'g++', 'clang++'].find(
  (c) => c && spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0,
);
if (!cxx) skip('no C++ compiler: apt-get install g++');
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
const args = ['-O2', '-std=c++17', '-shared', '-fPIC', '-fno-strict-aliasing', '-DNAPI_VERSION=8'];
if (process.platform === 'darwin') args.push('-undefined', 'dynamic_lookup');
const r = spawnSync(cxx, [...args, `-I${headers}`, source, '-o', tmp], { encoding: 'utf8' });
if (r.status !== 0) {
  rmSync(tmp, { force: true });
  process.stderr.write(r.stderr ?? '');
  skip(`${cxx} failed`);
}
renameSync(tmp, out);
process.stdout.write(`native summary kernel built: ${out.slice(root.length + 1)}\n`);
