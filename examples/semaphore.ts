/**
 * The Semaphore example of the notes (seed 002, "Semaphore/Lock"): at most N at a time.
 *
 * Python:
 *     async def worker(sem, name):
 *         async with sem:
 *             print(f"{name} started"); await asyncio.sleep(1); print(f"{name} finished")
 *     sem = asyncio.Semaphore(2)
 *     await asyncio.gather(worker(sem, "Task 1"), worker(sem, "Task 2"), worker(sem, "Task 3"))
 *
 * The notes' output:            What Node prints:
 *     Task 1 started                 Task 1 started
 *     Task 2 started                 Task 2 started
 *     Task 1 finished                Task 1 finished
 *     Task 2 finished                Task 3 started
 *     Task 3 started                 Task 2 finished
 *     Task 3 finished                Task 3 finished
 *
 * Same rule (never more than two inside), different interleaving: asyncio resumes the
 * woken Task 3 on the loop's next pass, after Task 2's timer callback; Node runs promise
 * continuations between two timer callbacks, so Task 3 gets in first.
 *
 * Run: npx tsx examples/semaphore.ts
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Semaphore } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function worker(sem: Semaphore, name: string): Promise<void> {
  using _ = await sem.acquire(); // at most two workers inside at once
  console.log(`${name} started`);
  await sleep(seconds(1));
  console.log(`${name} finished`);
}

const sem = new Semaphore(2);
await Promise.all([worker(sem, "Task 1"), worker(sem, "Task 2"), worker(sem, "Task 3")]);
