/**
 * timeout(ms, (signal) => promise): ported from CPython 3.13
 * Lib/test/test_asyncio/test_timeouts.py (asyncio.timeout) and the wait_for cases of
 * test_queues.py / test_locks.py.
 *
 * Skipped, and why:
 * - test_timeout_at_basic, test_timeout_at_disabled, test_reschedule, test_repr_*: the
 *   context-manager object (`when()`, `reschedule()`, `expired()`, repr) has no
 *   counterpart; `timeout` is a function.
 * - test_timeout_disabled (`timeout(None)`): ported as `timeout(Infinity, ...)`.
 * - test_timeout_zero_sleep_zero, test_timeout_in_the_past_sleep_zero: asyncio expires a
 *   past deadline at the first suspension; a Node timer of 0 ms races setImmediate, so
 *   the outcome is not defined. A negative `ms` is a bad argument here.
 * - test_outer_task_is_not_cancelled, test_timeout_after_cancellation,
 *   test_cancel_in_timeout_after_cancellation, test_foreign_cancel_doesnt_timeout_if_not_expired:
 *   Task.cancel()/uncancel() bookkeeping, Python-only.
 * - test_timeout_exception_cause: TimeoutError.__cause__ chaining of CancelledError.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleepFor } from "node:timers/promises";
import { TimeoutError, timeout } from "../../src/index.ts";
import { collectUnhandledRejections, rejectionOf, sleep, tick } from "../helpers/async.ts";

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
      timeout(10, (outer) =>
        timeout(10, async (inner) => {
          try {
            await cancellableSleep(10000, AbortSignal.any([outer, inner]));
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

  test("test_nested_timeouts_loop_busy: the outer deadline interrupts work after an inner timeout", async () => {
    const t0 = Date.now();
    const err = await rejectionOf(
      timeout(100, async (outer) => {
        const inner = await rejectionOf(timeout(10, (signal) => cancellableSleep(1000, signal)));
        assert.ok(isTimeout(inner));
        // The inner TimeoutError was caught; this sleep is interrupted by the outer deadline.
        await cancellableSleep(10000, outer);
      }),
    );
    assert.ok(isTimeout(err));
    assert.ok(Date.now() - t0 < 1000);
  });

  test("a bad ms throws TypeError or RangeError", () => {
    for (const bad of ["10", Number.NaN, -1]) {
      assert.throws(
        () => timeout(bad as number, async () => 1),
        (err: unknown) => err instanceof TypeError || err instanceof RangeError,
        String(bad),
      );
    }
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
