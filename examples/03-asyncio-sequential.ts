/**
 * Example 3 of the notes (seed 000 §3): an async queue used sequentially.
 *
 * Python:
 *     q = asyncio.Queue()
 *     for i in range(1, 6):
 *         msg = f"Задача {i}"; await q.put(msg); print(f"[P] → {msg}")
 *     while not q.empty():
 *         msg = await q.get()
 *         print(f"[C] ← {msg:<10} начало"); await asyncio.sleep(1.0); print(f"[C]     {msg:<10} готово")
 *         q.task_done()
 *     await q.join()
 *
 * `async`, `await` and a Queue, yet producer and consumer are called one after the other,
 * so the event loop never has anything to switch to: the behaviour stays synchronous.
 * (Example 2, threads with queue.Queue, comes with the executors.)
 *
 * Run: npx tsx examples/03-asyncio-sequential.ts
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function main(): Promise<void> {
  console.log("3. asyncio style — sequential\n");

  const q = new Queue<string>();

  // Producer: puts everything at once, never yields to another task
  for (let i = 1; i <= 5; i++) {
    const msg = `Task ${i}`;
    await q.put(msg);
    console.log(`[P] → ${msg}`);
  }

  console.log();

  // Consumer: strictly after the producer
  while (!q.empty()) {
    const msg = await q.get();
    console.log(`[C] ← ${msg.padEnd(10)} start`);
    await sleep(seconds(1.0));
    console.log(`[C]     ${msg.padEnd(10)} done`);
    q.taskDone();
  }

  await q.join();
}

console.log("Starting the event loop...\n");
await main();
