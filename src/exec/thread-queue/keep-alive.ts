/**
 * Keeps this thread's event loop alive while some ThreadQueue call waits on it.
 *
 * `Atomics.waitAsync` does not hold the event loop open on Node 20-24 (nodejs/node#61941),
 * so a worker whose only pending work is `await q.get()` would exit mid-wait. One
 * long-period interval per thread, ref'd while at least one queue has a waiting call and
 * unref'd otherwise, fixes that for the price of a counter; an idle queue never keeps
 * the thread alive.
 *
 * States: no timer → (first hold) timer ref'd → (last release) timer unref'd → (hold) ref'd ...
 */

let timer: ReturnType<typeof setInterval> | undefined;
let holders = 0;

/** One more waiting party: the thread stays alive until the matching `releaseAlive`. */
export function holdAlive(): void {
  if (holders++ > 0) return;
  timer ??= setInterval(() => {}, 0x3fffffff);
  timer.ref();
}

/** Ends one `holdAlive`. */
export function releaseAlive(): void {
  if (--holders === 0 && timer !== undefined) timer.unref();
}
