/**
 * `vpcsim check --format sarif`: SARIF 2.1.0 for code scanning (GitHub shows each result on the
 * intent file's line in a pull request). A failed check is an error, an undecided one a warning;
 * passed checks are left out. The texts are the text report's (render.ts).
 */
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { placeOf } from './intent-file.js';
import { checkDetails, checkTitle } from './render.js';
import type { CheckReport } from './run.js';

const RULES = [
  {
    id: 'CHECK001',
    name: 'IntentFails',
    shortDescription: { text: 'A flow of the intent file does not get the verdict the file expects.' },
    help: {
      text: 'See docs/check.md: fix what blocks the flow (each blocker names its fix), or the intent file.',
    },
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'CHECK002',
    name: 'IntentUndecided',
    shortDescription: {
      text: 'A flow of the intent file cannot be decided: the snapshot lacks what the answer needs.',
    },
    help: { text: 'See docs/check.md: add to the snapshot what the message names.' },
    defaultConfiguration: { level: 'warning' },
  },
];

export function renderSarif(report: CheckReport, baseDir: string = process.cwd()): string {
  const results = report.results
    .filter((r) => r.outcome !== 'pass')
    .map((r) => {
      const fail = r.outcome === 'fail';
      const at = placeOf(r.where);
      const title = checkTitle(r);
      const text = [`${title}: ${r.verdict}, expected ${r.expect}`, ...checkDetails(r)].join('\n');
      return {
        ruleId: fail ? 'CHECK001' : 'CHECK002',
        ruleIndex: fail ? 0 : 1,
        level: fail ? 'error' : 'warning',
        message: { text },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: relative(baseDir, at.file).split('\\').join('/') || at.file },
              region: { startLine: at.line, startColumn: at.column },
            },
          },
        ],
        partialFingerprints: {
          vpcsimCheck: createHash('sha256').update(`${title}\0${r.expect}`).digest('hex').slice(0, 32),
        },
        properties: { expect: r.expect, verdict: r.verdict, blockers: r.blockers.map((b) => b.code) },
      };
    });
  return `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'vpcsim check', version: '0.1.0', rules: RULES } }, results }],
    },
    null,
    2,
  )}\n`;
}
