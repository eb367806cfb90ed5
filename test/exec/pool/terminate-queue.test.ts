// Aborting a running task terminates its worker. If that worker was inside a ThreadQueue
// put or get, it held the queue's mutex: the pool must wait for the critical section to
// end before terminating, or every other user of the queue is locked out.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ThreadPool } from "../../../src/exec/pool/index.ts";
import { ThreadQueue } from "../../../src/exec/thread-queue/index.ts";
import { withPool } from "./helpers.ts";

const HAMMER = new URL("./fixtures/queue-hammer.ts", import.meta.url);

test("aborting a task busy in a ThreadQueue never leaves the queue's mutex held", async () => {
  const q = new ThreadQueue<Uint8Array>({ maxsize: 8 });
  await withPool(new ThreadPool({ module: HAMMER, maxWorkers: 1 }), async (pool) => {
    for (let round = 0; round < 12; round++) {
      const controller = new AbortController();
      const running = pool.run(q.handle, { name: "hammer", signal: controller.signal });
      await sleep(20 + (round % 5) * 7); // let it load and spin
      controller.abort(new Error("stop"));
      await assert.rejects(running, /stop/);
      // The main thread can still use the queue at once (a held mutex would block this
      // call for STUCK_LOCK_MS and then throw InvalidStateError).
      const t0 = Date.now();
      try {
        q.putNowait(new Uint8Array(1));
      } catch (err) {
        if ((err as Error).name !== "QueueFull") throw err;
      }
      while (!q.empty()) q.getNowait();
      assert.ok(Date.now() - t0 < 500, `round ${round}: the queue was blocked for ${Date.now() - t0} ms`);
    }
  });
});
