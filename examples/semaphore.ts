/**
 * The Semaphore example of the notes (seed 002, "Semaphore/Lock"): at most N at a time.
 * Python: examples/python/semaphore.py.
 *
 *     async def worker(sem, name):
 *         async with sem:
 *             print(f"{name} started"); await asyncio.sleep(1); print(f"{name} finished")
 *     sem = asyncio.Semaphore(2)
 *     await asyncio.gather(worker(sem, "Task 1"), worker(sem, "Task 2"), worker(sem, "Task 3"))
 *
 * Output, as in the notes:
 *     Task 1 started
 *     Task 2 started
 *     Task 1 finished
 *     Task 2 finished
 *     Task 3 started
 *     Task 3 finished
 *
 * `using _ = await sem.acquire()` is `async with sem`. The order of the middle three lines
 * is not the semaphore's doing but the event loop's: Task 1's and Task 2's sleeps end at
 * the same instant, and asyncio resumes both before Task 3, which Task 1's release wakes.
 * With `setTimeout` from node:timers/promises Node would let Task 1's release start Task
 * 3 before Task 2's timer callback runs ("Task 3 started" before "Task 2 finished"). So
 * the sleep here is examples/lib/loop-sleep.ts, which resumes every sleep due at the same
 * time from one timer callback, as asyncio's ready queue does; the module explains both
 * traces. The Semaphore is conveyor's, unchanged.
 *
 * Run: npx tsx examples/semaphore.ts
 * Compare: python3 examples/python/semaphore.py
 */
import { Semaphore } from "../src/index.ts";
import { sleep } from "./lib/loop-sleep.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function worker(sem: Semaphore, name: string): Promise<void> {
  using _ = await sem.acquire(); // at most two workers inside at once
  console.log(`${name} started`);
  await sleep(seconds(1));
  console.log(`${name} finished`);
}

const sem = new Semaphore(2); // at most two tasks at once
await Promise.all([worker(sem, "Task 1"), worker(sem, "Task 2"), worker(sem, "Task 3")]);
