// Crash recovery: every way a worker can die rejects its task with WorkerCrashedError,
// and the pool replaces the worker and keeps serving.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isConveyorError } from "../../../src/core/errors.ts";
import { ProcessPool, ThreadPool, WorkerCrashedError } from "../../../src/exec/pool/index.ts";
import { KINDS, makePool, settle, until, withPool } from "./helpers.ts";

function assertCrashed(error: unknown): WorkerCrashedError {
  assert.ok(error instanceof WorkerCrashedError, `expected WorkerCrashedError, got ${String(error)}`);
  assert.equal(error.code, "ERR_WORKER_CRASHED");
  assert.equal(error.name, "WorkerCrashedError");
  assert.ok(isConveyorError(error, WorkerCrashedError));
  return error;
}

for (const kind of KINDS) {
  describe(`${kind} pool crashes`, () => {
    test("a task module that throws at load rejects the task with its error as cause", async () => {
      const module = new URL("./fixtures/throws-at-load.ts", import.meta.url);
      const pool = kind === "thread" ? new ThreadPool({ module, maxWorkers: 1 }) : new ProcessPool({ module, maxWorkers: 1 });
      await withPool(pool, async () => {
        const [ok, error] = await settle(pool.run(1));
        assert.equal(ok, false);
        const crashed = assertCrashed(error);
        const cause = crashed.cause as Error & { code?: string };
        assert.ok(cause instanceof Error);
        assert.equal(cause.message, "module exploded at load");
        assert.equal(cause.code, "E_LOAD");
        assert.equal(crashed.exitCode, 1);
        // The pool keeps serving: the next task gets a fresh worker (which fails the same way).
        assertCrashed((await settle(pool.run(2)))[1]);
      });
    });

    test("process.exit() in a task rejects with the exit code; the pool keeps serving", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const neighbour = pool.run({ a: 1, b: 1, ms: 50 }, { name: "addLater" });
        const crashed = assertCrashed((await settle(pool.run(7, { name: "exit" })))[1]);
        assert.equal(crashed.exitCode, 7);
        assert.match(crashed.message, /exit/);
        assert.equal(await neighbour, 2);
        assert.equal(await pool.run({ a: 2, b: 3 }), 5);
      });
    });

    test("an error thrown asynchronously by a task crashes the worker with that error as cause", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        // throwAsync returns at once and throws 100 ms later, while sleepMs runs.
        const first = pool.run("boom later", { name: "throwAsync" });
        const slow = pool.run(300, { name: "sleepMs" });
        assert.equal(await first, 0);
        const crashed = assertCrashed((await settle(slow))[1]);
        assert.equal((crashed.cause as Error).message, "boom later");
        assert.equal(await pool.run({ a: 1, b: 2 }), 3);
      });
    });

    test("running out of memory rejects the task; the pool keeps serving", async () => {
      const limits = { resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } };
      await withPool(makePool(kind, { maxWorkers: 1, ...limits }), async (pool) => {
        const crashed = assertCrashed((await settle(pool.run(null, { name: "allocate" })))[1]);
        if (kind === "thread") assert.equal((crashed.cause as { code?: string }).code, "ERR_WORKER_OUT_OF_MEMORY");
        else assert.ok(crashed.signal !== null || crashed.exitCode !== 0, "process died abnormally");
        assert.equal(await pool.run({ a: 2, b: 2 }), 4);
      });
    });

    test("a worker killed from outside rejects its task; the pool keeps serving", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const running = pool.run(5000, { name: "sleepMs" });
        await until(() => pool.workerCount === 1, 5000, "worker");
        if (pool instanceof ThreadPool) {
          await until(() => pool.threads.length === 1);
          await new Promise((r) => setTimeout(r, 100)); // let the task start
          void pool.threads[0].terminate();
        } else {
          const [child] = (pool as ProcessPool).processes;
          await new Promise((r) => setTimeout(r, 100));
          child.kill("SIGKILL");
        }
        const crashed = assertCrashed((await settle(running))[1]);
        if (kind === "process") assert.equal(crashed.signal, "SIGKILL");
        assert.equal(await pool.run({ a: 3, b: 4 }), 7);
      });
    });
  });
}

describe("startup failures", () => {
  test(
    "regression: minWorkers with a task module that cannot load respawned workers forever",
    async () => {
      const pool = new ThreadPool({ module: new URL("./fixtures/throws-at-load.ts", import.meta.url), minWorkers: 1, maxWorkers: 1 });
      const seen = new Set<unknown>();
      try {
        const end = Date.now() + 1500;
        while (Date.now() < end) {
          for (const t of pool.threads) seen.add(t);
          await new Promise((r) => setTimeout(r, 2));
        }
      } finally {
        await pool.destroy();
      }
      assert.ok(seen.size <= 2, `${seen.size} workers started in 1.5 s with no task submitted`);
    },
  );
});
