/**
 * PriorityQueue (src/core/priority-queue.ts) beyond the CPython ports in queue.test.ts
 * and queue-kinds.test.ts: a comparator that throws on get, on a parked get's resume and
 * on a parked put's resume loses nothing. Regression tests from the adversarial review.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PriorityQueue, Queue } from "../../src/index.ts";
import { rejectionOf, tick, track, within } from "../helpers/async.ts";
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
