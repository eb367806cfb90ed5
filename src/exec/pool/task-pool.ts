/**
 * The interface `ThreadPool` and `ProcessPool` share.
 */
import type { RunOptions } from "./options.ts";

/**
 * What `ThreadPool` and `ProcessPool` have in common.
 *
 * @example
 * async function sum(pool: TaskPool): Promise<number> {
 *   return pool.run<number>({ a: 1, b: 2 }, { name: "add" });
 * }
 */
export interface TaskPool {
  /** Calls export `name` (default `"default"`) of the task module with `arg` in a worker. */
  run<R = unknown>(arg?: unknown, options?: RunOptions): Promise<R>;
  /** Refuses new tasks, lets queued and running ones finish, then ends the workers. */
  close(): Promise<void>;
  /** Rejects every queued and running task with `PoolClosedError` and ends the workers. */
  destroy(): Promise<void>;
  /** Tasks accepted but not running yet, including run() calls waiting for room. */
  readonly queueSize: number;
  /** Workers alive and not being ended. */
  readonly workerCount: number;
  [Symbol.asyncDispose](): Promise<void>;
}
