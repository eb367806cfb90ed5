/**
 * Options of `ThreadPool`/`ProcessPool` and of `pool.run()`, their defaults and their
 * validation (bad values throw TypeError/RangeError saying what was expected).
 */
import type { TransferListItem } from "node:worker_threads";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Memory limits of one worker (as `worker_threads`' `resourceLimits`). */
export interface PoolResourceLimits {
  /** Maximum main heap size in MB (`--max-old-space-size` for child processes). */
  maxOldGenerationSizeMb?: number;
  /** Maximum heap space for recently created objects in MB (threads only). */
  maxYoungGenerationSizeMb?: number;
  /** Default maximum stack size for the thread in MB (threads only). */
  stackSizeMb?: number;
}

/**
 * Options shared by `ThreadPool` and `ProcessPool` (Piscina's names).
 *
 * @example
 * const options: PoolOptions = { module: "./tasks.ts", maxWorkers: 2, idleTimeout: 1000 };
 */
export interface PoolOptions {
  /** The task module: a `file:` URL (string or URL) or a path relative to the cwd. */
  module: string | URL;
  /** Workers kept alive even when idle (started eagerly). Default 0. */
  minWorkers?: number;
  /** Most workers at once. Default `os.availableParallelism()`. */
  maxWorkers?: number;
  /** Milliseconds an idle worker above `minWorkers` lives. Default 5000; may be Infinity. */
  idleTimeout?: number;
  /**
   * Tasks that may wait for a worker beyond the `maxWorkers` that can run at once; a
   * further `run()` waits for room. Default Infinity.
   */
  maxQueue?: number;
  /** Memory limits of each worker; a worker that exceeds them crashes. */
  resourceLimits?: PoolResourceLimits;
  /**
   * Node flags for each worker. Default: the parent's, without its own code (`-e`, `-p`,
   * `--input-type`); child processes also leave out test-runner, inspector, watch and
   * profiler flags.
   */
  execArgv?: string[];
}

/**
 * Options of one `pool.run()` call.
 *
 * @example
 * await pool.run({ a: 1, b: 2 }, { name: "add", timeout: 1000, signal: AbortSignal.timeout(5000) });
 */
export interface RunOptions {
  /** The export to call. Default `"default"`. */
  name?: string;
  /**
   * Aborting it removes a queued task, or terminates the worker running it. Without it,
   * the enclosing cancellation scope (a `timeout` callback, a TaskGroup task) does the
   * same; `null`: nothing does.
   */
  signal?: AbortSignal | null;
  /** Milliseconds from `run()` until the task is aborted with `TimeoutError`. */
  timeout?: number;
  /** Values moved (not copied) to the worker, as in `postMessage` (threads only). */
  transfer?: TransferListItem[];
}

/** Validated pool configuration. */
export interface PoolConfig {
  /** `file:` URL of the task module, or null for a function pool. */
  module: string | null;
  minWorkers: number;
  maxWorkers: number;
  idleTimeout: number;
  maxQueue: number;
  resourceLimits: PoolResourceLimits | undefined;
  execArgv: string[] | undefined;
}

function count(value: unknown, what: string, min: number, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`${what} must be a number, got ${typeof value === "number" ? "NaN" : typeof value}`);
  }
  const ok = allowInfinity && value === Infinity ? true : Number.isInteger(value);
  if (!ok || value < min) {
    const expected = `an integer >= ${min}${allowInfinity ? " or Infinity" : ""}`;
    throw new RangeError(`${what} must be ${expected}, got ${value}`);
  }
  return value;
}

/** Turns `module` into a `file:` URL string, checking that the file exists. */
export function resolveModuleUrl(module: unknown): string {
  let path: string;
  if (module instanceof URL || (typeof module === "string" && module.startsWith("file:"))) {
    const url = new URL(module);
    if (url.protocol !== "file:") throw new TypeError(`module must be a file: URL or a path, got ${url.href}`);
    path = fileURLToPath(url);
  } else if (typeof module === "string" && module !== "") {
    if (/^[a-z][a-z0-9+.-]+:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) {
      throw new TypeError(`module must be a file: URL or a path, got ${module}`);
    }
    path = resolve(module);
  } else {
    throw new TypeError(`module must be a file: URL (string or URL) or a path, got ${module === "" ? '""' : typeof module}`);
  }
  if (!existsSync(path)) throw new TypeError(`task module not found: ${path}`);
  return pathToFileURL(path).href;
}

/** Validates pool options and fills in the defaults. */
export function resolvePoolConfig(options: PoolOptions | undefined, functionPool = false): PoolConfig {
  if (options === undefined || options === null || typeof options !== "object") {
    throw new TypeError(`pool options must be an object with a module, got ${options === null ? "null" : typeof options}`);
  }
  const module = functionPool ? null : resolveModuleUrl(options.module);
  const minWorkers = count(options.minWorkers, "minWorkers", 0, 0);
  const maxWorkers = count(options.maxWorkers, "maxWorkers", 1, Math.max(availableParallelism(), minWorkers, 1));
  if (minWorkers > maxWorkers) {
    throw new RangeError(`minWorkers (${minWorkers}) must not exceed maxWorkers (${maxWorkers})`);
  }
  const idleTimeout = count(options.idleTimeout, "idleTimeout", 0, 5000, true);
  const maxQueue = count(options.maxQueue, "maxQueue", 0, Infinity, true);
  if (options.execArgv !== undefined && !Array.isArray(options.execArgv)) {
    throw new TypeError(`execArgv must be an array of strings, got ${typeof options.execArgv}`);
  }
  if (options.resourceLimits !== undefined && typeof options.resourceLimits !== "object") {
    throw new TypeError(`resourceLimits must be an object, got ${typeof options.resourceLimits}`);
  }
  return {
    module,
    minWorkers,
    maxWorkers,
    idleTimeout,
    maxQueue,
    resourceLimits: options.resourceLimits,
    execArgv: options.execArgv,
  };
}

/** Validates `run()` options (called only when options are given). */
export function checkRunOptions(options: RunOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`run options must be an object, got ${options === null ? "null" : typeof options}`);
  }
  if (options.name !== undefined && typeof options.name !== "string") {
    throw new TypeError(`name must be a string, got ${typeof options.name}`);
  }
  if (options.timeout !== undefined) {
    if (typeof options.timeout !== "number" || Number.isNaN(options.timeout) || options.timeout < 0) {
      throw new RangeError(`timeout must be a number of milliseconds >= 0, got ${String(options.timeout)}`);
    }
  }
  if (options.signal !== undefined && options.signal !== null && !(options.signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${typeof options.signal}`);
  }
  if (options.transfer !== undefined && !Array.isArray(options.transfer)) {
    throw new TypeError(`transfer must be an array, got ${typeof options.transfer}`);
  }
}
