/**
 * Adversarial review of Queue / PriorityQueue / LifoQueue (src/core/queue.ts,
 * internal/parked-call.ts, internal/binary-heap.ts, internal/waiter.ts).
 *
 * Covers what the CPython ports in test/core miss: a PriorityQueue comparator that throws
 * (on get, on a parked get's resume, on a parked put's resume), shutdown(true) racing woken
 * calls, aborts in the same tick as a hand-off, and the growth of the waiter queues under
 * a stream of aborted waits. Several reproduced bugs before their fixes landed.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { LifoQueue, PriorityQueue, Queue, QueueShutDown } from "../../../src/index.ts";
import { controller, rejectionOf, tick, track, within } from "../../helpers/async.ts";

/**
 * Runs `fn` with every other 'unhandledRejection' listener (the test runner's included)
 * detached, so a rejection the library leaks is collected here instead of failing an
 * unrelated test. Restores the listeners afterwards.
 */
async function isolatedUnhandledRejections(fn: () => Promise<void>): Promise<unknown[]> {
  const saved = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  const seen: unknown[] = [];
  const collect = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on("unhandledRejection", collect);
  try {
    await fn();
    await tick(3);
  } finally {
    process.off("unhandledRejection", collect);
    for (const listener of saved) process.on("unhandledRejection", listener);
  }
  return seen;
}

/**
 * Three arrays that `compareNatural` orders against [0] but not against each other:
 * pushing them compares each only with the root, popping compares the siblings.
 */
function seedNonTotalOrder(q: PriorityQueue<unknown>): void {
  q.putNowait([0]);
  q.putNowait([1, "x"]);
  q.putNowait([1, 2]);
}

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

describe("PriorityQueue with a comparator that throws", () => {
  test(
    "a comparator that throws while get() reorders the heap loses no item",
    async () => {
      const q = new PriorityQueue<unknown>();
      seedNonTotalOrder(q);
      assert.throws(() => q.getNowait(), TypeError);
      // The failed getNowait must leave all three items in the queue (or at worst hand the
      // top one out); here [1, 2] vanishes while `join` still counts it.
      assert.equal(q.qsize(), 3, "a throwing comparator must not change the queue");
      // Those two siblings cannot be ordered, so every extraction throws (as with heapq);
      // what must hold is the accounting: all three still count for join.
      q.shutdown(true);
      assert.equal(q.qsize(), 0);
      await within(200, q.join(), "join after discarding the three items");
    },
  );

  test(
    "get() reports a comparator error as a rejection, not a synchronous throw",
    async () => {
      const q = new PriorityQueue<unknown>();
      seedNonTotalOrder(q);
      let promise: Promise<unknown> | undefined;
      assert.doesNotThrow(() => {
        promise = q.get();
      }, "get() threw synchronously");
      assert.ok((await rejectionOf(promise!)) instanceof TypeError);
    },
  );

  test(
    "a parked get whose resume hits a throwing comparator rejects instead of hanging",
    async () => {
      const q = new PriorityQueue<unknown>();
      let getter!: ReturnType<typeof track<unknown>>;
      const unhandled = await isolatedUnhandledRejections(async () => {
        getter = track(q.get());
        await tick();
        // One tick: all three land before the woken getter resumes, so its shift compares.
        seedNonTotalOrder(q);
        await within(200, getter.promise).catch(() => undefined);
      });
      assert.deepEqual(unhandled, [], "the comparator error leaked as an unhandled rejection");
      assert.equal(getter.done, true, "the woken getter never settled");
      assert.ok(getter.error instanceof TypeError);
    },
  );

  test(
    "a parked put whose item the comparator rejects hands its wake-up to the next putter",
    async () => {
      const bad = { bad: true };
      const q = new PriorityQueue<unknown>({
        maxsize: 2,
        compare: (a, b) => {
          if (a === bad || b === bad) throw new TypeError("cannot order bad");
          return (a as number) - (b as number);
        },
      });
      q.putNowait(1);
      q.putNowait(3);
      const badPut = track(q.put(bad));
      const goodPut = track(q.put(2));
      await tick();
      assert.equal(q.getNowait(), 1); // a slot frees up: the bad putter is woken, fails
      await tick(2);
      assert.ok(badPut.error instanceof TypeError);
      // The freed slot must pass to the next putter (it used to stay free, unnoticed).
      await within(200, goodPut.promise, "the second putter");
      assert.deepEqual(drainNowait(q).items, [2, 3]);
    },
  );
});

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
