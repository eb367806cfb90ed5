/**
 * LifoQueue, PriorityQueue and join(): ported from CPython 3.13
 * Lib/test/test_asyncio/test_queues.py (LifoQueueTests, PriorityQueueTests, and
 * _QueueJoinTestMixin run against Queue, LifoQueue and PriorityQueue).
 *
 * join() counts items put minus taskDone() calls (queues.py `_unfinished_tasks`), not
 * emptiness.
 *
 * Skipped, and why:
 * - _QueueJoinTestMixin.test_format: Python repr formatting.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { LifoQueue, PriorityQueue, Queue, QueueFull } from "../../src/index.ts";
import { spawn, tick, within } from "../helpers/async.ts";

describe("LifoQueue and PriorityQueue", () => {
  test("LifoQueueTests.test_order: last in, first out", async () => {
    const q = new LifoQueue<number>();
    for (const i of [1, 3, 2]) await q.put(i);
    assert.deepEqual([await q.get(), await q.get(), await q.get()], [2, 3, 1]);
  });

  test("PriorityQueueTests.test_order: smallest first", async () => {
    const q = new PriorityQueue<number>();
    for (const i of [1, 3, 2]) await q.put(i);
    assert.deepEqual([await q.get(), await q.get(), await q.get()], [1, 2, 3]);
  });

  test("PriorityQueue with many items comes out sorted", () => {
    const q = new PriorityQueue<number>();
    const input = [5, 1, 9, 3, 3, 7, 0, 8, 2, 6, 4, -1, 10];
    for (const i of input) q.putNowait(i);
    const out: number[] = [];
    while (!q.empty()) out.push(q.getNowait());
    assert.deepEqual(out, [...input].sort((a, b) => a - b));
  });

  test("PriorityQueue orders strings like Python compares them", () => {
    const q = new PriorityQueue<string>();
    for (const s of ["pear", "apple", "fig"]) q.putNowait(s);
    assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], ["apple", "fig", "pear"]);
  });

  test("PriorityQueue honours a compare option", () => {
    type Job = { priority: number; name: string };
    const q = new PriorityQueue<Job>({ compare: (a, b) => a.priority - b.priority });
    q.putNowait({ priority: 3, name: "low" });
    q.putNowait({ priority: 1, name: "high" });
    q.putNowait({ priority: 2, name: "mid" });
    assert.deepEqual([q.getNowait().name, q.getNowait().name, q.getNowait().name], ["high", "mid", "low"]);

    const maxFirst = new PriorityQueue<number>({ compare: (a, b) => b - a });
    for (const i of [1, 3, 2]) maxFirst.putNowait(i);
    assert.deepEqual([maxFirst.getNowait(), maxFirst.getNowait(), maxFirst.getNowait()], [3, 2, 1]);
  });

  test("LifoQueue and PriorityQueue respect maxsize", () => {
    for (const q of [new LifoQueue<number>({ maxsize: 2 }), new PriorityQueue<number>({ maxsize: 2 })]) {
      q.putNowait(1);
      q.putNowait(2);
      assert.equal(q.full(), true);
      assert.throws(() => q.putNowait(3), QueueFull);
    }
  });
});

for (const [name, make] of [
  ["Queue", () => new Queue<number>()],
  ["LifoQueue", () => new LifoQueue<number>()],
  ["PriorityQueue", () => new PriorityQueue<number>()],
] as const) {
  describe(`${name} join (_QueueJoinTestMixin)`, () => {
    test("test_task_done_underflow: taskDone() with nothing put throws", () => {
      const q = make();
      assert.throws(() => q.taskDone(), Error);
    });

    test("test_task_done: join() resolves once every item was marked done", async () => {
      const q = make();
      for (let i = 0; i < 100; i++) q.putNowait(i);
      let accumulator = 0;
      let running = true;
      const worker = async (): Promise<void> => {
        while (running) {
          const item = await q.get();
          accumulator += item;
          q.taskDone();
        }
      };
      const workers = [worker(), worker()];
      await within(2000, q.join(), "join");
      assert.equal(accumulator, (99 * 100) / 2);
      // Close the running workers.
      running = false;
      for (let i = 0; i < workers.length; i++) q.putNowait(0);
      await within(1000, Promise.all(workers), "workers");
    });

    test("test_join_empty_queue: join() on a fresh queue resolves at once (twice)", async () => {
      const q = make();
      await within(100, q.join());
      await within(100, q.join());
    });

    test("join counts puts minus taskDone, not emptiness", async () => {
      const q = make();
      q.putNowait(1);
      q.putNowait(2);
      q.getNowait();
      q.getNowait();
      assert.equal(q.empty(), true);
      const joined = spawn(() => q.join());
      await tick();
      assert.equal(joined.done, false, "join must wait for taskDone even when the queue is empty");
      q.taskDone();
      await tick();
      assert.equal(joined.done, false);
      q.taskDone();
      await tick();
      assert.equal(joined.done, true);
      assert.throws(() => q.taskDone(), Error);
    });

    test("taskDone may come before the get (it counts puts, not gets)", async () => {
      const q = make();
      q.putNowait(1);
      q.taskDone();
      await within(100, q.join());
      assert.equal(q.qsize(), 1);
    });
  });
}
