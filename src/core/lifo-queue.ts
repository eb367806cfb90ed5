/**
 * `LifoQueue`: asyncio's `LifoQueue`: `get` returns the most recently put item first.
 */
import { Stack } from "./internal/stack.ts";
import { Queue, type ItemStore } from "./queue.ts";

/**
 * A queue that hands out the newest item first (a stack), with all of Queue's waiting,
 * `join` and `shutdown` behaviour.
 *
 * @example
 * const q = new LifoQueue<number>();
 * q.putNowait(1); q.putNowait(2);
 * q.getNowait(); // 2
 */
export class LifoQueue<T> extends Queue<T> {
  protected override createStore(): ItemStore<T> {
    return new Stack<T>();
  }
}
