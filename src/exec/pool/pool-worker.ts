/**
 * The pool's handle on one worker: its transport and its window of tasks in flight.
 *
 * State machine: STARTING (ready = false; tasks may already be assigned, the transport
 * holds or buffers them) → READY → STOPPING (`stopping` says why: no new tasks) → EXITED.
 *
 * Window: tasks are numbered per worker (`seq`); `tasks[seq % window]` holds the task
 * until its result arrives or the pool takes it back. A position is reusable once the
 * worker reports it has moved past it (`acked`), so `room` counts those, not `live`.
 */
import { WorkerCrashedError, type WorkerExit } from "./errors.ts";
import {
  RESULT_OK,
  SLOT_CANCELLED,
  SLOT_DONE,
  SLOT_DONE_NUMBER,
  SLOT_PENDING,
  SLOT_RUNNING,
  slotBytes,
  slotViews,
} from "./protocol.ts";
import { deserializeThrown } from "./serialize-error.ts";
import { TASK_SENT, type PoolTask } from "./task.ts";
import type { WorkerTransport } from "./transport.ts";

/** Why the pool is ending a worker. */
export type StopReason = "idle" | "close" | "destroy" | "replace";

export class PoolWorker {
  readonly tasks: (PoolTask | undefined)[];
  readonly slots: Int32Array | null;
  /** The Float64 result cell of each slot (see SLOT_DONE_NUMBER). */
  readonly numbers: Float64Array | null;
  /** The worker's critical-section word (see ../critical-section.ts). */
  readonly critical: Int32Array | null;
  readonly sharedBuffer: SharedArrayBuffer | null;
  transport!: WorkerTransport;
  /** Next sequence number to assign. */
  nextSeq = 0;
  /** Every task numbered below this has been run or skipped by the worker. */
  acked = 0;
  /** Tasks assigned here and not yet settled or taken back. */
  live = 0;
  ready = false;
  stopping: StopReason | null = null;
  exited = false;
  /** The error the worker reported before dying (uncaught, out of memory, load error). */
  fatal: unknown = undefined;
  idleSince = 0;
  idleTimer: NodeJS.Timeout | undefined = undefined;
  referenced = true;
  readonly exit: Promise<void>;
  markExited!: () => void;

  readonly window: number;

  constructor(window: number, shared: boolean) {
    this.window = window;
    this.tasks = new Array(window);
    this.sharedBuffer = shared ? new SharedArrayBuffer(slotBytes(window)) : null;
    const views = this.sharedBuffer === null ? null : slotViews(this.sharedBuffer, window);
    this.slots = views === null ? null : views.states;
    this.numbers = views === null ? null : views.numbers;
    this.critical = views === null ? null : views.critical;
    this.exit = new Promise((resolve) => (this.markExited = resolve));
  }

  get room(): number {
    return this.window - (this.nextSeq - this.acked);
  }

  get accepting(): boolean {
    return this.stopping === null && !this.exited && this.room > 0;
  }

  assign(task: PoolTask): void {
    const seq = this.nextSeq++;
    const slot = seq % this.window;
    this.tasks[slot] = task;
    if (this.slots !== null) Atomics.store(this.slots, slot, SLOT_PENDING);
    task.seq = seq;
    task.worker = this;
    task.state = TASK_SENT;
    this.live++;
  }

  /** Undoes the latest `assign` (its message was never sent). */
  unassignLast(task: PoolTask): void {
    this.detach(task);
    this.nextSeq--;
  }

  /** Forgets a task (settled, or taken back); its window position stays used until acked. */
  detach(task: PoolTask): void {
    const slot = task.seq % this.window;
    if (this.tasks[slot] === task) {
      this.tasks[slot] = undefined;
      this.live--;
    }
    task.worker = null;
  }

  /** The task numbered `seq`, if still here. */
  at(seq: number): PoolTask | undefined {
    const task = this.tasks[seq % this.window];
    return task !== undefined && task.seq === seq ? task : undefined;
  }

  /**
   * Takes back a task that has not started: returns SLOT_PENDING when it is now cancelled
   * in the worker, else the slot's state (SLOT_RUNNING or SLOT_DONE). Without shared
   * slots a task in flight may already run, so the answer is SLOT_RUNNING.
   */
  claim(task: PoolTask): number {
    if (this.slots === null) return SLOT_RUNNING;
    return Atomics.compareExchange(this.slots, task.seq % this.window, SLOT_PENDING, SLOT_CANCELLED);
  }

  /** The number task `seq` left in shared memory, if its slot says DONE_NUMBER. */
  numberResult(seq: number): { value: number } | undefined {
    if (this.slots === null) return undefined;
    const slot = seq % this.window;
    return Atomics.load(this.slots, slot) === SLOT_DONE_NUMBER ? { value: this.numbers![slot] } : undefined;
  }

  /**
   * Settles the tasks a `[MSG_RESULTS, doneSeq, seq, status, value, ...]` message reports:
   * every task below doneSeq has run, and its result is either the next entry or, for a
   * number, in its shared slot. Returns how many it settled.
   */
  settleResults(message: unknown[]): number {
    let settled = 0;
    const doneSeq = message[1] as number;
    let i = 2;
    for (let seq = this.acked; seq < doneSeq; seq++) {
      const task = this.at(seq); // undefined: aborted after it finished, or taken back
      if (i < message.length && message[i] === seq) {
        if (task !== undefined) {
          if (message[i + 1] === RESULT_OK) task.settle(true, message[i + 2]);
          else task.settle(false, deserializeThrown(message[i + 2]));
        }
        i += 3;
      } else {
        const number = task === undefined ? undefined : this.numberResult(seq);
        if (number === undefined) continue; // skipped: cancelled or taken back
        task!.settle(true, number.value);
      }
      if (task !== undefined) {
        this.detach(task);
        settled++;
      }
    }
    this.acked = doneSeq;
    return settled;
  }

  /**
   * Decides the fate of the detached `tasks` this worker held when it exited: a number it
   * left in shared memory is delivered; a task that provably never started (claim()
   * cancels it in the dying worker) is returned to run again, newest first; any other
   * fails with WorkerCrashedError, so nothing runs twice. Returns how many it settled.
   */
  settleLeftovers(tasks: PoolTask[], crashed: boolean, exit: WorkerExit): { settled: number; requeue: PoolTask[] } {
    let settled = 0;
    const requeue: PoolTask[] = [];
    for (let i = tasks.length - 1; i >= 0; i--) {
      const task = tasks[i];
      const number = this.numberResult(task.seq);
      if (number !== undefined) {
        settled++;
        task.settle(true, number.value);
        continue;
      }
      // Without shared slots claim() cannot know, and never says PENDING.
      const state = this.claim(task);
      const notStarted = state === SLOT_PENDING;
      if (notStarted && task.transfer === undefined) {
        requeue.push(task);
        continue;
      }
      settled++;
      const why =
        state === SLOT_DONE
          ? `task "${task.name}" finished, but its result was lost with its worker`
          : notStarted
            ? `worker was stopped before task "${task.name}" started, and its transferred values went with it`
            : `worker ${crashed ? "crashed" : "was stopped"} while running task "${task.name}"`;
      task.settle(false, new WorkerCrashedError(why, exit));
    }
    return { settled, requeue };
  }

  /** State of a task's slot (SLOT_RUNNING when there are no shared slots). */
  slotState(task: PoolTask): number {
    return this.slots === null ? SLOT_RUNNING : Atomics.load(this.slots, task.seq % this.window);
  }

  /** Tasks still here, oldest first. */
  pending(): PoolTask[] {
    const out = this.tasks.filter((task): task is PoolTask => task !== undefined);
    return out.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Takes back up to `max` of the newest tasks that have not started (stopping at the
   * first that has: every older one has too) and returns them newest first. Tasks with
   * transferred values are skipped unless `includeTransfers` (they cannot be resent).
   */
  takeBackNotStarted(max: number, includeTransfers: boolean): PoolTask[] {
    const tasks = this.pending();
    const out: PoolTask[] = [];
    for (let i = tasks.length - 1; i >= 0 && out.length < max; i--) {
      const task = tasks[i];
      if (task.transfer !== undefined && !includeTransfers) continue;
      if (this.claim(task) !== SLOT_PENDING) break;
      this.detach(task);
      out.push(task);
    }
    return out;
  }

  setReferenced(on: boolean): void {
    if (this.referenced === on || this.exited) return;
    this.referenced = on;
    if (on) this.transport.ref();
    else this.transport.unref();
  }
}
