/**
 * Example 3 of the notes (seed 000 §3): an async queue used sequentially.
 * Python: examples/python/03-asyncio-sequential.py.
 *
 *     async def main():
 *         print("3. asyncio — последовательный стиль\n")
 *         q = asyncio.Queue()
 *         for i in range(1, 6):
 *             msg = f"Задача {i}"; await q.put(msg); print(f"[P] → {msg}")
 *         print()
 *         while not q.empty():
 *             msg = await q.get()
 *             print(f"[C] ← {msg:<10} начало"); await asyncio.sleep(1.0); print(f"[C]     {msg:<10} готово")
 *             q.task_done()
 *         await q.join()
 *     print("Запуск event loop...\n")
 *     asyncio.run(main())
 *
 * `async`, `await` and a Queue, yet producer and consumer are called one after the other,
 * so the event loop never has anything to switch to: the behaviour stays synchronous.
 *
 * It prints exactly what the Python prints. "Запуск event loop..." ("starting the event
 * loop") is about `asyncio.run(main())`; Node's event loop is always running, and
 * `asyncio.run(main())` is a top-level `await main()`, but the line is kept so the two
 * outputs stay the same.
 *
 * Run: npx tsx examples/03-asyncio-sequential.ts
 * Compare: python3 examples/python/03-asyncio-sequential.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function main(): Promise<void> {
  console.log("3. asyncio — последовательный стиль\n");

  const q = new Queue<string>();

  // Producer: puts everything at once, never yields to another task
  for (let i = 1; i <= 5; i++) {
    const msg = `Задача ${i}`;
    await q.put(msg);
    console.log(`[P] → ${msg}`);
  }

  console.log();

  // Consumer: strictly after the producer
  while (!q.empty()) {
    const msg = await q.get();
    console.log(`[C] ← ${msg.padEnd(10)} начало`);
    await sleep(seconds(1.0));
    console.log(`[C]     ${msg.padEnd(10)} готово`);
    q.taskDone();
  }

  await q.join();
}

console.log("Запуск event loop...\n");
await main();
