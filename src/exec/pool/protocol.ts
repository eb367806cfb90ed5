/**
 * The wire protocol between a pool (main side) and its workers, shared by both sides.
 *
 * Messages are flat arrays (cheaper to clone than objects):
 * - main → worker `[MSG_RUN, firstSeq, name0, arg0, name1, arg1, ...]`: tasks numbered
 *   `firstSeq`, `firstSeq + 1`, ... in the order the worker must run them; `[MSG_EXIT]`:
 *   stop listening and exit once the event loop is empty.
 * - worker → main `[MSG_READY]` once the task module is loaded,
 *   `[MSG_RESULTS, doneSeq, seq, status, value, ...]` (every task numbered below `doneSeq`
 *   has been run or skipped; posted only once what those tasks printed has been relayed),
 *   `[MSG_FATAL, serializedError]` just before the worker exits.
 * Anything else a worker posts (a task module may use `parentPort` itself) is ignored.
 *
 * A thread worker shares one Int32 "slot" per window position with the pool; task `seq`
 * uses slot `seq % window`. Slot transitions: PENDING → RUNNING → DONE or DONE_NUMBER
 * (worker) or PENDING → CANCELLED (main; the worker then skips the task). A
 * compare-and-swap on the slot settles who won, so the pool knows exactly whether an
 * aborted task had started. A task that returned a number leaves it in the Float64 cell
 * of its slot (DONE_NUMBER) instead of a results entry: the next results message only
 * acknowledges it, and the value survives its worker's death.
 */

export const MSG_RUN = 0;
export const MSG_READY = 1;
export const MSG_RESULTS = 2;
export const MSG_FATAL = 3;
/** main → worker `[MSG_EXIT]`: finish up and exit on your own (flushing stdout/stderr). */
export const MSG_EXIT = 4;

/** The first element of a message from the pool to a worker. */
export type ToWorker = typeof MSG_RUN | typeof MSG_EXIT;
/** The first element of a message from a worker to the pool. */
export type FromWorker = typeof MSG_READY | typeof MSG_RESULTS | typeof MSG_FATAL;

export const SLOT_PENDING = 0;
export const SLOT_RUNNING = 1;
export const SLOT_CANCELLED = 2;
export const SLOT_DONE = 3;
export const SLOT_DONE_NUMBER = 4;

/** The state of a shared slot (an Int32 read with Atomics; see the module comment). */
export type SlotState = typeof SLOT_PENDING | typeof SLOT_RUNNING | typeof SLOT_CANCELLED | typeof SLOT_DONE | typeof SLOT_DONE_NUMBER;

/**
 * The shared slots of a `window`: Int32 states, one Float64 result cell per slot, and the
 * worker's critical-section word (see critical-section.ts).
 */
export function slotViews(
  buffer: SharedArrayBuffer,
  window: number,
): { states: Int32Array; numbers: Float64Array; critical: Int32Array } {
  return {
    states: new Int32Array(buffer, 0, window),
    numbers: new Float64Array(buffer, window * 4, window),
    critical: new Int32Array(buffer, window * 12, 1),
  };
}

/** Bytes of shared slots for a `window` (window * 4 is a multiple of 8 for even windows). */
export function slotBytes(window: number): number {
  return window * 12 + 8;
}

export const RESULT_OK = 0;
export const RESULT_THROWN = 1;
/** How a task ended, in a results entry: returned (value) or threw (serialized error). */
export type ResultStatus = typeof RESULT_OK | typeof RESULT_THROWN;

/** Tasks a thread worker may hold at once (running + buffered); processes hold one. */
export const THREAD_WINDOW = 64;

/** What a worker needs to start, passed as `workerData` (threads) or argv (processes). */
export interface WorkerBootData {
  /** `file:` URL of the worker entry module (thread bootstrap imports it). */
  entry: string;
  /** `file:` URL of the task module, or null for a function pool (`toThread`). */
  module: string | null;
  /** Shared slots (threads only). */
  slots: SharedArrayBuffer | null;
  window: number;
  /** `file:` URL of `tsx/esm/api`, when resolvable, to load TypeScript in the worker. */
  tsxApi: string | null;
}

/** True for URLs and paths of TypeScript modules. */
export function isTypeScriptPath(path: string): boolean {
  return /\.[cm]?tsx?$/.test(path.replace(/[?#].*$/, ""));
}
