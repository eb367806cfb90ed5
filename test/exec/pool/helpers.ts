// Shared helpers for the pool tests.
import assert from "node:assert/strict";
import { ProcessPool, ThreadPool, type PoolOptions, type TaskPool } from "../../../src/exec/pool/index.ts";

export const TASKS = new URL("./fixtures/tasks.ts", import.meta.url);

export type PoolKind = "thread" | "process";
export const KINDS: PoolKind[] = ["thread", "process"];

/** A pool of `kind` over the shared task fixtures (options override). */
export function makePool(kind: PoolKind, options: Partial<PoolOptions> = {}): ThreadPool | ProcessPool {
  const full = { module: TASKS, maxWorkers: 2, ...options };
  return kind === "thread" ? new ThreadPool(full) : new ProcessPool(full);
}

/** Resolves when `predicate` holds, polling every 5 ms; rejects after `ms`. */
export async function until(predicate: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Settles `promise` into [ok, value] so a test can assert on rejections without unhandled ones. */
export async function settle<T>(promise: Promise<T>): Promise<[true, T] | [false, unknown]> {
  try {
    return [true, await promise];
  } catch (error) {
    return [false, error];
  }
}

export async function withPool<P extends TaskPool>(pool: P, body: (pool: P) => Promise<void>): Promise<void> {
  try {
    await body(pool);
  } finally {
    await pool.destroy();
    // A test leaves nothing running: destroy() resolves only once every worker is gone.
    assert.equal(pool.workerCount, 0, "workers still alive after destroy() resolved");
  }
}
