/**
 * `PriorityQueue`: asyncio's `PriorityQueue`: `get` returns the smallest item first.
 */
import { describe } from "./internal/describe.ts";
import { BinaryHeap } from "./internal/binary-heap.ts";
import { Queue, type ItemStore, type QueueOptions } from "./queue.ts";

/** Options of `new PriorityQueue()`. */
export interface PriorityQueueOptions<T> extends QueueOptions {
  /** Orders items: negative if `a` comes out first. Defaults to {@link compareNatural}. */
  compare?: (a: T, b: T) => number;
}

/**
 * A queue that hands out the smallest item first. Without `compare`, numbers, bigints,
 * strings and dates compare naturally and arrays compare element by element, so Python's
 * `(priority, data)` tuples work as `[priority, data]`.
 *
 * @example
 * const q = new PriorityQueue<[number, string]>();
 * await q.put([2, "later"]);
 * await q.put([1, "first"]);
 * (await q.get())[1]; // "first"
 *
 * const byDeadline = new PriorityQueue<Job>({ compare: (a, b) => a.deadline - b.deadline });
 */
export class PriorityQueue<T> extends Queue<T> {
  constructor(options: PriorityQueueOptions<T> | number = {}) {
    super(options);
  }

  protected override createStore(options: PriorityQueueOptions<T>): ItemStore<T> {
    const compare = options.compare ?? compareNatural;
    if (typeof compare !== "function") {
      throw new TypeError(`PriorityQueue: compare must be a function, got ${describe(compare)}`);
    }
    return new BinaryHeap<T>(compare);
  }
}

/**
 * The default order of a `PriorityQueue`: Python's `<` for the types it supports.
 * Throws a TypeError for values it cannot order, as Python does.
 *
 * @example
 * compareNatural([1, "b"], [1, "a"]); // > 0
 */
export function compareNatural(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint")) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareNatural(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new TypeError(
    `PriorityQueue: cannot order ${describe(a)} and ${describe(b)}; ` +
      "use numbers, strings, bigints, dates or arrays of them, or pass options.compare",
  );
}
