/**
 * Property-based tests of Queue, LifoQueue and PriorityQueue (fast-check).
 *
 * 1. Model check of the non-blocking API: random sequences of putNowait, getNowait,
 *    taskDone and shutdown(immediate?) against a plain-array model of asyncio's
 *    queues.py (order, qsize/empty/full, QueueFull/QueueEmpty/QueueShutDown, the
 *    unfinished-task count and when join() resolves).
 * 2. Random interleavings (fc.scheduler) of producers and consumers using the blocking
 *    put/get with signals that abort at random moments, taskDone after every item, and a
 *    shutdown (drain or immediate) at a random moment: nothing lost or duplicated, no item
 *    of a rejected put ever seen, FIFO order per producer as seen by each consumer
 *    (Queue), qsize never above maxsize, join() resolves at the end.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull, QueueShutDown } from "../../src/index.ts";
import { tick, track, within } from "../helpers/async.ts";

type Kind = "fifo" | "lifo" | "priority";

const kinds: ReadonlyArray<{ kind: Kind; make: (maxsize: number) => Queue<number> }> = [
  { kind: "fifo", make: (maxsize) => new Queue<number>({ maxsize }) },
  { kind: "lifo", make: (maxsize) => new LifoQueue<number>({ maxsize }) },
  { kind: "priority", make: (maxsize) => new PriorityQueue<number>({ maxsize }) },
];

/** The model of one queue: asyncio's queues.py without the waiting. */
class QueueModel {
  items: number[] = [];
  unfinished = 0;
  isShutdown = false;
  readonly kind: Kind;
  readonly maxsize: number;

  constructor(kind: Kind, maxsize: number) {
    this.kind = kind;
    this.maxsize = maxsize;
  }

  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }

  pop(): number {
    if (this.kind === "fifo") return this.items.shift()!;
    if (this.kind === "lifo") return this.items.pop()!;
    let min = 0;
    for (let i = 1; i < this.items.length; i++) if (this.items[i] < this.items[min]) min = i;
    return this.items.splice(min, 1)[0];
  }
}

type Op =
  | { op: "putNowait"; value: number }
  | { op: "getNowait" }
  | { op: "taskDone" }
  | { op: "shutdown"; immediate: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("putNowait" as const), value: fc.integer({ min: -50, max: 50 }) }) },
  { weight: 4, arbitrary: fc.constant({ op: "getNowait" as const }) },
  { weight: 3, arbitrary: fc.constant({ op: "taskDone" as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("shutdown" as const), immediate: fc.boolean() }) },
);

/** Runs `fn`, returning the error class name it threw, or its value. */
function outcome<T>(fn: () => T): { threw: string } | { value: T } {
  try {
    return { value: fn() };
  } catch (err) {
    if (err instanceof QueueFull) return { threw: "QueueFull" };
    if (err instanceof QueueEmpty) return { threw: "QueueEmpty" };
    if (err instanceof QueueShutDown) return { threw: "QueueShutDown" };
    if (err instanceof Error) return { threw: "Error" };
    throw err;
  }
}

describe("queue model check (non-blocking API)", () => {
  for (const { kind, make } of kinds) {
    test(`${kind}: putNowait/getNowait/taskDone/shutdown agree with the model`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: -1, max: 4 }), fc.array(opArb, { maxLength: 40 }), async (maxsize, ops) => {
          const q = make(maxsize);
          const m = new QueueModel(kind, maxsize);
          for (const step of ops) {
            switch (step.op) {
              case "putNowait": {
                const expected = m.isShutdown ? { threw: "QueueShutDown" } : m.full() ? { threw: "QueueFull" } : { value: undefined };
                if ("value" in expected) {
                  m.items.push(step.value);
                  m.unfinished++;
                }
                assert.deepEqual(outcome(() => q.putNowait(step.value)), expected, "putNowait");
                break;
              }
              case "getNowait": {
                const expected =
                  m.items.length === 0 ? { threw: m.isShutdown ? "QueueShutDown" : "QueueEmpty" } : { value: m.pop() };
                assert.deepEqual(outcome(() => q.getNowait()), expected, "getNowait");
                break;
              }
              case "taskDone": {
                const expected = m.unfinished <= 0 ? { threw: "Error" } : { value: undefined };
                if ("value" in expected) m.unfinished--;
                assert.deepEqual(outcome(() => q.taskDone()), expected, "taskDone");
                break;
              }
              case "shutdown": {
                m.isShutdown = true;
                if (step.immediate) {
                  // queues.py: each discarded item counts as done (never below zero).
                  while (m.items.length > 0) {
                    m.pop();
                    if (m.unfinished > 0) m.unfinished--;
                  }
                }
                q.shutdown(step.immediate);
                break;
              }
            }
            assert.equal(q.qsize(), m.items.length, "qsize");
            assert.equal(q.empty(), m.items.length === 0, "empty");
            assert.equal(q.full(), m.full(), "full");
          }
          const joined = track(q.join());
          await tick();
          assert.equal(joined.done, m.unfinished === 0, `join with ${m.unfinished} unfinished`);
          // What is left comes out in the model's order.
          const rest: number[] = [];
          while (!q.empty()) rest.push(q.getNowait());
          const expectedRest: number[] = [];
          while (m.items.length > 0) expectedRest.push(m.pop());
          assert.deepEqual(rest, expectedRest);
        }),
        { numRuns: 150 },
      );
    });
  }
});

interface Plan {
  maxsize: number;
  producers: number[][]; // per producer: for each item, whether its put gets an abort scheduled
  consumers: number; // how many consumers
  consumerAborts: boolean[]; // per get attempt (cycled): whether an abort is scheduled
  shutdown: "none" | "drain" | "immediate";
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  maxsize: fc.integer({ min: 0, max: 3 }),
  producers: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 8 }), { minLength: 1, maxLength: 3 }),
  consumers: fc.integer({ min: 1, max: 3 }),
  consumerAborts: fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
  shutdown: fc.constantFrom("none" as const, "drain" as const, "immediate" as const),
});

describe("queue interleavings (fc.scheduler)", () => {
  for (const { kind, make } of kinds) {
    test(`${kind}: random put/get/abort/taskDone/shutdown interleavings lose and duplicate nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), planArb, async (s, plan) => {
          const q = make(plan.maxsize);
          const putOk: number[] = [];
          const putRejected: number[] = [];
          const received: number[][] = Array.from({ length: plan.consumers }, () => []);
          let discarded = 0;
          let stopProducing = false;

          const checkBound = (): void => {
            if (plan.maxsize > 0) assert.ok(q.qsize() <= plan.maxsize, `qsize ${q.qsize()} > maxsize ${plan.maxsize}`);
          };
          // A yield point the scheduler releases in a random order.
          const step = (label: string): Promise<void> => s.schedule(Promise.resolve(), label).then(checkBound);
          const abortLater = (ac: AbortController, reason: Error, label: string): void => {
            void s.schedule(Promise.resolve(), label).then(() => ac.abort(reason));
          };

          const producers = plan.producers.map(async (items, p) => {
            for (let k = 0; k < items.length && !stopProducing; k++) {
              // Values tell producer and position apart: p * 1000 + k.
              const value = p * 1000 + k;
              await step(`p${p} put ${value}`);
              const ac = new AbortController();
              const reason = new Error(`abort put ${value}`);
              if (items[k] === 0) abortLater(ac, reason, `abort put ${value}`);
              try {
                await q.put(value, { signal: ac.signal });
                putOk.push(value);
              } catch (err) {
                putRejected.push(value);
                if (err instanceof QueueShutDown) return;
                assert.equal(err, reason, `put ${value} rejected with ${String(err)}`);
              }
            }
          });

          const consumers = received.map(async (log, c) => {
            for (let attempt = 0; ; attempt++) {
              await step(`c${c} get #${attempt}`);
              const ac = new AbortController();
              const reason = new Error(`abort get c${c} #${attempt}`);
              if (plan.consumerAborts[attempt % plan.consumerAborts.length]) abortLater(ac, reason, `abort c${c} #${attempt}`);
              let item: number;
              try {
                item = await q.get({ signal: ac.signal });
              } catch (err) {
                if (err instanceof QueueShutDown) return;
                assert.equal(err, reason, `get rejected with ${String(err)}`);
                continue;
              }
              log.push(item);
              await step(`c${c} taskDone ${item}`);
              q.taskDone();
            }
          });

          const shutdown = (immediate: boolean): void => {
            if (immediate) discarded += q.qsize();
            q.shutdown(immediate);
          };
          if (plan.shutdown !== "none") {
            // Shut down at a random moment while everyone runs.
            void s.schedule(Promise.resolve(), `shutdown ${plan.shutdown}`).then(() => shutdown(plan.shutdown === "immediate"));
          }
          await s.waitFor(Promise.all(producers));
          stopProducing = true;
          // Let the consumers take what is left, then end them with a draining shutdown.
          shutdown(false);
          await within(2000, s.waitFor(Promise.all(consumers)), "consumers");
          await s.waitAll();

          const seen = received.flat();
          // Nothing duplicated.
          assert.equal(new Set(seen).size, seen.length, `duplicates in ${JSON.stringify(seen)}`);
          // Only items of successful puts are seen.
          const ok = new Set(putOk);
          for (const v of seen) assert.ok(ok.has(v), `item ${v} was seen but its put did not succeed`);
          for (const v of putRejected) assert.ok(!ok.has(v));
          // Nothing lost: every successful put was got, or discarded by shutdown(true).
          assert.equal(seen.length + discarded, putOk.length, `seen ${seen.length} + discarded ${discarded} != put ${putOk.length}`);
          assert.equal(q.qsize(), 0);
          if (kind === "fifo") {
            // Each consumer sees each producer's items in the order they were put.
            for (const log of received) {
              for (let p = 0; p < plan.producers.length; p++) {
                const mine = log.filter((v) => Math.floor(v / 1000) === p);
                assert.deepEqual(mine, [...mine].sort((a, b) => a - b), `consumer order ${JSON.stringify(log)}`);
              }
            }
          }
          // Every got item was marked done and the discarded ones count as done.
          await within(1000, q.join(), "join");
          assert.throws(() => q.taskDone(), Error);
        }),
        { numRuns: 120 },
      );
    });
  }
});
