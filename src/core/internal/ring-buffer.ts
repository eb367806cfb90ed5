/**
 * A growable FIFO ring buffer: O(1) push and shift without the O(n) `Array#shift`.
 * Capacity is a power of two so wrapping is a mask, not a modulo.
 */
export class RingBuffer<T> {
  private buf: (T | undefined)[];
  private head = 0;
  private mask: number;
  length = 0;

  constructor(initialCapacity = 16) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.buf = new Array<T | undefined>(capacity);
    this.mask = capacity - 1;
  }

  push(item: T): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & this.mask] = item;
    this.length++;
  }

  /** Removes and returns the oldest item; the caller checks `length` first. */
  shift(): T {
    const item = this.buf[this.head] as T;
    this.buf[this.head] = undefined; // let the item be collected
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return item;
  }

  /** The oldest item without removing it; the caller checks `length` first. */
  peek(): T {
    return this.buf[this.head] as T;
  }

  /** The item `i` places from the oldest (0 = oldest). */
  at(i: number): T {
    return this.buf[(this.head + i) & this.mask] as T;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.head = 0;
    this.length = 0;
  }

  /** Keeps only the items for which `keep` is true, in order. */
  retain(keep: (item: T) => boolean): void {
    const kept: T[] = [];
    for (let i = 0; i < this.length; i++) {
      const item = this.at(i);
      if (keep(item)) kept.push(item);
    }
    this.clear();
    for (const item of kept) this.push(item);
  }

  private grow(): void {
    const old = this.buf;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & this.mask];
    this.buf = next;
    this.head = 0;
    this.mask = next.length - 1;
  }
}
