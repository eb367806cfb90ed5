/**
 * `ProcessPool`: task functions run in child processes. A thin public face over the pool
 * core (pool.ts), which stays out of the published types.
 */
import type { ChildProcess } from "node:child_process";
import { resolvePoolConfig, type PoolOptions, type RunOptions } from "./options.ts";
import { WorkerPool } from "./pool.ts";
import { processTransport } from "./process-transport.ts";
import type { TaskPool } from "./task-pool.ts";

/**
 * A pool of child processes (`child_process.fork`) running the exports of a task module.
 * Each worker has its own heap and can crash without touching the parent; arguments
 * and results are copied with structured clone (`transfer` is ignored). One task is in
 * flight per process, so tasks should be coarse.
 *
 * @example
 * const pool = new ProcessPool({ module: "./dist/tasks.js", maxWorkers: 2 });
 * const digest = await pool.run<string>(buffer, { name: "sha256", timeout: 10_000 });
 * await pool.close();
 */
export class ProcessPool implements TaskPool {
  readonly #pool: WorkerPool;

  constructor(options: PoolOptions) {
    this.#pool = new WorkerPool(resolvePoolConfig(options), processTransport);
  }

  /** Calls export `name` (default `"default"`) of the task module with `arg` in a child process. */
  run<R = unknown>(arg?: unknown, options?: RunOptions): Promise<R> {
    return this.#pool.run<R>(arg, options);
  }

  /** Refuses new tasks, lets queued and running ones finish, then ends the processes. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  /** Rejects every queued and running task with `PoolClosedError` and ends the processes. */
  destroy(): Promise<void> {
    return this.#pool.destroy();
  }

  /** Tasks accepted but not running yet, including run() calls waiting for room. */
  get queueSize(): number {
    return this.#pool.queueSize;
  }

  /** Processes alive and not being ended. */
  get workerCount(): number {
    return this.#pool.workerCount;
  }

  /** The live `ChildProcess` objects (for inspection; the pool manages their lifecycle). */
  get processes(): ChildProcess[] {
    return this.#pool.handles() as ChildProcess[];
  }

  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.#pool.close();
  }
}
