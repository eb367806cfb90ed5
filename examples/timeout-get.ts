/**
 * A timeout on `get` (seed 000 §4's `asyncio.wait_for(q.get(), timeout=4.0)`; §2 does the
 * same with threads as `q.get(timeout=4.0)`).
 *
 * Python:
 *     while True:
 *         try:
 *             msg = await asyncio.wait_for(q.get(), timeout=1.0)
 *             print(f"[C] ← {msg}"); q.task_done()
 *         except asyncio.TimeoutError:
 *             if q.empty(): break
 *
 * `timeout(ms, (signal) => q.get({ signal }))` aborts the get when time is up and rejects
 * with TimeoutError. An aborted get leaves nothing behind: the item put after it goes to
 * the next get, not to a forgotten one.
 *
 * Run: npx tsx examples/timeout-get.ts
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue, timeout, TimeoutError } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

const q = new Queue<string>();

// 1. Nothing arrives in time.
try {
  await timeout(seconds(0.5), (signal) => q.get({ signal }));
} catch (err) {
  if (!(err instanceof TimeoutError)) throw err;
  console.log(`Error: ${err.name}, nothing arrived within 0.5 s`);
}

// 2. The timed-out get took nothing with it: this item goes to the next get.
q.putNowait("Task 1");
console.log("[P] → Task 1");
console.log(`[C] ← ${await timeout(seconds(0.5), (signal) => q.get({ signal }))}`);
q.taskDone();

// 3. The notes' consumer loop: wait up to 1 s per item, stop when a wait times out on an
//    empty queue.
async function producer(): Promise<void> {
  for (let i = 2; i <= 4; i++) {
    await sleep(seconds(0.3));
    await q.put(`Task ${i}`);
    console.log(`[P] → Task ${i}`);
  }
}

async function consumer(): Promise<void> {
  for (;;) {
    try {
      const msg = await timeout(seconds(1.0), (signal) => q.get({ signal }));
      console.log(`[C] ← ${msg}`);
      q.taskDone();
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      if (q.empty()) {
        console.log("Timed out on an empty queue: consumer stops");
        break;
      }
    }
  }
}

await Promise.all([producer(), consumer()]);
