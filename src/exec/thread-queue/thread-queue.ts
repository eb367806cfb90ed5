/**
 * `ThreadQueue`: the core `Queue`'s API and asyncio semantics, shared by producers and
 * consumers on different threads through one SharedArrayBuffer.
 *
 * Each thread holds its own `ThreadQueue` object over the shared buffer (the creator's,
 * or one from `ThreadQueue.attach(handle)`). The shared part is the ring of items and the
 * counters (shared-layout.ts, shared-ops.ts); the per-thread part is this thread's
 * waiting calls (waiting-calls.ts), which sleep on shared words with `Atomics.waitAsync`,
 * so waiting never blocks the event loop. The ready paths take no detour: `put` and `get`
 * try the shared ring at once and return a settled promise when they can.
 *
 * Guarantees: items of one thread's puts arrive in the order that thread put them (a
 * put never overtakes an earlier waiting put of the same thread); within a thread,
 * waiting getters, putters and joiners are served FIFO; across threads the order of
 * waiters is not FIFO (whichever thread wakes first wins), but every wake-up that finds
 * nothing for it to do is passed on, so no item sits in the queue while a get waits.
 */
import { QueueEmpty, QueueFull, QueueShutDown } from "../../core/errors.ts";
import { describe } from "../../core/internal/describe.ts";
import { waitSignal, type Abortable } from "../../core/internal/wait-signal.ts";
import { detach, encode, type Encoded } from "./codec.ts";
import { recordBytes } from "./ring.ts";
import {
  COUNT,
  JOIN_SEQ,
  MAXSIZE,
  UNFINISHED,
  createBuffer,
  mapViews,
  readCapacity,
  readMaxsize,
  type SharedViews,
  type ThreadQueueHandle,
} from "./shared-layout.ts";
import * as ops from "./shared-ops.ts";
import { WaitingCalls } from "./waiting-calls.ts";

/**
 * Options of `new ThreadQueue()`.
 *
 * @example
 * const q = new ThreadQueue<Uint8Array>({ maxsize: 1000, capacityBytes: 4 << 20 });
 */
export interface ThreadQueueOptions {
  /** Items the queue holds before `put` waits; `<= 0` or omitted means unbounded. */
  maxsize?: number;
  /**
   * Bytes of shared memory for queued items; `put` also waits when they run out. Default
   * 1 MiB (`DEFAULT_CAPACITY_BYTES`); 64 bytes to 1 GiB, rounded up to a multiple of 8.
   * Each item takes its encoded size rounded up to 8 bytes, plus an 8-byte header; an
   * item larger than the whole capacity is refused with a RangeError.
   */
  capacityBytes?: number;
}

/**
 * Options of a waiting call: abort it through `signal`.
 *
 * @example
 * const job = await q.get({ signal: AbortSignal.timeout(1000) }); // rejects with a TimeoutError
 */
export interface ThreadQueueWaitOptions {
  /**
   * Aborting it rejects the call with `signal.reason` and takes nothing from the queue.
   * Without it, the call obeys the enclosing cancellation scope (a `timeout` callback, a
   * TaskGroup task); `null`: not even that.
   */
  signal?: AbortSignal | null;
}

const RESOLVED: Promise<void> = Promise.resolve();
const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

function nextResult<T>(value: T): IteratorResult<T, undefined> {
  return { value, done: false };
}

function endOnShutDown(err: unknown): IteratorResult<never, undefined> {
  if (err instanceof QueueShutDown) return DONE;
  throw err;
}

const HANDLE_KIND = "conveyor.ThreadQueue";
let attaching: SharedViews | undefined;

/**
 * A FIFO queue shared between threads, with the core `Queue`'s API and semantics.
 *
 * Items are bytes (`Uint8Array`, `ArrayBuffer`) or any structured-cloneable value, and
 * arrive as `postMessage` would deliver them (a copy; a `Buffer` arrives as a
 * `Uint8Array`); codec.ts picks the fastest exact encoding. `maxsize` counts items;
 * `capacityBytes` bounds their encoded size, and `put` waits for either; an item that
 * could never fit throws a `RangeError`.
 *
 * Waiting calls keep their thread alive; an idle queue never does. Threads of a conveyor
 * `ThreadPool` may be terminated at any time (an aborted task): the pool waits for the
 * thread to leave the queue's few-microsecond critical sections first. Do not call
 * `worker.terminate()` yourself on another thread using the queue: one killed holding
 * the queue's mutex leaves it held, and every later put or get fails with an
 * `InvalidStateError` after waiting 2 s for it (rather than blocking forever).
 *
 * @example
 * // main thread
 * const q = new ThreadQueue<{ id: number }>({ maxsize: 100 });
 * new Worker(new URL("./consumer.js", import.meta.url), { workerData: q.handle });
 * for (let id = 0; id < 10; id++) await q.put({ id });
 * await q.join();
 * q.shutdown();
 *
 * // consumer.js (worker thread)
 * const q = ThreadQueue.attach<{ id: number }>(workerData);
 * for await (const job of q) { console.log(job.id); q.taskDone(); }
 */
export class ThreadQueue<T = unknown> implements AsyncIterable<T> {
  /** Items the queue holds before `put` waits; 0 means unbounded. */
  readonly maxsize: number;
  /** Bytes of shared memory for queued items (default 1 MiB, `DEFAULT_CAPACITY_BYTES`). */
  readonly capacityBytes: number;
  private readonly views: SharedViews;
  private readonly ctl: Int32Array;
  private readonly scratch: Encoded = { kind: 0, length: 0, data: 0 };
  private readonly waiting: WaitingCalls<T>;
  private cachedHandle: ThreadQueueHandle | undefined;

  /** @param options `{ maxsize, capacityBytes }`, or the maxsize itself as a number. */
  constructor(options: ThreadQueueOptions | number = {}) {
    let views = attaching;
    attaching = undefined;
    if (views === undefined) {
      if (typeof options !== "number" && (options === null || typeof options !== "object")) {
        throw new TypeError(`ThreadQueue: expected options { maxsize?, capacityBytes? } or a number, got ${describe(options)}`);
      }
      const maxsize = readMaxsize(typeof options === "number" ? options : options.maxsize);
      const capacity = readCapacity(typeof options === "number" ? undefined : options.capacityBytes);
      views = mapViews(createBuffer(maxsize, capacity));
    }
    this.views = views;
    this.ctl = views.ctl;
    this.maxsize = views.ctl[MAXSIZE];
    this.capacityBytes = views.capacity;
    this.waiting = new WaitingCalls<T>(views);
  }

  /**
   * Reopens, in this thread, a queue another thread created, from its `handle`.
   *
   * @example
   * const q = ThreadQueue.attach<Uint8Array>(workerData.queue);
   */
  static attach<T = unknown>(handle: ThreadQueueHandle): ThreadQueue<T> {
    if (handle === null || typeof handle !== "object" || handle.kind !== HANDLE_KIND) {
      throw new TypeError(`ThreadQueue.attach: expected a ThreadQueue handle, got ${describe(handle)}`);
    }
    attaching = mapViews(handle.buffer);
    return new ThreadQueue<T>();
  }

  /**
   * A plain object to pass to another thread (`workerData`, `postMessage`) and reopen
   * there with `ThreadQueue.attach`. It carries the shared memory, not a copy.
   *
   * @example
   * worker.postMessage({ queue: q.handle });
   */
  get handle(): ThreadQueueHandle {
    return (this.cachedHandle ??= { kind: HANDLE_KIND, buffer: this.views.buffer });
  }

  /** Number of items in the queue (a snapshot: other threads may change it at once). */
  qsize(): number {
    return Atomics.load(this.ctl, COUNT);
  }

  /** True if the queue holds no items. */
  empty(): boolean {
    return Atomics.load(this.ctl, COUNT) === 0;
  }

  /** True if the queue holds `maxsize` items (never, when unbounded; bytes may still run out). */
  full(): boolean {
    return this.maxsize > 0 && Atomics.load(this.ctl, COUNT) >= this.maxsize;
  }

  /**
   * Puts an item, waiting while the queue is full (by count or bytes). Rejects with
   * `QueueShutDown` if the queue is shut down, with `signal.reason` if aborted (the item
   * is then not put), with a `RangeError` if the item can never fit, and with a
   * `DataCloneError` if it cannot be cloned.
   */
  put(item: T, options?: ThreadQueueWaitOptions): Promise<void> {
    let signal: Abortable | undefined;
    try {
      signal = waitSignal(options, "ThreadQueue", "put");
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    const enc = this.scratch;
    try {
      this.encode(item, enc, "put");
    } catch (err) {
      return Promise.reject(err);
    }
    // Behind this thread's waiting puts, never ahead: one thread's items stay in order.
    if (this.waiting.putters.size === 0) {
      const result = ops.tryPut(this.views, enc);
      if (result === ops.PUT_DONE) return RESOLVED;
      if (result === ops.PUT_SHUT_DOWN) return Promise.reject(new QueueShutDown());
    }
    return this.waiting.put(detach(enc), signal);
  }

  /** Puts an item now, or throws `QueueFull` (no room by count or bytes) / `QueueShutDown`. */
  putNowait(item: T): void {
    const enc = this.scratch;
    this.encode(item, enc, "putNowait");
    const result = ops.tryPut(this.views, enc);
    if (result === ops.PUT_FULL) throw new QueueFull();
    if (result === ops.PUT_SHUT_DOWN) throw new QueueShutDown();
  }

  /**
   * Removes and returns the next item, waiting while the queue is empty. Once the queue is
   * shut down and drained, rejects with `QueueShutDown`; if aborted, with `signal.reason`
   * (and takes nothing).
   */
  get(options?: ThreadQueueWaitOptions): Promise<T> {
    let signal: Abortable | undefined;
    try {
      signal = waitSignal(options, "ThreadQueue", "get");
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.waiting.getters.size === 0) {
      const item = ops.tryGet(this.views);
      if (item === ops.SHUT_DOWN) return Promise.reject(new QueueShutDown());
      if (item !== ops.EMPTY) return Promise.resolve(item as T);
    }
    return this.waiting.get(signal);
  }

  /** Removes and returns the next item now, or throws `QueueEmpty` / `QueueShutDown`. */
  getNowait(): T {
    const item = ops.tryGet(this.views);
    if (item === ops.EMPTY) throw new QueueEmpty();
    if (item === ops.SHUT_DOWN) throw new QueueShutDown();
    return item as T;
  }

  /**
   * Blocks this thread until an item arrives (Python's `queue.Queue.get`), for worker
   * threads that prefer it; throws `QueueEmpty` after `timeoutMs`, `QueueShutDown` once
   * shut down and drained. Blocks the event loop: do not call it on the main thread.
   *
   * @example
   * // in a worker: a CPU-bound consumer with no event loop to spare
   * for (;;) {
   *   let job;
   *   try { job = q.getSync(); } catch (err) { if (err instanceof QueueShutDown) break; throw err; }
   *   crunch(job);
   *   q.taskDone();
   * }
   */
  getSync(timeoutMs = Infinity): T {
    const deadline = performance.now() + timeoutMs;
    const sleeper = this.waiting.getSleeper;
    for (;;) {
      let item = ops.tryGet(this.views);
      if (item === ops.EMPTY) {
        const remaining = deadline - performance.now();
        if (remaining <= 0) throw new QueueEmpty();
        const seen = sleeper.announce();
        item = ops.tryGet(this.views);
        if (item === ops.EMPTY) {
          sleeper.block(seen, remaining);
          continue;
        }
        sleeper.withdraw();
      }
      if (item === ops.SHUT_DOWN) throw new QueueShutDown();
      this.waiting.passOnItems(); // our wake-up may have been meant for a sleeping getter too
      return item as T;
    }
  }

  /**
   * Blocks this thread until the item is put (Python's `queue.Queue.put`); throws
   * `QueueFull` after `timeoutMs`, `QueueShutDown` if shut down. Blocks the event loop.
   *
   * @example
   * q.putSync(result, 5000); // in a worker: wait up to 5 s for room
   */
  putSync(item: T, timeoutMs = Infinity): void {
    const deadline = performance.now() + timeoutMs;
    const enc = this.scratch;
    this.encode(item, enc, "putSync");
    const sleeper = this.waiting.putSleeper;
    for (;;) {
      let result = ops.tryPut(this.views, enc);
      if (result === ops.PUT_FULL) {
        const remaining = deadline - performance.now();
        if (remaining <= 0) throw new QueueFull();
        const seen = sleeper.announce();
        result = ops.tryPut(this.views, enc);
        if (result === ops.PUT_FULL) {
          sleeper.block(seen, remaining);
          continue;
        }
        sleeper.withdraw();
      }
      if (result === ops.PUT_SHUT_DOWN) throw new QueueShutDown();
      return;
    }
  }

  /**
   * Marks one item taken with `get` as processed, on any thread. `join` resolves once
   * every item put has been marked. Throws `InvalidStateError` if called more times than
   * items were put.
   */
  taskDone(): void {
    ops.taskDone(this.ctl);
  }

  /**
   * Resolves once every item put (by any thread) has been marked with `taskDone` (or
   * discarded by `shutdown(true)`): it counts puts minus `taskDone` calls, not emptiness.
   */
  join(options?: ThreadQueueWaitOptions): Promise<void> {
    let signal: Abortable | undefined;
    try {
      signal = waitSignal(options, "ThreadQueue", "join");
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    const seen = Atomics.load(this.ctl, JOIN_SEQ);
    if (Atomics.load(this.ctl, UNFINISHED) === 0) return RESOLVED;
    return this.waiting.join(seen, signal);
  }

  /**
   * Shuts the queue down for every thread: `put` throws `QueueShutDown` from now on;
   * `get` returns what is left, then throws `QueueShutDown`. With `immediate`, the items
   * left are discarded and counted as done for `join`; items already taken still need
   * `taskDone`. Every waiting getter and putter, on every thread, re-checks.
   */
  shutdown(immediate = false): void {
    ops.shutdown(this.views, immediate);
  }

  /**
   * Iterates the items as they arrive; ends once the queue is shut down and drained.
   * (A plain iterator object rather than an async generator: half the promises per item.)
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    const iterator: AsyncIterableIterator<T> = {
      next: () => this.get().then(nextResult<T>, endOnShutDown),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private encode(item: T, enc: Encoded, method: string): void {
    encode(item, enc);
    const size = recordBytes(enc.length);
    if (size > this.capacityBytes) {
      throw new RangeError(
        `ThreadQueue.${method}: the item needs ${size} bytes of queue memory (${enc.length} encoded), ` +
          `more than capacityBytes (${this.capacityBytes}); create the queue with a larger capacityBytes`,
      );
    }
  }
}
