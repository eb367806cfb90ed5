/**
 * Event: ported from CPython 3.13 Lib/test/test_asyncio/test_locks.py `EventTests`.
 *
 * asyncio's Event (Lib/asyncio/locks.py): `set()` wakes every waiter and they return
 * True even if `clear()` is called before they resume; `wait()` on a set event returns at
 * once.
 *
 * Skipped, and why:
 * - test_repr: Python repr formatting.
 * - The exact order [3, 1, 2] in test_wait comes from asyncio's scheduler (t3 is created
 *   before set() but takes its first step after it and so finishes first); Node runs an
 *   async function synchronously up to its first await, so t3 is already waiting. The
 *   port checks that all three are woken by one set().
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Event } from "../../src/index.ts";
import { controller, rejectionOf, spawn, tick, within } from "../helpers/async.ts";

describe("Event (EventTests)", () => {
  test("test_wait: one set() wakes every waiter", async () => {
    const ev = new Event();
    assert.equal(ev.isSet(), false);
    const result: number[] = [];
    const c = (n: number) => async () => {
      if (await ev.wait()) result.push(n);
    };
    const t1 = spawn(c(1));
    const t2 = spawn(c(2));
    await tick();
    assert.deepEqual(result, []);
    const t3 = spawn(c(3));
    ev.set();
    await tick();
    assert.deepEqual([...result].sort(), [1, 2, 3]);
    for (const t of [t1, t2, t3]) {
      assert.equal(t.done, true);
      assert.equal(t.result(), undefined);
    }
  });

  test("waiters already waiting are woken in the order they started waiting", async () => {
    const ev = new Event();
    const result: number[] = [];
    const tasks = [1, 2, 3].map((n) =>
      spawn(async () => {
        await ev.wait();
        result.push(n);
      }),
    );
    await tick();
    ev.set();
    await within(1000, Promise.all(tasks.map((t) => t.promise)));
    assert.deepEqual(result, [1, 2, 3]);
  });

  test("test_wait_on_set: wait() on a set event resolves to true at once", async () => {
    const ev = new Event();
    ev.set();
    assert.equal(await within(100, ev.wait()), true);
  });

  test("test_wait_cancel: an aborted wait rejects with the reason and leaves no waiter", async () => {
    const ev = new Event();
    const c = controller();
    const wait = spawn(() => ev.wait({ signal: c.signal }));
    setImmediate(c.abort);
    assert.equal(await rejectionOf(wait.promise), c.reason);
    ev.set();
    await tick();
    assert.equal(ev.isSet(), true);
  });

  test("test_clear: set and clear flip isSet()", () => {
    const ev = new Event();
    assert.equal(ev.isSet(), false);
    ev.set();
    assert.equal(ev.isSet(), true);
    ev.clear();
    assert.equal(ev.isSet(), false);
  });

  test("test_clear_with_waiters: a waiter woken by set() returns true even after clear()", async () => {
    const ev = new Event();
    const result: number[] = [];
    const t = spawn(async () => {
      if (await ev.wait()) result.push(1);
      return true;
    });
    await tick();
    assert.deepEqual(result, []);

    ev.set();
    ev.clear();
    assert.equal(ev.isSet(), false);

    ev.set();
    ev.set();
    await tick();
    assert.deepEqual(result, [1]);
    assert.equal(t.result(), true);
  });

  test("set() then clear() before the waiter resumes still wakes it", async () => {
    const ev = new Event();
    const t = spawn(() => ev.wait());
    await tick();
    ev.set();
    ev.clear();
    await tick();
    assert.equal(t.done, true);
    assert.equal(t.result(), true);
    // A wait() that starts after the clear() waits for the next set().
    const later = spawn(() => ev.wait());
    await tick();
    assert.equal(later.done, false);
    ev.set();
    await tick();
    assert.equal(later.result(), true);
  });

  test("an already-aborted signal rejects wait() on an unset event with its reason", async () => {
    const ev = new Event();
    const c = controller();
    c.abort();
    assert.equal(await rejectionOf(ev.wait({ signal: c.signal })), c.reason);
  });
});

test("wait() woken by set() but aborted before it resumes rejects with the reason, as in asyncio", async () => {
  const event = new Event();
  const controller = new AbortController();
  const waiting = event.wait({ signal: controller.signal });
  await new Promise((resolve) => setImmediate(resolve));
  event.set();
  controller.abort(new Error("cancelled after the wake-up"));
  await assert.rejects(waiting, /cancelled after the wake-up/);
  assert.equal(event.isSet(), true);
});
