/**
 * A binary min-heap ordered by `compare` (negative: a comes first). Ties keep no
 * particular order, like Python's heapq.
 *
 * Push and shift first find where things go by comparing, and only then move anything,
 * so a comparator that throws leaves the heap exactly as it was (no item lost).
 */
export class BinaryHeap<T> {
  private readonly heap: T[] = [];
  private readonly compare: (a: T, b: T) => number;

  constructor(compare: (a: T, b: T) => number) {
    this.compare = compare;
  }

  get length(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const heap = this.heap;
    let pos = heap.length;
    const path: number[] = [];
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (this.compare(item, heap[parent]) >= 0) break;
      path.push(parent);
      pos = parent;
    }
    // Now no comparison is left to throw: shift the parents down and drop the item in.
    let hole = heap.length;
    heap.push(item);
    for (const parent of path) {
      heap[hole] = heap[parent];
      hole = parent;
    }
    heap[hole] = item;
  }

  /** Removes and returns the smallest item; the caller checks `length` first. */
  shift(): T {
    const heap = this.heap;
    const top = heap[0];
    const n = heap.length - 1; // items left once `last` fills the hole at the root
    const last = heap[n];
    const path: number[] = [];
    for (let pos = 0; ; ) {
      const left = 2 * pos + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.compare(heap[right], heap[left]) < 0 ? right : left;
      if (this.compare(heap[child], last) >= 0) break;
      path.push(child);
      pos = child;
    }
    // No comparison is left to throw: move the children up and drop `last` in.
    heap.pop();
    if (n > 0) {
      let hole = 0;
      for (const child of path) {
        heap[hole] = heap[child];
        hole = child;
      }
      heap[hole] = last;
    }
    return top;
  }

  clear(): void {
    this.heap.length = 0;
  }
}
