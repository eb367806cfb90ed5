/**
 * Two blocking tasks that overlap on two threads (seed 003 §2, "Threads
 * (Многопоточность)"). Python: examples/python/threads-two-tasks.py.
 *
 *     def task1():
 *         print("Start task1"); time.sleep(2); print("End task1")
 *     def task2():
 *         print("Start task2"); time.sleep(1); print("End task2")
 *     thread1 = threading.Thread(target=task1); thread2 = threading.Thread(target=task2)
 *     thread1.start(); thread2.start()
 *     thread1.join(); thread2.join()
 *
 * Each task runs on a worker thread of a two-thread `ThreadPool` (`task1` and `task2` of
 * examples/workers/threads.ts) and blocks it with a blocking sleep, as `time.sleep`
 * blocks a Python thread; the two overlap, so the run takes 2 s, not 3. `pool.run`
 * starts a thread's work (`thread.start()`) and its promise is `thread.join()`.
 *
 * A Python thread starts in microseconds; a Node worker thread boots a V8 isolate and
 * loads its module first. So both threads are booted before the example's clock starts
 * (`startClock`, examples/lib/clock.ts): the work starts on both at once, as in Python.
 * "Start task1" and "Start task2" come from two threads at the same instant: their order
 * is up to the threads, in Python too.
 *
 * Run: npx tsx examples/threads-two-tasks.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 * Compare: python3 examples/python/threads-two-tasks.py
 */
import { ThreadPool } from "../src/exec/index.ts";
import { startClock } from "./lib/clock.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;

await using threads = new ThreadPool({
  module: new URL("./workers/threads.ts", import.meta.url),
  minWorkers: 2,
  maxWorkers: 2,
});
// One call on each thread: when both have answered, both threads are up.
await Promise.all([threads.run(undefined, { name: "ready" }), threads.run(undefined, { name: "ready" })]);
startClock();

const thread1 = threads.run(SCALE, { name: "task1" }); // thread1.start()
const thread2 = threads.run(SCALE, { name: "task2" }); // thread2.start()

await thread1; // thread1.join()
await thread2; // thread2.join()
