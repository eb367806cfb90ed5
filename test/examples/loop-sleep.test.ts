/**
 * examples/lib/loop-sleep.ts: sleeps due together resume together, in asyncio's order.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { setTimeout as nodeSleep } from "node:timers/promises";
import { sleep } from "../../examples/lib/loop-sleep.ts";

/**
 * Two tasks sleep `ms` in one turn; when the first wakes it lets a third one go. Returns
 * the order in which the three got on.
 */
async function wakeOrder(sleepFn: (ms: number) => Promise<unknown>, ms = 20): Promise<string[]> {
  const order: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const first = (async () => {
    await sleepFn(ms);
    order.push("first finished");
    release();
  })();
  const second = (async () => {
    await sleepFn(ms);
    order.push("second finished");
  })();
  const third = (async () => {
    await released;
    order.push("third started");
  })();
  await Promise.all([first, second, third]);
  return order;
}

describe("loop-sleep", () => {
  test("two sleeps due together both resume before what the first one wakes (asyncio's order)", async () => {
    assert.deepEqual(await wakeOrder(sleep), ["first finished", "second finished", "third started"]);
  });

  test("node:timers/promises lets the first one's continuation run between the two (why the helper exists)", async () => {
    assert.deepEqual(await wakeOrder(nodeSleep), ["first finished", "third started", "second finished"]);
  });

  test("sleeps started in one turn end together even if the machine stalls between them", async () => {
    const order: string[] = [];
    const a = sleep(20).then(() => order.push("a"));
    const stalledUntil = performance.now() + 5; // a stall of 5 ms between the two calls
    while (performance.now() < stalledUntil);
    const b = sleep(20).then(() => order.push("b"));
    const c = (async () => {
      await a;
      order.push("after a");
    })();
    await Promise.all([a, b, c]);
    assert.deepEqual(order, ["a", "b", "after a"]);
  });

  test("each sleep waits its time, and a shorter one started later wakes first", async () => {
    const start = performance.now();
    const woke: [string, number][] = [];
    const long = sleep(200).then(() => woke.push(["long", performance.now() - start]));
    await nodeSleep(5); // a later turn
    const short = sleep(10).then(() => woke.push(["short", performance.now() - start]));
    await Promise.all([long, short]);
    assert.deepEqual(woke.map(([name]) => name), ["short", "long"]);
    // Node's timers count whole milliseconds, so allow one below.
    assert.ok(woke[0][1] >= 5 + 10 - 1, `short woke at ${woke[0][1]} ms`);
    assert.ok(woke[1][1] >= 200 - 1, `long woke at ${woke[1][1]} ms`);
  });

  test("a sleep of 0 resumes on a later turn, after what is already queued", async () => {
    const order: string[] = [];
    const zero = sleep(0).then(() => order.push("sleep(0)"));
    await Promise.resolve().then(() => order.push("microtask"));
    await zero;
    assert.deepEqual(order, ["microtask", "sleep(0)"]);
  });

  test("a negative or non-number delay is a RangeError", async () => {
    await assert.rejects(sleep(-1), { name: "RangeError", message: "sleep: ms must be a number >= 0, got -1" });
    await assert.rejects(sleep(Number.NaN), RangeError);
    await assert.rejects(sleep("5" as unknown as number), { name: "RangeError", message: /got 5$/ });
  });
});
