import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vpcsim-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('creates folders, replaces the file, and leaves no temporary file', async () => {
  const file = path.join(dir, 'us-east-1', 'Vpcs.json');
  await writeFileAtomic(file, '{"Vpcs": []}\n');
  await writeFileAtomic(file, '{"Vpcs": [{}]}\n');
  expect(await readFile(file, 'utf8')).toBe('{"Vpcs": [{}]}\n');
  expect(await readdir(path.dirname(file))).toEqual(['Vpcs.json']);
});

it('removes its temporary file when the rename fails', async () => {
  const target = path.join(dir, 'Vpcs.json');
  await mkdir(path.join(target, 'occupied'), { recursive: true });
  await expect(writeFileAtomic(target, '{}')).rejects.toThrow();
  expect(await readdir(dir)).toEqual(['Vpcs.json']);
});
