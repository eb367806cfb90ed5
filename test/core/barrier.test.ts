/**
 * Barrier: ported from CPython 3.13 Lib/test/test_asyncio/test_locks.py `BarrierTests`.
 *
 * asyncio's Barrier (Lib/asyncio/locks.py): FILLING → (last arrival) DRAINING → FILLING
 * once every released task has left; newcomers during DRAINING/RESETTING wait; `reset()`
 * breaks the current waiters with BrokenBarrierError and refills; `abort()` breaks it for
 * good. `nWaiting` counts tasks waiting while FILLING. `async with barrier as i` becomes
 * `const i = await barrier.wait()`.
 *
 * Skipped, and why:
 * - test_barrier, test_repr: `await barrier` TypeError and repr formatting (the "filling",
 *   "draining", "resetting" states are only visible through repr; where a test reads the
 *   state, the port checks `nWaiting`/`broken` and the wait outcomes instead).
 * - test_draining_state: it only observes the state through repr.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Barrier, BrokenBarrierError } from "../../src/index.ts";
import { controller, rejectionOf, spawn, tick, track, within } from "../helpers/async.ts";

const N = 5;

function gather<T>(n: number, coro: () => Promise<T>): Promise<T[]> {
  return within(2000, Promise.all(Array.from({ length: n }, () => coro())), "barrier tasks");
}

function isBroken(err: unknown): boolean {
  return err instanceof BrokenBarrierError && (err as Error).name === "BrokenBarrierError";
}

describe("Barrier (BarrierTests)", () => {
  test("test_barrier_parties: fewer than one party throws; parties is kept", () => {
    for (const bad of [0, -4]) {
      assert.throws(() => new Barrier(bad), (err: unknown) => err instanceof RangeError || err instanceof TypeError);
    }
    assert.equal(new Barrier(N).parties, N);
    assert.ok(new Barrier(N) instanceof Barrier);
  });

  test("test_context_manager: N waits resolve to the arrival indexes 0..N-1", async () => {
    const barrier = new Barrier(3);
    const results: number[] = [];
    await gather(3, async () => {
      results.push(await barrier.wait());
    });
    assert.deepEqual([...results].sort(), [0, 1, 2]);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("indexes follow the order of arrival", async () => {
    const barrier = new Barrier(3);
    const a = spawn(() => barrier.wait());
    const b = spawn(() => barrier.wait());
    const c = spawn(() => barrier.wait());
    await within(1000, Promise.all([a.promise, b.promise, c.promise]));
    assert.deepEqual([a.result(), b.result(), c.result()], [0, 1, 2]);
  });

  test("test_filling_one_task: a one-party barrier never blocks", async () => {
    const barrier = new Barrier(1);
    assert.equal(await within(100, barrier.wait()), 0);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_filling_one_task_twice", async () => {
    const barrier = new Barrier(1);
    const t1 = spawn(() => barrier.wait());
    await tick();
    assert.equal(barrier.nWaiting, 0);
    const t2 = spawn(() => barrier.wait());
    await tick();
    assert.equal(t1.result(), t2.result());
    assert.equal(t1.done, t2.done);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_filling_task_by_task: nWaiting counts arrivals until the last", async () => {
    const barrier = new Barrier(3);
    const t1 = spawn(() => barrier.wait());
    await tick();
    assert.equal(barrier.nWaiting, 1);
    const t2 = spawn(() => barrier.wait());
    await tick();
    assert.equal(barrier.nWaiting, 2);
    const t3 = spawn(() => barrier.wait());
    await tick();
    await within(1000, Promise.all([t1.promise, t2.promise, t3.promise]));
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_filling_tasks_wait_twice: the barrier can be passed again", async () => {
    const barrier = new Barrier(N);
    const results: boolean[] = [];
    await gather(N, async () => {
      await barrier.wait();
      results.push(true);
      await barrier.wait();
      results.push(false);
    });
    assert.equal(results.length, N * 2);
    assert.equal(results.filter((r) => r).length, N);
    assert.equal(results.filter((r) => !r).length, N);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_filling_tasks_check_return_value: the second pass returns indexes too", async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const res = await gather(N, async () => {
      await barrier.wait();
      results1.push(true);
      const i = await barrier.wait();
      results2.push(true);
      return i;
    });
    assert.equal(results1.length, N);
    assert.equal(results2.length, N);
    assert.deepEqual([...res].sort(), [0, 1, 2, 3, 4]);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_blocking_tasks_while_draining: newcomers during draining wait for the next round", async () => {
    const rewait = 2;
    const barrier = new Barrier(N);
    const barrierNowaiting = new Barrier(N - rewait);
    let rewaitN = rewait;
    // A success means barrierNowaiting was waited for exactly N - rewait times.
    await gather(N, async () => {
      await barrier.wait();
      if (rewaitN > 0) {
        rewaitN--;
        await barrier.wait();
      } else {
        await barrierNowaiting.wait();
        await barrier.wait();
      }
    });
  });

  test("test_filling_tasks_cancel_one: an aborted waiter leaves the count", async () => {
    const barrier = new Barrier(3);
    const results: boolean[] = [];
    const coro = (signal?: AbortSignal) => async () => {
      await barrier.wait({ signal });
      results.push(true);
    };
    const c1 = controller();
    const t1 = spawn(coro(c1.signal));
    await tick();
    assert.equal(barrier.nWaiting, 1);
    const t2 = spawn(coro());
    await tick();
    assert.equal(barrier.nWaiting, 2);

    c1.abort();
    await tick();
    assert.equal(barrier.nWaiting, 1);
    assert.equal(await rejectionOf(t1.promise), c1.reason);

    const t3 = spawn(coro());
    await tick();
    assert.equal(barrier.nWaiting, 2);
    const t4 = spawn(coro());
    await within(1000, Promise.all([t2.promise, t3.promise, t4.promise]));
    assert.equal(results.length, 3);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_reset_barrier: reset() of an idle barrier", async () => {
    const barrier = new Barrier(1);
    await barrier.reset();
    await tick();
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_reset_barrier_while_tasks_waiting: waiters get BrokenBarrierError", async () => {
    const barrier = new Barrier(N);
    const results: boolean[] = [];
    const tasks = Array.from({ length: N - 1 }, () =>
      spawn(async () => {
        try {
          await barrier.wait();
        } catch (err) {
          if (isBroken(err)) results.push(true);
          else throw err;
        }
      }),
    );
    await tick();
    const reset = spawn(() => barrier.reset());
    await within(1000, Promise.all(tasks.map((t) => t.promise)));
    await reset.promise;
    assert.equal(results.length, N - 1);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });

  test("test_reset_barrier_when_tasks_half_draining: tasks not yet out of the barrier are broken", async () => {
    // The original resets when `barrier._count` (tasks still inside wait()) equals N//2;
    // under asyncio's scheduler those N//2 tasks have been notified but not yet resumed, so
    // they see RESETTING and raise BrokenBarrierError. `_count` is private, so the port
    // counts the tasks whose wait() has returned: when N - N//2 have, N//2 are still inside.
    // Node may resume a released task before the resetting one runs (microtasks, not
    // asyncio steps), so a released task may also get out normally; what must hold is that
    // no more than those N//2 are broken, every task is accounted for, and the barrier is
    // usable again.
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const restOfTasks = Math.floor(N / 2);
    let left = 0;
    await gather(N, async () => {
      try {
        await barrier.wait();
      } catch (err) {
        if (!isBroken(err)) throw err;
        // Waiting tasks land here.
        results1.push(true);
        return;
      }
      // Drained tasks, outside the barrier.
      left++;
      if (N - left === restOfTasks) await barrier.reset();
    });
    assert.ok(results1.length <= restOfTasks, `${results1.length} broken`);
    assert.equal(left + results1.length, N);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
    // Not stuck in RESETTING: a full round passes.
    await gather(N, () => barrier.wait());
  });

  test("test_reset_barrier_when_tasks_half_draining_half_blocking (scheduling-tolerant)", async () => {
    // In asyncio, the tasks that left first re-wait while the barrier still drains (so they
    // block, uncounted), and the reset comes while N//2 released tasks have not resumed
    // yet, so exactly those get BrokenBarrierError. Node resumes every released task before
    // the resetting one runs, so who is inside at the reset depends on microtask order.
    // What must hold in any order: every broken task can wait again, nobody hangs, the
    // barrier ends filling (not broken, not stuck resetting) and at most N//2 were broken
    // by the reset on their first wait.
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const blockingTasks = Math.floor(N / 2);
    let count = 0;
    const waitAgainIfBroken = async (): Promise<void> => {
      try {
        await barrier.wait();
      } catch (err) {
        if (!isBroken(err)) throw err;
        await barrier.wait();
      }
    };
    await gather(N, async () => {
      try {
        await barrier.wait();
      } catch (err) {
        if (!isBroken(err)) throw err;
        // Still-waiting tasks land here, and wait again to reach the parties.
        results1.push(true);
        await barrier.wait();
        return;
      }
      count++;
      if (count > blockingTasks) {
        // Reset now: waiting tasks get BrokenBarrierError.
        await barrier.reset();
        await waitAgainIfBroken();
      } else {
        await waitAgainIfBroken();
      }
    });
    assert.ok(results1.length <= blockingTasks);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
    await gather(N, () => barrier.wait());
  });

  test("test_reset_barrier_while_tasks_waiting_and_waiting_again", async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const tasks = Array.from({ length: N - 1 }, () =>
      spawn(async () => {
        try {
          await barrier.wait();
        } catch (err) {
          if (!isBroken(err)) throw err;
          results1.push(true);
        } finally {
          await barrier.wait();
          results2.push(true);
        }
      }),
    );
    // Reset the barrier: the N-1 waiting tasks get BrokenBarrierError.
    const reset = spawn(() => barrier.reset());
    await tick();
    // Complete the waiting tasks in the `finally`.
    const last = spawn(async () => {
      await barrier.wait();
      results2.push(true);
    });
    await within(1000, Promise.all([...tasks, last, reset].map((t) => t.promise)));
    assert.equal(barrier.broken, false);
    assert.equal(results1.length, N - 1);
    assert.equal(results2.length, N);
    assert.equal(barrier.nWaiting, 0);
  });

  test("test_reset_barrier_while_tasks_draining", async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const results3: boolean[] = [];
    let count = 0;
    await gather(N, async () => {
      await barrier.wait();
      count++;
      if (count === N) {
        // The last task left the barrier.
        await barrier.reset();
        // Wait here to reach the parties.
        await barrier.wait();
      } else {
        // asyncio runs the task that left last on to its reset() before the others resume
        // (they were notified, not run); Node resumes them first. One turn for the others
        // restores asyncio's order: the reset finds nobody inside.
        await tick();
        try {
          // Second wait: N-1 tasks here.
          await barrier.wait();
          results1.push(true);
        } catch {
          // Never here.
          results2.push(true);
        }
      }
      // Pass the barrier once more; this must complete.
      await barrier.wait();
      results3.push(true);
    });
    assert.equal(barrier.broken, false);
    assert.equal(results1.length, N - 1);
    assert.equal(results2.length, 0);
    assert.equal(results3.length, N);
    assert.equal(barrier.nWaiting, 0);
  });

  test("test_abort_barrier: abort() breaks the barrier", async () => {
    const barrier = new Barrier(1);
    await barrier.abort();
    await tick();
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, true);
    assert.ok(isBroken(await rejectionOf(barrier.wait())), "wait() on a broken barrier");
  });

  test("test_abort_barrier_when_tasks_half_draining_half_blocking", async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const blockingTasks = Math.floor(N / 2);
    let count = 0;
    await gather(N, async () => {
      try {
        await barrier.wait();
      } catch (err) {
        if (!isBroken(err)) throw err;
        // Tasks waiting to drain land here.
        results1.push(true);
        return;
      }
      count++;
      if (count > blockingTasks) {
        // Abort now: every task gets BrokenBarrierError.
        await barrier.abort();
      } else {
        try {
          await barrier.wait();
        } catch (err) {
          if (!isBroken(err)) throw err;
          // Blocked tasks (already drained) land here.
          results2.push(true);
        }
      }
    });
    assert.equal(barrier.broken, true);
    assert.deepEqual(results1, []);
    assert.deepEqual(results2, Array(blockingTasks).fill(true));
    assert.equal(barrier.nWaiting, 0);
  });

  test("test_abort_barrier_when_exception: one party fails and aborts; the others are broken", async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    await gather(N, async () => {
      try {
        const i = await barrier.wait();
        if (i === Math.floor(N / 2)) throw new RangeError("boom");
        await barrier.wait();
        results1.push(true);
      } catch (err) {
        if (isBroken(err)) results2.push(true);
        else if (err instanceof RangeError) await barrier.abort();
        else throw err;
      }
    });
    assert.equal(barrier.broken, true);
    assert.equal(results1.length, 0);
    assert.equal(results2.length, N - 1);
    assert.equal(barrier.nWaiting, 0);
  });

  test("test_abort_barrier_when_exception_then_resetting: reset() repairs an aborted barrier", async () => {
    const barrier1 = new Barrier(N);
    const barrier2 = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const results3: boolean[] = [];
    await gather(N, async () => {
      try {
        const i = await barrier1.wait();
        if (i === Math.floor(N / 2)) throw new RangeError("boom");
        await barrier1.wait();
        results1.push(true);
      } catch (err) {
        if (isBroken(err)) results2.push(true);
        else if (err instanceof RangeError) await barrier1.abort();
        else throw err;
      }
      // Synchronize and reset the barrier. Synchronize first so that everyone has left it
      // when we reset, and after, so that no one enters it before the reset.
      const i = await barrier2.wait();
      if (i === Math.floor(N / 2)) await barrier1.reset();
      await barrier2.wait();
      await barrier1.wait();
      results3.push(true);
    });
    assert.equal(barrier1.broken, false);
    assert.equal(results1.length, 0);
    assert.equal(results2.length, N - 1);
    assert.equal(results3.length, N);
    assert.equal(barrier1.nWaiting, 0);
  });
});

// Regression tests from the adversarial review of the core (formerly review/locks-review.test.ts).
describe("Barrier reused across rounds with aborts", () => {
  test("an aborted party leaves the round; later rounds fill and release normally", async () => {
    const barrier = new Barrier(3);
    const c = controller();
    const a = track(barrier.wait({ signal: c.signal }));
    const b = track(barrier.wait());
    await tick(3);
    assert.equal(barrier.nWaiting, 2);
    c.abort();
    assert.equal(await rejectionOf(a.promise), c.reason);
    await tick(3);
    assert.equal(barrier.nWaiting, 1);
    const d = track(barrier.wait());
    const e = track(barrier.wait());
    await within(500, Promise.all([b.promise, d.promise, e.promise]));
    assert.equal(barrier.broken, false);
    for (let round = 0; round < 3; round++) {
      const indexes = await within(500, Promise.all([barrier.wait(), barrier.wait(), barrier.wait()]));
      assert.deepEqual([...indexes].sort(), [0, 1, 2]);
      assert.equal(barrier.nWaiting, 0);
    }
  });

  test("an abort during draining does not stop the others from leaving; the next round works", async () => {
    const barrier = new Barrier(2);
    const c = controller();
    const a = track(barrier.wait({ signal: c.signal }));
    await tick(3);
    const b = track(barrier.wait()); // fills the barrier: a is notified
    c.abort(); // before a re-acquires the lock
    await within(500, Promise.allSettled([a.promise, b.promise]));
    assert.equal(b.result(), 1);
    const indexes = await within(500, Promise.all([barrier.wait(), barrier.wait()]));
    assert.deepEqual([...indexes].sort(), [0, 1]);
  });
});
