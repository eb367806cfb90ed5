/**
 * Queue shutdown (Python 3.13): ported from CPython 3.13
 * Lib/test/test_asyncio/test_queues.py `_QueueShutdownTestMixin`, run against Queue,
 * LifoQueue and PriorityQueue, plus the corners of Lib/asyncio/queues.py's `shutdown()`
 * the mixin does not reach (waiting getters under `shutdown(true)`, draining several items,
 * async iteration).
 *
 * 3.13 semantics checked here (queues.py `shutdown`): `shutdown()` refuses puts at once,
 * lets gets drain what is left and then refuses them; every blocked putter and getter is
 * woken to re-check (putters then fail, getters fail when nothing is left).
 * `shutdown(true)` also discards the items, counting each discarded item as done for
 * `join()`, but items already taken still need their `taskDone()`.
 *
 * Skipped, and why:
 * - test_format: Python repr formatting (`maxsize=0 shutdown`).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { LifoQueue, PriorityQueue, Queue, QueueShutDown } from "../../src/index.ts";
import { rejectionOf, spawn, tick, within } from "../helpers/async.ts";

type AnyQueue<T> = Queue<T>;
type Make = (maxsize?: number) => AnyQueue<string>;

const kinds: ReadonlyArray<readonly [string, Make]> = [
  ["Queue", (maxsize) => new Queue<string>({ maxsize })],
  ["LifoQueue", (maxsize) => new LifoQueue<string>({ maxsize })],
  ["PriorityQueue", (maxsize) => new PriorityQueue<string>({ maxsize })],
];

function isShutDown(err: unknown): boolean {
  return err instanceof QueueShutDown && (err as Error).name === "QueueShutDown";
}

async function assertPutAndGetRefused(q: AnyQueue<string>): Promise<void> {
  assert.ok(isShutDown(await rejectionOf(q.put("data"))), "put() after shutdown");
  assert.throws(() => q.putNowait("data"), QueueShutDown, "putNowait() after shutdown");
  assert.ok(isShutDown(await rejectionOf(q.get())), "get() after shutdown and drain");
  assert.throws(() => q.getNowait(), QueueShutDown, "getNowait() after shutdown and drain");
}

for (const [name, make] of kinds) {
  describe(`${name} shutdown (_QueueShutdownTestMixin)`, () => {
    test("test_shutdown_empty: a waiting getter and later calls get QueueShutDown; join resolves", async () => {
      const q = make();
      const getTask = spawn(() => q.get());
      await tick(); // want the get pending before shutdown
      q.shutdown(false); // unfinished tasks: 0 -> 0
      assert.equal(q.qsize(), 0);
      await within(100, q.join(), "join");
      await tick();
      assert.equal(getTask.done, true);
      assert.ok(isShutDown(getTask.error), `getter rejected with ${String(getTask.error)}`);
      await assertPutAndGetRefused(q);
    });

    test("test_shutdown_nonempty: a blocked putter fails, the item can still be got, join waits for taskDone", async () => {
      const q = make(1);
      q.putNowait("data");
      const joinTask = spawn(() => q.join());
      const putTask = spawn(() => q.put("data2"));
      await tick();
      assert.equal(putTask.done, false);

      q.shutdown(false); // unfinished tasks: 1 -> 1
      assert.equal(q.qsize(), 1);

      await tick();
      assert.equal(putTask.done, true);
      assert.ok(isShutDown(putTask.error), `putter rejected with ${String(putTask.error)}`);

      // The enqueued item can still be got.
      assert.equal(await q.get(), "data");

      await tick();
      assert.equal(joinTask.done, false);

      await assertPutAndGetRefused(q);

      // One unfinished task; marking it done releases join.
      q.taskDone();
      await tick();
      assert.equal(joinTask.done, true);
      await joinTask.promise;
      assert.throws(() => q.taskDone(), Error, "taskDone() called too many times");
    });

    test("test_shutdown_immediate: items are discarded and join is released for them", async () => {
      const q = make();
      q.putNowait("data");
      const joinTask = spawn(() => q.join());

      q.shutdown(true); // unfinished tasks: 1 -> 0
      assert.equal(q.qsize(), 0);

      await tick();
      assert.equal(joinTask.done, true);
      await joinTask.promise;

      await assertPutAndGetRefused(q);
      assert.throws(() => q.taskDone(), Error, "no unfinished tasks are left");
    });

    test("test_shutdown_immediate_with_unfinished: join still waits for an item already taken", async () => {
      const q = make();
      q.putNowait("data");
      q.putNowait("data");
      const joinTask = spawn(() => q.join());
      assert.equal(await q.get(), "data");

      q.shutdown(true); // unfinished tasks: 2 -> 1
      assert.equal(q.qsize(), 0);

      await tick();
      assert.equal(joinTask.done, false);

      await assertPutAndGetRefused(q);

      q.taskDone();
      assert.throws(() => q.taskDone(), Error, "only one task was unfinished");

      await tick();
      assert.equal(joinTask.done, true);
      await joinTask.promise;
    });

    test("shutdown() lets getters drain every remaining item, then refuses", async () => {
      const q = make();
      for (const s of ["a", "b", "c"]) q.putNowait(s);
      q.shutdown();
      const got = new Set<string>();
      for (let i = 0; i < 3; i++) got.add(await q.get());
      assert.deepEqual(got, new Set(["a", "b", "c"]));
      assert.ok(isShutDown(await rejectionOf(q.get())));
      assert.throws(() => q.getNowait(), QueueShutDown);
    });

    test("shutdown(true) rejects every waiting getter with QueueShutDown", async () => {
      const q = make();
      const getters = [spawn(() => q.get()), spawn(() => q.get())];
      await tick();
      q.shutdown(true);
      await tick();
      for (const g of getters) {
        assert.equal(g.done, true);
        assert.ok(isShutDown(g.error), `getter rejected with ${String(g.error)}`);
      }
    });

    test("shutdown(true) rejects blocked putters even though it made room", async () => {
      const q = make(1);
      q.putNowait("x");
      const putters = [spawn(() => q.put("y")), spawn(() => q.put("z"))];
      await tick();
      q.shutdown(true);
      await tick();
      assert.equal(q.qsize(), 0);
      for (const p of putters) {
        assert.equal(p.done, true);
        assert.ok(isShutDown(p.error), `putter rejected with ${String(p.error)}`);
      }
      await within(100, q.join(), "join after immediate shutdown");
    });

    test("shutdown() then shutdown(true) discards what was left", async () => {
      const q = make();
      q.putNowait("a");
      q.putNowait("b");
      q.shutdown();
      assert.equal(q.qsize(), 2);
      q.shutdown(true);
      assert.equal(q.qsize(), 0);
      await within(100, q.join(), "join");
      assert.throws(() => q.getNowait(), QueueShutDown);
    });

    test("shutdown twice is harmless", async () => {
      const q = make();
      q.putNowait("a");
      q.shutdown();
      q.shutdown();
      assert.equal(q.getNowait(), "a");
      q.taskDone();
      await within(100, q.join());
    });

    test("for await ends once the queue is shut down and drained", async () => {
      const q = make();
      q.putNowait("a");
      q.putNowait("b");
      const seen: string[] = [];
      const consumer = spawn(async () => {
        for await (const item of q) seen.push(item);
        return "ended";
      });
      await tick();
      assert.equal(seen.length, 2);
      assert.equal(consumer.done, false, "iteration must wait for more items while the queue is open");
      q.putNowait("c");
      await tick();
      assert.equal(seen.length, 3);
      q.shutdown();
      assert.equal(await within(1000, consumer.promise, "for await"), "ended");
      assert.deepEqual(new Set(seen), new Set(["a", "b", "c"]));
    });

    test("for await drains items left at shutdown() before it ends", async () => {
      const q = make();
      for (const s of ["a", "b", "c"]) q.putNowait(s);
      q.shutdown();
      const seen: string[] = [];
      await within(1000, (async () => {
        for await (const item of q) seen.push(item);
      })(), "for await");
      assert.equal(seen.length, 3);
    });
  });
}

test("for await over a Queue yields in FIFO order", async () => {
  const q = new Queue<number>();
  for (let i = 0; i < 5; i++) q.putNowait(i);
  q.shutdown();
  const seen: number[] = [];
  for await (const item of q) seen.push(item);
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
});

test("breaking out of for await leaves the remaining items in the queue", async () => {
  const q = new Queue<number>();
  for (let i = 0; i < 5; i++) q.putNowait(i);
  for await (const item of q) {
    if (item === 1) break;
  }
  assert.equal(q.qsize(), 3);
  assert.equal(q.getNowait(), 2);
});
