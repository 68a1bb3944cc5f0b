/**
 * One share of the parallel `logs summary` (parallel.ts): reads its units of the input, one
 * accounting per unit, into one flow summary. Runs in a worker thread (summary-worker.ts) or, for
 * the first share, on the main thread while the workers start.
 */
import { FlowFormat } from './formats/flow-format.js';
import type { LogType } from './log-type.js';
import type { WorkerInput, WorkerPart } from './parallel.js';
import { Accounting } from './read/accounting.js';
import { readSources } from './read/read.js';
import { FlowSummary } from './report/flow-summary.js';

/** How often progress is passed on. */
const PROGRESS_BYTES = 8 << 20;

export interface ShareResult {
  readonly parts: WorkerPart[];
  readonly summary: FlowSummary;
}

/** `progress(bytes, lines)` receives increments. */
export async function summarizeShare(
  input: WorkerInput,
  progress: (bytes: number, lines: number) => void,
  summary: FlowSummary = new FlowSummary(input.summary),
): Promise<ShareResult> {
  const fields = input.fields ? new FlowFormat(input.fields, 'fields') : undefined;
  const parts: WorkerPart[] = [];
  for (const unit of input.units) {
    const acc = new Accounting(input.strict);
    let type: LogType | undefined;
    let reported = 0;
    let reportedLines = 0;
    const got = await readSources(
      [unit.source],
      {
        ...(fields ? { fields } : {}),
        ...(input.strict ? { strict: true } : {}),
        onProgress: (p) => {
          if (p.bytesDone - reported > PROGRESS_BYTES) {
            progress(p.bytesDone - reported, p.lines - reportedLines);
            reported = p.bytesDone;
            reportedLines = p.lines;
          }
        },
      },
      {
        type: (t) => {
          type = t;
        },
        flow: (r) => summary.record(r),
        elb: () => {},
        flowBulk: summary.bulk(),
      },
      acc,
    );
    parts.push({
      index: unit.index,
      type: type ?? got.type,
      counts: acc.counts,
      byReason: acc.byReason,
      samples: acc.samples,
      warnings: acc.warnings,
      warningKeys: acc.warningKeys,
      ...(acc.strictFailure ? { strictFailure: acc.strictFailure } : {}),
      ...(got.fatal ? { fatal: { code: got.fatal.code, message: got.fatal.message } } : {}),
    });
    progress(unit.source.size - reported, acc.counts.lines - reportedLines);
    if (got.fatal || acc.strictFailure || (type !== undefined && type !== 'vpc')) break;
  }
  return { parts, summary };
}
