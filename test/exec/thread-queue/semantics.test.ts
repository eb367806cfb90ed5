// ThreadQueue within one thread: the core Queue's API and Python 3.13 semantics.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidStateError, QueueEmpty, QueueFull, QueueShutDown } from "../../../src/core/errors.ts";
import { ThreadQueue } from "../../../src/exec/thread-queue/index.ts";
import { lock, STUCK_LOCK_MS } from "../../../src/exec/thread-queue/lock.ts";
import { stillPending, within } from "./helpers.ts";

describe("ThreadQueue: construction", () => {
  test("maxsize: omitted, <= 0 or Infinity is unbounded; a number is kept", () => {
    assert.equal(new ThreadQueue().maxsize, 0);
    assert.equal(new ThreadQueue({ maxsize: -3 }).maxsize, 0);
    assert.equal(new ThreadQueue({ maxsize: Infinity }).maxsize, 0);
    assert.equal(new ThreadQueue({ maxsize: 7 }).maxsize, 7);
    assert.equal(new ThreadQueue(5).maxsize, 5);
  });

  test("bad options throw TypeError / RangeError naming what came", () => {
    assert.throws(() => new ThreadQueue({ maxsize: "3" as unknown as number }), /maxsize must be a number, got "3"/);
    assert.throws(() => new ThreadQueue({ maxsize: NaN }), TypeError);
    assert.throws(() => new ThreadQueue({ maxsize: 2.5 }), RangeError);
    assert.throws(() => new ThreadQueue({ capacityBytes: 8 }), RangeError);
    assert.throws(() => new ThreadQueue(null as unknown as number), TypeError);
  });

  test("capacityBytes defaults to 1 MiB and rounds up to 8", () => {
    assert.equal(new ThreadQueue().capacityBytes, 1 << 20);
    assert.equal(new ThreadQueue({ capacityBytes: 100 }).capacityBytes, 104);
  });

  test("attach rejects what is not a handle", () => {
    assert.throws(() => ThreadQueue.attach({} as never), TypeError);
    assert.throws(() => ThreadQueue.attach({ kind: "conveyor.ThreadQueue", buffer: new SharedArrayBuffer(4096) }), TypeError);
  });

  test("a structured-cloned handle reopens the same queue", async () => {
    const q = new ThreadQueue<string>();
    const other = ThreadQueue.attach<string>(structuredClone(q.handle));
    await q.put("a");
    assert.equal(other.qsize(), 1);
    assert.equal(await other.get(), "a");
    assert.equal(q.qsize(), 0);
    const waiting = other.get(); // waits on the shared words, woken by the other object's put
    assert.ok(await stillPending(waiting, 20));
    q.putNowait("b");
    assert.equal(await within(2000, waiting), "b");
  });
});

describe("ThreadQueue: put and get", () => {
  test("FIFO order; qsize, empty, full", async () => {
    const q = new ThreadQueue<number>({ maxsize: 3 });
    assert.ok(q.empty());
    assert.ok(!q.full());
    await q.put(1);
    await q.put(2);
    q.putNowait(3);
    assert.equal(q.qsize(), 3);
    assert.ok(q.full());
    assert.throws(() => q.putNowait(4), QueueFull);
    assert.deepEqual([await q.get(), q.getNowait(), await q.get()], [1, 2, 3]);
    assert.throws(() => q.getNowait(), QueueEmpty);
  });

  test("get waits for a put; waiting getters are served in FIFO order", async () => {
    const q = new ThreadQueue<string>();
    const first = q.get();
    const second = q.get();
    assert.ok(await stillPending(first, 20));
    q.putNowait("a");
    q.putNowait("b");
    assert.deepEqual(await within(2000, Promise.all([first, second])), ["a", "b"]);
  });

  test("put waits while full and resumes when a get makes room", async () => {
    const q = new ThreadQueue<number>({ maxsize: 1 });
    await q.put(1);
    const blocked = q.put(2);
    assert.ok(await stillPending(blocked, 30));
    assert.equal(await q.get(), 1);
    await within(2000, blocked);
    assert.equal(q.getNowait(), 2);
  });

  test("puts of one thread keep their order even when some wait", async () => {
    const q = new ThreadQueue<number>({ maxsize: 2 });
    const puts = [1, 2, 3, 4, 5].map((n) => q.put(n));
    const got: number[] = [];
    for (let i = 0; i < 5; i++) got.push(await within(2000, q.get()));
    await Promise.all(puts);
    assert.deepEqual(got, [1, 2, 3, 4, 5]);
  });

  test("put also waits for bytes: capacityBytes bounds an unbounded-count queue", async () => {
    const q = new ThreadQueue<Uint8Array>({ capacityBytes: 256 }); // two 100-byte records fit
    await q.put(new Uint8Array(100));
    await q.put(new Uint8Array(100));
    assert.ok(!q.full()); // full() counts items, as asyncio's does
    assert.throws(() => q.putNowait(new Uint8Array(100)), QueueFull);
    const third = q.put(new Uint8Array(100).fill(3));
    assert.ok(await stillPending(third, 30));
    await q.get();
    await within(2000, third);
    await q.get();
    assert.equal((await q.get())[0], 3);
  });

  test("an item larger than the queue's memory is a RangeError", async () => {
    const q = new ThreadQueue<Uint8Array>({ capacityBytes: 64 });
    await assert.rejects(q.put(new Uint8Array(57)), /needs 72 bytes of queue memory .* more than capacityBytes \(64\)/);
    assert.throws(() => q.putNowait(new Uint8Array(100)), RangeError);
    await q.put(new Uint8Array(56)); // exactly fits: 8-byte header + 56
    assert.equal(q.qsize(), 1);
  });

  test("an uncloneable item is refused and the queue stays usable", async () => {
    const q = new ThreadQueue<unknown>();
    await assert.rejects(q.put(() => 1), { name: "DataCloneError" });
    assert.equal(q.qsize(), 0);
    await q.put("ok");
    assert.equal(await q.get(), "ok");
  });

  test("a waiting put snapshots its bytes: changing the array later changes nothing", async () => {
    const q = new ThreadQueue<Uint8Array>({ maxsize: 1 });
    await q.put(new Uint8Array([0]));
    const item = new Uint8Array([1, 2, 3]);
    const waiting = q.put(item);
    item[0] = 99;
    await q.get();
    await waiting;
    assert.deepEqual(await q.get(), new Uint8Array([1, 2, 3]));
  });
});

describe("ThreadQueue: abort", () => {
  test("an aborted signal rejects at once with its reason", async () => {
    const q = new ThreadQueue<number>();
    q.putNowait(1);
    const reason = new Error("stop");
    await assert.rejects(q.get({ signal: AbortSignal.abort(reason) }), (err) => err === reason);
    await assert.rejects(q.put(2, { signal: AbortSignal.abort(reason) }), (err) => err === reason);
    assert.equal(q.qsize(), 1);
  });

  test("aborting a waiting get takes nothing; the next getter gets the item", async () => {
    const q = new ThreadQueue<string>();
    const controller = new AbortController();
    const aborted = q.get({ signal: controller.signal });
    const next = q.get();
    controller.abort(new Error("bye"));
    await assert.rejects(aborted, /bye/);
    q.putNowait("x");
    assert.equal(await within(2000, next), "x");
    assert.equal(q.qsize(), 0);
  });

  test("aborting a waiting put puts nothing", async () => {
    const q = new ThreadQueue<number>({ maxsize: 1 });
    q.putNowait(1);
    const controller = new AbortController();
    const waiting = q.put(2, { signal: controller.signal });
    controller.abort();
    await assert.rejects(waiting, { name: "AbortError" });
    assert.equal(q.getNowait(), 1);
    assert.equal(q.qsize(), 0);
  });

  test("aborting a waiting join rejects it and leaves the count alone", async () => {
    const q = new ThreadQueue<number>();
    q.putNowait(1);
    await assert.rejects(q.join({ signal: AbortSignal.timeout(20) }), { name: "TimeoutError" });
    q.getNowait();
    q.taskDone();
    await within(2000, q.join());
  });

  test("random aborts among waiting getters lose and duplicate nothing", async () => {
    const q = new ThreadQueue<number>();
    const got: number[] = [];
    const controllers: AbortController[] = [];
    const getters: Promise<void>[] = [];
    for (let g = 0; g < 40; g++) {
      const controller = new AbortController();
      controllers.push(controller);
      getters.push(q.get({ signal: controller.signal }).then((n) => void got.push(n), () => undefined));
    }
    for (let i = 0; i < 40; i++) {
      if (i % 3 === 0) controllers[(i * 7) % 40].abort();
      q.putNowait(i);
      if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const c of controllers) c.abort();
    await Promise.all(getters);
    while (!q.empty()) got.push(q.getNowait());
    assert.deepEqual(got.sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
  });
});

describe("ThreadQueue: taskDone and join", () => {
  test("join counts puts minus taskDone calls, not emptiness", async () => {
    const q = new ThreadQueue<number>();
    await within(1000, q.join()); // nothing put: resolves
    q.putNowait(1);
    q.putNowait(2);
    const joined = q.join();
    q.getNowait();
    q.getNowait();
    assert.ok(await stillPending(joined, 20)); // empty, but not done
    q.taskDone();
    assert.ok(await stillPending(joined, 20));
    q.taskDone();
    await within(2000, joined);
  });

  test("taskDone called too often throws InvalidStateError", () => {
    const q = new ThreadQueue<number>();
    assert.throws(() => q.taskDone(), InvalidStateError);
    q.putNowait(1);
    q.taskDone();
    assert.throws(() => q.taskDone(), /more times than there were items put/);
  });

  test("a join released by taskDone stays released though a put follows at once", async () => {
    const q = new ThreadQueue<number>();
    q.putNowait(1);
    const joined = q.join();
    q.getNowait();
    q.taskDone();
    q.putNowait(2); // asyncio's event was set; the waiting join still completes
    await within(2000, joined);
  });
});

describe("ThreadQueue: shutdown (Python 3.13)", () => {
  test("shutdown(): puts refused, gets drain what is left, then QueueShutDown", async () => {
    const q = new ThreadQueue<number>();
    q.putNowait(1);
    q.putNowait(2);
    q.shutdown();
    await assert.rejects(q.put(3), QueueShutDown);
    assert.throws(() => q.putNowait(3), QueueShutDown);
    assert.equal(await q.get(), 1);
    assert.equal(q.getNowait(), 2);
    await assert.rejects(q.get(), QueueShutDown);
    assert.throws(() => q.getNowait(), QueueShutDown);
  });

  test("shutdown() wakes waiting getters and putters with QueueShutDown", async () => {
    const getterQueue = new ThreadQueue<number>();
    const getter = getterQueue.get();
    const putterQueue = new ThreadQueue<number>({ maxsize: 1 });
    putterQueue.putNowait(1);
    const putter = putterQueue.put(2);
    getterQueue.shutdown();
    putterQueue.shutdown();
    await within(2000, assert.rejects(getter, QueueShutDown));
    await within(2000, assert.rejects(putter, QueueShutDown));
    assert.equal(putterQueue.qsize(), 1);
  });

  test("shutdown(true) discards items and releases join for them, not for taken ones", async () => {
    const q = new ThreadQueue<number>();
    for (let i = 0; i < 3; i++) q.putNowait(i);
    q.getNowait(); // taken, not yet done
    const joined = q.join();
    q.shutdown(true);
    assert.equal(q.qsize(), 0);
    await assert.rejects(q.get(), QueueShutDown);
    assert.ok(await stillPending(joined, 20));
    q.taskDone();
    await within(2000, joined);
  });

  test("for await ends once the queue is shut down and drained", async () => {
    const q = new ThreadQueue<string>();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const item of q) seen.push(item);
    })();
    await q.put("a");
    await q.put("b");
    q.shutdown();
    await within(2000, loop);
    assert.deepEqual(seen, ["a", "b"]);
  });
});

describe("ThreadQueue: blocking getSync/putSync", () => {
  test("getSync returns ready items and times out with QueueEmpty", () => {
    const q = new ThreadQueue<number>({ maxsize: 1 });
    q.putNowait(4);
    assert.equal(q.getSync(), 4);
    const started = performance.now();
    assert.throws(() => q.getSync(30), QueueEmpty);
    assert.ok(performance.now() - started >= 25);
  });

  test("putSync puts when there is room and times out with QueueFull", () => {
    const q = new ThreadQueue<number>({ maxsize: 1 });
    q.putSync(1);
    assert.throws(() => q.putSync(2, 20), QueueFull);
    q.shutdown();
    assert.throws(() => q.putSync(2, 20), QueueShutDown);
    assert.equal(q.getSync(), 1);
    assert.throws(() => q.getSync(20), QueueShutDown);
  });
});

test("a mutex left held by a terminated thread fails the call after a bound instead of freezing the thread", async () => {
  const ctl = new Int32Array(new SharedArrayBuffer(8));
  ctl[0] = 1; // held by a thread that will never unlock it
  const t0 = Date.now();
  assert.throws(() => lock(ctl, 0), (err: Error) => err instanceof InvalidStateError && /terminated/.test(err.message));
  const waited = Date.now() - t0;
  assert.ok(waited >= STUCK_LOCK_MS - 50 && waited < STUCK_LOCK_MS + 1000, `waited ${waited} ms`);
});
