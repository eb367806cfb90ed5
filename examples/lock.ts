/**
 * The Lock example of the notes (seed 002, "Semaphore/Lock"): exclusive access.
 *
 * Python:
 *     async def worker(lock, name):
 *         async with lock:
 *             print(f"{name} started"); await asyncio.sleep(1); print(f"{name} finished")
 *     lock = asyncio.Lock()
 *     await asyncio.gather(worker(lock, "Task 1"), worker(lock, "Task 2"))
 *
 * `using _ = await lock.acquire()` is `async with lock`: the lock is released when the
 * block ends, even if it throws.
 *
 * Expected output:
 *     Task 1 started
 *     Task 1 finished
 *     Task 2 started
 *     Task 2 finished
 *
 * Run: npx tsx examples/lock.ts
 * Compare: python3 examples/python/lock.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Lock } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function worker(lock: Lock, name: string): Promise<void> {
  using _ = await lock.acquire(); // only one worker at a time past this line
  console.log(`${name} started`);
  await sleep(seconds(1));
  console.log(`${name} finished`);
}

const lock = new Lock();
await Promise.all([worker(lock, "Task 1"), worker(lock, "Task 2")]);
