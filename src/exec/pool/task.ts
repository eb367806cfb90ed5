/**
 * One `pool.run()` call as the pool tracks it.
 *
 * States: "waiting" (run() is waiting for room, see maxQueue) → "queued" (in the pool's
 * queue) → "sent" (in a worker's window; back to "queued" if that worker is replaced or
 * another worker steals it before it starts) → "settled". Any state can jump to
 * "settled" (abort, timeout, destroy). Each transition is a method here, and each keeps
 * the pool's TaskCounts, so the pool never counts tasks by hand.
 */
import type { Abortable } from "../../core/internal/wait-signal.ts";
import type { TransferListItem } from "node:worker_threads";
import { TimeoutError } from "../../core/errors.ts";
import type { RunOptions } from "./options.ts";
import type { PoolWorker } from "./pool-worker.ts";
import { unreachable } from "./unreachable.ts";

export type TaskState = "waiting" | "queued" | "sent" | "settled";

/** How many of one pool's tasks are in each unsettled state (kept by the tasks). */
export interface TaskCounts {
  readonly waiting: number;
  readonly queued: number;
  readonly sent: number;
}

type Tally = { -readonly [K in keyof TaskCounts]: number };

/** Fresh counts for a pool; pass them to every task it creates. */
export function newTaskCounts(): TaskCounts {
  return { waiting: 0, queued: 0, sent: 0 };
}

export class PoolTask {
  private current: TaskState = "waiting";
  private holder: PoolWorker | null = null;
  private number = -1;
  private resolve!: (value: unknown) => void;
  private reject!: (reason: unknown) => void;
  private signal: Abortable | undefined = undefined;
  private onAbort: (() => void) | undefined = undefined;
  private timer: NodeJS.Timeout | undefined = undefined;
  private readonly tally: Tally;
  readonly promise: Promise<unknown>;

  readonly name: string;
  readonly arg: unknown;
  readonly transfer: TransferListItem[] | undefined;

  /** A task in state "waiting", counted in `counts`. */
  constructor(name: string, arg: unknown, transfer: TransferListItem[] | undefined, counts: TaskCounts) {
    this.name = name;
    this.arg = arg;
    this.transfer = transfer;
    this.tally = counts as Tally;
    this.tally.waiting++;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /**
   * A task for validated run() `options`, wired to call `abort(task, reason)` when its
   * signal aborts or its timeout passes (the caller checked the signal is not aborted).
   */
  static withOptions(
    arg: unknown,
    options: RunOptions,
    signal: Abortable | undefined,
    counts: TaskCounts,
    abort: (task: PoolTask, reason: unknown) => void,
  ): PoolTask {
    const { timeout } = options;
    const name = options.name ?? "default";
    const task = new PoolTask(name, arg, options.transfer?.length ? options.transfer : undefined, counts);
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

  get state(): TaskState {
    return this.current;
  }

  /** The worker holding the task while "sent". */
  get worker(): PoolWorker | null {
    return this.holder;
  }

  /** The task's number in its worker's stream (set when sent; kept after, for the window). */
  get seq(): number {
    return this.number;
  }

  /** waiting → queued, or sent → queued (taken back from a worker before it started). */
  markQueued(): void {
    this.moveTo("queued");
    this.holder = null;
  }

  /** queued → sent: task number `seq` in `worker`'s window. */
  markSent(worker: PoolWorker, seq: number): void {
    this.moveTo("sent");
    this.holder = worker;
    this.number = seq;
  }

  /** Any state → settled, once; clears the timer and abort listener. False if already settled. */
  settle(ok: boolean, value: unknown): boolean {
    if (this.current === "settled") return false;
    this.moveTo("settled");
    this.holder = null;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onAbort !== undefined) this.signal!.removeEventListener("abort", this.onAbort);
    if (ok) this.resolve(value);
    else this.reject(value);
    return true;
  }

  private moveTo(next: TaskState): void {
    const tally = this.tally;
    const from = this.current;
    switch (from) {
      case "waiting":
        tally.waiting--;
        break;
      case "queued":
        tally.queued--;
        break;
      case "sent":
        tally.sent--;
        break;
      case "settled":
        break;
      default:
        unreachable(from, "task state");
    }
    switch (next) {
      case "waiting":
        tally.waiting++;
        break;
      case "queued":
        tally.queued++;
        break;
      case "sent":
        tally.sent++;
        break;
      case "settled":
        break;
      default:
        unreachable(next, "task state");
    }
    this.current = next;
  }
}
