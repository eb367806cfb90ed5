/**
 * Semaphore and BoundedSemaphore: ported from CPython 3.13
 * Lib/test/test_asyncio/test_locks.py `SemaphoreTests`.
 *
 * asyncio's Semaphore (Lib/asyncio/locks.py, 3.13) is FIFO: `locked()` is true while the
 * value is 0 or anyone not cancelled is queued, so a newcomer queues behind woken waiters;
 * a waiter woken and then cancelled before it resumes gives its unit back and wakes the
 * next one (`self._value += 1` in acquire's CancelledError handler).
 *
 * Skipped, and why:
 * - test_repr: Python repr formatting.
 * - test_semaphore: `await sem` raising TypeError is Python syntax mechanics.
 * - Assertions on the private `_value` and `_waiters` (in test_acquire,
 *   test_acquire_cancel, test_acquire_fifo_order_4) are replaced by the public `locked()`
 *   and by which tasks finished.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { BoundedSemaphore, InvalidStateError, Semaphore, timeout } from "../../src/index.ts";
import { controller, rejectionOf, sleep, spawn, tick, track, type Tracked, within } from "../helpers/async.ts";

function isBadArgument(err: unknown): boolean {
  return err instanceof RangeError || err instanceof TypeError;
}

describe("Semaphore (SemaphoreTests)", () => {
  test("test_initial_value_zero: Semaphore(0) is locked", () => {
    assert.equal(new Semaphore(0).locked(), true);
  });

  test("default value is 1", async () => {
    const sem = new Semaphore();
    assert.equal(sem.locked(), false);
    await sem.acquire();
    assert.equal(sem.locked(), true);
  });

  test("test_semaphore_value: a negative value throws a RangeError/TypeError", () => {
    assert.throws(() => new Semaphore(-1), isBadArgument);
    assert.throws(() => new BoundedSemaphore(-1), isBadArgument);
  });

  test("test_acquire: value 3, five acquirers; releases wake waiters in FIFO order", async () => {
    const sem = new Semaphore(3);
    const result: number[] = [];
    assert.ok(await sem.acquire());
    assert.ok(await sem.acquire());
    assert.equal(sem.locked(), false);

    const c = (n: number) => async () => {
      await sem.acquire();
      result.push(n);
      return true;
    };
    const t1 = spawn(c(1));
    const t2 = spawn(c(2));
    const t3 = spawn(c(3));
    await tick();
    assert.deepEqual(result, [1]);
    assert.equal(sem.locked(), true);

    const t4 = spawn(c(4));
    sem.release();
    sem.release();
    await tick();
    assert.equal(result.length, 3);
    assert.equal(sem.locked(), true);
    assert.equal(t1.result(), true);
    const raceTasks = [t2, t3, t4];
    assert.equal(raceTasks.filter((t) => t.done).length, 2);
    // FIFO: t2 and t3 queued before t4.
    assert.equal(t2.done && t3.done && !t4.done, true);

    // Clean up the locked semaphore.
    sem.release();
    await within(1000, Promise.all(raceTasks.map((t) => t.promise)));
    assert.deepEqual(result, [1, 2, 3, 4]);
  });

  test("test_acquire_cancel: an aborted acquire rejects with the reason and leaves no waiter", async () => {
    const sem = new Semaphore();
    await sem.acquire();
    const c = controller();
    const acquire = spawn(() => sem.acquire({ signal: c.signal }));
    setImmediate(c.abort);
    assert.equal(await rejectionOf(acquire.promise), c.reason);
    sem.release();
    assert.equal(sem.locked(), false);
    await within(100, sem.acquire());
  });

  test("test_acquire_cancel_before_awoken: two aborted waiters, one release; the third wakes, the fourth waits", async () => {
    const sem = new Semaphore(0);
    const cs = [controller(), controller(), controller(), controller()];
    const ts = cs.map((c) => spawn(() => sem.acquire({ signal: c.signal })));
    await tick();
    cs[0].abort();
    cs[1].abort();
    sem.release();
    await tick(2);
    assert.equal(ts[2].done && !ts[2].rejected, true, "t3 acquired");
    assert.equal(ts[3].done, false, "t4 still waits");
    assert.equal(ts[0].error, cs[0].reason);
    assert.equal(ts[1].error, cs[1].reason);
    cs[2].abort();
    cs[3].abort();
    await tick();
    assert.equal(ts[3].error, cs[3].reason);
  });

  test("test_acquire_hang: abort the first waiter and release; the second acquires", async () => {
    const sem = new Semaphore(0);
    const c1 = controller();
    const t1 = spawn(() => sem.acquire({ signal: c1.signal }));
    const t2 = spawn(() => sem.acquire());
    await tick();
    c1.abort();
    sem.release();
    await tick(2);
    assert.equal(sem.locked(), true);
    assert.equal(t2.done, true);
    assert.equal(t1.error, c1.reason);
  });

  test("test_acquire_no_hang: a waiter woken then aborted before it resumes gives its unit back", async () => {
    const sem = new Semaphore(1);
    const c2 = controller();
    const t1 = spawn(async () => {
      {
        using _held = await sem.acquire();
        await tick();
      }
      c2.abort();
    });
    const t2 = spawn(async () => {
      using _held = await sem.acquire({ signal: c2.signal });
      assert.fail("t2 must not get the semaphore");
    });
    const [r1, r2] = await Promise.allSettled([t1.promise, t2.promise]);
    assert.equal(r1.status, "fulfilled");
    assert.equal(r2.status === "rejected" && r2.reason, c2.reason);
    await timeout(1000, (signal) => sem.acquire({ signal }));
  });

  test("test_release_not_acquired: BoundedSemaphore released above its initial value throws", () => {
    const sem = new BoundedSemaphore();
    assert.throws(() => sem.release(), Error);
  });

  test("test_release_no_waiters: acquire then release", async () => {
    const sem = new Semaphore();
    await sem.acquire();
    assert.equal(sem.locked(), true);
    sem.release();
    assert.equal(sem.locked(), false);
  });

  test("test_acquire_fifo_order: three tasks each acquire twice, strictly in turn", async () => {
    const sem = new Semaphore(1);
    const result: string[] = [];
    const coro = async (tag: string): Promise<void> => {
      await sem.acquire();
      result.push(`${tag}_1`);
      await sleep(5);
      sem.release();

      await sem.acquire();
      result.push(`${tag}_2`);
      await sleep(5);
      sem.release();
    };
    await within(2000, Promise.all([coro("c1"), coro("c2"), coro("c3")]));
    assert.deepEqual(result, ["c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"]);
  });

  test("test_acquire_fifo_order_2: a release-then-acquire goes behind the queued waiter", async () => {
    const sem = new Semaphore(1);
    const result: number[] = [];
    const t1 = spawn(async () => {
      await sem.acquire();
      result.push(1);
      return true;
    });
    const t2 = spawn(async () => {
      await sem.acquire();
      result.push(2);
      sem.release();
      await sem.acquire();
      result.push(4);
      return true;
    });
    const t3 = spawn(async () => {
      await sem.acquire();
      result.push(3);
      return true;
    });
    await tick();
    sem.release();
    sem.release();
    await within(1000, Promise.all([t1.promise, t2.promise, t3.promise]));
    assert.deepEqual(result, [1, 2, 3, 4]);
  });

  test("test_acquire_fifo_order_3: an aborted first waiter does not consume a release", async () => {
    const sem = new Semaphore(0);
    const result: number[] = [];
    const c1 = controller();
    const make = (n: number, signal?: AbortSignal) =>
      spawn(async () => {
        await sem.acquire({ signal });
        result.push(n);
        return true;
      });
    const tasks = [make(1, c1.signal), make(2), make(3)];
    await tick();
    c1.abort();
    await tick();
    sem.release();
    sem.release();
    await within(1000, Promise.allSettled(tasks.map((t) => t.promise)));
    assert.deepEqual(result, [2, 3]);
    assert.equal(tasks[0].error, c1.reason);
  });

  test("test_acquire_fifo_order_4: releases made while a woken waiter has not resumed keep FIFO", async () => {
    const sem = new Semaphore(0);
    const result: number[] = [];
    let t4: Tracked<boolean> | undefined;
    const c4 = async (): Promise<boolean> => {
      // asyncio.create_task() only schedules: the new task runs after those already woken.
      await tick();
      result.push(4);
      return true;
    };
    const t1 = spawn(async () => {
      // Waits first; woken by c2's first release.
      await sem.acquire();
      // A fourth task created now runs after c3, not before c2.
      t4 = spawn(c4);
      result.push(1);
      return true;
    });
    const t2 = spawn(async () => {
      // Release three units: for c1, c2 and c3.
      sem.release();
      sem.release();
      sem.release();
      // Still locked: c1 was woken but has not resumed, and it is ahead in line.
      assert.equal(sem.locked(), true);
      await sem.acquire();
      result.push(2);
      return true;
    });
    const t3 = spawn(async () => {
      await sem.acquire();
      assert.equal(sem.locked(), true);
      result.push(3);
      return true;
    });
    await within(1000, Promise.all([t1.promise, t2.promise, t3.promise]));
    assert.ok(t4);
    await within(1000, t4.promise);
    assert.deepEqual(result, [1, 2, 3, 4]);
  });

  test("`using _ = await sem.acquire()` releases at the end of the block", async () => {
    const sem = new Semaphore(1);
    {
      using _held = await sem.acquire();
      assert.equal(sem.locked(), true);
    }
    assert.equal(sem.locked(), false);
  });

  test("Semaphore(2) over three workers: at most two run at once, the third waits its turn", async () => {
    const sem = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const worker = async (name: string): Promise<void> => {
      using _held = await sem.acquire();
      running++;
      peak = Math.max(peak, running);
      order.push(`${name}+`);
      await sleep(5);
      order.push(`${name}-`);
      running--;
    };
    await within(2000, Promise.all([worker("a"), worker("b"), worker("c")]));
    assert.equal(peak, 2);
    assert.deepEqual(order.slice(0, 2), ["a+", "b+"]);
    assert.ok(order.indexOf("c+") > Math.min(order.indexOf("a-"), order.indexOf("b-")));
  });

  test("a plain Semaphore may be released above its initial value", async () => {
    const sem = new Semaphore(1);
    sem.release();
    await sem.acquire();
    await sem.acquire();
    assert.equal(sem.locked(), true);
  });
});

describe("BoundedSemaphore", () => {
  test("over-releasing throws; releasing what was acquired does not", async () => {
    const sem = new BoundedSemaphore(2);
    await sem.acquire();
    await sem.acquire();
    sem.release();
    sem.release();
    assert.throws(() => sem.release(), Error);
    assert.equal(sem.locked(), false);
    // The failed release did not change the count: two acquires still succeed, a third waits.
    await sem.acquire();
    await sem.acquire();
    assert.equal(sem.locked(), true);
  });

  test("BoundedSemaphore is a Semaphore with FIFO waiters", async () => {
    const sem = new BoundedSemaphore(1);
    assert.ok(sem instanceof Semaphore);
    const order: number[] = [];
    await sem.acquire();
    const tasks = [1, 2, 3].map((i) =>
      spawn(async () => {
        await sem.acquire();
        order.push(i);
        sem.release();
      }),
    );
    await tick();
    sem.release();
    await within(1000, Promise.all(tasks.map((t) => t.promise)));
    assert.deepEqual(order, [1, 2, 3]);
    assert.throws(() => sem.release(), Error);
  });
});

// Regression tests from the adversarial review of the core (formerly review/locks-review.test.ts).
describe("Semaphore counting with aborts", () => {
  test("BoundedSemaphore: slots reserved for aborted waiters come back; the bound still holds", async () => {
    const sem = new BoundedSemaphore(2);
    const r1 = await sem.acquire();
    const r2 = await sem.acquire();
    const c1 = controller();
    const c2 = controller();
    const w1 = track(sem.acquire({ signal: c1.signal }));
    const w2 = track(sem.acquire({ signal: c2.signal }));
    const w3 = track(sem.acquire());
    await tick();
    c1.abort(); // aborted while pending
    r1.release(); // skips w1, reserves a slot for w2
    c2.abort(); // w2 was woken: must give its reserved slot back, to w3
    assert.equal(await rejectionOf(w1.promise), c1.reason);
    assert.equal(await rejectionOf(w2.promise), c2.reason);
    const r3 = await within(200, w3.promise, "w3");
    assert.equal(sem.locked(), true, "both slots are held (r2, r3)");
    r2.release();
    r3.release();
    assert.equal(sem.locked(), false);
    assert.throws(() => sem.release(), InvalidStateError);
    // Exactly two slots, no more and no fewer.
    const a = await sem.acquire();
    const b = await sem.acquire();
    assert.equal(sem.locked(), true);
    a.release();
    b.release();
  });

  test("Semaphore: a release burst while woken waiters have not resumed wakes exactly as many as fit", async () => {
    const sem = new Semaphore(0);
    const waiters = Array.from({ length: 5 }, () => track(sem.acquire()));
    await tick();
    sem.release();
    sem.release();
    sem.release();
    await tick(2);
    assert.deepEqual(
      waiters.map((w) => w.done),
      [true, true, true, false, false],
    );
    sem.release();
    sem.release();
    await within(200, Promise.all(waiters.map((w) => w.promise)));
    assert.equal(sem.locked(), true);
  });
});
