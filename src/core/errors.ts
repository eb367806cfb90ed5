/**
 * Errors raised by conveyor's primitives.
 *
 * Every error is an `Error` subclass whose `name` is its class name and whose `code` is a
 * stable string, so callers can branch on either. An error that crossed a worker-thread or
 * process boundary loses its prototype; {@link isConveyorError} therefore also matches by
 * `name`, the way `instanceof` cannot.
 */

/** Base class of every error conveyor throws on purpose. */
export class ConveyorError extends Error {
  /** A stable, machine-readable identifier such as `ERR_QUEUE_EMPTY`. */
  readonly code: string;

  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * `getNowait()` found the queue empty (asyncio's `QueueEmpty`).
 *
 * @example
 * try { q.getNowait(); } catch (err) { if (err instanceof QueueEmpty) {  nothing ready  } }
 */
export class QueueEmpty extends ConveyorError {
  constructor(message = "queue is empty") {
    super(message, "ERR_QUEUE_EMPTY");
  }
}

/**
 * `putNowait()` found the queue at its `maxsize` (asyncio's `QueueFull`).
 *
 * @example
 * try { q.putNowait(item); } catch (err) { if (err instanceof QueueFull) {  back off  } }
 */
export class QueueFull extends ConveyorError {
  constructor(message = "queue is full") {
    super(message, "ERR_QUEUE_FULL");
  }
}

/**
 * The queue was shut down: puts are refused, and gets are refused once it is drained
 * (asyncio's `QueueShutDown`, Python 3.13).
 *
 * @example
 * try { await q.get(); } catch (err) { if (err instanceof QueueShutDown) return; throw err; }
 */
export class QueueShutDown extends ConveyorError {
  constructor(message = "queue is shut down") {
    super(message, "ERR_QUEUE_SHUT_DOWN");
  }
}

/**
 * A `Barrier` was aborted or reset while a party was waiting on it, or `wait()` was
 * called on a broken barrier.
 *
 * @example
 * try { await barrier.wait(); } catch (err) { if (err instanceof BrokenBarrierError) {  give up  } }
 */
export class BrokenBarrierError extends ConveyorError {
  constructor(message = "barrier is broken") {
    super(message, "ERR_BROKEN_BARRIER");
  }
}

/**
 * A deadline passed: thrown by `timeout()` and by executors for a task's `timeout`.
 *
 * Named like the DOM's `TimeoutError` (what `AbortSignal.timeout()` aborts with), so code
 * that checks `err.name === "TimeoutError"` treats both alike.
 *
 * @example
 * try { await timeout(100, (signal) => q.get({ signal })); }
 * catch (err) { if (err instanceof TimeoutError) {  nothing arrived in time  } }
 */
export class TimeoutError extends ConveyorError {
  constructor(message = "operation timed out") {
    super(message, "ERR_TIMEOUT");
  }
}

/**
 * A primitive was used in a way its state does not allow: `taskDone()` called more times
 * than items were put, releasing a lock that is not held, over-releasing a
 * `BoundedSemaphore`, creating a task in a finished `TaskGroup`. This is a bug in the
 * caller, the equivalent of Python's `RuntimeError`/`ValueError` for these cases.
 *
 * @example
 * try { lock.release(); } catch (err) { if (err instanceof InvalidStateError) {  was not held  } }
 */
export class InvalidStateError extends ConveyorError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, "ERR_INVALID_STATE", options);
  }
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * True when `err` is an instance of `cls`, or carries its `name` (an error that crossed a
 * thread or process boundary keeps its name but not its prototype).
 *
 * @example
 * if (isConveyorError(err, QueueShutDown)) return;
 */
export function isConveyorError<E extends Error>(err: unknown, cls: ErrorClass<E>): err is E {
  if (err instanceof cls) return true;
  return typeof err === "object" && err !== null && (err as { name?: unknown }).name === cls.name;
}
