/**
 * A FIFO of tasks with O(1) push at both ends (a growable ring buffer). Removal from the
 * middle is lazy: the pool changes a removed task's state, and `shift` skips entries
 * whose state no longer matches the state this deque holds. Sizes are in the tasks' TaskCounts.
 */
import type { PoolTask, TaskState } from "./task.ts";

export class TaskDeque {
  private buf: (PoolTask | undefined)[] = new Array(16);
  private head = 0;
  private length = 0;

  private readonly holds: TaskState;

  /** @param holds the task state entries must have to count as present. */
  constructor(holds: TaskState) {
    this.holds = holds;
  }

  pushBack(task: PoolTask): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = task;
    this.length++;
  }

  pushFront(task: PoolTask): void {
    if (this.length === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = task;
    this.length++;
  }

  /** The oldest entry still in the held state, or undefined. */
  shift(): PoolTask | undefined {
    while (this.length > 0) {
      const task = this.buf[this.head];
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) & (this.buf.length - 1);
      this.length--;
      if (task !== undefined && task.state === this.holds) return task;
    }
    return undefined;
  }

  /** Removes and returns every entry still in the held state, oldest first. */
  drain(): PoolTask[] {
    const out: PoolTask[] = [];
    for (let task = this.shift(); task !== undefined; task = this.shift()) out.push(task);
    return out;
  }

  private grow(): void {
    const old = this.buf;
    const next: (PoolTask | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}
