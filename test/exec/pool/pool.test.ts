// ThreadPool and ProcessPool behind the same interface: running tasks, cancellation of
// queued and running tasks, timeouts, backpressure, close vs destroy, idle shrinking.
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { relative } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { TimeoutError } from "../../../src/core/errors.ts";
import { PoolClosedError, ThreadPool } from "../../../src/exec/pool/index.ts";
import { KINDS, makePool, settle, TASKS, until, withPool } from "./helpers.ts";

type Who = { pid: number; threadId: number };
const identityOf = (who: Who): string => `${who.pid}/${who.threadId}`;

for (const kind of KINDS) {
  describe(`${kind} pool`, () => {
    test("runs the default export, named exports and async exports of a TypeScript module", async () => {
      await withPool(makePool(kind), async (pool) => {
        assert.equal(await pool.run({ a: 2, b: 3 }), 5);
        assert.equal(await pool.run(20, { name: "fib" }), 6765);
        assert.equal(await pool.run({ a: 1, b: 1, ms: 5 }, { name: "addLater" }), 2);
        const value = { map: new Map([[1, { d: new Date(0) }]]), big: 10n };
        assert.deepEqual(await pool.run(value, { name: "identity" }), value);
      });
    });

    test("a missing export rejects that task only", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const [ok, error] = await settle(pool.run(1, { name: "nope" }));
        assert.equal(ok, false);
        assert.ok(error instanceof TypeError);
        assert.match((error as Error).message, /no function export "nope"/);
        assert.equal(await pool.run({ a: 1, b: 2 }), 3);
      });
    });

    test("module may be a path relative to the cwd or a file: URL string", async () => {
      const path = relative(process.cwd(), fileURLToPath(TASKS));
      for (const module of [path, TASKS.href]) {
        await withPool(makePool(kind, { module, maxWorkers: 1 }), async (pool) => {
          assert.equal(await pool.run({ a: 4, b: 4 }), 8);
        });
      }
    });

    test("an aborted queued task is removed without disturbing the worker", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const first = await pool.run(null, { name: "whoAmI" });
        const running = pool.run(150, { name: "sleepMs" });
        const controller = new AbortController();
        const queued = pool.run(1, { name: "sleepMs", signal: controller.signal });
        const after = pool.run(null, { name: "whoAmI" });
        await new Promise((r) => setTimeout(r, 20));
        const reason = new Error("changed my mind");
        controller.abort(reason);
        assert.equal((await settle(queued))[1], reason);
        assert.equal(await running, 150);
        assert.equal(identityOf((await after) as Who), identityOf(first as Who), "same worker kept");
      });
    });

    test("an aborted running task rejects with signal.reason; its worker is replaced", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const before = (await pool.run(null, { name: "whoAmI" })) as Who;
        const controller = new AbortController();
        const running = pool.run(10_000, { name: "spin", signal: controller.signal });
        const waiting = [1, 2, 3].map((a) => pool.run({ a, b: 10 }));
        await new Promise((r) => setTimeout(r, 100));
        controller.abort();
        const [ok, error] = await settle(running);
        assert.equal(ok, false);
        assert.equal((error as Error).name, "AbortError");
        // Tasks behind it are neither lost nor failed: they run on the replacement.
        assert.deepEqual(await Promise.all(waiting), [11, 12, 13]);
        const after = (await pool.run(null, { name: "whoAmI" })) as Who;
        assert.notEqual(identityOf(after), identityOf(before));
      });
    });

    test("an already aborted signal rejects at once", async () => {
      await withPool(makePool(kind), async (pool) => {
        const reason = new Error("too late");
        assert.equal((await settle(pool.run(1, { signal: AbortSignal.abort(reason) })))[1], reason);
        assert.equal(pool.workerCount, 0, "no worker started for it");
      });
    });

    test("timeout rejects a running task with TimeoutError and a queued one too", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const started = Date.now();
        const running = pool.run(10_000, { name: "spin", timeout: 300 });
        const queued = pool.run(1, { name: "sleepMs", timeout: 150 });
        const [, queuedError] = await settle(queued);
        assert.ok(queuedError instanceof TimeoutError);
        const [, runningError] = await settle(running);
        assert.ok(runningError instanceof TimeoutError);
        assert.equal((runningError as TimeoutError).code, "ERR_TIMEOUT");
        assert.ok(Date.now() - started < 5000);
        assert.equal(await pool.run({ a: 1, b: 1 }, { timeout: 5000 }), 2);
      });
    });

    test("maxQueue: run() waits for room in FIFO order and its wait is abortable", async () => {
      await withPool(makePool(kind, { maxWorkers: 1, maxQueue: 1 }), async (pool) => {
        const order: number[] = [];
        const track = (p: Promise<unknown>, n: number) => p.then(() => order.push(n));
        const a = track(pool.run(100, { name: "sleepMs" }), 1); // running
        const b = track(pool.run(1, { name: "sleepMs" }), 2); // queued: the one allowed
        const controller = new AbortController();
        const c = pool.run(1, { name: "sleepMs", signal: controller.signal }); // waits for room
        const d = track(pool.run(1, { name: "sleepMs" }), 4); // waits behind c
        await new Promise((r) => setTimeout(r, 10));
        assert.equal(pool.queueSize, 3);
        controller.abort(new Error("gave up waiting"));
        assert.equal(((await settle(c))[1] as Error).message, "gave up waiting");
        await Promise.all([a, b, d]);
        assert.deepEqual(order, [1, 2, 4]);
      });
    });

    test("close() lets queued and running tasks finish, then refuses new ones", async () => {
      const pool = makePool(kind, { maxWorkers: 1 });
      const tasks = [pool.run(50, { name: "sleepMs" }), pool.run({ a: 1, b: 2 }), pool.run({ a: 3, b: 4 })];
      const closed = pool.close();
      assert.equal(((await settle(pool.run(1)))[1] as Error).name, "PoolClosedError");
      assert.deepEqual(await Promise.all(tasks), [50, 3, 7]);
      await closed;
      assert.equal(pool.workerCount, 0);
      assert.ok((await settle(pool.run(1)))[1] instanceof PoolClosedError);
    });

    test("destroy() rejects queued and running tasks with PoolClosedError", async () => {
      const pool = makePool(kind, { maxWorkers: 1 });
      const running = settle(pool.run(10_000, { name: "spin" }));
      const queued = settle(pool.run({ a: 1, b: 2 }));
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      await pool.destroy();
      assert.ok(Date.now() - started < 3000, "did not wait for the running task");
      assert.ok((await running)[1] instanceof PoolClosedError);
      assert.ok((await queued)[1] instanceof PoolClosedError);
      assert.equal(pool.workerCount, 0);
    });

    test("minWorkers start eagerly; idleTimeout shrinks the pool back to minWorkers", async () => {
      await withPool(makePool(kind, { minWorkers: 1, maxWorkers: 2, idleTimeout: 100 }), async (pool) => {
        assert.equal(pool.workerCount, 1);
        const both = Promise.all([pool.run(300, { name: "sleepMs" }), pool.run(300, { name: "sleepMs" })]);
        // Two queued tasks grow the pool to maxWorkers. (Asserting after they finish would
        // race with the idle timeout when a slow-starting worker finds nothing left to do.)
        await until(() => pool.workerCount === 2, 3000, "the pool to grow to 2 workers");
        await both;
        await until(() => pool.workerCount === 1, 3000, "idle worker to exit");
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(pool.workerCount, 1, "never below minWorkers");
      });
    });

    test("maxWorkers bounds concurrency and tasks spread over the workers", async () => {
      await withPool(makePool(kind, { maxWorkers: 2 }), async (pool) => {
        const who = (await Promise.all(
          Array.from({ length: 8 }, () => pool.run(null, { name: "whoAmI" }).then(async (w) => {
            await pool.run(30, { name: "spin" });
            return w;
          })),
        )) as Who[];
        assert.ok(pool.workerCount <= 2);
        const spins = await Promise.all(Array.from({ length: 4 }, () => pool.run(null, { name: "whoAmI" })));
        assert.ok(new Set([...who, ...(spins as Who[])].map(identityOf)).size <= 2);
      });
    });
  });
}

describe("accounting", () => {
  test("regression: a long-lived signal kept a listener after its tasks settled", async () => {
    const pool = new ThreadPool({ module: TASKS, maxWorkers: 1, maxQueue: 1 });
    const signal = new AbortController().signal; // never aborted, shared by every run
    try {
      const runs = [
        pool.run(0, { name: "spin", signal }), // resolves
        pool.run(5, { name: "maybeExit", signal }), // crashes its worker
        pool.run(300, { name: "spin", signal, timeout: 20 }), // times out (queued or running)
        pool.run(0, { name: "spin", signal, timeout: 20 }), // waits for room, may time out
        pool.run(0, { name: "nope", signal }), // missing export
      ];
      await Promise.all(runs.map(settle));
      assert.equal(getEventListeners(signal, "abort").length, 0);
      // The room accounting survived the crash and the timeouts: a full queue's worth runs.
      const more = [0, 0, 0].map(() => within(pool.run(0, { name: "spin" }), 5000));
      assert.deepEqual(await Promise.all(more), [0, 0, 0]);
      assert.equal(pool.queueSize, 0);
    } finally {
      await pool.destroy();
    }
  });

  test("regression: close() never resolved after an abort replaced the only worker mid-queue", async () => {
    const pool = new ThreadPool({ module: TASKS, maxWorkers: 1 });
    try {
      const controller = new AbortController();
      const first = settle(pool.run(2000, { name: "spin", signal: controller.signal }));
      const queued = [1, 2, 3].map(() => pool.run(0, { name: "spin" }));
      await new Promise((r) => setTimeout(r, 100));
      controller.abort();
      const closed = pool.close();
      assert.equal((await first)[0], false);
      assert.deepEqual(await within(Promise.all(queued), 5000), [0, 0, 0]);
      await within(closed, 5000);
      assert.equal(pool.workerCount, 0);
    } finally {
      await pool.destroy();
    }
  });
});

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not settled in ${ms} ms`)), ms)));
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
