/**
 * One `pool.run()` call as the pool tracks it.
 *
 * States: WAITING (run() is waiting for room, see maxQueue) → QUEUED (in the pool's
 * queue) → SENT (in a worker's window; may go back to QUEUED if that worker is replaced
 * or another worker steals it before it starts) → SETTLED. Any state can jump to SETTLED
 * (abort, timeout, destroy).
 */
import type { TransferListItem } from "node:worker_threads";
import { TimeoutError } from "../../core/errors.ts";
import type { RunOptions } from "./options.ts";
import type { PoolWorker } from "./pool-worker.ts";

export const TASK_WAITING = 0;
export const TASK_QUEUED = 1;
export const TASK_SENT = 2;
export const TASK_SETTLED = 3;

export class PoolTask {
  state = TASK_WAITING;
  /** The worker holding the task while SENT. */
  worker: PoolWorker | null = null;
  /** The task's number in its worker's stream while SENT. */
  seq = -1;
  resolve!: (value: unknown) => void;
  reject!: (reason: unknown) => void;
  signal: AbortSignal | undefined = undefined;
  onAbort: (() => void) | undefined = undefined;
  timer: NodeJS.Timeout | undefined = undefined;
  readonly promise: Promise<unknown>;

  readonly name: string;
  readonly arg: unknown;
  readonly transfer: TransferListItem[] | undefined;

  constructor(name: string, arg: unknown, transfer: TransferListItem[] | undefined) {
    this.name = name;
    this.arg = arg;
    this.transfer = transfer;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /**
   * A task for validated run() `options`, wired to call `abort(task, reason)` when its
   * signal aborts or its timeout passes (the caller checked the signal is not aborted).
   */
  static withOptions(arg: unknown, options: RunOptions, abort: (task: PoolTask, reason: unknown) => void): PoolTask {
    const { signal, timeout } = options;
    const name = options.name ?? "default";
    const task = new PoolTask(name, arg, options.transfer?.length ? options.transfer : undefined);
    if (signal !== undefined) {
      task.signal = signal;
      task.onAbort = () => abort(task, signal.reason);
      signal.addEventListener("abort", task.onAbort, { once: true });
    }
    if (timeout !== undefined && timeout !== Infinity) {
      // Unreferenced: a busy worker keeps the process alive, a timer alone should not.
      task.timer = setTimeout(() => abort(task, new TimeoutError(`task "${name}" timed out after ${timeout} ms`)), timeout);
      task.timer.unref();
    }
    return task;
  }

  /** Settles once; clears the timer and abort listener. Returns false if already settled. */
  settle(ok: boolean, value: unknown): boolean {
    if (this.state === TASK_SETTLED) return false;
    this.state = TASK_SETTLED;
    this.worker = null;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onAbort !== undefined) this.signal!.removeEventListener("abort", this.onAbort);
    if (ok) this.resolve(value);
    else this.reject(value);
    return true;
  }
}
