/**
 * Lock: ported from CPython 3.13 Lib/test/test_asyncio/test_locks.py `LockTests`.
 *
 * asyncio's Lock (Lib/asyncio/locks.py) is fair: `acquire()` takes the lock at once only
 * when it is free and nobody (not cancelled) is queued; `release()` wakes the first waiter,
 * and a waiter cancelled after that wake-up but before it resumed passes the wake-up on
 * (`if not self._locked: self._wake_up_first()` in acquire's CancelledError handler).
 * Here a cancel is an abort of the signal passed to `acquire({ signal })`, and the
 * rejection is exactly `signal.reason`.
 *
 * Skipped, and why:
 * - test_repr: Python repr formatting.
 * - test_lock, test_lock_by_with_statement: `await lock` / `with await lock` raising
 *   TypeError is Python syntax mechanics; TypeScript rejects it at compile time.
 * - test_lock_doesnt_accept_loop_parameter: deprecated `loop=` argument.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Lock } from "../../src/index.ts";
import { controller, rejectionOf, spawn, tick, track, within } from "../helpers/async.ts";

describe("Lock (LockTests)", () => {
  test("test_acquire: waiters get the lock one release at a time, in FIFO order", async () => {
    const lock = new Lock();
    const result: number[] = [];
    assert.ok(await lock.acquire());

    const c = (n: number) => async () => {
      if (await lock.acquire()) result.push(n);
      return true;
    };
    const t1 = spawn(c(1));
    const t2 = spawn(c(2));
    await tick();
    assert.deepEqual(result, []);

    lock.release();
    await tick();
    assert.deepEqual(result, [1]);
    await tick();
    assert.deepEqual(result, [1]);

    const t3 = spawn(c(3));
    lock.release();
    await tick();
    assert.deepEqual(result, [1, 2]);

    lock.release();
    await tick();
    assert.deepEqual(result, [1, 2, 3]);

    for (const t of [t1, t2, t3]) assert.equal(t.result(), true);
    assert.equal(lock.locked(), true);
  });

  test("test_acquire_cancel: an aborted acquire rejects with the reason and leaves no waiter", async () => {
    const lock = new Lock();
    await lock.acquire();
    const c = controller();
    const task = spawn(() => lock.acquire({ signal: c.signal }));
    setImmediate(c.abort);
    assert.equal(await rejectionOf(task.promise), c.reason);
    // No waiter left behind: releasing frees the lock and a newcomer gets it at once.
    lock.release();
    assert.equal(lock.locked(), false);
    await within(100, lock.acquire());
    assert.equal(lock.locked(), true);
  });

  test("test_cancel_race: B aborted while A releases; C gets the lock", async () => {
    const lock = new Lock();
    const lockit = async (blocker?: Promise<void>): Promise<void> => {
      await lock.acquire();
      try {
        if (blocker) await blocker;
      } finally {
        lock.release();
      }
    };
    const lockitAbortable = async (signal: AbortSignal): Promise<void> => {
      await lock.acquire({ signal });
      lock.release();
    };
    let releaseA!: () => void;
    const fa = new Promise<void>((resolve) => (releaseA = resolve));
    const ta = spawn(() => lockit(fa));
    await tick();
    assert.equal(lock.locked(), true);
    const b = controller();
    const tb = spawn(() => lockitAbortable(b.signal));
    await tick();
    const tc = spawn(() => lockit());
    await tick();

    // Create the race.
    releaseA();
    b.abort();
    await tick();
    assert.equal(lock.locked(), false);
    assert.equal(ta.done, true);
    assert.equal(tb.error, b.reason);
    await within(1000, tc.promise, "C");
  });

  test("test_cancel_race (release first): a waiter woken and then aborted before it resumes passes the lock on", async () => {
    const lock = new Lock();
    await lock.acquire();
    const b = controller();
    const tb = spawn(() => lock.acquire({ signal: b.signal }));
    const tc = spawn(() => lock.acquire());
    await tick();
    // release() wakes B; the abort arrives before B resumes, as with
    // `fa.set_result(None); tb.cancel()` in asyncio.
    lock.release();
    b.abort();
    await tick();
    assert.equal(tb.error, b.reason, "B must reject with the abort reason");
    assert.equal(tc.done, true, "the wake-up must pass to C");
    assert.equal(lock.locked(), true);
    lock.release();
    assert.equal(lock.locked(), false);
  });

  test("test_cancel_release_race: abort the first waiter and release at once; exactly one acquires", async () => {
    const lock = new Lock();
    let lockCount = 0;
    let callCount = 0;
    const lockit = async (signal?: AbortSignal): Promise<void> => {
      callCount++;
      await lock.acquire({ signal });
      lockCount++;
    };
    await lock.acquire();
    const c1 = controller();
    const c3 = controller();
    const t1 = spawn(() => lockit(c1.signal));
    const t2 = spawn(() => lockit());
    const t3 = spawn(() => lockit(c3.signal));
    await tick();

    setImmediate(() => {
      c1.abort();
      lock.release();
    });
    assert.equal(await rejectionOf(t1.promise), c1.reason);
    await tick();
    // Only one lock was taken, while three calls were made.
    assert.equal(lockCount, 1);
    assert.equal(callCount, 3);
    assert.equal(t2.done, true);

    // Clean up the task stuck on acquire.
    c3.abort();
    await tick();
    assert.equal(t3.error, c3.reason);
  });

  test("test_finished_waiter_cancelled: abort the first waiter then release; the second is woken", async () => {
    const lock = new Lock();
    await lock.acquire();
    assert.equal(lock.locked(), true);
    const b = controller();
    const tb = spawn(() => lock.acquire({ signal: b.signal }));
    await tick();
    const tc = spawn(() => lock.acquire());
    b.abort();
    lock.release();
    await tick();
    assert.equal(lock.locked(), true);
    assert.equal(tb.error, b.reason);
    await within(1000, tc.promise, "C");
  });

  test("test_release_not_acquired: release() of an unlocked lock throws", () => {
    const lock = new Lock();
    assert.throws(() => lock.release(), Error);
  });

  test("test_release_no_waiters: acquire then release", async () => {
    const lock = new Lock();
    await lock.acquire();
    assert.equal(lock.locked(), true);
    lock.release();
    assert.equal(lock.locked(), false);
  });

  test("test_context_manager: `using _ = await lock.acquire()` releases at the end of the block", async () => {
    const lock = new Lock();
    assert.equal(lock.locked(), false);
    {
      using _held = await lock.acquire();
      assert.equal(lock.locked(), true);
    }
    assert.equal(lock.locked(), false);
  });

  test("`using` releases the lock when the block throws", async () => {
    const lock = new Lock();
    await assert.rejects(async () => {
      using _held = await lock.acquire();
      throw new Error("boom");
    }, /boom/);
    assert.equal(lock.locked(), false);
  });

  test("fairness: a newcomer does not barge past a woken waiter", async () => {
    const lock = new Lock();
    const order: string[] = [];
    await lock.acquire();
    const waiter = spawn(async () => {
      await lock.acquire();
      order.push("waiter");
      await tick();
      lock.release();
    });
    await tick();
    lock.release();
    const newcomer = spawn(async () => {
      await lock.acquire();
      order.push("newcomer");
      lock.release();
    });
    await within(1000, Promise.all([waiter.promise, newcomer.promise]));
    assert.deepEqual(order, ["waiter", "newcomer"]);
    assert.equal(lock.locked(), false);
  });

  test("FIFO ordering of many waiters", async () => {
    const lock = new Lock();
    const order: number[] = [];
    await lock.acquire();
    const tasks = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      spawn(async () => {
        await lock.acquire();
        order.push(i);
        await tick();
        lock.release();
      }),
    );
    await tick();
    lock.release();
    await within(2000, Promise.all(tasks.map((t) => t.promise)));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test("aborting a middle waiter keeps the others in order", async () => {
    const lock = new Lock();
    const order: number[] = [];
    await lock.acquire();
    const controllers = [0, 1, 2, 3].map(() => controller());
    const tasks = controllers.map((c, i) =>
      spawn(async () => {
        await lock.acquire({ signal: c.signal });
        order.push(i);
        lock.release();
      }),
    );
    await tick();
    controllers[1].abort();
    controllers[2].abort();
    lock.release();
    await tick(2);
    assert.deepEqual(order, [0, 3]);
    assert.equal(tasks[1].error, controllers[1].reason);
    assert.equal(tasks[2].error, controllers[2].reason);
    assert.equal(lock.locked(), false);
  });

  test("an abort after the lock was acquired has no effect", async () => {
    const lock = new Lock();
    const c = controller();
    await lock.acquire({ signal: c.signal });
    c.abort();
    await tick();
    assert.equal(lock.locked(), true);
    lock.release();
    assert.equal(lock.locked(), false);
  });
});

// Regression tests from the adversarial review of the core (formerly review/locks-review.test.ts).
describe("Lock: abort and release in the same tick", () => {
  test("abort, then release: the next waiter gets the lock; no wake-up is lost", async () => {
    const lock = new Lock();
    const held = await lock.acquire();
    const c = controller();
    const a = track(lock.acquire({ signal: c.signal }));
    const b = track(lock.acquire());
    await tick();
    c.abort();
    held.release(); // a is cancelled but not yet out of the queue
    assert.equal(await rejectionOf(a.promise), c.reason);
    (await within(200, b.promise, "b")).release();
    assert.equal(lock.locked(), false);
  });

  test("release, then abort: the woken waiter passes the lock on, in FIFO order", async () => {
    const lock = new Lock();
    const held = await lock.acquire();
    const c = controller();
    const order: string[] = [];
    const a = track(lock.acquire({ signal: c.signal }));
    const b = track(lock.acquire().then((r) => (order.push("b"), r)));
    const d = track(lock.acquire().then((r) => (order.push("d"), r)));
    await tick();
    held.release(); // wakes a
    c.abort(); // before a resumes
    const newcomer = track(lock.acquire().then((r) => (order.push("newcomer"), r)));
    assert.equal(await rejectionOf(a.promise), c.reason);
    (await within(200, b.promise)).release();
    (await within(200, d.promise)).release();
    (await within(200, newcomer.promise)).release();
    assert.deepEqual(order, ["b", "d", "newcomer"]);
  });
});
