/**
 * `timeout`: asyncio's `asyncio.timeout()` / `wait_for` as a function of a signal.
 *
 * The work runs in a cancellation scope (see ./cancel-scope.ts) whose signal aborts at
 * the deadline with a TimeoutError, or earlier with the outer reason when the enclosing
 * scope (or `options.signal`) aborts: nested timeouts and TaskGroups follow it, as
 * asyncio's do within one task. asyncio then waits for the cancelled work to finish; here
 * the work gets until the next turn of the event loop (its abort listeners and promise
 * reactions all run by then), so an error it throws while stopping, or a value it returns
 * anyway, comes through as in asyncio; work that ignores its signal cannot hold the
 * caller past that turn.
 */
import { CancelScope, currentScope } from "./cancel-scope.ts";
import { TimeoutError } from "./errors.ts";
import { isCancellation } from "./internal/cancellation.ts";
import { describe } from "./internal/describe.ts";
import { waitSignal, type Abortable } from "./internal/wait-signal.ts";

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Options of {@link timeout}. */
export interface TimeoutOptions {
  /**
   * An outer signal: aborting it aborts the work's signal with its reason, and `timeout`
   * rejects with that reason rather than a TimeoutError. The enclosing scope is followed
   * as well; `null` follows neither.
   */
  signal?: AbortSignal | null;
}

/**
 * Runs `fn(signal)` with a deadline. If it settles within `ms`, resolves or rejects as
 * it does. Otherwise aborts `signal` with a `TimeoutError` and rejects with that error;
 * if `fn` instead fails with another error while stopping, or returns a value, within
 * the same turn of the event loop, that outcome wins, as in asyncio. `ms` may be
 * `Infinity` for no deadline; a deadline of 0 or less has already passed, so the work is
 * cancelled at once (it still starts, as asyncio enters the block).
 *
 * If the enclosing scope (a `timeout` callback, a TaskGroup task or body) or
 * `options.signal` aborts first, the work's signal aborts with that reason and `timeout`
 * rejects with it.
 *
 * @example
 * try {
 *   const item = await timeout(4000, (signal) => q.get({ signal }));
 * } catch (err) {
 *   if (err instanceof TimeoutError) console.log("nothing arrived within 4 s");
 * }
 */
export function timeout<T>(
  ms: number,
  fn: (signal: AbortSignal) => T | PromiseLike<T>,
  options?: TimeoutOptions,
): Promise<T> {
  if (typeof ms !== "number" || Number.isNaN(ms)) {
    return Promise.reject(new TypeError(`timeout: ms must be a number, got ${describe(ms)}`));
  }
  if (typeof fn !== "function") {
    return Promise.reject(new TypeError(`timeout: expected a function (signal) => promise, got ${describe(fn)}`));
  }
  let outer: Abortable | undefined;
  try {
    outer = waitSignal(options, "timeout");
  } catch (err) {
    return Promise.reject(err);
  }
  const controller = new AbortController();
  const scope = new CancelScope(controller.signal, currentScope());
  return new Promise<T>((resolve, reject) => {
    let expired: TimeoutError | undefined;
    let grace: NodeJS.Immediate | undefined;
    let timer: NodeJS.Timeout | undefined;
    /** Cancels the work; unless it settles within this turn, rejects with `reason`. */
    const cancel = (reason: unknown) => {
      if (controller.signal.aborted) return;
      clearTimeout(timer);
      controller.abort(reason);
      grace = setImmediate(() => reject(reason));
    };
    const expire = () => {
      expired = new TimeoutError(`timed out after ${ms} ms`);
      cancel(expired);
    };
    const onOuterAbort = () => cancel(outer!.reason);
    const finish = () => {
      clearTimeout(timer);
      clearImmediate(grace);
      outer?.removeEventListener("abort", onOuterAbort);
      scope.close();
    };
    if (outer?.aborted) cancel(outer.reason);
    else if (ms <= 0) expire();
    else {
      outer?.addEventListener("abort", onOuterAbort, { once: true });
      // setTimeout clamps delays past 2^31-1 ms (~24.8 days) to 1 ms: wait in chunks.
      const deadline = Date.now() + ms;
      const arm = (left: number) => {
        timer = left > MAX_TIMER_MS ? setTimeout(() => arm(deadline - Date.now()), MAX_TIMER_MS) : setTimeout(expire, left);
      };
      if (ms !== Infinity) arm(ms);
    }
    let result: T | PromiseLike<T>;
    try {
      result = scope.run(() => fn(controller.signal));
    } catch (err) {
      finish();
      reject(err);
      return;
    }
    Promise.resolve(result).then(
      (value) => {
        finish();
        resolve(value);
      },
      (err: unknown) => {
        finish();
        reject(expired !== undefined && isCancellation(err, controller.signal) ? expired : err);
      },
    );
  });
}
