/**
 * Adversarial review of TaskGroup (src/core/task-group.ts) and timeout
 * (src/core/timeout.ts), against CPython 3.13's Lib/asyncio/taskgroups.py and timeouts.py.
 *
 * Several reproduced bugs or divergences from asyncio before their fixes landed; the others pin
 * down corners the ported tests in test/core do not reach.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleepFor } from "node:timers/promises";
import { TaskGroup, TimeoutError, timeout } from "../../../src/index.ts";
import { collectUnhandledRejections, controller, rejectionOf, sleep, tick, within } from "../../helpers/async.ts";

/** Waits until `signal` aborts, then rejects with its reason (a well-behaved task). */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

function aggregate(err: unknown): unknown[] {
  assert.ok(err instanceof AggregateError, `expected an AggregateError, got ${String(err)}`);
  return err.errors;
}

describe("TaskGroup: tasks awaiting tasks", () => {
  test(
    "a task awaiting a failed sibling does not report the sibling's error a second time",
    async () => {
      const boom = new Error("boom");
      const err = await rejectionOf(
        within(
          1000,
          TaskGroup.run(async (tg) => {
            const a = tg.createTask(async () => {
              await sleep(5);
              throw boom;
            });
            tg.createTask(async () => {
              await a;
            });
          }),
        ),
      );
      assert.deepEqual(aggregate(err), [boom]);
    },
  );

  test(
    "a task awaiting a sibling that was cancelled on its own is cancelled too, not a failure",
    async () => {
      const value = await within(
        1000,
        TaskGroup.run(async (tg) => {
          const a = tg.createTask((signal) => untilAborted(signal));
          tg.createTask(async () => {
            await a;
          });
          await tick();
          a.cancel();
          return "body value";
        }),
      );
      assert.equal(value, "body value");
    },
  );

  test("a task awaiting a sibling that succeeds gets its value; the group waits for both", async () => {
    const value = await within(
      1000,
      TaskGroup.run(async (tg) => {
        const a = tg.createTask(async () => {
          await sleep(2);
          return 20;
        });
        const b = tg.createTask(async () => (await a) + 1);
        return b;
      }),
    );
    assert.equal(value, 21); // the body returned the task; run resolved it
  });
});

describe("TaskGroup: createTask while the group is cancelling", () => {
  test(
    "an outer signal that is already aborted rejects run with its reason even if the body creates tasks",
    async () => {
      const c = controller("outer");
      c.abort();
      const err = await rejectionOf(
        within(
          1000,
          TaskGroup.run(
            async (tg) => {
              tg.createTask((signal) => untilAborted(signal));
              await untilAborted(tg.signal);
            },
            { signal: c.signal },
          ),
        ),
      );
      assert.equal(err, c.reason);
    },
  );

  test(
    "a body that creates a task after a sibling failed reports only the sibling's failure",
    async () => {
      const boom = new Error("boom");
      const err = await rejectionOf(
        within(
          1000,
          TaskGroup.run(async (tg) => {
            tg.createTask(async () => {
              throw boom;
            });
            await sleep(5); // not abortable: the body does not notice the failure
            tg.createTask((signal) => untilAborted(signal));
          }),
        ),
      );
      assert.deepEqual(aggregate(err), [boom]);
    },
  );
});

describe("TaskGroup: errors", () => {
  test(
    "errors list the tasks' failures before the body's own, as asyncio appends the body's last",
    async () => {
      const fromTask = new Error("task failed while being cancelled");
      const fromBody = new Error("body");
      const err = await rejectionOf(
        within(
          1000,
          TaskGroup.run((tg) => {
            tg.createTask(async (signal) => {
              await untilAborted(signal).catch(() => undefined);
              throw fromTask;
            });
            throw fromBody;
          }),
        ),
      );
      assert.deepEqual(aggregate(err), [fromTask, fromBody]);
    },
  );

  test("synchronously throwing tasks and a synchronously throwing body: every error once, none unhandled", async () => {
    const t1 = new Error("t1");
    const t2 = new Error("t2");
    const body = new Error("body");
    let err: unknown;
    const unhandled = await collectUnhandledRejections(async () => {
      err = await rejectionOf(
        TaskGroup.run((tg) => {
          tg.createTask(() => {
            throw t1;
          });
          tg.createTask(() => {
            throw t2;
          });
          throw body;
        }),
      );
    });
    assert.deepEqual(unhandled, []);
    const errors = aggregate(err);
    assert.equal(errors.length, 3);
    assert.deepEqual(new Set(errors), new Set([t1, t2, body]));
  });

  test("a failed task the body also awaits and never catches is not an unhandled rejection", async () => {
    const boom = new Error("boom");
    const unhandled = await collectUnhandledRejections(async () => {
      await rejectionOf(
        TaskGroup.run(async (tg) => {
          const a = tg.createTask(async () => {
            await tick();
            throw boom;
          });
          // A second, independent observer of the failed task that the body awaits.
          await Promise.all([a, tg.createTask((signal) => untilAborted(signal))]);
        }),
      );
    });
    assert.deepEqual(unhandled, []);
  });
});

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
