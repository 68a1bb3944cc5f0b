/** docs/logs.md stays in step with the code: generated tables, JSON keys, reason codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateLogsDoc } from './formats/doc.js';
import { summarize } from './run.js';
import { DOC_ALB, DOC_DEFAULT } from './test-fixtures.js';
import { tempFiles } from './test-helpers.js';

const doc = readFileSync(new URL('../../docs/logs.md', import.meta.url), 'utf8');

describe('docs/logs.md', () => {
  it('holds the field tables generated from the format tables (npm run docs:logs)', () => {
    expect(updateLogsDoc(doc)).toBe(doc);
  });

  it('documents every key of the summary JSON and every malformed reason', async () => {
    const dir = tempFiles({ 'f.log': `${DOC_DEFAULT.accepted}\n`, 'a.log': `${DOC_ALB.http}\n` });
    for (const f of ['f.log', 'a.log']) {
      const { json } = await summarize([join(dir, f)], {});
      for (const key of Object.keys(json)) expect(doc, `summary key ${key}`).toContain(`\`${key}\``);
    }
    for (const reason of [
      'too-few-fields',
      'too-many-fields',
      'bad-integer',
      'bad-number',
      'bad-address',
      'bad-time',
      'unknown-action',
      'unknown-log-status',
      'unknown-request-type',
      'bad-value',
      'unterminated-quote',
      'line-too-long',
      'corrupt-gzip',
    ])
      expect(doc).toContain(`\`${reason}\``);
  });
});
