/** `logs sql` without @duckdb/node-api: exit 2 and one sentence saying how to install it. */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempFiles } from '../test-helpers.js';

vi.mock('@duckdb/node-api', () => {
  throw new Error("Cannot find package '@duckdb/node-api'");
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('logs sql without DuckDB', () => {
  it('exits 2 and says to run npm install @duckdb/node-api', async () => {
    const { main } = await import('../../cli/main.js');
    const dir = tempFiles({ 'f.log': 'version srcaddr\n2 10.0.0.1\n' });
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      err += String(s);
      return true;
    });
    expect(await main(['logs', 'sql', 'select 1', join(dir, 'f.log')])).toBe(2);
    expect(err).toMatch(
      /^vpcsim: logs sql needs the optional package @duckdb\/node-api, .*run `npm install @duckdb\/node-api`\.\n$/,
    );
  });
});
