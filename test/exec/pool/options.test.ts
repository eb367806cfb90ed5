// Option validation and defaults (no workers are started here).
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, test } from "node:test";
import { resolvePoolConfig } from "../../../src/exec/pool/options.ts";
import { ProcessPool, ThreadPool } from "../../../src/exec/pool/index.ts";
import { settle, TASKS } from "./helpers.ts";

describe("pool options", () => {
  test("defaults: maxWorkers = available parallelism, minWorkers 0, unbounded queue", () => {
    const config = resolvePoolConfig({ module: TASKS });
    assert.equal(config.maxWorkers, availableParallelism());
    assert.equal(config.minWorkers, 0);
    assert.equal(config.maxQueue, Infinity);
    assert.equal(config.idleTimeout, 5000);
    assert.equal(config.module, TASKS.href);
  });

  test("bad values throw TypeError/RangeError naming the option", () => {
    const cases: [object, RegExp, ErrorConstructor][] = [
      [{ module: TASKS, maxWorkers: 0 }, /maxWorkers must be an integer >= 1, got 0/, RangeError],
      [{ module: TASKS, maxWorkers: 1.5 }, /maxWorkers/, RangeError],
      [{ module: TASKS, minWorkers: -1 }, /minWorkers/, RangeError],
      [{ module: TASKS, minWorkers: 3, maxWorkers: 2 }, /must not exceed maxWorkers/, RangeError],
      [{ module: TASKS, maxQueue: "5" }, /maxQueue must be a number, got string/, TypeError],
      [{ module: TASKS, idleTimeout: -5 }, /idleTimeout/, RangeError],
      [{ module: 42 }, /module must be/, TypeError],
      [{ module: "https://example.com/x.js" }, /file: URL or a path/, TypeError],
      [{ module: "./does-not-exist.ts" }, /task module not found/, TypeError],
    ];
    for (const [options, message, cls] of cases) {
      assert.throws(() => new ThreadPool(options as never), (e: Error) => e instanceof cls && message.test(e.message));
    }
    assert.throws(() => new ProcessPool(undefined as never), TypeError);
  });

  test("Infinity is allowed for maxQueue and idleTimeout", () => {
    const config = resolvePoolConfig({ module: TASKS, maxQueue: Infinity, idleTimeout: Infinity });
    assert.equal(config.idleTimeout, Infinity);
  });

  test("bad run() options reject without starting a worker", async () => {
    const pool = new ThreadPool({ module: TASKS });
    try {
      assert.ok((await settle(pool.run(1, { timeout: -1 })))[1] instanceof RangeError);
      assert.ok((await settle(pool.run(1, { name: 5 as never })))[1] instanceof TypeError);
      assert.ok((await settle(pool.run(1, { signal: {} as never })))[1] instanceof TypeError);
      assert.equal(pool.workerCount, 0);
    } finally {
      await pool.destroy();
    }
  });
});
