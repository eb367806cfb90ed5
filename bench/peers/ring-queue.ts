/**
 * The honest baseline: the smallest bounded async queue we can write by hand. A fixed
 * ring buffer plus two FIFO lists of parked promises. No signals, no shutdown, no
 * asyncio corner cases — just what a pipe needs, so it shows the floor of what
 * "put waits when full, get waits when empty, taskDone/join" costs in Node.
 *
 * States: an item is either in the ring, or held by a parked putter (only when the ring
 * is full), or handed straight to a parked getter (only when the ring is empty). Hand-offs
 * go directly from putter to getter so a parked party never has to wake up and retry.
 */

type Resolve<T> = (value: T) => void;

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A bounded FIFO async queue on a ring buffer.
 *
 * @example
 * const q = new RingQueue<number>(100);
 * await q.put(1);
 * const x = await q.get(); // 1
 * q.taskDone();
 * await q.join();
 */
export class RingQueue<T> {
  readonly #ring: (T | undefined)[];
  readonly #mask: number;
  #head = 0;
  #size = 0;
  readonly #getters: Resolve<T>[] = [];
  readonly #putters: { item: T; resolve: Resolve<void> }[] = [];
  #unfinished = 0;
  #joiners: Resolve<void>[] = [];

  readonly maxsize: number;

  constructor(maxsize: number) {
    this.maxsize = maxsize;
    if (!(maxsize >= 1)) throw new RangeError(`maxsize must be >= 1, got ${maxsize}`);
    // Capacity rounded up to a power of two so wrapping is a mask, not a division.
    let capacity = 1;
    while (capacity < maxsize) capacity *= 2;
    this.#ring = new Array<T | undefined>(capacity);
    this.#mask = capacity - 1;
  }

  /** Items currently buffered. */
  qsize(): number {
    return this.#size;
  }

  /** Resolves once the item is in the queue (or handed to a waiting getter). */
  put(item: T): Promise<void> {
    this.#unfinished++;
    const getter = this.#getters.shift();
    if (getter !== undefined) {
      getter(item);
      return RESOLVED;
    }
    if (this.#size < this.maxsize) {
      this.#ring[(this.#head + this.#size) & this.#mask] = item;
      this.#size++;
      return RESOLVED;
    }
    return new Promise<void>((resolve) => this.#putters.push({ item, resolve }));
  }

  /** Resolves to the oldest item, waiting for one if the queue is empty. */
  get(): Promise<T> {
    if (this.#size === 0) return new Promise<T>((resolve) => this.#getters.push(resolve));
    const item = this.#ring[this.#head] as T;
    this.#ring[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    // A slot just freed: move the first parked putter's item into it.
    const putter = this.#putters.shift();
    if (putter !== undefined) {
      this.#ring[(this.#head + this.#size) & this.#mask] = putter.item;
      this.#size++;
      putter.resolve();
    }
    return Promise.resolve(item);
  }

  /** Marks one item taken by `get` as processed. */
  taskDone(): void {
    if (this.#unfinished <= 0) throw new Error("taskDone() called too many times");
    if (--this.#unfinished === 0) {
      const joiners = this.#joiners;
      this.#joiners = [];
      for (const resolve of joiners) resolve();
    }
  }

  /** Resolves once every item put has been marked done. */
  join(): Promise<void> {
    if (this.#unfinished === 0) return RESOLVED;
    return new Promise<void>((resolve) => this.#joiners.push(resolve));
  }
}
