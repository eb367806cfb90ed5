// Errors cross the thread/process boundary intact: name, message, stack, cause, code.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ThreadPool } from "../../../src/exec/pool/index.ts";
import { deserializeThrown, serializeThrown } from "../../../src/exec/pool/serialize-error.ts";
import { KINDS, makePool, settle, TASKS, withPool } from "./helpers.ts";

describe("serializeThrown / deserializeThrown", () => {
  const roundTrip = (value: unknown) => deserializeThrown(structuredClone(serializeThrown(value)));

  test("keeps class, name, message, stack, code, cause and extra props", () => {
    const root = Object.assign(new RangeError("root"), { code: "E_ROOT" });
    const error = Object.assign(new Error("top", { cause: root }), { name: "CustomError", code: "E_TOP", retry: 3 });
    const back = roundTrip(error) as Error & { code: string; retry: number; cause: Error & { code: string } };
    assert.ok(back instanceof Error);
    assert.equal(back.name, "CustomError");
    assert.equal(back.message, "top");
    assert.equal(back.stack, error.stack);
    assert.equal(back.code, "E_TOP");
    assert.equal(back.retry, 3);
    assert.ok(back.cause instanceof RangeError);
    assert.equal(back.cause.code, "E_ROOT");
    assert.equal(Object.keys(back).includes("cause"), false, "cause stays non-enumerable");
  });

  test("survives cyclic causes, uncloneable props and non-error values", () => {
    const a = new Error("a") as Error & { fn?: () => void };
    a.cause = a;
    a.fn = () => {};
    const back = roundTrip(a) as Error & { fn?: unknown };
    assert.equal(back.message, "a");
    assert.equal(back.fn, undefined);
    assert.equal(roundTrip("plain"), "plain");
    assert.deepEqual(roundTrip({ x: 1 }), { x: 1 });
    const undefinedCause = roundTrip(new Error("u", { cause: undefined })) as Error;
    assert.ok("cause" in undefinedCause);
  });

  test("keeps an AggregateError's errors", () => {
    const back = roundTrip(new AggregateError([new TypeError("t")], "agg")) as AggregateError;
    assert.ok(back instanceof AggregateError);
    assert.ok(back.errors[0] instanceof TypeError);
  });
});

for (const kind of KINDS) {
  describe(`errors from a ${kind} worker`, () => {
    test("a thrown error arrives with its class, name, message, stack, code and causes", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const [ok, error] = await settle(pool.run("nested", { name: "fail" }));
        assert.equal(ok, false);
        const e = error as Error & { code: string; field: string; cause: Error & { cause: Error & { code: string } } };
        assert.ok(e instanceof Error);
        assert.equal(e.name, "ValidationError");
        assert.equal(e.message, "invalid input");
        assert.equal(e.code, "E_VALIDATION");
        assert.equal(e.field, "email");
        assert.match(e.stack!, /ValidationError: invalid input\n\s+at fail .*tasks\.ts/);
        assert.equal(e.cause.message, "middle");
        assert.ok(e.cause.cause instanceof RangeError);
        assert.equal(e.cause.cause.message, "root cause");
        assert.equal(e.cause.cause.code, "E_ROOT");
      });
    });

    test("built-in classes, aggregates, async rejections and thrown non-errors", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        assert.ok((await settle(pool.run("type", { name: "fail" })))[1] instanceof TypeError);
        const aggregate = (await settle(pool.run("aggregate", { name: "fail" })))[1] as AggregateError;
        assert.ok(aggregate instanceof AggregateError);
        assert.deepEqual(aggregate.errors.map((e: Error) => e.message), ["one", "two"]);
        assert.equal(((await settle(pool.run("later", { name: "failLater" })))[1] as Error).message, "later");
        assert.equal((await settle(pool.run("string", { name: "fail" })))[1], "a plain string");
      });
    });

    test("an argument or result that cannot be cloned fails only its own task", async () => {
      await withPool(makePool(kind, { maxWorkers: 1 }), async (pool) => {
        const results = await Promise.all([
          settle(pool.run({ a: 1, b: 1 })),
          settle(pool.run(() => 1, { name: "identity" })),
          settle(pool.run(null, { name: "uncloneableResult" })),
          settle(pool.run({ a: 2, b: 2 })),
        ]);
        assert.deepEqual(results[0], [true, 2]);
        assert.equal(results[1][0], false);
        assert.match((results[1][1] as Error).message, /could not be cloned/);
        assert.equal(results[2][0], false);
        assert.match((results[2][1] as Error).message, /could not be sent back/);
        assert.deepEqual(results[3], [true, 4]);
      });
    });
  });
}

describe("error fidelity", () => {
  test(
    "regression: an error's code defined as a getter (a class getter, DOMException) was lost crossing the boundary",
    async () => {
      const pool = new ThreadPool({ module: TASKS, maxWorkers: 1 });
      try {
        const [, coded] = await settle(pool.run("class", { name: "throwCoded" }));
        const [, dom] = await settle(pool.run("dom", { name: "throwCoded" }));
        assert.equal((coded as Error).name, "CodedError");
        assert.equal((dom as Error).name, "DataCloneError");
        assert.deepEqual([(coded as { code?: unknown }).code, (dom as { code?: unknown }).code], ["E_CODED", 25]);
      } finally {
        await pool.destroy();
      }
    },
  );
});
