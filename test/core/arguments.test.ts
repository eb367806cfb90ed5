/**
 * Bad arguments to the primitives: a TypeError or RangeError that names the class and
 * says what was expected; async methods reject, never throw synchronously.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  LifoQueue,
  Lock,
  PriorityQueue,
  Queue,
  Semaphore,
  TaskGroup,
  timeout,
} from "../../src/index.ts";

/** Calls `call`; it must return a promise that rejects with `cls`, not throw. */
async function rejectsWithoutThrowing(call: () => Promise<unknown>, cls: ErrorConstructor, message?: RegExp) {
  let promise: Promise<unknown>;
  try {
    promise = call();
  } catch (err) {
    assert.fail(`threw synchronously instead of rejecting: ${String(err)}`);
  }
  await assert.rejects(promise, (err: Error) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${err.name}: ${err.message}`);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe("waiting calls reject bad options", () => {
  const calls: Record<string, (options: never) => Promise<unknown>> = {
    "Queue.get": (o) => new Queue().get(o),
    "Queue.put": (o) => new Queue().put(1, o),
    "Queue.join": (o) => new Queue().join(o),
    "PriorityQueue.get": (o) => new PriorityQueue().get(o),
    "LifoQueue.put": (o) => new LifoQueue().put(1, o),
    "Lock.acquire": (o) => new Lock().acquire(o),
    "Semaphore.acquire": (o) => new Semaphore(1).acquire(o),
    "BoundedSemaphore.acquire": (o) => new BoundedSemaphore(1).acquire(o),
    "Event.wait": (o) => new Event().wait(o),
    "Condition.wait": (o) => new Condition().wait(o),
    "Barrier.wait": (o) => new Barrier(1).wait(o),
  };
  for (const [name, call] of Object.entries(calls)) {
    test(`${name}(null) and a bad signal reject with a TypeError naming the call`, async () => {
      const owner = name.split(".")[0];
      await rejectsWithoutThrowing(() => call(null as never), TypeError, new RegExp(owner));
      await rejectsWithoutThrowing(() => call({ signal: "x" } as never), TypeError, /AbortSignal/);
      await rejectsWithoutThrowing(() => call(5 as never), TypeError);
    });
  }

  test("timeout and TaskGroup.run reject their bad arguments", async () => {
    await rejectsWithoutThrowing(() => timeout("1" as never, async () => 1), TypeError, /timeout/);
    await rejectsWithoutThrowing(() => timeout(1, null as never), TypeError, /timeout/);
    await rejectsWithoutThrowing(() => TaskGroup.run(null as never), TypeError, /TaskGroup/);
    await rejectsWithoutThrowing(() => TaskGroup.run(async () => 1, { signal: {} } as never), TypeError, /AbortSignal/);
  });
});

describe("constructor errors name the class", () => {
  test("PriorityQueue and LifoQueue say PriorityQueue/LifoQueue, not Queue", () => {
    assert.throws(() => new PriorityQueue({ maxsize: "3" as never }), /^TypeError: PriorityQueue: maxsize/);
    assert.throws(() => new LifoQueue({ maxsize: Number.NaN }), /^TypeError: LifoQueue: maxsize/);
    assert.throws(() => new PriorityQueue(null as never), /^TypeError: PriorityQueue: expected options/);
    assert.throws(() => new Queue("x" as never), /^TypeError: Queue: expected options/);
  });
});
