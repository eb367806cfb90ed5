// toThread / toProcess: one self-contained function on a shared default pool.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isMainThread } from "node:worker_threads";
import { toProcess, toThread } from "../../../src/exec/pool/index.ts";
import { settle } from "./helpers.ts";

const runners = { toThread, toProcess };

for (const [api, run] of Object.entries(runners)) {
  describe(api, () => {
    test("runs the function elsewhere with its arguments and resolves to its result", async () => {
      const where = await run(async (a: number, b: number) => {
        const { isMainThread: main } = await import("node:worker_threads");
        return { sum: a + b, main, pid: process.pid };
      }, 2, 3);
      assert.equal(where.sum, 5);
      assert.equal(where.main, api === "toProcess");
      if (api === "toProcess") assert.notEqual(where.pid, process.pid);
      else assert.equal(where.pid, process.pid);
      assert.ok(isMainThread);
    });

    test("a function that closes over an outer variable fails with a clear error", async () => {
      const secret = 42;
      const [ok, error] = await settle(run(() => secret + 1));
      assert.equal(ok, false);
      assert.ok(error instanceof TypeError, String(error));
      assert.match((error as Error).message, /must be self-contained; `secret` is not defined in the worker/);
      assert.ok((error as Error).cause instanceof ReferenceError);
    });

    test("errors keep their class and the shared pool keeps serving", async () => {
      const [, error] = await settle(run((n: number) => {
        throw new RangeError(`bad ${n}`);
      }, 7));
      assert.ok(error instanceof RangeError);
      assert.equal((error as Error).message, "bad 7");
      assert.deepEqual(await Promise.all([1, 2, 3].map((n) => run((x: number) => x * 2, n))), [2, 4, 6]);
    });

    test("native and non-function values are refused before anything runs", async () => {
      assert.ok((await settle(run(Math.max as (...a: number[]) => number, 1, 2)))[1] instanceof TypeError);
      assert.ok((await settle(run(42 as unknown as () => number)))[1] instanceof TypeError);
    });
  });
}
