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
import { checkSignal, describe } from "./internal/describe.ts";
import { RingBuffer } from "./internal/ring-buffer.ts";
import { Waiter, WaiterQueue } from "./internal/waiter.ts";

/** Options of `new Queue()`. */
export interface QueueOptions {
  /** Items the queue holds before `put` waits; `<= 0` or omitted means unbounded. */
  maxsize?: number;
}

/** Options of a waiting call: abort it through `signal`. */
export interface WaitOptions {
  /** Aborting it rejects the call with `signal.reason` and takes nothing from the queue. */
  signal?: AbortSignal;
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
  private readonly getters = new WaiterQueue();
  private readonly putters = new WaiterQueue();
  private readonly joiners = new WaiterQueue();
  private unfinished = 0;
  private isShutdown = false;

  /** @param options `{ maxsize }`, or the maxsize itself as a number. */
  constructor(options: QueueOptions | number = {}) {
    const maxsize = typeof options === "number" ? options : readMaxsize(options);
    if (typeof maxsize !== "number" || Number.isNaN(maxsize)) {
      throw new TypeError(`Queue: maxsize must be a number, got ${describe(maxsize)}`);
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
    const signal = options === undefined ? undefined : checkSignal(options.signal, "Queue.put");
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.maxsize > 0 && this.items.length >= this.maxsize) return this.putWhenRoom(item, signal);
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
    const signal = options === undefined ? undefined : checkSignal(options.signal, "Queue.get");
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.items.length === 0) return this.getWhenReady(signal);
    const item = this.items.shift();
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
    const signal = options === undefined ? undefined : checkSignal(options.signal, "Queue.join");
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
      while (this.items.length > 0) {
        this.items.shift();
        if (this.unfinished > 0) this.unfinished--;
      }
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

  private async putWhenRoom(item: T, signal: AbortSignal | undefined): Promise<void> {
    while (this.full()) {
      if (this.isShutdown) throw new QueueShutDown();
      const putter = new Waiter(signal);
      this.putters.push(putter);
      try {
        await putter.promise;
      } catch (reason) {
        this.putters.remove(putter); // aborted while waiting: nothing to hand on
        throw reason;
      }
      if (signal !== undefined && signal.aborted) {
        // Woken by a get, then aborted before we resumed: let the next putter have the slot.
        if (!this.full()) this.putters.wakeNext();
        throw signal.reason;
      }
    }
    this.putNowait(item);
  }

  private async getWhenReady(signal: AbortSignal | undefined): Promise<T> {
    while (this.items.length === 0) {
      if (this.isShutdown) throw new QueueShutDown();
      const getter = new Waiter(signal);
      this.getters.push(getter);
      try {
        await getter.promise;
      } catch (reason) {
        this.getters.remove(getter); // aborted while waiting: nothing to hand on
        throw reason;
      }
      if (signal !== undefined && signal.aborted) {
        // Woken by a put, then aborted before we resumed: the item stays for the next getter.
        if (this.items.length > 0) this.getters.wakeNext();
        throw signal.reason;
      }
    }
    return this.getNowait();
  }
}

function readMaxsize(options: unknown): unknown {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Queue: expected options { maxsize?: number } or a number, got ${describe(options)}`);
  }
  return (options as QueueOptions).maxsize ?? 0;
}
