/**
 * `ThreadPool`: task functions run in `worker_threads`. A thin public face over the pool
 * core (pool.ts), which stays out of the published types.
 */
import type { Worker } from "node:worker_threads";
import { resolvePoolConfig, type PoolOptions, type RunOptions } from "./options.ts";
import { WorkerPool } from "./pool.ts";
import type { TaskPool } from "./task-pool.ts";
import { threadTransport } from "./thread-transport.ts";

/**
 * A pool of worker threads running the exports of a task module (Piscina's shape).
 * Threads share the process's memory limits and can receive `transfer`red buffers;
 * tasks are pipelined to each thread in batches, so tiny tasks are cheap.
 *
 * @example
 * // tasks.ts: export default ({ a, b }: { a: number; b: number }) => a + b;
 * const pool = new ThreadPool({ module: new URL("./tasks.ts", import.meta.url), maxWorkers: 2 });
 * console.log(await pool.run({ a: 1, b: 2 })); // 3
 * await pool.close();
 */
export class ThreadPool implements TaskPool {
  readonly #pool: WorkerPool;

  constructor(options: PoolOptions) {
    this.#pool = new WorkerPool(resolvePoolConfig(options), threadTransport);
  }

  /** Calls export `name` (default `"default"`) of the task module with `arg` in a thread. */
  run<R = unknown>(arg?: unknown, options?: RunOptions): Promise<R> {
    return this.#pool.run<R>(arg, options);
  }

  /** Refuses new tasks, lets queued and running ones finish, then ends the threads. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  /** Rejects every queued and running task with `PoolClosedError` and ends the threads. */
  destroy(): Promise<void> {
    return this.#pool.destroy();
  }

  /** Tasks accepted but not running yet, including run() calls waiting for room. */
  get queueSize(): number {
    return this.#pool.queueSize;
  }

  /** Threads alive and not being ended. */
  get workerCount(): number {
    return this.#pool.workerCount;
  }

  /** The live `Worker` objects (for inspection; the pool manages their lifecycle). */
  get threads(): Worker[] {
    return this.#pool.handles() as Worker[];
  }

  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.#pool.close();
  }
}
