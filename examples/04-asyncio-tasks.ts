/**
 * Example 4 of the notes (seed 000 §4): producer and consumer as concurrent tasks.
 * Python: examples/python/04-asyncio-tasks.py.
 *
 *     async def producer(q):
 *         for i in range(1, 6):
 *             msg = f"Задача {i}"; await q.put(msg); print(f"[P] → {msg}"); await asyncio.sleep(0.3)
 *     async def consumer(q):
 *         while True:
 *             try:
 *                 msg = await asyncio.wait_for(q.get(), timeout=4.0)
 *                 print(...начало); await asyncio.sleep(1.0); print(...готово); q.task_done()
 *             except asyncio.TimeoutError:
 *                 if q.empty(): break
 *     async def main():
 *         print("4. asyncio — конкурентный стиль\n")
 *         await asyncio.gather(asyncio.create_task(producer(q)), asyncio.create_task(consumer(q)))
 *     print("Запуск event loop...\n")
 *     asyncio.run(main())
 *
 * `timeout(ms, (signal) => q.get({ signal }))` is `asyncio.wait_for(q.get(), timeout)`,
 * and `Promise.all` is `asyncio.gather`. While the consumer sleeps the producer keeps
 * putting: the work overlaps, and the queue is a real asynchronous buffer. After the
 * last task the consumer waits 4 s more, times out on an empty queue and stops.
 *
 * It prints exactly what the Python prints; "Запуск event loop..." stands for
 * `asyncio.run(main())`, which in Node is a top-level `await main()`.
 *
 * Run: npx tsx examples/04-asyncio-tasks.ts
 * Compare: python3 examples/python/04-asyncio-tasks.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue, timeout, TimeoutError } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function producer(q: Queue<string>): Promise<void> {
  for (let i = 1; i <= 5; i++) {
    const msg = `Задача ${i}`;
    await q.put(msg);
    console.log(`[P] → ${msg}`);
    await sleep(seconds(0.3));
  }
}

async function consumer(q: Queue<string>): Promise<void> {
  for (;;) {
    try {
      const msg = await timeout(seconds(4.0), (signal) => q.get({ signal }));
      console.log(`[C] ← ${msg.padEnd(10)} начало`);
      await sleep(seconds(1.0));
      console.log(`[C]     ${msg.padEnd(10)} готово`);
      q.taskDone();
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      if (q.empty()) break;
    }
  }
}

async function main(): Promise<void> {
  console.log("4. asyncio — конкурентный стиль\n");

  const q = new Queue<string>();

  // Calling an async function starts it, like asyncio.create_task.
  const pTask = producer(q);
  const cTask = consumer(q);

  await Promise.all([pTask, cTask]);
}

console.log("Запуск event loop...\n");
await main();
