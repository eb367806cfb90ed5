/**
 * Example 2 of the notes (seed 000 §2): plain blocking code on two threads and a
 * thread-safe queue.
 *
 * Python:
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
 *     p = threading.Thread(target=producer); c = threading.Thread(target=consumer)
 *     p.start(); c.start(); p.join(); c.join()
 *
 * `ThreadQueue` is `queue.Queue`: one queue in shared memory, reopened in the worker
 * with `ThreadQueue.attach(q.handle)`. The consumer runs on a worker thread (a one-thread
 * `ThreadPool` running examples/workers/02-consumer.ts) and blocks there, in
 * `q.getSync(4000)` and in a blocking sleep, exactly like the Python thread. The producer
 * runs on the main thread; it sleeps without blocking because the main thread also
 * prints what the worker writes. While the consumer works on one task, the producer keeps
 * putting the next ones: the work overlaps, without any async consumer code.
 *
 * Run: npx tsx examples/02-threading-queue.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ThreadPool, ThreadQueue } from "../src/exec/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

console.log("2. Plain TypeScript + threads\n");

const q = new ThreadQueue<string>();

async function producer(): Promise<void> {
  for (let i = 1; i <= 5; i++) {
    const msg = `Task ${i}`;
    await q.put(msg);
    console.log(`[P] → ${msg}`);
    await sleep(seconds(0.3));
  }
}

console.log("Starting threads...\n");

await using threads = new ThreadPool({ module: new URL("./workers/02-consumer.ts", import.meta.url), maxWorkers: 1 });
// A Python thread starts at once; a Node worker thread is a fresh V8 isolate that loads
// its modules first. Wait until it is up, so both sides start together.
await threads.run(undefined, { name: "ready" });

const p = producer(); // p.start()
const c = threads.run({ queue: q.handle, scale: SCALE }, { name: "consumer" }); // c.start()

await p; // p.join()
await c; // c.join()
