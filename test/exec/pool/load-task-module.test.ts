// Which exports of a task module are tasks: own function exports, also those of a
// CommonJS module's module.exports, never what an object inherits.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findTask } from "../../../src/exec/pool/load-task-module.ts";
import { KINDS, makePool, settle, withPool } from "./helpers.ts";

const CJS = new URL("./fixtures/cjs-tasks.cjs", import.meta.url);
const INHERITED = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "__defineGetter__"];

describe("findTask", () => {
  const esm = Object.assign(Object.create(null) as Record<string, unknown>, { default: () => 0, add: () => 1, value: 3 });
  const cjs = Object.assign(Object.create(null) as Record<string, unknown>, { default: { double: () => 2 } });

  test("finds own function exports of ES and CommonJS modules", () => {
    assert.equal(findTask(esm, "add", "m.js")(undefined), 1);
    assert.equal(findTask(esm, "default", "m.js")(undefined), 0);
    assert.equal(findTask(cjs, "double", "m.cjs")(undefined), 2);
  });

  test("regression: a CommonJS task name was looked up along module.exports' prototype chain", () => {
    for (const name of INHERITED) {
      assert.throws(() => findTask(cjs, name, "m.cjs"), { name: "TypeError", message: new RegExp(`no function export "${name}".*function exports: double`) });
    }
  });

  test("a non-function export is not a task", () => {
    assert.throws(() => findTask(esm, "value", "m.js"), /no function export "value" \(function exports: default, add\)/);
  });
});

for (const kind of KINDS) {
  test(`${kind} pool: a CommonJS module's inherited members are not tasks`, async () => {
    await withPool(makePool(kind, { module: CJS, maxWorkers: 1 }), async (pool) => {
      assert.equal(await pool.run(21, { name: "double" }), 42);
      for (const name of ["constructor", "toString"]) {
        const [ok, error] = await settle(pool.run(1, { name }));
        assert.equal(ok, false, `"${name}" ran as a task`);
        assert.ok(error instanceof TypeError, String(error));
      }
    });
  });
}
