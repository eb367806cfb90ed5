/**
 * `timeout`: asyncio's `asyncio.timeout()` / `wait_for` as a function of a signal.
 *
 * At the deadline the signal is aborted with a TimeoutError. asyncio then waits for the
 * cancelled work to finish; here the work gets until the next turn of the event loop
 * (its abort listeners and promise reactions all run by then), so an error it throws
 * while stopping, or a value it returns anyway, comes through as in asyncio; work that
 * ignores its signal cannot hold the caller past that turn.
 */
import { TimeoutError } from "./errors.ts";
import { isCancellation } from "./internal/cancellation.ts";
import { describe } from "./internal/describe.ts";

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `fn(signal)` with a deadline. If it settles within `ms`, resolves or rejects as
 * it does. Otherwise aborts `signal` with a `TimeoutError` and rejects with that error;
 * if `fn` instead fails with another error while stopping, or returns a value, within
 * the same turn of the event loop, that outcome wins, as in asyncio. `ms` may be
 * `Infinity` for no deadline.
 *
 * @example
 * try {
 *   const item = await timeout(4000, (signal) => q.get({ signal }));
 * } catch (err) {
 *   if (err instanceof TimeoutError) console.log("nothing arrived within 4 s");
 * }
 */
export function timeout<T>(ms: number, fn: (signal: AbortSignal) => T | PromiseLike<T>): Promise<T> {
  if (typeof ms !== "number" || Number.isNaN(ms)) {
    throw new TypeError(`timeout: ms must be a number, got ${describe(ms)}`);
  }
  if (ms < 0) throw new RangeError(`timeout: ms must be >= 0, got ${ms}`);
  if (typeof fn !== "function") {
    throw new TypeError(`timeout: expected a function (signal) => promise, got ${describe(fn)}`);
  }
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let expired: TimeoutError | undefined;
    let grace: NodeJS.Immediate | undefined;
    let timer: NodeJS.Timeout | undefined;
    const expire = () => {
      expired = new TimeoutError(`timed out after ${ms} ms`);
      controller.abort(expired);
      const error = expired;
      grace = setImmediate(() => reject(error));
    };
    // setTimeout clamps delays past 2^31-1 ms (~24.8 days) to 1 ms: wait in chunks.
    const deadline = Date.now() + ms;
    const arm = (left: number) => {
      timer = left > MAX_TIMER_MS ? setTimeout(() => arm(deadline - Date.now()), MAX_TIMER_MS) : setTimeout(expire, left);
    };
    if (ms !== Infinity) arm(ms);
    const stopTimers = () => {
      clearTimeout(timer);
      clearImmediate(grace);
    };
    let result: T | PromiseLike<T>;
    try {
      result = fn(controller.signal);
    } catch (err) {
      stopTimers();
      reject(err);
      return;
    }
    Promise.resolve(result).then(
      (value) => {
        stopTimers();
        resolve(value);
      },
      (err: unknown) => {
        stopTimers();
        reject(expired !== undefined && isCancellation(err, controller.signal) ? expired : err);
      },
    );
  });
}
