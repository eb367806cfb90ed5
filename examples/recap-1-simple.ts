/**
 * The recap's simple case (seed 001 §1): ordered hand-off, no flow control.
 *
 * Python:
 *     async def producer(queue):
 *         for i in range(3):
 *             await asyncio.sleep(1); await queue.put(i); print(f"Produced {i}")
 *     async def consumer(queue):
 *         for _ in range(3):
 *             item = await queue.get(); print(f"Consumed {item}")
 *     await asyncio.gather(producer(queue), consumer(queue))
 *
 * Both run concurrently; the program ends by itself after three items because each side
 * knows the count, so no taskDone/join is needed.
 *
 * Run: npx tsx examples/recap-1-simple.ts
 * Compare: python3 examples/python/recap-1-simple.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function producer(queue: Queue<number>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await sleep(seconds(1)); // non-blocking pause
    await queue.put(i);
    console.log(`Produced ${i}`);
  }
}

async function consumer(queue: Queue<number>): Promise<void> {
  for (let n = 0; n < 3; n++) {
    const item = await queue.get(); // waits for the next item
    console.log(`Consumed ${item}`);
  }
}

const queue = new Queue<number>();
await Promise.all([producer(queue), consumer(queue)]);
