// ThreadQueue shared by producers and consumers on several worker threads.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import type { Worker } from "node:worker_threads";
import { QueueShutDown } from "../../../src/core/errors.ts";
import { ThreadQueue, type ThreadQueueOptions } from "../../../src/exec/thread-queue/index.ts";
import { Inbox, release, startWorker, stillPending, terminateAll, within } from "./helpers.ts";

const workers: Worker[] = [];
const queues: Array<Parameters<typeof release>[0]> = [];
afterEach(async () => {
  for (const q of queues.splice(0)) release(q);
  await terminateAll(workers);
});

/** A new queue, released after the test whatever happens. */
function queue<T>(options: ThreadQueueOptions = {}): ThreadQueue<T> {
  const q = new ThreadQueue<T>(options);
  queues.push(q);
  return q;
}

/** Starts the fixture worker; its messages are kept from the start. */
function start(workerData: Record<string, unknown>): Inbox {
  const worker = startWorker(workerData);
  workers.push(worker);
  return new Inbox(worker);
}

/**
 * Runs `producers` producer threads of `perProducer` items each and `consumers` consumer
 * threads over one queue, then checks that every item arrived exactly once and that each
 * consumer saw each producer's items in order.
 */
async function fanInFanOut(options: {
  producers: number;
  consumers: number;
  perProducer: number;
  bytes: boolean | "mixed";
  sync?: boolean | "mixed";
  consumerRoles?: string[];
  queueOptions?: ThreadQueueOptions;
}): Promise<void> {
  const { producers, consumers, perProducer, sync = false } = options;
  const q = queue(options.queueOptions ?? { maxsize: 64, capacityBytes: 4096 });
  const roles = options.consumerRoles ?? [sync === true ? "consumeSync" : "consume"];
  const consumerThreads = Array.from({ length: consumers }, (_, c) => start({ role: roles[c % roles.length], queue: q.handle }));
  const results = consumerThreads.map((w) => w.next<{ pairs: Int32Array }>(60_000));
  const producerThreads = Array.from({ length: producers }, (_, producer) =>
    start({
      role: "produce",
      queue: q.handle,
      producer,
      count: perProducer,
      bytes: options.bytes === "mixed" ? producer % 2 === 1 : options.bytes,
      sync: sync === "mixed" ? producer % 3 === 2 : sync,
    }),
  );
  await within(60_000, Promise.all(producerThreads.map((w) => w.next(60_000))), "producers");
  await within(30_000, q.join(), "join after all items");
  q.shutdown();
  const seen = Array.from({ length: producers }, () => new Uint8Array(perProducer));
  let total = 0;
  for (const { pairs } of await Promise.all(results)) {
    const last = new Array<number>(producers).fill(-1);
    for (let k = 0; k < pairs.length; k += 2) {
      const p = pairs[k];
      const i = pairs[k + 1];
      assert.ok(i > last[p], `producer ${p}'s items out of order at a consumer: ${i} after ${last[p]}`);
      last[p] = i;
      assert.equal(seen[p][i], 0, `item ${p}/${i} delivered twice`);
      seen[p][i] = 1;
      total++;
    }
  }
  assert.equal(total, producers * perProducer, "items lost");
  assert.equal(q.qsize(), 0);
}

describe("ThreadQueue across threads", () => {
  test("3 producers x 2 consumers x 20k objects: nothing lost or duplicated, FIFO per producer", async () => {
    await fanInFanOut({ producers: 3, consumers: 2, perProducer: 20_000, bytes: false });
  });

  test("the same with 16-byte messages and blocking putSync/getSync on every thread", async () => {
    await fanInFanOut({ producers: 3, consumers: 2, perProducer: 20_000, bytes: true, sync: true });
  });

  test("consumers with several concurrent gets, aborting at random, still get every item once", async () => {
    await fanInFanOut({ producers: 2, consumers: 2, perProducer: 5_000, bytes: false, consumerRoles: ["consumeAborting"] });
  });

  test("a tiny ring (2 items, 64 bytes) under 3 mixed producers and 4 mixed consumers", async () => {
    await fanInFanOut({
      producers: 3,
      consumers: 4,
      perProducer: 3_000,
      bytes: "mixed",
      sync: "mixed",
      consumerRoles: ["consumeAborting", "consumeSync", "consume"],
      queueOptions: { maxsize: 2, capacityBytes: 64 },
    });
  });

  test("backpressure: a producer thread blocks while full and resumes as items are taken", async () => {
    const q = queue<number>({ maxsize: 4 });
    const producer = start({ role: "produceReporting", queue: q.handle, count: 30 });
    const reported: number[] = [];
    void (async () => {
      for (;;) reported.push((await producer.next<{ put: number }>(60_000)).put);
    })().catch(() => undefined);
    await within(10_000, (async () => {
      while (!q.full()) await new Promise((resolve) => setTimeout(resolve, 5));
    })());
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(q.qsize(), 4);
    assert.ok(reported.length <= 4, `producer went on while full: ${reported.length} puts`);
    const got: number[] = [];
    for (let i = 0; i < 30; i++) got.push(await within(5000, q.get(), `get #${i}`));
    assert.deepEqual(got, Array.from({ length: 30 }, (_, i) => i));
    assert.equal(await producer.exitCode(), 0);
  });

  test("join waits for taskDone calls made on another thread; a worker can join too", async () => {
    const q = queue<number>();
    const counter = new SharedArrayBuffer(4);
    const processor = start({ role: "processHoldingLast", queue: q.handle, count: 5, counter });
    for (let i = 0; i < 5; i++) await q.put(i);
    const joiner = start({ role: "join", queue: q.handle });
    await joiner.next();
    const joined = q.join();
    await processor.next(); // holding the last taskDone
    assert.equal(q.qsize(), 0);
    assert.ok(await stillPending(joined, 100), "join resolved while a task was unfinished");
    processor.worker.postMessage("finish");
    await within(5000, joined);
    assert.equal(new Int32Array(counter)[0], 5);
    assert.deepEqual(await joiner.next(), { joined: true });
  });

  test("shutdown() on the main thread wakes a getter and a putter on other threads", async () => {
    const empty = queue<string>();
    const getter = start({ role: "getOnce", queue: empty.handle });
    const full = queue<string>({ maxsize: 1 });
    full.putNowait("x");
    const putter = start({ role: "putOnce", queue: full.handle });
    await Promise.all([getter.next(), putter.next()]);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let both start waiting
    empty.shutdown();
    full.shutdown();
    assert.deepEqual(await getter.next(), { error: "QueueShutDown" });
    assert.deepEqual(await putter.next(), { error: "QueueShutDown" });
    assert.equal(full.getNowait(), "x"); // non-immediate: what was queued can still be taken
  });

  test("shutdown(true) on a worker discards items, wakes a blocked putter and releases join", async () => {
    const q = queue<string>({ maxsize: 2 });
    q.putNowait("a");
    q.putNowait("b");
    assert.equal(q.getNowait(), "a");
    q.taskDone();
    q.putNowait("c"); // full: "b", "c"
    const putter = start({ role: "putOnce", queue: q.handle });
    await putter.next();
    const joined = q.join();
    assert.ok(await stillPending(joined, 50));
    const stopper = start({ role: "shutdown", queue: q.handle, immediate: true });
    await stopper.next();
    assert.deepEqual(await putter.next(), { error: "QueueShutDown" });
    await within(5000, joined); // "b" and "c" were discarded, "a" was done
    assert.equal(q.qsize(), 0);
    await assert.rejects(q.get(), QueueShutDown);
  });

  test("a worker's aborted get takes nothing", async () => {
    const q = queue<string>();
    const worker = start({ role: "abortedGet", queue: q.handle });
    assert.deepEqual(await worker.next(), { aborted: "TimeoutError" });
    q.putNowait("kept");
    assert.equal(await worker.exitCode(), 0);
    assert.equal(q.getNowait(), "kept");
  });

  test("a worker waiting only in get (or put) stays alive until served", async () => {
    const q = queue<string>();
    const getter = start({ role: "getOnce", queue: q.handle });
    await getter.next();
    let exited = false;
    getter.worker.once("exit", () => (exited = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(exited, false, "the worker exited while waiting in get");
    await q.put("late");
    assert.deepEqual(await getter.next(), { item: "late" });
    assert.equal(await getter.exitCode(), 0);

    const full = queue<string>({ maxsize: 1 });
    full.putNowait("x");
    const putter = start({ role: "putOnce", queue: full.handle });
    await putter.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(full.getNowait(), "x");
    assert.deepEqual(await putter.next(), { put: true });
    assert.equal(full.getNowait(), "from worker");
  });

  test("a getter on the main thread is woken by puts from a worker", async () => {
    const q = queue<{ p: number; i: number }>();
    const got = Promise.all([q.get(), q.get(), q.get()]);
    start({ role: "produce", queue: q.handle, producer: 7, count: 3 });
    assert.deepEqual(await within(10_000, got), [0, 1, 2].map((i) => ({ p: 7, i })));
  });
});
