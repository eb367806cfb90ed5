/**
 * Errors raised by the executor pools, in the style of src/core/errors.ts: each has a
 * `name` equal to its class name and a stable `code`.
 */
import { ConveyorError } from "../../core/errors.ts";

/** How a worker ended, as far as the pool could observe it. */
export interface WorkerExit {
  /** The exit code, or null when the worker was ended by a signal. */
  exitCode: number | null;
  /** The signal that killed a child process (`"SIGKILL"`, ...), else null. */
  signal: NodeJS.Signals | null;
  /** What crashed it, when known: an uncaught error, an out-of-memory error, a load error. */
  cause?: unknown;
}

function describe(exit: WorkerExit): string {
  const cause = exit.cause as { message?: unknown } | undefined;
  if (cause !== undefined && typeof cause?.message === "string") return cause.message;
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  return `exited with code ${exit.exitCode}`;
}

/**
 * The worker running a task died before the task settled: the task module threw while
 * loading, the task called `process.exit()`, ran out of memory, threw asynchronously, or
 * the worker was killed from outside. The pool has already replaced the worker.
 *
 * @example
 * try { await pool.run(input); }
 * catch (err) { if (isConveyorError(err, WorkerCrashedError)) console.log(err.exitCode, err.cause); }
 */
export class WorkerCrashedError extends ConveyorError {
  /** The worker's exit code, or null when a signal ended it. */
  readonly exitCode: number | null;
  /** The signal that ended a child process, else null. */
  readonly signal: NodeJS.Signals | null;

  constructor(message: string, exit: WorkerExit) {
    super(
      `${message}: ${describe(exit)}`,
      "ERR_WORKER_CRASHED",
      exit.cause === undefined ? undefined : { cause: exit.cause },
    );
    this.exitCode = exit.exitCode;
    this.signal = exit.signal;
  }
}

/**
 * The pool is closed (run() after close()/destroy()), or was destroyed while the task
 * was still queued or running.
 *
 * @example
 * await pool.close();
 * await pool.run(1).catch((err) => err instanceof PoolClosedError); // true
 */
export class PoolClosedError extends ConveyorError {
  constructor(message = "pool is closed") {
    super(message, "ERR_POOL_CLOSED");
  }
}
