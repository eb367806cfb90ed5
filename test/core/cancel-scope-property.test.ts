/**
 * Property test of nested cancellation (fast-check): random trees of `timeout`s,
 * TaskGroups (some with a task that fails) and queue gets that pass no signal, run
 * against one queue fed by a producer at random moments, under an outer signal that
 * aborts at a random moment. Whatever the tree and the timing:
 * - no item is taken by a cancelled waiter (a get resolves only while its scope stands),
 * - every item put is either received by a get or still in the queue (nothing lost),
 * - the tree settles, and afterwards no get is left parked (new items stay queued),
 * - no promise rejects unhandled.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Queue, TaskGroup, currentSignal, timeout } from "../../src/index.ts";
import { collectUnhandledRejections, scopedSleep, sleep, tick, within } from "../helpers/async.ts";

type Tree =
  | { kind: "get" }
  | { kind: "sleep"; ms: number }
  | { kind: "timeout"; ms: number; children: Tree[] }
  | { kind: "group"; failAfter: number | null; children: Tree[] };

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant<Tree>({ kind: "get" }),
    fc.integer({ min: 0, max: 20 }).map((ms): Tree => ({ kind: "sleep", ms })),
    fc
      .record({ ms: fc.integer({ min: 0, max: 30 }), children: fc.array(tie("tree"), { maxLength: 3 }) })
      .map((r): Tree => ({ kind: "timeout", ...r })),
    fc
      .record({
        failAfter: fc.option(fc.integer({ min: 0, max: 30 })),
        children: fc.array(tie("tree"), { maxLength: 3 }),
      })
      .map((r): Tree => ({ kind: "group", ...r })),
  ),
})).tree;

interface Run {
  readonly q: Queue<number>;
  readonly received: number[];
  readonly takenWhileCancelled: number[];
}

/**
 * Structured `Promise.all`: waits for every child, then fails with the first failure.
 * (`Promise.all` would leave the other children running after one failed, as asyncio's
 * `gather` does; they would then outlive the scope that should cancel them.)
 */
async function allSettledThenThrow(children: Promise<void>[]): Promise<void> {
  const outcomes = await Promise.allSettled(children);
  const failed = outcomes.find((o) => o.status === "rejected");
  if (failed !== undefined) throw failed.reason;
}

/** Runs a tree; gets pass no signal, so only the scopes can cancel them. */
async function runTree(tree: Tree, run: Run): Promise<void> {
  switch (tree.kind) {
    case "get": {
      const item = await run.q.get().then((value) => {
        // Runs as the get resolves: its scope must still stand.
        (currentSignal()?.aborted ? run.takenWhileCancelled : run.received).push(value);
        return value;
      });
      void item;
      return;
    }
    case "sleep":
      return scopedSleep(tree.ms);
    case "timeout":
      await timeout(tree.ms, () => allSettledThenThrow(tree.children.map((child) => runTree(child, run))));
      return;
    case "group":
      await TaskGroup.run((tg) => {
        for (const child of tree.children) tg.createTask(() => runTree(child, run));
        if (tree.failAfter !== null) {
          const ms = tree.failAfter;
          tg.createTask(async () => {
            await scopedSleep(ms);
            throw new RangeError("a task fails");
          });
        }
      });
      return;
    default: {
      const never: never = tree;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

test("random trees of timeouts, groups and gets, cancelled at random points", async () => {
  await fc.assert(
    fc.asyncProperty(
      treeArb,
      fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }),
      fc.integer({ min: 0, max: 50 }),
      async (tree, putTimes, abortAt) => {
        const q = new Queue<number>();
        const run: Run = { q, received: [], takenWhileCancelled: [] };
        const outer = new AbortController();
        const unhandled = await collectUnhandledRejections(async () => {
          const timers = putTimes.map((ms, i) => setTimeout(() => q.putNowait(i), ms));
          const abortTimer = setTimeout(() => outer.abort(new Error("outer")), abortAt);
          const root = TaskGroup.run(() => runTree(tree, run), { signal: outer.signal }).catch(() => {});
          await within(2000, root, "the tree");
          await sleep(45); // every put has happened by now
          timers.forEach(clearTimeout);
          clearTimeout(abortTimer);
        });
        assert.deepEqual(unhandled, []);
        assert.deepEqual(run.takenWhileCancelled, [], "an item went to a cancelled waiter");
        const left: number[] = [];
        while (!q.empty()) left.push(q.getNowait());
        assert.deepEqual([...run.received, ...left].sort((a, b) => a - b), putTimes.map((_, i) => i), "items lost or duplicated");
        // Nothing is parked any more: new items stay in the queue.
        q.putNowait(-1);
        q.putNowait(-2);
        await tick(2);
        assert.equal(q.qsize(), 2, "a get was left parked");
      },
    ),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
  );
});
