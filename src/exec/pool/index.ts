/**
 * Executor pools: run CPU-bound work in worker threads or child processes.
 */
export { ThreadPool } from "./thread-pool.ts";
export { ProcessPool } from "./process-pool.ts";
export type { TaskPool } from "./task-pool.ts";
export type { PoolOptions, PoolResourceLimits, RunOptions } from "./options.ts";
export { toThread, toProcess } from "./to-thread.ts";
export { WorkerCrashedError, PoolClosedError, type WorkerExit } from "./errors.ts";
