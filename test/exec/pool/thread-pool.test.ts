// ThreadPool specifics: batched, pipelined dispatch keeps every semantic of one-at-a-time
// dispatch: spreading, work stealing, cancellation inside a worker's window, transfer.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ThreadPool } from "../../../src/exec/pool/index.ts";
import { settle, TASKS, withPool } from "./helpers.ts";

describe("ThreadPool pipelining", () => {
  test("many tiny tasks in one tick all resolve to their own results", async () => {
    await withPool(new ThreadPool({ module: TASKS, maxWorkers: 2 }), async (pool) => {
      const n = 20_000;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => (i % 97 === 0 ? pool.run({ a: i, b: 1, ms: 0 }, { name: "addLater" }) : pool.run({ a: i, b: 1 }))),
      );
      for (let i = 0; i < n; i++) assert.equal(results[i], i + 1);
    });
  });

  test("a fast task's result does not wait for a long task dispatched behind it", async () => {
    await withPool(new ThreadPool({ module: TASKS, maxWorkers: 1 }), async (pool) => {
      // Teach the worker that `add` is fast, so it is batched the way the benchmark runs it.
      await Promise.all(Array.from({ length: 50 }, (_, i) => pool.run({ a: i, b: 1 })));
      const t0 = performance.now();
      const fast = pool.run({ a: 1, b: 2 }).then(() => performance.now() - t0);
      const slow = pool.run(400, { name: "spin" }).then(() => performance.now() - t0);
      const [fastMs, slowMs] = await Promise.all([fast, slow]);
      assert.ok(slowMs >= 350, `spin finished after ${slowMs} ms`);
      assert.ok(fastMs < slowMs - 200, `the fast result came after ${fastMs} ms, the slow one after ${slowMs} ms`);
    });
  });

  test("CPU-bound tasks spread over both workers", async () => {
    await withPool(new ThreadPool({ module: TASKS, maxWorkers: 2 }), async (pool) => {
      // Warm up first: while one worker is still booting the other rightly steals its work.
      await Promise.all([pool.run(1, { name: "spin" }), pool.run(1, { name: "spin" })]);
      const threads = (await Promise.all(Array.from({ length: 16 }, () => pool.run(15, { name: "spinWho" })))) as number[];
      const perThread = new Map<number, number>();
      for (const t of threads) perThread.set(t, (perThread.get(t) ?? 0) + 1);
      assert.equal(perThread.size, 2);
      for (const count of perThread.values()) assert.ok(count >= 4, `unbalanced: ${[...perThread.values()]}`);
    });
  });

  test("an idle worker steals tasks that have not started from a busy one", async () => {
    await withPool(new ThreadPool({ module: TASKS, maxWorkers: 2 }), async (pool) => {
      await Promise.all([pool.run(1, { name: "spin" }), pool.run(1, { name: "spin" })]); // both workers up
      // Finish times by the workers' clock: the main thread may handle results late, in a burst.
      const long = pool.run(800, { name: "spinStamp" }) as Promise<number>;
      const shorts = Array.from({ length: 20 }, () => pool.run(10, { name: "spinStamp" }) as Promise<number>);
      const shortDone = Math.max(...(await Promise.all(shorts)));
      const longDone = await long;
      assert.ok(shortDone < longDone, "short tasks waited behind the long one");
    });
  });

  test("aborting the running task re-queues the tasks buffered behind it", async () => {
    await withPool(new ThreadPool({ module: TASKS, maxWorkers: 1 }), async (pool) => {
      const controller = new AbortController();
      const running = settle(pool.run(10_000, { name: "spin", signal: controller.signal }));
      const behind = Array.from({ length: 50 }, (_, i) => pool.run({ a: i, b: 0 }));
      await new Promise((r) => setTimeout(r, 100));
      controller.abort();
      assert.equal((await running)[0], false);
      assert.deepEqual(await Promise.all(behind), Array.from({ length: 50 }, (_, i) => i));
    });
  });

  test("transfer moves an ArrayBuffer to the worker", async () => {
    await withPool(new ThreadPool({ module: TASKS, maxWorkers: 1 }), async (pool) => {
      const buffer = new ArrayBuffer(1024);
      assert.equal(await pool.run(buffer, { name: "byteLength", transfer: [buffer] }), 1024);
      assert.equal(buffer.byteLength, 0, "detached on this side");
    });
  });
});
