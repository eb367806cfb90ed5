/**
 * The pool core shared by `ThreadPool` and `ProcessPool`.
 *
 * Pool states: OPEN → CLOSING (close(): no new run(); queued and running tasks finish)
 * → CLOSED (workers are ended); destroy() goes straight to CLOSED, rejecting every task.
 * Task states are in task.ts, worker states in pool-worker.ts.
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
import type { TransferListItem } from "node:worker_threads";
import { extname } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { PoolClosedError, WorkerCrashedError } from "./errors.ts";
import { checkRunOptions, type PoolConfig, type RunOptions } from "./options.ts";
import { PoolWorker, type StopReason } from "./pool-worker.ts";
import { MSG_FATAL, MSG_READY, MSG_RESULTS, MSG_RUN, SLOT_RUNNING } from "./protocol.ts";
import { deserializeThrown } from "./serialize-error.ts";
import { TaskDeque } from "./task-deque.ts";
import { PoolTask, TASK_QUEUED, TASK_SENT, TASK_WAITING } from "./task.ts";
import type { TaskPool } from "./task-pool.ts";
import { resolveOptional, type TransportKind } from "./transport.ts";
import { quiesce } from "../critical-section.ts";

const OPEN = 0;
const CLOSING = 1;
const CLOSED = 2;

const TSX_API = resolveOptional("tsx/esm/api");

/** The shared pool machinery; see the module comment. */
export class WorkerPool implements TaskPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue = new TaskDeque(TASK_QUEUED);
  private readonly waiting = new TaskDeque(TASK_WAITING);
  private queued = 0;
  private waitingCount = 0;
  /** Tasks QUEUED or SENT. */
  private pendingCount = 0;
  private readonly limit: number;
  private readonly entry: string;
  private state = OPEN;
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
    return this.pendingCount - busy + this.waitingCount;
  }

  get workerCount(): number {
    let n = 0;
    for (const w of this.workers) if (w.stopping === null) n++;
    return n;
  }

  /** The underlying `Worker`s or `ChildProcess`es (for subclasses' getters). */
  protected handles(): unknown[] {
    return this.workers.filter((w) => !w.exited).map((w) => w.transport.handle);
  }

  run<R = unknown>(arg?: unknown, options?: RunOptions): Promise<R> {
    if (this.state !== OPEN) return Promise.reject(new PoolClosedError());
    this.loadFailed = false;
    let task: PoolTask;
    if (options === undefined) {
      task = new PoolTask("default", arg, undefined);
    } else {
      try {
        checkRunOptions(options);
      } catch (error) {
        return Promise.reject(error);
      }
      if (options.signal?.aborted) return Promise.reject(options.signal.reason);
      task = PoolTask.withOptions(arg, options, this.abortBound);
    }
    if (this.waitingCount > 0 || this.pendingCount >= this.limit) {
      this.waiting.pushBack(task);
      this.waitingCount++;
    } else {
      this.enqueue(task);
    }
    return task.promise as Promise<R>;
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closing = new Promise((resolve) => (this.resolveClosing = resolve));
      if (this.state === OPEN) this.state = CLOSING;
      this.checkClosed();
    }
    return this.closing;
  }

  destroy(): Promise<void> {
    if (this.closing === undefined) this.closing = new Promise((resolve) => (this.resolveClosing = resolve));
    if (this.state === CLOSED) return this.closing;
    const error = new PoolClosedError("pool was destroyed before the task finished");
    for (const task of this.waiting.drain()) task.settle(false, error);
    for (const task of this.queue.drain()) task.settle(false, error);
    for (const w of this.workers) {
      for (const task of w.pending()) {
        w.detach(task);
        task.settle(false, error);
      }
    }
    this.waitingCount = this.queued = this.pendingCount = 0;
    this.shutDown("destroy");
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private enqueue(task: PoolTask): void {
    task.state = TASK_QUEUED;
    this.queue.pushBack(task);
    this.queued++;
    this.pendingCount++;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.flushBound);
    }
  }

  private requeueFront(task: PoolTask): void {
    task.state = TASK_QUEUED;
    this.queue.pushFront(task);
    this.queued++;
  }

  /** Lets run() calls waiting for room in, oldest first. */
  private admit(): void {
    while (this.waitingCount > 0 && this.pendingCount < this.limit) {
      const task = this.waiting.shift();
      if (task === undefined) break;
      this.waitingCount--;
      this.enqueue(task);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.queued === 0 || this.state === CLOSED) return;
    this.grow();
    const batches = new Map<PoolWorker, PoolTask[]>();
    const candidates = this.workers.filter((w) => w.accepting);
    while (this.queued > 0) {
      let best: PoolWorker | undefined;
      for (const w of candidates) if (w.room > 0 && (best === undefined || w.live < best.live)) best = w;
      if (best === undefined) break;
      const task = this.queue.shift()!;
      this.queued--;
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
      if (w.stopping !== null) continue;
      alive++;
      if (w.live > 0) busy++;
    }
    const wanted = Math.min(this.config.maxWorkers, busy + this.queued);
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
    if (this.state !== OPEN || this.loadFailed) return;
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
    w.transport = this.kind.start(boot, this.config, {
      onMessage: (message) => this.onMessage(w, message),
      onError: (error) => {
        if (w.fatal === undefined) w.fatal = error;
      },
      onExit: (code, signal) => this.onExit(w, code, signal),
    });
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
      w.transport.send(message, transfer);
    } catch {
      // Some argument cannot be cloned: send one by one so only its own task fails.
      for (let i = tasks.length - 1; i >= 0; i--) w.unassignLast(tasks[i]);
      for (const task of tasks) {
        w.assign(task);
        try {
          w.transport.send([MSG_RUN, task.seq, task.name, task.arg], task.transfer);
        } catch (error) {
          w.unassignLast(task);
          this.pendingCount--;
          task.settle(false, error);
        }
      }
      // Not now: we may be inside flush(), whose other batches are numbered before any a
      // re-entrant flush would send, and a worker must receive its batches in order.
      queueMicrotask(() => this.afterProgress(w));
    }
  }

  private onMessage(w: PoolWorker, message: unknown[]): void {
    const kind = message[0];
    if (kind === MSG_RESULTS) {
      this.pendingCount -= w.settleResults(message);
      this.afterProgress(w);
    } else if (kind === MSG_READY) {
      w.ready = true;
    } else if (kind === MSG_FATAL) {
      w.fatal = deserializeThrown(message[1]);
    }
  }

  private afterProgress(w: PoolWorker | undefined): void {
    if (this.waitingCount > 0) this.admit();
    if (this.queued > 0) this.flush();
    if (w !== undefined && w.live === 0 && w.stopping === null && !w.exited) this.onIdle(w);
    if (this.state === CLOSING) this.checkClosed();
  }

  private abort(task: PoolTask, reason: unknown): void {
    const state = task.state;
    if (state === TASK_WAITING) {
      this.waitingCount--;
      task.settle(false, reason);
      return;
    }
    if (state === TASK_QUEUED) {
      this.queued--;
      this.pendingCount--;
      task.settle(false, reason);
    } else if (state === TASK_SENT) {
      const w = task.worker!;
      const slot = w.claim(task);
      w.detach(task);
      this.pendingCount--;
      task.settle(false, reason);
      if (slot === SLOT_RUNNING) this.replace(w);
      else if (w.live === 0 && w.stopping === null) this.onIdle(w);
    } else {
      return;
    }
    this.afterProgress(undefined);
  }

  private onIdle(w: PoolWorker): void {
    if (this.queued > 0 || this.steal(w)) return;
    w.setReferenced(false);
    this.armIdleTimer(w);
  }

  /** Moves the newest half of the not-started tasks of the busiest worker back to the queue. */
  private steal(thief: PoolWorker): boolean {
    if (thief.slots === null || this.state === CLOSED) return false;
    let victim: PoolWorker | undefined;
    for (const w of this.workers) {
      if (w !== thief && w.stopping === null && w.live >= 2 && (victim === undefined || w.live > victim.live)) victim = w;
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
    w.idleSince = performance.now();
    if (w.idleTimer !== undefined || this.config.idleTimeout === Infinity) return;
    w.idleTimer = setTimeout(() => this.idleCheck(w), this.config.idleTimeout);
    w.idleTimer.unref();
  }

  private idleCheck(w: PoolWorker): void {
    w.idleTimer = undefined;
    if (w.live > 0 || w.stopping !== null || this.state !== OPEN) return; // re-armed when idle again
    if (this.workerCount <= this.config.minWorkers) return;
    const left = this.config.idleTimeout - (performance.now() - w.idleSince);
    if (left >= 1) {
      w.idleTimer = setTimeout(() => this.idleCheck(w), left);
      w.idleTimer.unref();
      return;
    }
    this.stop(w, "idle");
  }

  private stop(w: PoolWorker, reason: StopReason): void {
    if (w.stopping !== null || w.exited) return;
    w.stopping = reason;
    if (w.idleTimer !== undefined) clearTimeout(w.idleTimer);
    // Someone awaits close()/destroy(): keep the process alive until the worker is gone.
    if (reason === "close" || reason === "destroy") w.setReferenced(true);
    // Never terminate a thread inside a ThreadQueue critical section: it would leave the
    // queue's mutex held. This waits microseconds (boundedly) if it is in one.
    if (w.critical !== null) quiesce(w.critical);
    w.transport.terminate(reason === "replace" || reason === "destroy");
  }

  /** Ends a worker whose running task was aborted; its tasks that had not started move back to the queue. */
  private replace(w: PoolWorker): void {
    if (w.stopping !== null) return;
    for (const task of w.takeBackNotStarted(w.window, true)) {
      if (task.transfer === undefined) {
        this.requeueFront(task);
      } else {
        this.pendingCount--;
        const cause = new Error("its transferred values went with the worker and cannot be sent again");
        task.settle(false, new WorkerCrashedError(`worker was replaced before task "${task.name}" started`, { exitCode: null, signal: null, cause }));
      }
    }
    this.stop(w, "replace");
  }

  private onExit(w: PoolWorker, exitCode: number | null, signal: NodeJS.Signals | null): void {
    w.exited = true;
    if (w.idleTimer !== undefined) clearTimeout(w.idleTimer);
    this.workers.splice(this.workers.indexOf(w), 1);
    const crashed = w.stopping === null;
    const exit = { exitCode, signal, cause: w.fatal };
    const tasks = w.pending();
    for (const task of tasks) w.detach(task);
    if (crashed && !w.ready) {
      const error = new WorkerCrashedError("worker failed to start", exit);
      for (const task of tasks) task.settle(false, error);
      this.pendingCount -= tasks.length;
      if (w.fatal !== undefined) {
        this.loadFailed = true;
        this.failQueued(error); // the task module does not load
      }
    } else {
      const { settled, requeue } = w.settleLeftovers(tasks, crashed, exit);
      this.pendingCount -= settled;
      for (const task of requeue) this.requeueFront(task);
    }
    if (this.waitingCount > 0) this.admit();
    this.ensureMinWorkers();
    if (this.queued > 0) this.flush();
    if (this.state === CLOSING) this.checkClosed();
    w.markExited();
  }

  private failQueued(error: unknown): void {
    for (const task of this.queue.drain()) {
      this.pendingCount--;
      task.settle(false, error);
    }
    this.queued = 0;
    if (this.waitingCount > 0) this.admit();
  }

  private checkClosed(): void {
    if (this.state !== CLOSING || this.pendingCount > 0 || this.waitingCount > 0) return;
    this.shutDown("close");
  }

  private shutDown(reason: StopReason): void {
    this.state = CLOSED;
    const workers = [...this.workers];
    for (const w of workers) this.stop(w, reason);
    void Promise.all(workers.map((w) => w.exit)).then(() => this.resolveClosing?.());
  }
}
