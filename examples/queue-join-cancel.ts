/**
 * The Queue example of the notes (seed 002, "Queue"; seed 004's variant, with no producer
 * task, is queue-consumer-first.ts):
 * a consumer that never ends by itself, `join` to wait for the work, then cancel it.
 *
 * Python:
 *     async def producer(queue):
 *         for i in range(5):
 *             print(f"Producing {i}"); await queue.put(i); await asyncio.sleep(0.5)
 *     async def consumer(queue):
 *         while True:
 *             item = await queue.get(); print(f"Consuming {item}"); queue.task_done()
 *     producer_task = asyncio.create_task(producer(queue))
 *     consumer_task = asyncio.create_task(consumer(queue))
 *     await producer_task; await queue.join(); consumer_task.cancel()
 *
 * Expected output: Producing 0, Consuming 0, Producing 1, Consuming 1, ... Consuming 4.
 *
 * The notes' code block ends with its output pasted under `asyncio.run(main())`; the
 * .py leaves those lines out, since Python could not run them.
 *
 * Run: npx tsx examples/queue-join-cancel.ts
 * Compare: python3 examples/python/queue-join-cancel.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function producer(queue: Queue<number>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    console.log(`Producing ${i}`);
    await queue.put(i);
    await sleep(seconds(0.5));
  }
}

async function consumer(queue: Queue<number>, signal: AbortSignal): Promise<never> {
  for (;;) {
    const item = await queue.get({ signal });
    console.log(`Consuming ${item}`);
    queue.taskDone();
  }
}

const queue = new Queue<number>();
const cancelConsumer = new AbortController();
const producerTask = producer(queue);
const consumerTask = consumer(queue, cancelConsumer.signal);

await producerTask; // wait for the producer to finish
await queue.join(); // wait until every item was processed
cancelConsumer.abort(); // consumer_task.cancel(): its pending get rejects with the reason
await consumerTask.catch((err: unknown) => {
  if (err !== cancelConsumer.signal.reason) throw err;
});
