/**
 * `threading` vs `asyncio`, the one-line tasks (seed 002, "Основные отличия threading и
 * asyncio"). Python: examples/python/threading-vs-asyncio.py.
 *
 *     # threading
 *     def task():
 *         print("Threading task")
 *     thread = threading.Thread(target=task)
 *     thread.start()
 *     thread.join()
 *     # asyncio
 *     async def task():
 *         print("Asyncio task")
 *     asyncio.run(task())
 *
 * The first task runs on another thread: a worker thread of a one-thread `ThreadPool`
 * running `threadingTask` of examples/workers/threads.ts. `thread.start()` and
 * `thread.join()` together are `await pool.run(...)`: start it, wait until it is done.
 * The second is a coroutine on the main thread's event loop; `asyncio.run(task())` is a
 * top-level `await task()`.
 *
 * A Python thread starts in microseconds; a Node worker thread boots a V8 isolate and
 * loads its module first. So the thread is booted before the example's clock starts
 * (`startClock`, examples/lib/clock.ts), and both lines come at once, as in Python.
 *
 * Run: npx tsx examples/threading-vs-asyncio.ts
 * Compare: python3 examples/python/threading-vs-asyncio.py
 */
import { ThreadPool } from "../src/exec/index.ts";
import { startClock } from "./lib/clock.ts";

// threading
await using threads = new ThreadPool({ module: new URL("./workers/threads.ts", import.meta.url), maxWorkers: 1 });
await threads.run(undefined, { name: "ready" }); // the thread is up
startClock();

await threads.run(undefined, { name: "threadingTask" }); // thread.start(); thread.join()

// asyncio
async function task(): Promise<void> {
  console.log("Asyncio task");
}

await task();
