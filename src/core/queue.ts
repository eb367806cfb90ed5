/**
 * `Queue`: asyncio's `asyncio.Queue` (Python 3.13), including `shutdown`.
 *
 * State: items (the store), getters and putters (FIFO waiter queues), `unfinished`
 * (items put minus `taskDone` calls, what `join` waits on) and a shut-down flag.
 *
 * Wake-up, then re-check, as asyncio does: `putNowait` wakes the oldest waiting getter
 * but leaves the item in the store; the getter takes whatever is there when it resumes,
 * and waits again if a `getNowait` took it first. A waiter aborted after being woken but
 * before resuming hands its wake-up to the next waiter, so no item sits in the queue while
 * a getter waits, and no item is ever lost.
 *
 * Shut-down (`shutdown()`): puts throw `QueueShutDown`; gets drain what is left, then
 * throw `QueueShutDown`. `shutdown(true)` also discards the items (counting them as done
 * for `join`). Every waiter is woken to re-check.
 *
 * Speed: the ready paths of `put` and `get` allocate nothing but the resolved promise
 * (`put` returns a shared one) and never enter an async function.
 */
import { InvalidStateError, QueueEmpty, QueueFull, QueueShutDown } from "./errors.ts";
import { describe } from "./internal/describe.ts";
import { ParkedCall } from "./internal/parked-call.ts";
import { RingBuffer } from "./internal/ring-buffer.ts";
import { currentScope, someScopeCancelled } from "./cancel-scope.ts";
import { waitSignal, type Abortable } from "./internal/wait-signal.ts";
import { Waiter, WaiterQueue } from "./internal/waiter.ts";

/** Options of `new Queue()`. */
export interface QueueOptions {
  /** Items the queue holds before `put` waits; `<= 0` or omitted means unbounded. */
  maxsize?: number;
}

/**
 * Options of a waiting call. Without `signal`, the call obeys the ambient cancellation
 * scope (the enclosing `timeout` or TaskGroup task), if any; with one, it obeys both.
 */
export interface WaitOptions {
  /**
   * Aborting it rejects the call with `signal.reason` and takes nothing. `null`: the call
   * cannot be cancelled, not even by an enclosing scope.
   */
  signal?: AbortSignal | null;
}

/** Where a queue keeps its items: FIFO here, a heap or a stack in the subclasses. */
export interface ItemStore<T> {
  readonly length: number;
  push(item: T): void;
  shift(): T;
  clear(): void;
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A FIFO queue for coordinating producer and consumer tasks, with asyncio's semantics.
 *
 * @example
 * const q = new Queue<string>({ maxsize: 3 });
 * const consumer = (async () => {
 *   for await (const job of q) { console.log(job); q.taskDone(); }
 * })();
 * for (const job of ["a", "b", "c", "d"]) await q.put(job); // waits while 3 are queued
 * await q.join();     // every item was taken and marked done
 * q.shutdown();       // ends the consumer's loop
 * await consumer;
 */
export class Queue<T> implements AsyncIterable<T> {
  /** Items the queue holds before `put` waits; `<= 0` means unbounded. */
  readonly maxsize: number;
  protected readonly items: ItemStore<T>;
  /** The class name, for error messages ("PriorityQueue.get: ..."). */
  private readonly kind: string;
  private readonly getters = new WaiterQueue<ParkedCall<T>>();
  private readonly putters = new WaiterQueue<ParkedCall<T>>();
  private readonly joiners = new WaiterQueue();
  private unfinished = 0;
  private isShutdown = false;
  /** Woken calls waiting for their resume microtask, in wake order. */
  private readonly resuming = new RingBuffer<ParkedCall<T>>();
  private resumeScheduled = false;
  private readonly runResumes = (): void => {
    this.resumeScheduled = false;
    while (this.resuming.length > 0) {
      const call = this.resuming.shift();
      try {
        this.resumeParked(call);
      } catch (err) {
        call.reject(err); // never strand the rest of the batch
      }
    }
  };

  /** @param options `{ maxsize }`, or the maxsize itself as a number. */
  constructor(options: QueueOptions | number = {}) {
    this.kind = new.target.name;
    const maxsize = typeof options === "number" ? options : readMaxsize(options, this.kind);
    if (typeof maxsize !== "number" || Number.isNaN(maxsize)) {
      throw new TypeError(`${this.kind}: maxsize must be a number, got ${describe(maxsize)}`);
    }
    this.maxsize = maxsize;
    this.items = this.createStore(typeof options === "number" ? {} : options);
  }

  /** The store for this kind of queue; subclasses override it and read their options. */
  protected createStore(_options: QueueOptions): ItemStore<T> {
    return new RingBuffer<T>();
  }

  /** Number of items in the queue. */
  qsize(): number {
    return this.items.length;
  }

  /** True if the queue holds no items. */
  empty(): boolean {
    return this.items.length === 0;
  }

  /** True if the queue holds `maxsize` items (never, when unbounded). */
  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }

  /**
   * Puts an item, waiting while the queue is full. Rejects with `QueueShutDown` if the
   * queue is shut down, or with `signal.reason` if aborted (the item is then not put).
   */
  put(item: T, options?: WaitOptions): Promise<void> {
    let signal: Abortable | undefined;
    if (options !== undefined || someScopeCancelled()) {
      try {
        signal = waitSignal(options, this.kind, "put");
      } catch (err) {
        return Promise.reject(err);
      }
      if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    } else if (this.maxsize > 0 && this.items.length >= this.maxsize) {
      signal = currentScope();
    }
    if (this.maxsize > 0 && this.items.length >= this.maxsize) return this.park(true, item, signal);
    try {
      this.putNowait(item);
    } catch (err) {
      return Promise.reject(err);
    }
    return RESOLVED;
  }

  /** Puts an item now, or throws `QueueFull` / `QueueShutDown`. */
  putNowait(item: T): void {
    if (this.isShutdown) throw new QueueShutDown();
    if (this.maxsize > 0 && this.items.length >= this.maxsize) throw new QueueFull();
    this.items.push(item);
    this.unfinished++;
    if (this.getters.size > 0) this.getters.wakeNext();
  }

  /**
   * Removes and returns the next item, waiting while the queue is empty. Once the queue is
   * shut down and drained, rejects with `QueueShutDown`; if aborted, with `signal.reason`
   * (and takes nothing).
   */
  get(options?: WaitOptions): Promise<T> {
    let signal: Abortable | undefined;
    if (options !== undefined || someScopeCancelled()) {
      try {
        signal = waitSignal(options, this.kind, "get");
      } catch (err) {
        return Promise.reject(err);
      }
      if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    } else if (this.items.length === 0) {
      signal = currentScope();
    }
    if (this.items.length === 0) return this.park(false, undefined, signal);
    let item: T;
    try {
      item = this.items.shift(); // a PriorityQueue's compare may throw
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.putters.size > 0) this.putters.wakeNext();
    return Promise.resolve(item);
  }

  /** Removes and returns the next item now, or throws `QueueEmpty` / `QueueShutDown`. */
  getNowait(): T {
    if (this.items.length === 0) {
      throw this.isShutdown ? new QueueShutDown() : new QueueEmpty();
    }
    const item = this.items.shift();
    if (this.putters.size > 0) this.putters.wakeNext();
    return item;
  }

  /**
   * Marks one item taken with `get` as processed. `join` resolves once every item put
   * has been marked. Throws `InvalidStateError` if called more times than items were put.
   */
  taskDone(): void {
    if (this.unfinished <= 0) {
      throw new InvalidStateError("taskDone() called more times than there were items put");
    }
    if (--this.unfinished === 0 && this.joiners.size > 0) this.joiners.wakeAll();
  }

  /**
   * Resolves once every item put has been marked with `taskDone` (or discarded by
   * `shutdown(true)`): it counts puts minus `taskDone` calls, not emptiness.
   */
  join(options?: WaitOptions): Promise<void> {
    let signal: Abortable | undefined;
    try {
      signal = waitSignal(options, this.kind, "join");
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.unfinished === 0) return RESOLVED;
    const waiter = new Waiter(signal);
    this.joiners.push(waiter);
    if (signal === undefined) return waiter.promise;
    return waiter.promise.catch((reason: unknown) => {
      this.joiners.remove(waiter);
      throw reason;
    });
  }

  /**
   * Shuts the queue down: `put` throws `QueueShutDown` from now on; `get` returns what is
   * left, then throws `QueueShutDown`. With `immediate`, the items left are discarded and
   * counted as done for `join`; items already taken still need `taskDone`. Every waiting
   * getter and putter is woken to re-check.
   */
  shutdown(immediate = false): void {
    this.isShutdown = true;
    if (immediate) {
      // Discarded items count as done (asyncio decrements once per item, not below 0).
      this.unfinished = Math.max(0, this.unfinished - this.items.length);
      this.items.clear();
      if (this.unfinished === 0) this.joiners.wakeAll();
    }
    this.getters.wakeAll();
    this.putters.wakeAll();
  }

  /** Iterates the items as they arrive; ends once the queue is shut down and drained. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      let item: T;
      try {
        item = await this.get();
      } catch (err) {
        if (err instanceof QueueShutDown) return;
        throw err;
      }
      yield item;
    }
  }

  /** Parks a get (or a put of `item`) until the queue wakes it; see ParkedCall. */
  private park(isPut: boolean, item: T | undefined, signal: Abortable | undefined): Promise<any> {
    if (this.isShutdown) return Promise.reject(new QueueShutDown());
    return new Promise((resolve, reject) => {
      const call = new ParkedCall<T>(this, isPut, item, signal, resolve, reject);
      (isPut ? this.putters : this.getters).push(call);
    });
  }

  /**
   * @internal Queues a woken call to resume. One promise reaction serves every call woken
   * before it runs (Node's queueMicrotask costs an AsyncResource per call).
   */
  scheduleResume(call: ParkedCall<T>): void {
    this.resuming.push(call);
    if (!this.resumeScheduled) {
      this.resumeScheduled = true;
      void RESOLVED.then(this.runResumes);
    }
  }

  /**
   * A woken call resumes: asyncio's loop in `get`/`put` after `await waiter`.
   * Aborted in between: hand the wake-up to the next waiter. Its turn taken by a
   * `getNowait`/`putNowait` first: wait again at the back, as asyncio's loop does.
   */
  private resumeParked(call: ParkedCall<T>): void {
    const signal = call.signal;
    if (call.isPut) {
      if (signal !== undefined && signal.aborted) {
        if (!this.full()) this.putters.wakeNext();
        call.reject(signal.reason);
      } else if (this.full()) {
        if (this.isShutdown) return call.reject(new QueueShutDown());
        call.repark();
        this.putters.push(call);
      } else {
        try {
          this.putNowait(call.item as T);
        } catch (err) {
          // Refused (say, by a PriorityQueue's compare): the slot stays free for the next.
          if (!this.full()) this.putters.wakeNext();
          return call.reject(err);
        }
        call.resolve(undefined);
      }
    } else if (signal !== undefined && signal.aborted) {
      if (this.items.length > 0) this.getters.wakeNext();
      call.reject(signal.reason);
    } else if (this.items.length === 0) {
      if (this.isShutdown) return call.reject(new QueueShutDown());
      call.repark();
      this.getters.push(call);
    } else {
      let item: T;
      try {
        item = this.items.shift(); // a PriorityQueue's compare may throw
      } catch (err) {
        if (this.items.length > 0) this.getters.wakeNext();
        return call.reject(err);
      }
      if (this.putters.size > 0) this.putters.wakeNext();
      call.resolve(item);
    }
  }

  /** @internal A parked call was aborted while still waiting: drop it. */
  forgetParked(call: ParkedCall<T>): void {
    (call.isPut ? this.putters : this.getters).remove(call);
  }
}

function readMaxsize(options: unknown, kind: string): unknown {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${kind}: expected options { maxsize?: number } or a number, got ${describe(options)}`);
  }
  const { maxsize } = options as QueueOptions;
  return maxsize === undefined ? 0 : maxsize;
}
