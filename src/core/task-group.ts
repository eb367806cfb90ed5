/**
 * `TaskGroup`: asyncio's `asyncio.TaskGroup` (structured concurrency) for promises.
 *
 * States: RUNNING (the body runs, tasks may be created) → ABORTING (a task or the body
 * failed, or the outer signal aborted: every task's signal and the body's are aborted; no
 * new tasks) → waiting for everything to settle → FINISHED (no new tasks, ever).
 * `TaskGroup.run` settles only once the body and every task have settled, so nothing the
 * group started outlives it.
 *
 * A task is "cancelled", not failed, when it rejects after its own signal was aborted,
 * with that signal's reason or an AbortError (what Node's APIs reject with); such
 * rejections never fail the group, whoever aborted. Every task promise is observed by the
 * group, so a failed task never becomes an unhandled rejection.
 *
 * Nesting: the body and each task run in a cancellation scope (./cancel-scope.ts) with
 * their signal, and the group follows the scope it was opened in (as well as
 * `options.signal`): a group nested in a task or a `timeout` callback is cancelled with
 * it, and waits without a signal in the body or a task are cancelled with the group.
 */
import { CancelScope, currentScope } from "./cancel-scope.ts";
import { InvalidStateError } from "./errors.ts";
import { isCancellation } from "./internal/cancellation.ts";
import { describe } from "./internal/describe.ts";
import { waitSignal, type Abortable } from "./internal/wait-signal.ts";

/** A task started by {@link TaskGroup.createTask}: await it for its result, like a promise. */
export class Task<T> implements Promise<T> {
  private readonly controller = new AbortController();
  private readonly promise: Promise<T>;
  private settled = false;

  /** Created by {@link TaskGroup.createTask}. */
  constructor(fn: (signal: AbortSignal) => T | PromiseLike<T>, parent: AbortSignal) {
    if (parent.aborted) this.controller.abort(parent.reason);
    const scope = new CancelScope(this.controller.signal, currentScope());
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(scope.run(() => fn(this.controller.signal)));
    } catch (err) {
      promise = Promise.reject(err);
    }
    const close = () => scope.close();
    promise.then(close, close);
    this.promise = promise;
  }

  readonly [Symbol.toStringTag] = "Task";

  /** The signal passed to the task function; aborted by `cancel()` or by the group. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the task's promise has settled. */
  get done(): boolean {
    return this.settled;
  }

  /**
   * Asks the task to stop by aborting its signal with `reason` (an AbortError by default).
   * A task that then rejects with that reason counts as cancelled and does not fail the
   * group. Returns false if the task had already settled.
   */
  cancel(reason?: unknown): boolean {
    if (this.settled) return false;
    this.controller.abort(reason);
    return true;
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.promise.then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.promise.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.promise.finally(onfinally);
  }

  /** @internal the group's observation of the outcome (the only place it is awaited). */
  settle(): Promise<{ ok: true } | { ok: false; error: unknown; cancelled: boolean }> {
    return this.promise.then(
      () => {
        this.settled = true;
        return { ok: true } as const;
      },
      (error: unknown) => {
        this.settled = true;
        return { ok: false, error, cancelled: isCancellation(error, this.signal) } as const;
      },
    );
  }
}

/** Options of {@link TaskGroup.run}. */
export interface TaskGroupOptions {
  /**
   * Aborting it cancels the body and every task; `run` then rejects with its reason. The
   * enclosing scope (a task or `timeout` callback the group runs in) is followed as well;
   * `null` follows neither.
   */
  signal?: AbortSignal | null;
}

/**
 * Runs a body and the tasks it creates as one unit: if any fails, the others are
 * cancelled through their signals, and the group rejects with an `AggregateError` of
 * every failure once all have settled.
 *
 * @example
 * const [a, b] = await TaskGroup.run(async (tg) => {
 *   const t1 = tg.createTask((signal) => fetchUser(1, { signal }));
 *   const t2 = tg.createTask((signal) => fetchUser(2, { signal }));
 *   return [await t1, await t2];
 * });
 */
export class TaskGroup {
  private readonly controller = new AbortController();
  private readonly errors: unknown[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly running = new Set<Task<unknown>>();
  /** What cancelled tasks rejected with: awaiting one of them is no failure. */
  private readonly cancellations = new Set<unknown>();
  private aborting = false;
  private finished = false;

  private constructor() {}

  /**
   * Runs `body(tg)`, waits for it and every task it (or its tasks) created, and resolves
   * to the body's value. On the first failure, aborts every other task's signal and
   * `tg.signal`, waits for all to settle, and rejects with an `AggregateError` holding
   * each failure (cancellations excluded). If the body stops with a cancellation that
   * is not the group's own (it awaited a task it cancelled), `run` rejects with it once
   * every task has settled, as asyncio raises CancelledError out of the group.
   */
  static async run<R>(body: (tg: TaskGroup) => R | PromiseLike<R>, options?: TaskGroupOptions): Promise<R> {
    if (typeof body !== "function") {
      throw new TypeError(`TaskGroup.run: body must be a function, got ${describe(body)}`);
    }
    const outer: Abortable | undefined = waitSignal(options, "TaskGroup.run");
    const group = new TaskGroup();
    const onOuterAbort = () => group.abort(outer!.reason);
    if (outer !== undefined) {
      if (outer.aborted) group.abort(outer.reason);
      else outer.addEventListener("abort", onOuterAbort, { once: true });
    }
    const scope = new CancelScope(group.controller.signal, currentScope());
    let value: R | undefined;
    let bodyFailure: { error: unknown } | undefined;
    let bodyCancelled: { error: unknown } | undefined;
    try {
      try {
        value = await scope.run(() => body(group));
      } catch (error) {
        if (isCancellation(error, group.controller.signal)) {
          // Cancelled by the group itself: its failures or the outer reason say why.
        } else if (group.isTaskCancellation(error)) {
          bodyCancelled = { error };
        } else {
          // Cancel the tasks now; the error is listed after theirs, as asyncio appends it.
          bodyFailure = { error };
          group.abort(undefined);
        }
      }
      // Tasks may create tasks: wait until none is left.
      while (group.pending.size > 0) await Promise.all(group.pending);
    } finally {
      group.finished = true;
      outer?.removeEventListener("abort", onOuterAbort);
      scope.close();
    }
    // The body awaiting a failed task rethrows that task's error: count it once.
    if (bodyFailure !== undefined && !group.errors.includes(bodyFailure.error)) group.errors.push(bodyFailure.error);
    if (group.errors.length > 0) {
      const n = group.errors.length;
      throw new AggregateError(group.errors, `unhandled errors in a TaskGroup (${n} sub-exception${n === 1 ? "" : "s"})`);
    }
    if (outer?.aborted) throw outer.reason;
    if (bodyCancelled !== undefined) throw bodyCancelled.error;
    return value as R;
  }

  /** Aborted when the group starts cancelling (a task or the body failed, or the outer signal aborted). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Starts `fn(signal)` as a task of this group and returns it (await it for its value).
   * `fn` should stop when `signal` aborts. Throws `InvalidStateError` once the group has
   * finished or is cancelling.
   */
  createTask<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>): Task<T> {
    if (typeof fn !== "function") {
      throw new TypeError(`TaskGroup.createTask: expected a function (signal) => promise, got ${describe(fn)}`);
    }
    if (this.finished) throw new InvalidStateError("TaskGroup is finished");
    if (this.aborting) {
      // Caused by the cancellation, so a body that stops on it is cancelled, not failed.
      throw new InvalidStateError("TaskGroup is shutting down", { cause: this.controller.signal.reason });
    }
    const task = new Task(fn, this.controller.signal);
    this.running.add(task as Task<unknown>);
    const tracked: Promise<void> = task.settle().then((outcome) => {
      this.pending.delete(tracked);
      this.running.delete(task as Task<unknown>);
      if (outcome.ok) return;
      if (outcome.cancelled || this.cancellations.has(outcome.error)) {
        this.cancellations.add(outcome.error);
        return;
      }
      // A task awaiting a failed sibling rethrows the sibling's error: count it once.
      if (!this.errors.includes(outcome.error)) this.errors.push(outcome.error);
      this.abort(undefined);
    });
    this.pending.add(tracked);
    return task;
  }

  /**
   * The error a task of this group that was cancelled on its own rejects with (whoever
   * awaits it gets that error; asyncio raises CancelledError in them).
   */
  private isTaskCancellation(error: unknown): boolean {
    if (this.cancellations.has(error)) return true;
    for (const task of this.running) if (isCancellation(error, task.signal)) return true;
    return false;
  }

  private abort(reason: unknown): void {
    if (this.aborting) return;
    this.aborting = true;
    this.controller.abort(reason ?? new DOMException("TaskGroup is cancelling: a task failed", "AbortError"));
    // Each task has its own controller (so it can be cancelled alone): abort them here
    // rather than through a listener per task on the group's signal.
    for (const task of this.running) task.cancel(this.controller.signal.reason);
  }
}
