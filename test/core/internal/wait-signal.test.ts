/**
 * No abort listener (src/core/internal/wait-signal.ts, waiter.ts, parked-call.ts) is left on a long-lived AbortSignal once a call
 * settles, on every path (fast path, woken, aborted, shut down, re-parked), for every core
 * primitive that takes a signal. A leak here grows without bound when one app-wide signal
 * is passed to millions of calls. (Regression tests from the adversarial review.)
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { Barrier, Condition, Event, Lock, Queue, Semaphore, TaskGroup } from "../../../src/index.ts";
import { controller, rejectionOf, tick, track, within } from "../../helpers/async.ts";

function listeners(signal: AbortSignal): number {
  return getEventListeners(signal, "abort").length;
}

describe("abort listeners on a long-lived signal", () => {
  test("Queue get/put: fast path, woken, re-parked, shut down and join leave none", async () => {
    const { signal } = new AbortController();
    const q = new Queue<number>({ maxsize: 1 });
    await q.put(1, { signal }); // fast path
    assert.equal(await q.get({ signal }), 1); // fast path
    assert.equal(listeners(signal), 0);

    const getter = track(q.get({ signal }));
    await tick();
    assert.equal(listeners(signal), 1, "a parked get listens");
    q.putNowait(2);
    assert.equal(q.getNowait(), 2); // barge: the woken getter re-parks
    await tick();
    assert.equal(getter.done, false);
    assert.equal(listeners(signal), 1, "a re-parked get listens once, not twice");
    q.putNowait(3);
    assert.equal(await within(200, getter.promise), 3);
    assert.equal(listeners(signal), 0);

    for (let i = 0; i < 3; i++) q.taskDone(); // items 1, 2, 3: join waits only for 4
    q.putNowait(4);
    const putter = track(q.put(5, { signal }));
    const joiner = track(q.join({ signal }));
    await tick();
    assert.equal(listeners(signal), 2);
    q.shutdown(true);
    await rejectionOf(putter.promise);
    await within(200, joiner.promise);
    assert.equal(listeners(signal), 0);

    const late = new Queue<number>();
    const shutGetter = track(late.get({ signal }));
    await tick();
    late.shutdown();
    await rejectionOf(shutGetter.promise);
    assert.equal(listeners(signal), 0);
  });

  test("an aborted signal keeps no listener either (the aborted call removed its own)", async () => {
    const c = controller();
    const q = new Queue<number>();
    const getter = track(q.get({ signal: c.signal }));
    const lock = new Lock();
    await lock.acquire();
    const acquirer = track(lock.acquire({ signal: c.signal }));
    await tick();
    c.abort();
    assert.equal(await rejectionOf(getter.promise), c.reason);
    assert.equal(await rejectionOf(acquirer.promise), c.reason);
    assert.equal(listeners(c.signal), 0);
  });

  test("Lock, Semaphore, Event, Condition, Barrier, TaskGroup leave none after a woken wait", async () => {
    const { signal } = new AbortController();
    const lock = new Lock();
    const held = await lock.acquire({ signal });
    const second = track(lock.acquire({ signal }));
    await tick();
    held.release();
    (await within(200, second.promise)).release();

    const sem = new Semaphore(0);
    const slot = track(sem.acquire({ signal }));
    await tick();
    sem.release();
    (await within(200, slot.promise)).release();

    const ev = new Event();
    const waited = track(ev.wait({ signal }));
    await tick();
    ev.set();
    await within(200, waited.promise);

    const cond = new Condition();
    const condHeld = await cond.acquire();
    const condWait = track(cond.wait({ signal }));
    await tick();
    const notifier = await cond.acquire();
    cond.notify();
    notifier.release();
    await within(200, condWait.promise);
    condHeld.release();

    const barrier = new Barrier(2);
    await within(200, Promise.all([barrier.wait({ signal }), barrier.wait({ signal })]));

    await TaskGroup.run(async (tg) => tg.createTask(async () => 1), { signal });
    await rejectionOf(
      TaskGroup.run(
        async (tg) => {
          tg.createTask(async () => {
            throw new Error("fail");
          });
        },
        { signal },
      ),
    );
    assert.equal(listeners(signal), 0);
  });
});
