/**
 * `ThreadPool`: task functions run in `worker_threads`.
 */
import type { Worker } from "node:worker_threads";
import { resolvePoolConfig, type PoolOptions } from "./options.ts";
import { WorkerPool } from "./pool.ts";
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
export class ThreadPool extends WorkerPool {
  constructor(options: PoolOptions) {
    super(resolvePoolConfig(options), threadTransport);
  }

  /** The live `Worker` objects (for inspection; the pool manages their lifecycle). */
  get threads(): Worker[] {
    return this.handles() as Worker[];
  }
}
