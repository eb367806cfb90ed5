/**
 * The pool core shared by `ThreadPool` and `ProcessPool`.
 *
 * Pool states: "open" → "closing" (close(): no new run(); queued and running tasks
 * finish) → "closed" (workers are ended); destroy() goes straight to "closed", rejecting
 * every task. Task states are in task.ts, worker states in pool-worker.ts: the pool
 * moves them only through their methods, and reads how many tasks wait, are queued or
 * are in workers from the counts the tasks keep (TaskCounts).
 *
 * Dispatch: run() queues the task and schedules one flush per tick. A flush starts workers
 * up to what the load needs (`maxWorkers` at most) and deals queued tasks out to the least
 * loaded workers, up to each one's window, as one message per worker. Each result message
 * refills the windows. A worker that goes idle while others still hold tasks that have not
 * started takes half of the newest of them back (work stealing), so a long task never
 * holds up tasks another worker could run.
 *
 * Room: at most `maxWorkers + maxQueue` tasks are queued or in workers; run() beyond
 * that waits in FIFO order (like `Queue.put`), abortable by its signal or timeout.
 */
import { currentScope } from "../../core/cancel-scope.ts";
import { waitSignal, type Abortable } from "../../core/internal/wait-signal.ts";
import type { TransferListItem } from "node:worker_threads";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { PoolClosedError, WorkerCrashedError } from "./errors.ts";
import { checkRunOptions, type PoolConfig, type RunOptions } from "./options.ts";
import { PoolWorker, type StopReason } from "./pool-worker.ts";
import { MSG_FATAL, MSG_READY, MSG_RESULTS, MSG_RUN, SLOT_RUNNING, type FromWorker } from "./protocol.ts";
import { deserializeThrown } from "./serialize-error.ts";
import { TaskDeque } from "./task-deque.ts";
import { newTaskCounts, PoolTask } from "./task.ts";
import type { TaskPool } from "./task-pool.ts";
import { resolveOptional, type TransportKind } from "./transport.ts";
import { unreachable } from "./unreachable.ts";

type PoolState = "open" | "closing" | "closed";

const TSX_API = resolveOptional("tsx/esm/api");

/** The shared pool machinery behind ThreadPool, ProcessPool and toThread; see the module comment. */
export class WorkerPool implements TaskPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue = new TaskDeque("queued");
  private readonly waiting = new TaskDeque("waiting");
  private readonly counts = newTaskCounts();
  private readonly limit: number;
  private readonly entry: string;
  private state: PoolState = "open";
  private flushScheduled = false;
  private closing: Promise<void> | undefined;
  private resolveClosing: (() => void) | undefined;
  private readonly flushBound = (): void => this.flush();
  private readonly abortBound = (task: PoolTask, reason: unknown): void => this.abort(task, reason);

  private readonly config: PoolConfig;
  private readonly kind: TransportKind;

  /** A worker died loading the task module; set until the next run(). */
  private loadFailed = false;

  constructor(config: PoolConfig, kind: TransportKind) {
    this.config = config;
    this.kind = kind;
    this.limit = config.maxWorkers + config.maxQueue;
    const ext = extname(fileURLToPath(import.meta.url));
    this.entry = new URL(`./${kind.entryName}${ext}`, import.meta.url).href;
    this.ensureMinWorkers();
  }

  get queueSize(): number {
    // Tasks in a worker's window count as queued, except one running per busy worker.
    let busy = 0;
    for (const w of this.workers) if (w.live > 0) busy++;
    return this.pendingCount - busy + this.counts.waiting;
  }

  get workerCount(): number {
    let n = 0;
    for (const w of this.workers) if (w.alive) n++;
    return n;
  }

  /** The underlying `Worker`s or `ChildProcess`es that have not exited. */
  handles(): unknown[] {
    return this.workers.map((w) => w.handle);
  }

  /** Tasks queued or in a worker's window. */
  private get pendingCount(): number {
    return this.counts.queued + this.counts.sent;
  }

  run<R = unknown>(arg?: unknown, options?: RunOptions): Promise<R> {
    if (this.state !== "open") return Promise.reject(new PoolClosedError());
    this.loadFailed = false;
    let task: PoolTask;
    const scope = currentScope(); // run() without a signal obeys the enclosing cancellation scope
    if (options === undefined && scope === undefined) {
      task = new PoolTask("default", arg, undefined, this.counts);
    } else {
      let signal: Abortable | undefined;
      try {
        if (options !== undefined) checkRunOptions(options);
        signal = waitSignal(options, this.kind.entryName === "thread-entry" ? "ThreadPool" : "ProcessPool", "run");
      } catch (error) {
        return Promise.reject(error);
      }
      if (signal?.aborted) return Promise.reject(signal.reason);
      task = PoolTask.withOptions(arg, options ?? {}, signal, this.counts, this.abortBound);
    }
    // The new task is counted as waiting already: is it the only one?
    if (this.counts.waiting > 1 || this.pendingCount >= this.limit) this.waiting.pushBack(task);
    else this.enqueue(task);
    return task.promise as Promise<R>;
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closing = new Promise((resolve) => (this.resolveClosing = resolve));
      if (this.state === "open") this.state = "closing";
      this.checkClosed();
    }
    return this.closing;
  }

  destroy(): Promise<void> {
    if (this.closing === undefined) this.closing = new Promise((resolve) => (this.resolveClosing = resolve));
    if (this.state === "closed") return this.closing;
    const error = new PoolClosedError("pool was destroyed before the task finished");
    for (const task of this.waiting.drain()) task.settle(false, error);
    for (const task of this.queue.drain()) task.settle(false, error);
    for (const w of this.workers) {
      for (const task of w.pending()) {
        w.detach(task);
        task.settle(false, error);
      }
    }
    this.shutDown("destroy");
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private enqueue(task: PoolTask): void {
    task.markQueued();
    this.queue.pushBack(task);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.flushBound);
    }
  }

  private requeueFront(task: PoolTask): void {
    task.markQueued();
    this.queue.pushFront(task);
  }

  /** Lets run() calls waiting for room in, oldest first. */
  private admit(): void {
    while (this.counts.waiting > 0 && this.pendingCount < this.limit) {
      const task = this.waiting.shift();
      if (task === undefined) break;
      this.enqueue(task);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.counts.queued === 0 || this.state === "closed") return;
    this.grow();
    const batches = new Map<PoolWorker, PoolTask[]>();
    const candidates = this.workers.filter((w) => w.accepting);
    while (this.counts.queued > 0) {
      let best: PoolWorker | undefined;
      for (const w of candidates) if (w.room > 0 && (best === undefined || w.live < best.live)) best = w;
      if (best === undefined) break;
      const task = this.queue.shift()!;
      if (best.live === 0) best.setReferenced(true);
      best.assign(task);
      let batch = batches.get(best);
      if (batch === undefined) batches.set(best, (batch = []));
      batch.push(task);
    }
    for (const [w, tasks] of batches) this.send(w, tasks);
  }

  /** Starts workers while queued tasks have none to go to. */
  private grow(): void {
    let alive = 0;
    let busy = 0;
    for (const w of this.workers) {
      if (!w.alive) continue;
      alive++;
      if (w.live > 0) busy++;
    }
    const wanted = Math.min(this.config.maxWorkers, busy + this.counts.queued);
    for (; alive < wanted; alive++) {
      try {
        this.spawn();
      } catch (error) {
        if (alive === 0) this.failQueued(error);
        return;
      }
    }
  }

  private ensureMinWorkers(): void {
    // After a worker died loading the task module, keep minWorkers only once run() asks
    // again: refilling at once would restart the failing load in a loop, forever.
    if (this.state !== "open" || this.loadFailed) return;
    for (let alive = this.workerCount; alive < this.config.minWorkers; alive++) {
      try {
        this.spawn();
      } catch {
        return; // reported when a task needs the worker
      }
    }
  }

  private spawn(): PoolWorker {
    const w = new PoolWorker(this.kind.window, this.kind.sharedSlots);
    const boot = { entry: this.entry, module: this.config.module, slots: w.sharedBuffer, window: w.window, tsxApi: TSX_API };
    w.attach(
      this.kind.start(boot, this.config, {
        onMessage: (message) => this.onMessage(w, message),
        onError: (error) => w.noteError(error),
        onExit: (code, signal) => this.onExit(w, code, signal),
      }),
    );
    this.workers.push(w);
    w.setReferenced(false);
    this.armIdleTimer(w);
    return w;
  }

  private send(w: PoolWorker, tasks: PoolTask[]): void {
    const message: unknown[] = new Array(2 + tasks.length * 2);
    message[0] = MSG_RUN;
    message[1] = tasks[0].seq;
    let transfer: TransferListItem[] | undefined;
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i];
      message[2 + i * 2] = task.name;
      message[3 + i * 2] = task.arg;
      if (task.transfer !== undefined) (transfer ??= []).push(...task.transfer);
    }
    try {
      w.send(message, transfer);
    } catch {
      // Some argument cannot be cloned: send one by one so only its own task fails.
      for (let i = tasks.length - 1; i >= 0; i--) w.unassignLast(tasks[i]);
      for (const task of tasks) {
        w.assign(task);
        try {
          w.send([MSG_RUN, task.seq, task.name, task.arg], task.transfer);
        } catch (error) {
          w.unassignLast(task);
          task.settle(false, error);
        }
      }
      // Not now: we may be inside flush(), whose other batches are numbered before any a
      // re-entrant flush would send, and a worker must receive its batches in order.
      queueMicrotask(() => this.afterProgress(w));
    }
  }

  private onMessage(w: PoolWorker, message: unknown[]): void {
    if (!Array.isArray(message)) return; // a task module's own parentPort message
    const kind = message[0] as FromWorker;
    switch (kind) {
      case MSG_RESULTS:
        w.settleResults(message);
        this.afterProgress(w);
        break;
      case MSG_READY:
        w.markReady();
        break;
      case MSG_FATAL:
        w.reportFatal(deserializeThrown(message[1]));
        break;
      default: {
        // Not ours (see protocol.ts): ignored. The check keeps the cases exhaustive.
        const other: never = kind;
        void other;
      }
    }
  }

  private afterProgress(w: PoolWorker | undefined): void {
    if (this.counts.waiting > 0) this.admit();
    if (this.counts.queued > 0) this.flush();
    if (w !== undefined && w.live === 0 && w.alive) this.onIdle(w);
    if (this.state === "closing") this.checkClosed();
  }

  private abort(task: PoolTask, reason: unknown): void {
    const state = task.state;
    switch (state) {
      case "waiting":
        task.settle(false, reason);
        return;
      case "queued":
        task.settle(false, reason);
        break;
      case "sent": {
        const w = task.worker!;
        const slot = w.claim(task);
        w.detach(task);
        task.settle(false, reason);
        if (slot === SLOT_RUNNING) this.replace(w);
        else if (w.live === 0 && w.alive) this.onIdle(w);
        break;
      }
      case "settled":
        return;
      default:
        unreachable(state, "task state");
    }
    this.afterProgress(undefined);
  }

  private onIdle(w: PoolWorker): void {
    if (this.counts.queued > 0 || this.steal(w)) return;
    w.setReferenced(false);
    this.armIdleTimer(w);
  }

  /** Moves the newest half of the not-started tasks of the busiest worker back to the queue. */
  private steal(thief: PoolWorker): boolean {
    if (!thief.canGiveBack || this.state === "closed") return false;
    let victim: PoolWorker | undefined;
    for (const w of this.workers) {
      if (w !== thief && w.alive && w.live >= 2 && (victim === undefined || w.live > victim.live)) victim = w;
    }
    if (victim === undefined) return false;
    // Leave the older half (the running task among them) where it is.
    const stolen = victim.takeBackNotStarted(Math.floor(victim.live / 2), false);
    if (stolen.length === 0) return false;
    for (const task of stolen) this.requeueFront(task);
    this.flush();
    return true;
  }

  private armIdleTimer(w: PoolWorker): void {
    w.armIdle(this.config.idleTimeout, () => this.idleCheck(w));
  }

  private idleCheck(w: PoolWorker): void {
    if (w.live > 0 || !w.alive || this.state !== "open") return; // re-armed when idle again
    if (this.workerCount <= this.config.minWorkers) return;
    const left = this.config.idleTimeout - w.idleFor();
    if (left >= 1) {
      w.checkIdleIn(left, () => this.idleCheck(w));
      return;
    }
    w.stop("idle");
  }

  /** Ends a worker whose running task was aborted; its tasks that had not started move back to the queue. */
  private replace(w: PoolWorker): void {
    if (!w.alive) return;
    for (const task of w.takeBackNotStarted(w.window, true)) {
      if (task.transfer === undefined) {
        this.requeueFront(task);
      } else {
        const cause = new Error("its transferred values went with the worker and cannot be sent again");
        task.settle(false, new WorkerCrashedError(`worker was replaced before task "${task.name}" started`, { exitCode: null, signal: null, cause }));
      }
    }
    w.stop("replace");
  }

  private onExit(w: PoolWorker, exitCode: number | null, signal: NodeJS.Signals | null): void {
    this.workers.splice(this.workers.indexOf(w), 1);
    const { crashed, neverReady, exit, tasks } = w.markExited(exitCode, signal);
    if (crashed && neverReady) {
      const error = new WorkerCrashedError("worker failed to start", exit);
      for (const task of tasks) task.settle(false, error);
      if (exit.cause !== undefined) {
        this.loadFailed = true;
        this.failQueued(error); // the task module does not load
      }
    } else {
      for (const task of w.settleLeftovers(tasks, crashed, exit)) this.requeueFront(task);
    }
    if (this.counts.waiting > 0) this.admit();
    this.ensureMinWorkers();
    if (this.counts.queued > 0) this.flush();
    if (this.state === "closing") this.checkClosed();
    w.finishExit();
  }

  private failQueued(error: unknown): void {
    for (const task of this.queue.drain()) task.settle(false, error);
    if (this.counts.waiting > 0) this.admit();
  }

  private checkClosed(): void {
    if (this.state !== "closing" || this.pendingCount > 0 || this.counts.waiting > 0) return;
    this.shutDown("close");
  }

  private shutDown(reason: StopReason): void {
    this.state = "closed";
    const workers = [...this.workers];
    for (const w of workers) w.stop(reason);
    void Promise.all(workers.map((w) => w.exited)).then(() => this.resolveClosing?.());
  }
}
