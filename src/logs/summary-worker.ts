/**
 * A worker of the parallel `logs summary` (parallel.ts): reads its parts of the input, one
 * accounting per part, into one flow summary, and sends back both.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FlowFormat } from './formats/flow-format.js';
import type { LogType } from './log-type.js';
import type { WorkerInput, WorkerPart } from './parallel.js';
import { Accounting } from './read/accounting.js';
import { readSources } from './read/read.js';
import { FlowSummary } from './report/flow-summary.js';

const input = workerData as WorkerInput;
const summary = new FlowSummary(input.summary);
const fields = input.fields ? new FlowFormat(input.fields, 'fields') : undefined;
const parts: WorkerPart[] = [];
let lastProgress = 0;
for (const unit of input.units) {
  const acc = new Accounting(input.strict);
  let type: LogType | undefined;
  const got = await readSources(
    [unit.source],
    {
      ...(fields ? { fields } : {}),
      ...(input.strict ? { strict: true } : {}),
      onProgress: (p) => {
        if (p.bytesDone - lastProgress > 8 << 20) {
          parentPort!.postMessage({ progress: p.bytesDone - lastProgress, lines: 0 });
          lastProgress = p.bytesDone;
        }
      },
    },
    {
      type: (t) => {
        type = t;
      },
      flow: (r) => summary.record(r),
      elb: () => {},
    },
    acc,
  );
  lastProgress = 0;
  parts.push({
    index: unit.index,
    type: type ?? got.type,
    counts: acc.counts,
    byReason: acc.byReason,
    samples: acc.samples,
    warnings: acc.warnings,
    ...(acc.strictFailure ? { strictFailure: acc.strictFailure } : {}),
    ...(got.fatal ? { fatal: { code: got.fatal.code, message: got.fatal.message } } : {}),
  });
  parentPort!.postMessage({ progress: 0, lines: acc.counts.lines });
  if (got.fatal || acc.strictFailure || (type !== undefined && type !== 'vpc')) break;
}
const state = summary.export();
const buffers = Object.values(state.tables).flatMap((t) => [t.slots, t.arena]);
parentPort!.postMessage({ parts, summary: state }, buffers);
