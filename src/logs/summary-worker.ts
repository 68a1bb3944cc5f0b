/**
 * A worker of the parallel `logs summary` (parallel.ts): reads its share of the input and sends
 * back the per-unit accountings and the summary's state (its buffers transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput } from './parallel.js';
import { summarizeShare } from './summary-part.js';

const { parts, summary } = await summarizeShare(workerData as WorkerInput, (progress, lines) =>
  parentPort!.postMessage({ progress, lines }),
);
const state = summary.export();
const buffers = Object.values(state.tables).flatMap((t) => [t.slots, t.arena]);
parentPort!.postMessage({ parts, summary: state }, buffers);
