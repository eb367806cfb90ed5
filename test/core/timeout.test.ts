/**
 * timeout(ms, (signal) => promise): ported from CPython 3.13
 * Lib/test/test_asyncio/test_timeouts.py (asyncio.timeout) and the wait_for cases of
 * test_queues.py / test_locks.py.
 *
 * Skipped, and why:
 * - test_timeout_at_basic, test_timeout_at_disabled, test_reschedule, test_repr_*,
 *   test_timeout_already_entered, test_timeout_double_enter, test_timeout_finished,
 *   test_timeout_not_entered, test_timeout_without_task: the context-manager object
 *   (`when()`, `reschedule()`, `expired()`, entering, repr) has no counterpart;
 *   `timeout` is a function.
 * - test_timeout_disabled (`timeout(None)`): ported as `timeout(Infinity, ...)`.
 * - test_cancel_in_timeout_after_cancellation: `current_task().cancel()` twice in one
 *   task; an AbortSignal aborts once.
 * - test_timeout_exception_cause: TimeoutError.__cause__ chaining of CancelledError.
 *
 * The nesting tests run their work in the scope of the timeout, without threading the
 * signal: `scopedSleep` is `asyncio.sleep` (Node's timer given `currentSignal()`).
 * `current_task().cancel()` is a TaskGroup task cancelling itself.
 *
 * One deliberate difference: asyncio delivers a cancellation once, so cleanup code that
 * caught it may await again; conveyor's scopes stay cancelled, as an AbortSignal stays
 * aborted (see test_timeout_after_cancellation below): cleanup that must wait runs
 * inside `shield()`.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleepFor } from "node:timers/promises";
import { TaskGroup, TimeoutError, shield, timeout } from "../../src/index.ts";
import { collectUnhandledRejections, rejectionOf, scopedSleep, sleep, tick, within } from "../helpers/async.ts";

/** `time.sleep`: blocks the thread, timers included. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function cancellableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return sleepFor(ms, undefined, { signal }).catch((err: unknown) => {
    if (signal.aborted) throw signal.reason;
    throw err;
  });
}

function isTimeout(err: unknown): boolean {
  return err instanceof TimeoutError && (err as Error).name === "TimeoutError";
}

describe("timeout (test_timeouts.py)", () => {
  test("test_timeout_basic: rejects with TimeoutError and aborts the signal", async () => {
    let seen: AbortSignal | undefined;
    const err = await rejectionOf(
      timeout(10, (signal) => {
        seen = signal;
        return cancellableSleep(10000, signal);
      }),
    );
    assert.ok(isTimeout(err), `expected TimeoutError, got ${String(err)}`);
    assert.equal(seen?.aborted, true);
  });

  test("test_waiter_cancelled: the work sees its signal abort", async () => {
    let cancelled = false;
    const err = await rejectionOf(
      timeout(10, async (signal) => {
        try {
          await cancellableSleep(10000, signal);
        } catch (e) {
          cancelled = true;
          throw e;
        }
      }),
    );
    assert.ok(isTimeout(err));
    await tick();
    assert.equal(cancelled, true);
  });

  test("test_timeout_not_called: fast work resolves with its value; the signal is never aborted", async () => {
    let seen: AbortSignal | undefined;
    const t0 = Date.now();
    const value = await timeout(10000, async (signal) => {
      seen = signal;
      await sleep(5);
      return "value";
    });
    assert.equal(value, "value");
    assert.ok(Date.now() - t0 < 2000);
    await sleep(20);
    assert.equal(seen?.aborted, false);
  });

  test("test_timeout_disabled: Infinity means no deadline", async () => {
    assert.equal(await timeout(Infinity, async () => (await sleep(5), 1)), 1);
  });

  test("test_timeout_zero: a zero deadline expires at once", async () => {
    const t0 = Date.now();
    const err = await rejectionOf(timeout(0, (signal) => cancellableSleep(10000, signal)));
    assert.ok(isTimeout(err));
    assert.ok(Date.now() - t0 < 2000);
  });

  test("test_foreign_exception_passed: an error from the work is passed through, not a TimeoutError", async () => {
    const keyError = new RangeError("KeyError");
    assert.equal(await rejectionOf(timeout(10, async () => {
      throw keyError;
    })), keyError);
    const syncError = new TypeError("thrown synchronously");
    assert.equal(await rejectionOf(Promise.resolve().then(() => timeout(10, () => {
      throw syncError;
    }))), syncError);
  });

  test("test_foreign_exception_on_timeout: an error raised while the work is cancelled comes through", async () => {
    const unhandled = await collectUnhandledRejections(async () => {
      const err = await rejectionOf(
        timeout(10, async (signal) => {
          try {
            await cancellableSleep(1000, signal);
          } finally {
            // eslint-disable-next-line no-unsafe-finally
            throw new RangeError("1 / 0");
          }
        }),
      );
      // asyncio raises the foreign ZeroDivisionError: it waits for the cancelled work, and
      // conveyor gives that work until the next turn of the loop.
      assert.ok(err instanceof RangeError && err.message === "1 / 0", String(err));
      await sleep(5);
    });
    assert.deepEqual(unhandled, []);
  });

  test("test_nested_timeouts: same deadline inside and out rejects with TimeoutError; the work is cancelled", async () => {
    let cancelled = false;
    const err = await rejectionOf(
      timeout(10, () =>
        timeout(10, async () => {
          try {
            await scopedSleep(10000); // no signal threaded: the scopes reach it
          } catch (e) {
            cancelled = true;
            throw e;
          }
        }),
      ),
    );
    assert.ok(isTimeout(err));
    await sleep(5);
    assert.equal(cancelled, true);
  });

  test("test_nested_timeouts_concurrent: the outer deadline passes while the inner work blocks", async () => {
    let innerErr: unknown;
    const outerErr = await rejectionOf(
      timeout(2, async () => {
        innerErr = await rejectionOf(
          timeout(100, async () => {
            blockFor(10); // pretend we crunch some numbers
            await scopedSleep(1000);
          }),
        );
        throw innerErr;
      }),
    );
    assert.ok(isTimeout(outerErr));
    // The inner timeout did not expire: it passes on the outer cancellation, which is the
    // outer TimeoutError (asyncio: CancelledError through the inner, TimeoutError outside).
    assert.equal(innerErr, outerErr);
  });

  test("test_nested_timeouts_loop_busy: the outer deadline interrupts work after an inner timeout", async () => {
    const t0 = Date.now();
    let inner: unknown;
    const err = await rejectionOf(
      timeout(100, async () => {
        inner = await rejectionOf(
          timeout(10, async () => {
            blockFor(100); // the loop is busy past both deadlines
            await scopedSleep(1000);
          }),
        );
        // The inner TimeoutError was caught; this sleep is interrupted by the outer deadline.
        await scopedSleep(10000);
      }),
    );
    assert.ok(isTimeout(inner), String(inner));
    assert.ok(isTimeout(err));
    assert.notEqual(inner, err);
    assert.ok(Date.now() - t0 < 1000);
  });

  test("test_timeout_zero_sleep_zero: a zero deadline cancels the first wait", async () => {
    assert.ok(isTimeout(await rejectionOf(timeout(0, () => scopedSleep(0)))));
  });

  test("test_timeout_in_the_past_sleep_zero: a negative deadline has passed: it expires", async () => {
    let started = false;
    const err = await rejectionOf(
      timeout(-11, async () => {
        started = true;
        await scopedSleep(0);
      }),
    );
    assert.ok(isTimeout(err));
    assert.equal(started, true, "the block is entered, as asyncio enters it");
  });

  test("test_outer_task_is_not_cancelled: a task whose inner timeout expired completes normally", async () => {
    await TaskGroup.run(async (tg) => {
      const task = tg.createTask(async () => {
        assert.ok(isTimeout(await rejectionOf(timeout(1, () => scopedSleep(10_000)))));
        return "done";
      });
      assert.equal(await task, "done");
      assert.equal(task.signal.aborted, false);
    });
  });

  test("test_foreign_cancel_doesnt_timeout_if_not_expired: cancelling the task is no TimeoutError", async () => {
    let err: unknown;
    await TaskGroup.run(async (tg) => {
      const task = tg.createTask(async () => {
        await tick();
        await timeout(10_000, async () => {
          task.cancel(); // asyncio.current_task().cancel()
          await scopedSleep(10_000);
        });
      });
      err = await rejectionOf(task);
    });
    assert.ok(!isTimeout(err), String(err));
    assert.equal((err as Error).name, "AbortError");
  });

  test("test_timeout_after_cancellation: cleanup after a cancellation times out on its own, in shield()", async () => {
    let cleanup: unknown;
    let unshielded: unknown;
    await TaskGroup.run(async (tg) => {
      const task = tg.createTask(async () => {
        await tick();
        try {
          task.cancel();
          await scopedSleep(1000); // work which will be cancelled
        } catch {
          // the cancellation is caught
        } finally {
          // conveyor's scope stays cancelled: an unshielded timeout is born cancelled...
          unshielded = await rejectionOf(timeout(0, () => scopedSleep(1000)));
          // ...and asyncio's behaviour, a fresh deadline for the cleanup, is shield's.
          cleanup = await rejectionOf(shield(() => timeout(0, () => scopedSleep(1000))));
        }
      });
      await task;
    });
    assert.ok(isTimeout(cleanup), String(cleanup));
    assert.equal((unshielded as Error).name, "AbortError");
  });

  test("bad arguments reject (never throw) with TypeError; a negative ms simply expires", async () => {
    for (const bad of ["10", Number.NaN, undefined]) {
      const result = timeout(bad as number, async () => 1);
      await assert.rejects(result, TypeError, String(bad));
    }
    await assert.rejects(timeout(10, 5 as never), TypeError);
    await assert.rejects(timeout(10, async () => 1, { signal: "x" as never }), TypeError);
    await assert.rejects(timeout(10, async () => 1, null as never), TypeError);
    assert.ok(isTimeout(await rejectionOf(timeout(-1, () => new Promise(() => {})))));
  });

  test("test_nested_timeout_in_finally: a timeout inside cleanup after a timeout", async () => {
    let innerErr: unknown;
    const err = await rejectionOf(
      timeout(10, async (signal) => {
        try {
          await cancellableSleep(1000, signal);
        } finally {
          innerErr = await rejectionOf(timeout(10, (s) => cancellableSleep(10000, s)));
        }
      }),
    );
    assert.ok(isTimeout(err));
    await sleep(30);
    assert.ok(isTimeout(innerErr));
  });
});

test("work that ignores its signal cannot hold timeout() past the deadline", async () => {
  const t0 = Date.now();
  const err = await rejectionOf(timeout(20, () => new Promise<never>(() => {})));
  assert.ok(isTimeout(err));
  assert.ok(Date.now() - t0 < 500, `took ${Date.now() - t0} ms`);
});

test("work that returns a value while being cancelled resolves with it, as in asyncio", async () => {
  const value = await timeout(10, async (signal) => {
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    return "finished anyway";
  });
  assert.equal(value, "finished anyway");
});

// Regression tests from the adversarial review of the core (formerly review/task-group-review.test.ts).
describe("timeout corners", () => {
  test(
    "a deadline beyond 2^31-1 ms does not fire at once",
    async () => {
      // Keep the TimeoutOverflowWarning of the buggy version out of the test output.
      const saved = process.listeners("warning");
      process.removeAllListeners("warning");
      process.on("warning", () => undefined);
      try {
        const value = await within(
          1000,
          timeout(2 ** 31, async () => {
            await sleep(30);
            return "done";
          }),
        );
        assert.equal(value, "done");
      } finally {
        process.removeAllListeners("warning");
        for (const listener of saved) process.on("warning", listener);
      }
    },
  );

  test("fn that throws synchronously: the error rejects the call, no timer is left behind", async () => {
    const boom = new Error("sync");
    const started = Date.now();
    const err = await rejectionOf(
      timeout(50, () => {
        throw boom;
      }),
    );
    assert.equal(err, boom);
    assert.ok(Date.now() - started < 40);
  });

  test("ms 0: work that is already done wins; pending work times out with its signal aborted", async () => {
    assert.equal(await timeout(0, () => 7), 7);
    assert.equal(await timeout(0, async () => 8), 8);
    let seen: AbortSignal | undefined;
    const err = await rejectionOf(
      timeout(0, (signal) => {
        seen = signal;
        return sleepFor(1000, undefined, { signal });
      }),
    );
    assert.ok(err instanceof TimeoutError);
    assert.equal(seen?.aborted, true);
    assert.equal(seen?.reason, err);
  });
});
