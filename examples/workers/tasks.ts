/**
 * Task functions for examples/to-thread.ts and examples/process-pool.ts: a module whose
 * exports a `ThreadPool` or `ProcessPool` calls by name (`pool.run(arg, { name })`).
 */

/**
 * The notes' `blocking_task`: `time.sleep(2)` (a blocking sleep of `ms`), then "Done".
 *
 * @example
 * await pool.run(2000, { name: "blockingTask" }); // "Done"
 */
export function blockingTask(ms: number): string {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return "Done";
}

/**
 * CPU-bound work: the n-th Fibonacci number, the slow recursive way.
 *
 * @example
 * await pool.run(30, { name: "fib" }); // 832040
 */
export function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
