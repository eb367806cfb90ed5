/**
 * The releaser `acquire()` resolves to (src/core/releaser.ts): `release()` once, and
 * `using` disposal. Regression tests from the adversarial review of the core.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { InvalidStateError, Lock } from "../../src/index.ts";
import { tick, track, within } from "../helpers/async.ts";

describe("releaser", () => {
  test("releasing twice throws and does not release someone else's hold", async () => {
    const lock = new Lock();
    const first = await lock.acquire();
    first.release();
    const second = await lock.acquire();
    assert.throws(() => first.release(), InvalidStateError);
    first[Symbol.dispose](); // already released: a no-op
    assert.equal(lock.locked(), true, "the second holder still holds it");
    second.release();
  });

  test("`using` releases after the block throws, and the next waiter gets the lock", async () => {
    const lock = new Lock();
    const waiter = track(
      (async () => {
        await tick();
        return lock.acquire();
      })(),
    );
    const boom = new Error("boom");
    await assert.rejects(async () => {
      using _held = await lock.acquire();
      await tick(2);
      throw boom;
    }, boom);
    (await within(200, waiter.promise)).release();
    assert.equal(lock.locked(), false);
  });
});
