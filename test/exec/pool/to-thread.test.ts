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

    test("regression: a relative import() in the function resolved against conveyor's own files", async () => {
      // "./options.ts" is a file next to conveyor's function-task module: it used to load that.
      // @ts-expect-error -- resolved against this test it does not exist; it must not be resolved at all
      const [ok, error] = await settle(run(async () => (await import("./options.ts")) as unknown));
      assert.equal(ok, false);
      assert.ok(error instanceof TypeError, String(error));
      assert.match((error as Error).message, /import\("\.\/options\.ts"\) would resolve against conveyor's files/);
      assert.match((error as Error).message, /new URL\("\.\/options\.ts", import\.meta\.url\)\.href/);
    });

    test("a relative specifier held in a variable fails with the same advice", async () => {
      const [ok, error] = await settle(run(async (specifier: string) => (await import(specifier)) as unknown, "./no-such-module.js"));
      assert.equal(ok, false);
      assert.ok(error instanceof TypeError, String(error));
      assert.match((error as Error).message, /relative import\(\) resolves against conveyor's files/);
      assert.equal(((error as Error).cause as { code?: unknown }).code, "ERR_MODULE_NOT_FOUND");
    });

    test("a module URL resolved by the caller and passed in imports fine", async () => {
      const url = new URL("./fixtures/tasks.ts", import.meta.url).href;
      assert.equal(await run(async (u: string) => ((await import(u)) as { fib(n: number): number }).fib(10), url), 55);
    });

    test("import.meta in the function is refused with advice", async () => {
      const [, error] = await settle(run(() => import.meta.url));
      assert.ok(error instanceof TypeError, String(error));
      assert.match((error as Error).message, /import\.meta does not exist/);
    });

    test("native and non-function values are refused before anything runs", async () => {
      assert.ok((await settle(run(Math.max as (...a: number[]) => number, 1, 2)))[1] instanceof TypeError);
      assert.ok((await settle(run(42 as unknown as () => number)))[1] instanceof TypeError);
    });
  });
}
