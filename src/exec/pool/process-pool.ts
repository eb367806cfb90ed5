/**
 * `ProcessPool`: task functions run in child processes.
 */
import type { ChildProcess } from "node:child_process";
import { resolvePoolConfig, type PoolOptions } from "./options.ts";
import { WorkerPool } from "./pool.ts";
import { processTransport } from "./process-transport.ts";

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
export class ProcessPool extends WorkerPool {
  constructor(options: PoolOptions) {
    super(resolvePoolConfig(options), processTransport);
  }

  /** The live `ChildProcess` objects (for inspection; the pool manages their lifecycle). */
  get processes(): ChildProcess[] {
    return this.handles() as ChildProcess[];
  }
}
