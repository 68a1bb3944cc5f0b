/** `vpcsim doctor` in-process: exit codes 0 / 1 / 2, plain text when piped, JSON per the schema. */
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture.js';
import { examplePath } from '../../test/helpers.js';
import { main } from '../cli/main.js';

const io = captureOutput();

const A = examplePath('nat-instance');
const E = examplePath('endpoints');

describe('vpcsim doctor', () => {
  it('exit 1 when an item fails, with the checklist, the fixes and the trace', async () => {
    expect(await main(['doctor', '--snapshot', A, 'web-1', '--from', '192.0.2.10'])).toBe(1);
    expect(io.out).toContain('✗ a security group inbound rule allows the client on tcp 22');
    expect(io.out).toContain('fix: add to sg-08e300187b090fe12 inbound: tcp 22 from 192.0.2.10/32');
    expect(io.out).toContain('Forward path');
    expect(io.out).not.toContain('\u001b[');
    expect(io.err).toBe('');
  });

  it('exit 0 when every checkable item passed', async () => {
    expect(await main(['doctor', '--snapshot', A, 'web-1', '--from', '198.51.100.7'])).toBe(0);
    expect(await main(['doctor', '--snapshot', E, 'svc-1', '--to', 's3'])).toBe(0);
  });

  it('--json prints the report with its trace', async () => {
    expect(await main(['doctor', '--snapshot', A, 'db-1', '--to', 'internet', '--json'])).toBe(1);
    const r = JSON.parse(io.out);
    expect(r.version).toBe(1);
    expect(r.items.find((i: { id: string }) => i.id === 'route-table').state).toBe('failed');
    expect(r.trace.verdict).toBe('unreachable');
  });

  it('exit 2 with one sentence on bad input', async () => {
    for (const args of [
      ['web-9', '--from', '192.0.2.10'],
      ['web-1', '--from', 'not-an-ip'],
      ['web-1', '--to', 'sqs'],
      ['web-1', '--from', '192.0.2.10', '--port', 'ssh'],
      ['web-1'],
    ]) {
      io.err = '';
      expect(await main(['doctor', '--snapshot', A, ...args]), args.join(' ')).toBe(2);
      expect(io.err).toMatch(/^vpcsim: [^\n]+\.\n$/);
    }
  });
});
