/**
 * The pool's handle on one worker: its transport, its window of tasks in flight, and its
 * life cycle.
 *
 * States: "starting" (tasks may already be assigned; the transport holds or buffers
 * them) → "ready" (MSG_READY: the task module loaded) → "stopping" (stop(): no new tasks;
 * `stopReason` says why) → "exited". A worker can exit from any state: from "starting"
 * or "ready" it crashed (from "starting": it failed to start). Every transition is a
 * method here; the pool reads the state, never writes it.
 *
 * Window: tasks are numbered per worker (`seq`); `tasks[seq % window]` holds the task
 * until its result arrives or the pool takes it back. A position is reusable once the
 * worker reports it has moved past it (`acked`), so `room` counts those, not `live`.
 */
import type { TransferListItem } from "node:worker_threads";
import { quiesce } from "../critical-section.ts";
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
  type SlotState,
} from "./protocol.ts";
import { deserializeThrown } from "./serialize-error.ts";
import type { PoolTask } from "./task.ts";
import type { WorkerTransport } from "./transport.ts";

export type WorkerState = "starting" | "ready" | "stopping" | "exited";

/** Why the pool is ending a worker. */
export type StopReason = "idle" | "close" | "destroy" | "replace";

/** How a worker ended, as markExited() reports it. */
export interface WorkerEnd {
  /** It exited without being asked to (from "starting" or "ready"). */
  crashed: boolean;
  /** It never reported READY (it exited from "starting"). */
  neverReady: boolean;
  /** The exit, with the error the worker reported before dying as its cause. */
  exit: WorkerExit;
  /** The tasks it still held, detached from it, oldest first. */
  tasks: PoolTask[];
}

export class PoolWorker {
  readonly window: number;
  /** The shared slots buffer (threads), passed to the worker at boot. */
  readonly sharedBuffer: SharedArrayBuffer | null;
  /** Resolves once the worker has exited. */
  readonly exited: Promise<void>;

  private current: WorkerState = "starting";
  private reason: StopReason | null = null;
  private readonly tasks: (PoolTask | undefined)[];
  private readonly slots: Int32Array | null;
  /** The Float64 result cell of each slot (see SLOT_DONE_NUMBER). */
  private readonly numbers: Float64Array | null;
  /** The worker's critical-section word (see ../critical-section.ts). */
  private readonly critical: Int32Array | null;
  private transport!: WorkerTransport;
  /** Next sequence number to assign. */
  private nextSeq = 0;
  /** Every task numbered below this has been run or skipped by the worker. */
  private acked = 0;
  /** Tasks assigned here and not yet settled or taken back. */
  private assigned = 0;
  /** The error the worker reported before dying (uncaught, out of memory, load error). */
  private fatal: unknown = undefined;
  private idleSince = 0;
  private idleTimer: NodeJS.Timeout | undefined = undefined;
  private referenced = true;
  private resolveExited!: () => void;

  constructor(window: number, shared: boolean) {
    this.window = window;
    this.tasks = new Array(window);
    this.sharedBuffer = shared ? new SharedArrayBuffer(slotBytes(window)) : null;
    const views = this.sharedBuffer === null ? null : slotViews(this.sharedBuffer, window);
    this.slots = views === null ? null : views.states;
    this.numbers = views === null ? null : views.numbers;
    this.critical = views === null ? null : views.critical;
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
  }

  /** Connects the started transport (once, right after construction). */
  attach(transport: WorkerTransport): void {
    this.transport = transport;
  }

  get state(): WorkerState {
    return this.current;
  }

  /** Why stop() was called, or null. */
  get stopReason(): StopReason | null {
    return this.reason;
  }

  /** Not stopping or exited: counts as one of the pool's workers. */
  get alive(): boolean {
    return this.current === "starting" || this.current === "ready";
  }

  /** The `Worker` or `ChildProcess`. */
  get handle(): unknown {
    return this.transport.handle;
  }

  /** Tasks assigned here and not yet settled or taken back. */
  get live(): number {
    return this.assigned;
  }

  get room(): number {
    return this.window - (this.nextSeq - this.acked);
  }

  get accepting(): boolean {
    return this.alive && this.room > 0;
  }

  /** Shared slots tell whether a task has started, so its tasks can be taken back. */
  get canGiveBack(): boolean {
    return this.slots !== null;
  }

  // --- life cycle ---------------------------------------------------------------------

  /** starting → ready (MSG_READY). A worker already stopping stays so. */
  markReady(): void {
    if (this.current === "starting") this.current = "ready";
  }

  /** Records the error the worker reported (MSG_FATAL), replacing any earlier one. */
  reportFatal(error: unknown): void {
    this.fatal = error;
  }

  /** Records an error the runtime saw (the 'error' event), unless the worker reported one. */
  noteError(error: unknown): void {
    if (this.fatal === undefined) this.fatal = error;
  }

  /**
   * starting/ready → stopping: ends the worker (gracefully for "idle" and "close", at once
   * for "replace" and "destroy"). Returns false if it was already stopping or gone.
   */
  stop(reason: StopReason): boolean {
    if (!this.alive) return false;
    this.current = "stopping";
    this.reason = reason;
    this.clearIdle();
    // Someone awaits close()/destroy(): keep the process alive until the worker is gone.
    if (reason === "close" || reason === "destroy") this.setReferenced(true);
    // Never terminate a thread inside a ThreadQueue critical section: it would leave the
    // queue's mutex held. This waits microseconds (boundedly) if it is in one.
    if (this.critical !== null) quiesce(this.critical);
    this.transport.terminate(reason === "replace" || reason === "destroy");
    return true;
  }

  /** Any state → exited: detaches the tasks it held and says how it ended. */
  markExited(exitCode: number | null, signal: NodeJS.Signals | null): WorkerEnd {
    const from = this.current;
    this.current = "exited";
    this.clearIdle();
    const tasks = this.pending();
    for (const task of tasks) this.detach(task);
    return {
      crashed: from === "starting" || from === "ready",
      neverReady: from === "starting",
      exit: { exitCode, signal, cause: this.fatal },
      tasks,
    };
  }

  /** Resolves `exited`; called by the pool once it has dealt with the exit. */
  finishExit(): void {
    this.resolveExited();
  }

  setReferenced(on: boolean): void {
    if (this.referenced === on || this.current === "exited") return;
    this.referenced = on;
    if (on) this.transport.ref();
    else this.transport.unref();
  }

  // --- idleness -----------------------------------------------------------------------

  /** Notes the worker went idle now; calls `expired` after `ms` unless a timer is already set. */
  armIdle(ms: number, expired: () => void): void {
    this.idleSince = performance.now();
    this.checkIdleIn(ms, expired);
  }

  /** Calls `expired` after `ms` (unreferenced), unless a timer is already set. */
  checkIdleIn(ms: number, expired: () => void): void {
    if (this.idleTimer !== undefined || ms === Infinity) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      expired();
    }, ms);
    this.idleTimer.unref();
  }

  /** Milliseconds since the worker last went idle. */
  idleFor(): number {
    return performance.now() - this.idleSince;
  }

  private clearIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  // --- the window -----------------------------------------------------------------------

  /** Sends a message; throws synchronously when it cannot be cloned. */
  send(message: unknown[], transfer: TransferListItem[] | undefined): void {
    this.transport.send(message, transfer);
  }

  assign(task: PoolTask): void {
    const seq = this.nextSeq++;
    const slot = seq % this.window;
    this.tasks[slot] = task;
    if (this.slots !== null) Atomics.store(this.slots, slot, SLOT_PENDING);
    task.markSent(this, seq);
    this.assigned++;
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
      this.assigned--;
    }
  }

  /** The task numbered `seq`, if still here. */
  private at(seq: number): PoolTask | undefined {
    const task = this.tasks[seq % this.window];
    return task !== undefined && task.seq === seq ? task : undefined;
  }

  /**
   * Takes back a task that has not started: returns SLOT_PENDING when it is now cancelled
   * in the worker, else the slot's state (SLOT_RUNNING or SLOT_DONE). Without shared
   * slots a task in flight may already run, so the answer is SLOT_RUNNING.
   */
  claim(task: PoolTask): SlotState {
    if (this.slots === null) return SLOT_RUNNING;
    return Atomics.compareExchange(this.slots, task.seq % this.window, SLOT_PENDING, SLOT_CANCELLED) as SlotState;
  }

  /** The number task `seq` left in shared memory, if its slot says DONE_NUMBER. */
  private numberResult(seq: number): { value: number } | undefined {
    if (this.slots === null) return undefined;
    const slot = seq % this.window;
    return Atomics.load(this.slots, slot) === SLOT_DONE_NUMBER ? { value: this.numbers![slot] } : undefined;
  }

  /**
   * Settles the tasks a `[MSG_RESULTS, doneSeq, seq, status, value, ...]` message reports:
   * every task below doneSeq has run, and its result is either the next entry or, for a
   * number, in its shared slot.
   */
  settleResults(message: unknown[]): void {
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
      if (task !== undefined) this.detach(task);
    }
    this.acked = doneSeq;
  }

  /**
   * Decides the fate of the detached `tasks` this worker held when it exited: a number it
   * left in shared memory is delivered; a task that provably never started (claim()
   * cancels it in the dying worker) is returned to run again, newest first; any other
   * fails with WorkerCrashedError, so nothing runs twice.
   */
  settleLeftovers(tasks: PoolTask[], crashed: boolean, exit: WorkerExit): PoolTask[] {
    const requeue: PoolTask[] = [];
    for (let i = tasks.length - 1; i >= 0; i--) {
      const task = tasks[i];
      const number = this.numberResult(task.seq);
      if (number !== undefined) {
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
      const why =
        state === SLOT_DONE
          ? `task "${task.name}" finished, but its result was lost with its worker`
          : notStarted
            ? `worker was stopped before task "${task.name}" started, and its transferred values went with it`
            : `worker ${crashed ? "crashed" : "was stopped"} while running task "${task.name}"`;
      task.settle(false, new WorkerCrashedError(why, exit));
    }
    return requeue;
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
}
