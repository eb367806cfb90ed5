/**
 * `timeout`: asyncio's `asyncio.timeout()` / `wait_for` as a function of a signal.
 */
import { TimeoutError } from "./errors.ts";
import { describe } from "./internal/describe.ts";

/**
 * Runs `fn(signal)` with a deadline. If it settles within `ms`, resolves or rejects as
 * it does. Otherwise aborts `signal` with a `TimeoutError` and rejects with that same
 * error at the deadline; `fn` should stop when its signal aborts (conveyor's waits do,
 * taking nothing). `ms` may be `Infinity` for no deadline.
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
    const timer =
      ms === Infinity
        ? undefined
        : setTimeout(() => {
            const error = new TimeoutError(`timed out after ${ms} ms`);
            controller.abort(error);
            reject(error);
          }, ms);
    let result: T | PromiseLike<T>;
    try {
      result = fn(controller.signal);
    } catch (err) {
      clearTimeout(timer);
      reject(err);
      return;
    }
    Promise.resolve(result).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
