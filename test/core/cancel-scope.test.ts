/**
 * Cancellation nests, as in asyncio: a `timeout`, `TaskGroup.run` or waiting call made
 * inside a `timeout` callback, TaskGroup body or task obeys that scope without a signal
 * being threaded by hand; `{ signal }` adds to it, `{ signal: null }` and `shield()` opt
 * out. (The CPython tests that need this are ported in timeout.test.ts and
 * task-group.test.ts.)
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import {
  Barrier,
  Condition,
  Event,
  Lock,
  PriorityQueue,
  Queue,
  Semaphore,
  TaskGroup,
  TimeoutError,
  currentSignal,
  shield,
  timeout,
} from "../../src/index.ts";
import { collectUnhandledRejections, controller, rejectionOf, scopedSleep, sleep, tick, within } from "../helpers/async.ts";

const isTimeout = (err: unknown) => err instanceof TimeoutError;

describe("nested scopes", () => {
  test("an outer timeout cancels a get parked under an inner timeout; the next item stays queued", async () => {
    // The report: the inner get stayed parked and swallowed the next item.
    const q = new Queue<string>();
    const helper = () => timeout(1000, (s) => q.get({ signal: s }));
    const t0 = Date.now();
    const err = await rejectionOf(timeout(50, () => helper()));
    assert.ok(isTimeout(err), String(err));
    assert.ok(Date.now() - t0 < 500, `took ${Date.now() - t0} ms`);
    await q.put("next");
    assert.equal(q.qsize(), 1, "nobody took it");
    assert.equal(await q.get(), "next");
  });

  test("a get without a signal deep in a helper is cancelled by the enclosing timeout", async () => {
    const q = new Queue<number>();
    const deep = async () => {
      await Promise.resolve();
      return q.get();
    };
    const err = await rejectionOf(timeout(20, async () => deep()));
    assert.ok(isTimeout(err));
    q.putNowait(1);
    await tick();
    assert.equal(q.qsize(), 1);
  });

  test("a nested group whose parent failed stops at once (not at its own end)", async () => {
    const t0 = Date.now();
    const err = await rejectionOf(
      TaskGroup.run(async (outer) => {
        outer.createTask(async () => {
          await sleep(10);
          throw new RangeError("parent fails");
        });
        outer.createTask(() =>
          TaskGroup.run(async (inner) => {
            inner.createTask(() => scopedSleep(1000));
            await scopedSleep(1000);
          }),
        );
      }),
    );
    assert.ok(err instanceof AggregateError);
    assert.deepEqual(
      err.errors.map((e: Error) => e.message),
      ["parent fails"],
    );
    assert.ok(Date.now() - t0 < 500, `took ${Date.now() - t0} ms`);
  });

  test("a timeout inside a task is cancelled when the group fails, with the group's reason", async () => {
    let inner: unknown;
    await rejectionOf(
      TaskGroup.run(async (tg) => {
        tg.createTask(async () => {
          inner = await rejectionOf(timeout(10_000, () => new Event().wait()));
        });
        await sleep(5);
        throw new RangeError("body fails");
      }),
    );
    assert.ok(!isTimeout(inner), "not a TimeoutError: the group cancelled it");
    assert.equal((inner as Error).name, "AbortError");
  });

  test("timeout(ms, fn, { signal }) follows an outer signal and rejects with its reason", async () => {
    const { signal, abort, reason } = controller("outer");
    let seen: AbortSignal | undefined;
    const pending = timeout(10_000, (s) => {
      seen = s;
      return new Event().wait({ signal: s });
    }, { signal });
    abort();
    assert.equal(await rejectionOf(pending), reason);
    assert.equal(seen!.reason, reason);
  });

  test("timeout with an already aborted outer signal runs the work with an aborted signal", async () => {
    const { ac, reason } = controller();
    ac.abort(reason);
    let ran = false;
    const err = await rejectionOf(
      timeout(1000, (s) => {
        ran = true;
        assert.equal(s.aborted, true);
        return new Lock().acquire();
      }, { signal: ac.signal }),
    );
    assert.equal(ran, true);
    assert.equal(err, reason);
  });

  test("TaskGroup.run inside a timeout callback is cancelled at the deadline", async () => {
    let taskSawAbort = false;
    const err = await rejectionOf(
      timeout(20, () =>
        TaskGroup.run((tg) => {
          tg.createTask(async (signal) => {
            await new Event().wait();
            taskSawAbort = signal.aborted;
          });
        }),
      ),
    );
    assert.ok(isTimeout(err), String(err));
    assert.equal(taskSawAbort, false, "the task's wait rejected; it never resumed normally");
  });
});

describe("every primitive's waiting calls follow the scope", () => {
  const waits: Record<string, () => Promise<unknown>> = {
    "Queue.get": () => new Queue().get(),
    "Queue.put": async () => {
      const q = new Queue<number>(1);
      q.putNowait(1);
      return q.put(2);
    },
    "Queue.join": async () => {
      const q = new Queue<number>();
      q.putNowait(1);
      return q.join();
    },
    "PriorityQueue.get": () => new PriorityQueue().get(),
    "Lock.acquire": async () => {
      const lock = new Lock();
      await lock.acquire();
      return lock.acquire();
    },
    "Semaphore.acquire": () => new Semaphore(0).acquire(),
    "Event.wait": () => new Event().wait(),
    "Condition.wait": async () => {
      const cond = new Condition();
      await cond.acquire();
      return cond.wait();
    },
    "Barrier.wait": () => new Barrier(2).wait(),
  };
  for (const [name, wait] of Object.entries(waits)) {
    test(`${name} is cancelled by the enclosing timeout`, async () => {
      const err = await within(1000, rejectionOf(timeout(10, () => wait())), name);
      assert.ok(isTimeout(err), `${name}: ${String(err)}`);
    });
  }

  test("a wait in an already cancelled scope rejects at once, even with an item ready", async () => {
    const q = new Queue<number>();
    q.putNowait(1);
    const { signal, abort, reason } = controller();
    abort();
    const err = await rejectionOf(timeout(1000, () => q.get(), { signal }));
    assert.equal(err, reason);
    assert.equal(q.qsize(), 1, "a cancelled caller takes nothing");
  });

  test("{ signal: null } waits regardless of the scope", async () => {
    const q = new Queue<string>();
    const got = await TaskGroup.run(async (tg) => {
      const task = tg.createTask(async (signal) => {
        await rejectionOf(new Event().wait()); // cancelled below
        assert.equal(signal.aborted, true);
        return q.get({ signal: null }); // still waits, and gets the item
      });
      await tick();
      task.cancel();
      await sleep(10);
      q.putNowait("x");
      return task;
    });
    assert.equal(got, "x");
  });

  test("an own signal and the scope both cancel; listeners are removed after the wait", async () => {
    const q = new Queue<number>();
    const { signal, abort, reason } = controller("own");
    // The own signal aborts first.
    const first = timeout(10_000, (scope) => {
      const pending = q.get({ signal });
      assert.equal(getEventListeners(scope, "abort").length > 0, true);
      return pending;
    });
    abort();
    assert.equal(await rejectionOf(first), reason);
    // The scope aborts first, though an own signal was given.
    const other = new AbortController();
    assert.ok(isTimeout(await rejectionOf(timeout(10, () => q.get({ signal: other.signal })))));
    assert.equal(getEventListeners(other.signal, "abort").length, 0, "no listener left on the own signal");
    // A successful wait leaves no listener on a long-lived own signal either.
    const keep = new AbortController();
    await TaskGroup.run(async () => {
      const scopeSignal = currentSignal()!;
      const before = getEventListeners(scopeSignal, "abort").length;
      for (let i = 0; i < 50; i++) {
        const got = q.get({ signal: keep.signal });
        q.putNowait(i);
        assert.equal(await got, i);
      }
      assert.equal(getEventListeners(keep.signal, "abort").length, 0);
      assert.equal(getEventListeners(scopeSignal, "abort").length, before);
    });
  });

  test("for await over a queue ends with the scope's cancellation", async () => {
    const q = new Queue<number>();
    const seen: number[] = [];
    const pending = timeout(30, async () => {
      for await (const x of q) seen.push(x);
    });
    q.putNowait(1);
    q.putNowait(2);
    assert.ok(isTimeout(await rejectionOf(pending)));
    assert.deepEqual(seen, [1, 2]);
    q.putNowait(3);
    assert.equal(q.qsize(), 1);
  });
});

describe("currentSignal and shield", () => {
  test("currentSignal is the innermost scope's signal, and undefined outside", async () => {
    assert.equal(currentSignal(), undefined);
    await timeout(1000, async (outer) => {
      assert.equal(currentSignal(), outer);
      await TaskGroup.run(async (tg) => {
        assert.equal(currentSignal(), tg.signal);
        const task = tg.createTask(async (signal) => {
          await tick();
          assert.equal(currentSignal(), signal);
        });
        await task;
        assert.equal(currentSignal(), tg.signal);
      });
      await tick();
      assert.equal(currentSignal(), outer);
    });
    assert.equal(currentSignal(), undefined);
  });

  test("after a scope closes unaborted, leftover work follows the enclosing scope", async () => {
    let leftover: Promise<unknown> | undefined;
    const q = new Queue<number>();
    const err = await rejectionOf(
      timeout(30, async () => {
        await timeout(1000, () => {
          leftover = (async () => {
            await sleep(5);
            return q.get(); // the inner timeout has finished: the outer one governs
          })();
        });
        await new Event().wait();
      }),
    );
    assert.ok(isTimeout(err));
    assert.ok(isTimeout(await rejectionOf(leftover!)));
  });

  test("shield: waits inside it are not cancelled by the scope", async () => {
    const q = new Queue<string>();
    let putBack: Promise<void> | undefined;
    const err = await rejectionOf(
      timeout(10, async () => {
        try {
          await new Event().wait();
        } catch (e) {
          putBack = shield(async () => {
            await sleep(20);
            await q.put("returned"); // would reject at once without shield
          });
          throw e;
        }
      }),
    );
    assert.ok(isTimeout(err));
    await putBack;
    assert.deepEqual([q.getNowait()], ["returned"]);
  });

  test("shield validates its argument and turns a throw into a rejection", async () => {
    await assert.rejects(shield(42 as never), TypeError);
    await assert.rejects(
      shield(() => {
        throw new RangeError("sync");
      }),
      RangeError,
    );
    assert.equal(await shield(() => 7), 7);
  });
});

describe("TaskGroup.run and cancellation", () => {
  test("a body that awaits a task it cancelled rejects with the cancellation", async () => {
    let cancelledWith: unknown;
    const err = await rejectionOf(
      TaskGroup.run(async (tg) => {
        const t = tg.createTask(() => scopedSleep(10_000));
        await tick();
        t.cancel();
        cancelledWith = t.signal.reason;
        await t;
      }),
    );
    assert.equal(err, cancelledWith);
    assert.equal((err as Error).name, "AbortError");
  });

  test("a body that awaits a cancelled task and handles it resolves", async () => {
    const value = await TaskGroup.run(async (tg) => {
      const t = tg.createTask(() => scopedSleep(10_000));
      t.cancel();
      return t.catch(() => "handled");
    });
    assert.equal(value, "handled");
  });

  test("Task is a full promise: catch, finally, toStringTag", async () => {
    await TaskGroup.run(async (tg) => {
      const ok = tg.createTask(async () => 1);
      const bad = tg.createTask(async () => {
        throw new RangeError("x");
      });
      let finallyRan = false;
      assert.equal(await ok.finally(() => (finallyRan = true)), 1);
      assert.equal(finallyRan, true);
      assert.equal(await bad.catch((e: Error) => e.message), "x");
      assert.equal(Object.prototype.toString.call(ok), "[object Task]");
    }).catch(() => {}); // the failed task fails the group; only the Task API is under test
  });
});

describe("no unhandled rejections, nothing left parked", () => {
  test("random cancellations of nested scopes leave no listener on the outer signal", async () => {
    const ac = new AbortController();
    const unhandled = await collectUnhandledRejections(async () => {
      const q = new Queue<number>();
      const runs = [];
      for (let i = 0; i < 20; i++) {
        runs.push(
          timeout(5 + (i % 7), () => TaskGroup.run((tg) => {
            tg.createTask(() => q.get());
            tg.createTask(() => timeout(3, () => new Event().wait()));
          }), { signal: ac.signal }).catch(() => {}),
        );
      }
      await Promise.all(runs);
      assert.equal(getEventListeners(ac.signal, "abort").length, 0);
      q.putNowait(1);
      await tick();
      assert.equal(q.qsize(), 1);
    });
    assert.deepEqual(unhandled, []);
  });
});

describe("exec's waiting calls follow the scope too", () => {
  test("ThreadQueue.get and pool.run without a signal are cancelled by the enclosing timeout", async () => {
    const { ThreadPool, ThreadQueue } = await import("../../src/exec/index.ts");
    const tq = new ThreadQueue<number>();
    assert.ok(isTimeout(await rejectionOf(timeout(20, () => tq.get()))));
    tq.putNowait(1);
    assert.equal(tq.qsize(), 1, "the cancelled get took nothing");
    const pool = new ThreadPool({ module: new URL("../exec/pool/fixtures/tasks.ts", import.meta.url), maxWorkers: 1 });
    try {
      const err = await rejectionOf(timeout(300, () => pool.run(5000, { name: "sleepMs" })));
      assert.ok(isTimeout(err), String(err));
      assert.equal(await pool.run(1, { name: "sleepMs", signal: null }), 1, "null: not cancellable");
    } finally {
      await pool.destroy();
    }
  });
});
