/**
 * Helpers for tests that port CPython's asyncio tests to Node.
 *
 * asyncio's `await asyncio.sleep(0)` lets every ready task take one step. Node has no task
 * scheduler of its own: a pending promise chain runs to completion inside one macrotask.
 * `tick()` therefore waits for one `setImmediate` turn, by which point every microtask
 * queued before it (all the "tasks" a test started) has run as far as it can.
 */
import assert from "node:assert/strict";
import { setTimeout as sleepFor } from "node:timers/promises";
import { currentSignal } from "../../src/index.ts";

/** Let the event loop turn `turns` times (asyncio's `await asyncio.sleep(0)`, repeated). */
export async function tick(turns = 1): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Wait `ms` milliseconds of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/**
 * A promise observed from the outside, the way asyncio tests look at a Task:
 * `done`, `result()`, `error`. Observing attaches a handler, so a task that is expected to
 * fail never shows up as an unhandled rejection.
 */
export interface Tracked<T> {
  readonly promise: Promise<T>;
  /** True once the promise settled either way. */
  readonly done: boolean;
  /** True once the promise rejected. */
  readonly rejected: boolean;
  /** The rejection reason (undefined while pending or fulfilled). */
  readonly error: unknown;
  /** The fulfilled value; throws when pending or rejected. */
  result(): T;
}

/** Start observing `promise`. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  let done = false;
  let rejected = false;
  let value: T | undefined;
  let error: unknown;
  promise.then(
    (v) => {
      done = true;
      value = v;
    },
    (e: unknown) => {
      done = true;
      rejected = true;
      error = e;
    },
  );
  return {
    promise,
    get done() {
      return done;
    },
    get rejected() {
      return rejected;
    },
    get error() {
      return error;
    },
    result() {
      assert.ok(done, "task is still pending");
      if (rejected) throw error;
      return value as T;
    },
  };
}

/** Run `fn` as a "task" (asyncio.create_task) and observe it. */
export function spawn<T>(fn: () => Promise<T>): Tracked<T> {
  return track(fn());
}

/** The rejection reason of `promise`; fails the test if it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail("expected the promise to reject, but it fulfilled");
}

/**
 * Await `promise`, failing the test after `ms` instead of hanging until the runner's
 * global timeout (a lost wake-up shows as a hang).
 */
export async function within<T>(ms: number, promise: Promise<T>, what = "operation"): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** A distinct abort reason, so tests can check the rejection is exactly `signal.reason`. */
export function abortReason(label = "aborted by test"): Error {
  return new Error(label);
}

/** An AbortController plus the reason it will abort with. */
export function controller(label?: string): { ac: AbortController; signal: AbortSignal; abort: () => void; reason: Error } {
  const ac = new AbortController();
  const reason = abortReason(label);
  return { ac, signal: ac.signal, abort: () => ac.abort(reason), reason };
}

/**
 * Collect unhandled rejections while `fn` runs (plus a couple of turns after), then remove
 * the listener. Node reports an unhandled rejection after the microtask queue drains, so
 * the extra turns give it the chance to fire.
 */
export async function collectUnhandledRejections(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on("unhandledRejection", onUnhandled);
  try {
    await fn();
    await tick(3);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
  return seen;
}

/**
 * `asyncio.sleep(ms)` inside a cancellation scope: Node's timer given the ambient signal
 * (`currentSignal()`), rejecting with the scope's reason itself when it aborts, as
 * conveyor's own waits do. Outside any scope it is a plain sleep.
 */
export async function scopedSleep(ms: number): Promise<void> {
  const signal = currentSignal();
  try {
    await sleepFor(ms, undefined, { signal });
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw err;
  }
}
