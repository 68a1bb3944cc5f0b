/**
 * `vpcsim check --format junit`: the results as JUnit XML, which CI systems (GitLab, Jenkins, Azure
 * Pipelines, GitHub test reporters) show as a test report. One test case per flow; a failed check is
 * a `<failure>` carrying what blocks it or what lets it through, an undecided one an `<error>`
 * carrying why. The texts are the text report's (render.ts).
 */

import { placeOf } from './intent-file.js';
import { beforeText, checkDetails, checkTitle } from './render.js';
import type { CheckReport } from './run.js';

/** Text as XML character data or attribute value; control characters XML 1.0 cannot hold are dropped. */
function xml(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) continue;
    out +=
      ch === '&'
        ? '&amp;'
        : ch === '<'
          ? '&lt;'
          : ch === '>'
            ? '&gt;'
            : ch === '"'
              ? '&quot;'
              : ch === "'"
                ? '&apos;'
                : ch;
  }
  return out;
}

export function renderJunit(report: CheckReport, intentFile: string): string {
  const n = report.counts;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="vpcsim check" tests="${n.checks}" failures="${n.failed}" errors="${n.unknown}">`,
  );
  out.push(
    `  <testsuite name="${xml(intentFile)}" tests="${n.checks}" failures="${n.failed}" errors="${n.unknown}" skipped="0">`,
  );
  for (const r of report.results) {
    const { file, line } = placeOf(r.where);
    const open = `    <testcase classname="${xml(intentFile)}" name="${xml(checkTitle(r))}" file="${xml(file)}" line="${line}"`;
    if (r.outcome === 'pass') {
      out.push(`${open}/>`);
      continue;
    }
    const tag = r.outcome === 'fail' ? 'failure' : 'error';
    const type =
      r.outcome === 'fail' ? (r.blockers[0]?.code ?? 'GETS_THROUGH') : (r.unknowns[0]?.code ?? 'UNKNOWN');
    const message = `${r.verdict}, expected ${r.expect}${beforeText(r)}`;
    out.push(`${open}>`);
    out.push(
      `      <${tag} message="${xml(message)}" type="${xml(type)}">${xml(checkDetails(r).join('\n'))}</${tag}>`,
    );
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
