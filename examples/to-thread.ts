/**
 * Blocking code without blocking the event loop, 1: `asyncio.to_thread()` (seed 002,
 * "asyncio.to_thread() или loop.run_in_executor()"). Python: examples/python/to-thread.py.
 *
 *     def blocking_task():
 *         time.sleep(2)  # blocking code
 *         return "Done"
 *     async def main():
 *         result = await asyncio.to_thread(blocking_task)
 *         print(result)
 *
 * `toThread(fn, ...args)` is `asyncio.to_thread`: `fn` runs on a thread of a shared pool,
 * and the await resolves with what it returns; meanwhile the event loop is free. `fn`
 * travels as source text, so it must be self-contained (it sees only its arguments): the
 * sleep's length is passed in, not read from outside.
 *
 * Python's pool starts its thread in microseconds; a Node worker thread boots a V8
 * isolate first. So a first, empty call boots the pool's thread before the example's
 * clock starts (`startClock`, examples/lib/clock.ts); "Done" then comes 2 s later, as in
 * Python.
 *
 * Run: npx tsx examples/to-thread.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 * Compare: python3 examples/python/to-thread.py
 */
import { toThread } from "../src/exec/index.ts";
import { startClock } from "./lib/clock.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

/** `blocking_task`: `time.sleep(2)` is a blocking sleep (of `ms`), then "Done". */
function blockingTask(ms: number): string {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return "Done";
}

await toThread(blockingTask, 0); // boots the shared pool's thread
startClock();

async function main(): Promise<void> {
  const result = await toThread(blockingTask, seconds(2)); // runs on a thread
  console.log(result);
}

await main();
