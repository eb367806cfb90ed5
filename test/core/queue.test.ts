/**
 * Queue: ported from CPython 3.13
 * Lib/test/test_asyncio/test_queues.py (QueueBasicTests, QueueGetTests, QueuePutTests;
 * LifoQueueTests, PriorityQueueTests and _QueueJoinTestMixin are in queue-kinds.test.ts).
 * Shutdown lives in queue-shutdown.test.ts, random interleavings in queue-property.test.ts.
 *
 * Translation: `asyncio.sleep(0)` is `tick()`, `task.cancel()` is aborting the signal
 * passed to get/put, CancelledError is a rejection with `signal.reason`.
 *
 * Skipped, and why:
 * - test_repr, test_str, _test_repr_or_str, test_format: Python repr/str formatting.
 * - test_generic_alias: Python's `Queue[int]` typing alias (TypeScript generics are static).
 * - test_nonblocking_get / test_nonblocking_put duplicate test_blocking_put's checks; both
 *   are kept below anyway as they are one line each.
 * - test_cancelled_getters_not_being_held_in_self_getters and
 *   test_cancelled_puts_not_being_held_in_self_putters read the private `_getters`/
 *   `_putters`; they are ported by checking the observable effect instead (a later item is
 *   not swallowed by a stale waiter, a later get is not satisfied by a stale put).
 * - test_get_with_putters appends a bare future to the private `_putters`; ported with a
 *   real blocked put instead.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { LifoQueue, Queue, QueueEmpty, QueueFull, QueueShutDown, timeout, TimeoutError } from "../../src/index.ts";
import { controller, rejectionOf, sleep, spawn, tick, track, within } from "../helpers/async.ts";

describe("Queue basics (QueueBasicTests)", () => {
  test("test_empty: empty() follows puts and gets", async () => {
    const q = new Queue<number>();
    assert.equal(q.empty(), true);
    await q.put(1);
    assert.equal(q.empty(), false);
    assert.equal(await q.get(), 1);
    assert.equal(q.empty(), true);
  });

  test("test_full: unbounded is never full; maxsize 1 is full after one put", async () => {
    const unbounded = new Queue<number>();
    assert.equal(unbounded.full(), false);
    const q = new Queue<number>({ maxsize: 1 });
    await q.put(1);
    assert.equal(q.full(), true);
  });

  test("test_order: FIFO", async () => {
    const q = new Queue<number>();
    for (const i of [1, 3, 2]) await q.put(i);
    const items = [await q.get(), await q.get(), await q.get()];
    assert.deepEqual(items, [1, 3, 2]);
  });

  test("test_maxsize: a putter blocks at maxsize and resumes after a get", async () => {
    const q = new Queue<number>({ maxsize: 2 });
    assert.equal(q.maxsize, 2);
    const haveBeenPut: number[] = [];
    const t = spawn(async () => {
      for (let i = 0; i < 3; i++) {
        await q.put(i);
        haveBeenPut.push(i);
      }
      return true;
    });
    await tick(2);
    // The putter is blocked after putting two items.
    assert.deepEqual(haveBeenPut, [0, 1]);
    assert.equal(await q.get(), 0);
    // Let the putter resume and put the last item.
    await tick();
    assert.deepEqual(haveBeenPut, [0, 1, 2]);
    assert.equal(await q.get(), 1);
    assert.equal(await q.get(), 2);
    assert.equal(t.done, true);
    assert.equal(t.result(), true);
  });

  test("maxsize <= 0 or omitted means unbounded", () => {
    for (const q of [new Queue<number>(), new Queue<number>({}), new Queue<number>({ maxsize: 0 }), new Queue<number>({ maxsize: -5 })]) {
      for (let i = 0; i < 1000; i++) q.putNowait(i);
      assert.equal(q.full(), false);
      assert.equal(q.qsize(), 1000);
    }
    assert.equal(new Queue<number>().maxsize, 0);
  });

  test("a maxsize that is not a number throws TypeError", () => {
    for (const bad of ["3", null, {}, [], true, 3n]) {
      assert.throws(() => new Queue({ maxsize: bad as unknown as number }), TypeError, `maxsize ${String(bad)}`);
    }
  });

  test("qsize counts items, not waiting getters or putters", async () => {
    const q = new Queue<string>({ maxsize: 1 });
    const getter = spawn(() => q.get());
    await tick();
    assert.equal(q.qsize(), 0);
    q.putNowait("a");
    await tick();
    assert.equal(getter.result(), "a");
    q.putNowait("b");
    const putter = spawn(() => q.put("c"));
    await tick();
    assert.equal(q.qsize(), 1);
    assert.equal(putter.done, false);
    assert.equal(q.getNowait(), "b");
    await tick();
    assert.equal(putter.done, true);
    assert.equal(q.qsize(), 1);
  });
});

describe("Queue get (QueueGetTests)", () => {
  test("test_blocking_get: get() returns a ready item", async () => {
    const q = new Queue<number>();
    q.putNowait(1);
    assert.equal(await q.get(), 1);
  });

  test("test_get_with_putters: a get wakes a blocked putter", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    await q.put(1);
    const putter = spawn(() => q.put(2));
    await tick();
    assert.equal(putter.done, false);
    assert.equal(await q.get(), 1);
    await tick();
    assert.equal(putter.done, true);
    assert.equal(putter.result(), undefined);
    assert.equal(q.getNowait(), 2);
  });

  test("test_blocking_get_wait: get() waits until an item arrives", async () => {
    const q = new Queue<number>();
    let finished = false;
    const getter = spawn(async () => {
      const res = await q.get();
      finished = true;
      return res;
    });
    await tick();
    assert.equal(finished, false);
    setTimeout(() => q.putNowait(1), 10);
    assert.equal(await within(1000, getter.promise), 1);
    assert.equal(finished, true);
  });

  test("test_nonblocking_get: getNowait() returns a ready item", () => {
    const q = new Queue<number>();
    q.putNowait(1);
    assert.equal(q.getNowait(), 1);
  });

  test("test_nonblocking_get_exception: getNowait() on an empty queue throws QueueEmpty", () => {
    const q = new Queue<number>();
    assert.throws(() => q.getNowait(), QueueEmpty);
    assert.throws(() => q.getNowait(), (err: Error) => err.name === "QueueEmpty");
  });

  test("test_get_cancelled_race: an aborted getter does not take the next item", async () => {
    const q = new Queue<string>();
    const c1 = controller();
    const t1 = spawn(() => q.get({ signal: c1.signal }));
    const t2 = spawn(() => q.get());
    await tick();
    c1.abort();
    await tick();
    assert.equal(t1.done, true);
    assert.equal(t1.error, c1.reason);
    await q.put("a");
    await tick();
    assert.equal(await t2.promise, "a");
  });

  test("test_get_with_waiting_putters: blocked putters are served in order", async () => {
    const q = new Queue<string>({ maxsize: 1 });
    const a = spawn(() => q.put("a"));
    const b = spawn(() => q.put("b"));
    assert.equal(await q.get(), "a");
    assert.equal(await q.get(), "b");
    await Promise.all([a.promise, b.promise]);
  });

  test("test_why_are_getters_waiting: producer and consumer through maxsize 1", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    const n = 5;
    const got: number[] = [];
    const consumer = (async () => {
      for (let i = 0; i < n; i++) got.push(await q.get());
    })();
    const producer = (async () => {
      for (let i = 0; i < n; i++) await q.put(i);
    })();
    await within(2000, Promise.all([producer, consumer]), "producer/consumer");
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
  });

  test("test_cancelled_getters_not_being_held_in_self_getters: a timed-out get leaves no getter behind", async () => {
    const q = new Queue<number>({ maxsize: 5 });
    const err = await rejectionOf(timeout(20, (signal) => q.get({ signal })));
    assert.ok(err instanceof TimeoutError, `expected TimeoutError, got ${String(err)}`);
    // A getter left in the queue would swallow this item.
    q.putNowait(7);
    await tick();
    assert.equal(q.qsize(), 1);
    assert.equal(q.getNowait(), 7);
  });

  test("test_get_cancel_drop_one_pending_reader: a woken reader aborted before it resumes drops nothing", async () => {
    const q = new Queue<number>();
    const c = controller();
    let reader = spawn(() => q.get({ signal: c.signal }));
    await tick();
    q.putNowait(1);
    q.putNowait(2);
    c.abort();
    let result: number;
    try {
      result = await reader.promise;
    } catch (err) {
      assert.equal(err, c.reason);
      // Try again.
      reader = spawn(() => q.get());
      result = await reader.promise;
    }
    // If we got 2, 1 was dropped.
    assert.equal(result, 1);
  });

  test("test_get_cancel_drop_many_pending_readers: the wake-up passes to the next reader", async () => {
    const q = new Queue<number>();
    const c1 = controller();
    const reader1 = spawn(() => q.get({ signal: c1.signal }));
    const reader2 = spawn(() => q.get());
    const reader3 = spawn(() => q.get());
    await tick();
    q.putNowait(1);
    q.putNowait(2);
    c1.abort();
    assert.equal(await rejectionOf(reader1.promise), c1.reason);
    const [r2, r3] = await within(1000, Promise.all([reader2.promise, reader3.promise]), "readers 2 and 3");
    // asyncio leaves the order of concurrent readers undefined; only the set matters.
    assert.deepEqual(new Set([r2, r3]), new Set([1, 2]));
    assert.equal(q.qsize(), 0);
  });
});

describe("Queue put (QueuePutTests)", () => {
  test("test_blocking_put: put() on an unbounded queue does not block", async () => {
    const q = new Queue<number>();
    await q.put(1);
    assert.equal(await q.get(), 1);
  });

  test("test_blocking_put_wait: put() waits for room", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    let finished = false;
    const putter = spawn(async () => {
      await q.put(1);
      await q.put(2);
      finished = true;
    });
    await tick();
    assert.equal(finished, false);
    setTimeout(() => q.getNowait(), 10);
    await within(1000, putter.promise);
    assert.equal(finished, true);
  });

  test("test_nonblocking_put: putNowait() then getNowait()", () => {
    const q = new Queue<number>();
    q.putNowait(1);
    assert.equal(q.getNowait(), 1);
  });

  test("test_nonblocking_put_exception: putNowait() on a full queue throws QueueFull", () => {
    const q = new Queue<number>({ maxsize: 1 });
    q.putNowait(1);
    assert.throws(() => q.putNowait(2), QueueFull);
    assert.equal(q.qsize(), 1);
  });

  test("test_float_maxsize: a fractional maxsize is compared as a number (full at qsize >= maxsize)", async () => {
    let q = new Queue<number>({ maxsize: 1.3 });
    q.putNowait(1);
    q.putNowait(2);
    assert.equal(q.full(), true);
    assert.throws(() => q.putNowait(3), QueueFull);

    q = new Queue<number>({ maxsize: 1.3 });
    await q.put(1);
    await q.put(2);
    assert.equal(q.full(), true);
  });

  test("test_put_cancelled: a put and a get meet", async () => {
    const q = new Queue<number>();
    const t = spawn(async () => {
      await q.put(1);
      return true;
    });
    assert.equal(await q.get(), 1);
    await tick();
    assert.equal(t.done, true);
    assert.equal(t.result(), true);
  });

  test("test_put_cancelled_race: an aborted putter neither puts nor blocks the next", async () => {
    const q = new Queue<string>({ maxsize: 1 });
    const c = controller();
    const putA = spawn(() => q.put("a"));
    const putB = spawn(() => q.put("b"));
    const putC = spawn(() => q.put("X", { signal: c.signal }));
    await tick();
    assert.equal(putA.done, true);
    assert.equal(putB.done, false);
    c.abort();
    await tick();
    assert.equal(putC.done, true);
    assert.equal(putC.error, c.reason);
    assert.equal(q.getNowait(), "a");
    await tick();
    assert.equal(q.getNowait(), "b");
    await within(1000, putB.promise);
    assert.equal(q.qsize(), 0);
  });

  test("test_put_with_waiting_getters: a put wakes a waiting getter", async () => {
    const q = new Queue<string>();
    const t = spawn(() => q.get());
    await tick();
    await q.put("a");
    assert.equal(await t.promise, "a");
  });

  test("test_why_are_putters_waiting: four putters, one draining getter", async () => {
    const q = new Queue<number>({ maxsize: 2 });
    const getter = (async () => {
      await tick();
      const n = q.qsize();
      for (let i = 0; i < n; i++) q.getNowait();
    })();
    const putters = [0, 1, 2, 3].map((i) => q.put(i));
    await within(2000, Promise.all([getter, ...putters]), "putters");
    assert.equal(q.qsize(), 2);
  });

  test("test_put_cancel_drop: a woken putter aborted before it resumes puts nothing twice", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    q.putNowait(1);
    const c = controller();
    // Putting a second item has to block (qsize = 1).
    let writer = spawn(() => q.put(2, { signal: c.signal }));
    await tick();
    assert.equal(q.getNowait(), 1);
    c.abort();
    try {
      await writer.promise;
    } catch (err) {
      assert.equal(err, c.reason);
      // Try again.
      writer = spawn(() => q.put(2));
      await writer.promise;
    }
    assert.equal(q.getNowait(), 2);
    assert.equal(q.qsize(), 0);
  });

  test("test_cancelled_puts_not_being_held_in_self_putters: an aborted put leaves nothing behind", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    q.putNowait(1);
    const c = controller();
    const putTask = spawn(() => q.put(2, { signal: c.signal }));
    await tick();
    c.abort();
    assert.equal(await rejectionOf(putTask.promise), c.reason);
    // A stale putter would slip its item in after this get.
    assert.equal(q.getNowait(), 1);
    await tick();
    assert.equal(q.qsize(), 0);
    await q.put(3);
    assert.equal(q.getNowait(), 3);
  });

  test("test_cancelled_put_silence_value_error_exception: abort after the wake-up still rejects with the reason", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    q.putNowait(1);
    const c = controller();
    const putTask = spawn(() => q.put(1, { signal: c.signal }));
    await tick();
    // getNowait() wakes the putter; the abort arrives before it resumes.
    q.getNowait();
    c.abort();
    assert.equal(await rejectionOf(putTask.promise), c.reason);
    assert.equal(q.qsize(), 0);
  });

  test("put mirror of test_get_cancel_drop_many_pending_readers: a woken putter aborted before it resumes passes the wake-up on", async () => {
    // queues.py put(): `if not self.full() and not putter.cancelled(): self._wakeup_next(self._putters)`.
    const q = new Queue<string>({ maxsize: 1 });
    q.putNowait("first");
    const c1 = controller();
    const writer1 = spawn(() => q.put("w1", { signal: c1.signal }));
    const writer2 = spawn(() => q.put("w2"));
    await tick();
    // getNowait() wakes writer1; its abort arrives before it resumes.
    assert.equal(q.getNowait(), "first");
    c1.abort();
    assert.equal(await rejectionOf(writer1.promise), c1.reason);
    await within(1000, writer2.promise, "writer 2");
    assert.equal(q.qsize(), 1);
    assert.equal(q.getNowait(), "w2");
  });

  test("an already-aborted signal rejects get and put at once with its reason", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    const c = controller();
    c.abort();
    assert.equal(await rejectionOf(q.get({ signal: c.signal })), c.reason);
    q.putNowait(1);
    assert.equal(await rejectionOf(q.put(2, { signal: c.signal })), c.reason);
    assert.equal(q.qsize(), 1);
  });

  test("FIFO wake-up of getters: the first waiting getter gets the first item", async () => {
    const q = new Queue<number>();
    const got: string[] = [];
    const getters = ["g1", "g2", "g3"].map((name) =>
      spawn(async () => {
        got.push(`${name}:${await q.get()}`);
      }),
    );
    await tick();
    q.putNowait(1);
    q.putNowait(2);
    q.putNowait(3);
    await within(1000, Promise.all(getters.map((g) => g.promise)));
    assert.deepEqual(got, ["g1:1", "g2:2", "g3:3"]);
  });

  test("FIFO wake-up of putters: blocked puts land in the order they were made", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    q.putNowait(0);
    const putters = [1, 2, 3].map((i) => spawn(() => q.put(i)));
    await tick();
    const got: number[] = [];
    for (let i = 0; i < 4; i++) got.push(await within(1000, q.get()));
    assert.deepEqual(got, [0, 1, 2, 3]);
    await Promise.all(putters.map((p) => p.promise));
  });

  test("wake-up then re-check: a woken getter whose item a newcomer took waits again", async () => {
    // asyncio re-checks emptiness after a wake-up: a getNowait() from a newcomer between the
    // wake-up and the resume may take the item, and the woken getter then waits again.
    const q = new Queue<number>();
    const g = spawn(() => q.get());
    await tick();
    q.putNowait(1);
    const stolen = (() => {
      try {
        return q.getNowait();
      } catch {
        return undefined;
      }
    })();
    if (stolen === undefined) {
      // The implementation handed the item straight to the waiting getter.
      assert.equal(await g.promise, 1);
    } else {
      assert.equal(stolen, 1);
      await tick();
      assert.equal(g.done, false, "woken getter must wait again, not fail");
      q.putNowait(2);
      assert.equal(await within(1000, g.promise), 2);
    }
  });
});

test("a slow timeout-bound get still returns the item when it arrives in time", async () => {
  const q = new Queue<string>();
  setTimeout(() => q.putNowait("late"), 5);
  assert.equal(await timeout(1000, (signal) => q.get({ signal })), "late");
  await sleep(1);
  assert.equal(q.qsize(), 0);
});

// Regression tests from the adversarial review of the core (formerly review/queue-review.test.ts).
/** Everything still in the queue, taken with getNowait until it throws. */
function drainNowait(q: Queue<unknown>): { items: unknown[]; stoppedBy: unknown } {
  const items: unknown[] = [];
  for (let i = 0; i < 100; i++) {
    try {
      items.push(q.getNowait());
    } catch (err) {
      return { items, stoppedBy: err };
    }
  }
  return { items, stoppedBy: undefined };
}

describe("Queue races the CPython ports do not cover", () => {
  test("shutdown(true) in the tick a put woke a getter: the getter gets QueueShutDown and join is released", async () => {
    const q = new Queue<number>();
    const getter = track(q.get());
    await tick();
    q.putNowait(1); // wakes the getter; the item stays until it resumes
    q.shutdown(true); // same tick: discards the item before the getter resumes
    await within(200, q.join(), "join after shutdown(true)");
    assert.ok((await rejectionOf(getter.promise)) instanceof QueueShutDown);
    assert.equal(q.qsize(), 0);
  });

  test("shutdown(true) in the tick a get woke a putter: the putter is refused, its item never counted", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    q.putNowait(1);
    const putter = track(q.put(2));
    await tick();
    assert.equal(q.getNowait(), 1); // wakes the putter
    q.shutdown(true);
    assert.ok((await rejectionOf(putter.promise)) instanceof QueueShutDown);
    assert.equal(q.qsize(), 0);
    q.taskDone(); // for item 1, which was taken
    await within(200, q.join(), "join");
  });

  test("a woken getter aborted in the same tick hands the item to the next getter, in FIFO order", async () => {
    const q = new Queue<number>();
    const first = controller("first getter");
    const a = track(q.get({ signal: first.signal }));
    const b = track(q.get());
    const c = track(q.get());
    await tick();
    q.putNowait(10); // wakes a
    first.abort(); // a was woken already: its wake-up must pass to b
    q.putNowait(11); // wakes b (a was popped), then a's hand-off wakes c
    await within(200, Promise.all([b.promise, c.promise]));
    assert.equal(await rejectionOf(a.promise), first.reason);
    assert.deepEqual([b.result(), c.result()], [10, 11]);
  });

  test("getNowait barging between a wake and the resume sends the getter back to wait, losing nothing", async () => {
    const q = new Queue<number>();
    const a = track(q.get());
    await tick();
    q.putNowait(1);
    assert.equal(q.getNowait(), 1); // barges before a resumes
    await tick();
    assert.equal(a.done, false, "the getter must wait again, not resolve with nothing");
    q.putNowait(2);
    assert.equal(await within(200, a.promise), 2);
  });

  test("LifoQueue with parked putters: each freed slot admits the oldest putter; LIFO order kept", async () => {
    const q = new LifoQueue<number>({ maxsize: 2 });
    q.putNowait(1);
    q.putNowait(2);
    const p3 = track(q.put(3));
    const p4 = track(q.put(4));
    await tick();
    assert.equal(q.getNowait(), 2);
    await tick();
    assert.equal(p3.done && !p4.done, true, "the oldest putter goes first");
    assert.equal(q.getNowait(), 3);
    await within(200, p4.promise);
    assert.deepEqual(drainNowait(q).items, [4, 1]);
  });

  test("a getter aborted at the moment shutdown() wakes it rejects with the abort reason and takes nothing", async () => {
    const q = new Queue<number>();
    const c = controller();
    const a = track(q.get({ signal: c.signal }));
    await tick();
    q.putNowait(1); // wakes a
    q.shutdown(); // non-immediate: the item stays for drainers
    c.abort();
    assert.equal(await rejectionOf(a.promise), c.reason);
    assert.equal(q.getNowait(), 1);
  });
});

describe("waiter queues stay bounded under aborted waits", () => {
  test("thousands of aborted gets behind a live getter do not grow the getter queue", async () => {
    const q = new Queue<number>();
    const live = track(q.get());
    for (let i = 0; i < 5000; i++) {
      const c = controller();
      const g = q.get({ signal: c.signal });
      c.abort();
      await g.catch(() => undefined);
    }
    // Private, but the point of the test: lazily removed waiters are compacted away.
    const getters = (q as unknown as { getters: { items: { length: number } } }).getters;
    assert.ok(getters.items.length < 100, `getter buffer holds ${getters.items.length} entries`);
    q.putNowait(7);
    assert.equal(await within(200, live.promise), 7);
  });

  test("thousands of aborted puts behind a live putter do not grow the putter queue", async () => {
    const q = new Queue<number>({ maxsize: 1 });
    q.putNowait(0);
    const live = track(q.put(1));
    for (let i = 0; i < 5000; i++) {
      const c = controller();
      const p = q.put(i, { signal: c.signal });
      c.abort();
      await p.catch(() => undefined);
    }
    const putters = (q as unknown as { putters: { items: { length: number } } }).putters;
    assert.ok(putters.items.length < 100, `putter buffer holds ${putters.items.length} entries`);
    assert.equal(q.getNowait(), 0);
    await within(200, live.promise);
    assert.equal(q.getNowait(), 1);
  });
});
