/**
 * Example 2 of the notes (seed 000 §2): plain blocking code on two threads and a
 * thread-safe queue. Python: examples/python/02-threading-queue.py.
 *
 *     q = queue.Queue()
 *     def producer():
 *         for i in range(1, 6):
 *             msg = f"Задача {i}"; q.put(msg); print(f"[P] → {msg}"); time.sleep(0.3)
 *     def consumer():
 *         while True:
 *             try:
 *                 msg = q.get(timeout=4.0)
 *                 print(...начало); time.sleep(1.0); print(...готово); q.task_done()
 *             except queue.Empty:
 *                 break
 *     print("Запуск потоков...\n")
 *     p = threading.Thread(target=producer); c = threading.Thread(target=consumer)
 *     p.start(); c.start(); p.join(); c.join()
 *
 * `ThreadQueue` is `queue.Queue`: one queue in shared memory, reopened in the worker
 * with `ThreadQueue.attach(q.handle)`. The consumer runs on a worker thread (a one-thread
 * `ThreadPool` running examples/workers/02-threading-consumer.ts) and blocks there, in
 * `q.getSync(4000)` and in a blocking sleep, exactly like the Python thread. The producer
 * runs on the main thread; it sleeps without blocking, because the main thread is also
 * the one that relays the process's output. While the consumer works on one task, the
 * producer keeps putting the next ones: the work overlaps, without any async consumer
 * code. After the last task the consumer waits 4 s more for another, then gives up.
 *
 * A Python thread starts at once; a Node worker thread is a fresh V8 isolate that loads
 * its modules first. So the thread is booted before anything is printed, and the
 * example's clock (`startClock`, see examples/lib/clock.ts) starts once it is up.
 * The output is exactly the Python's, its "Python" title included.
 *
 * Run: npx tsx examples/02-threading-queue.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 * Compare: python3 examples/python/02-threading-queue.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ThreadPool, ThreadQueue } from "../src/exec/index.ts";
import { startClock } from "./lib/clock.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

await using threads = new ThreadPool({ module: new URL("./workers/02-threading-consumer.ts", import.meta.url), maxWorkers: 1 });
await threads.run(undefined, { name: "ready" }); // the thread is up
startClock();

console.log("2. Обычный Python + threading\n");

const q = new ThreadQueue<string>();

async function producer(): Promise<void> {
  for (let i = 1; i <= 5; i++) {
    const msg = `Задача ${i}`;
    await q.put(msg);
    console.log(`[P] → ${msg}`);
    await sleep(seconds(0.3));
  }
}

console.log("Запуск потоков...\n");

const p = producer(); // p.start()
const c = threads.run({ queue: q.handle, scale: SCALE }, { name: "consumer" }); // c.start()

await p; // p.join()
await c; // c.join()
