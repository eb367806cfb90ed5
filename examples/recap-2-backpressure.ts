/**
 * The recap's complicated case (seed 001 §2): backpressure, a sentinel, join, cancel.
 *
 * Python:
 *     async def producer(queue):
 *         for i in range(5):
 *             await asyncio.sleep(1); await queue.put(i); print(f"Produced {i}")
 *         await queue.put(None)                       # sentinel
 *     async def consumer(queue):
 *         while True:
 *             item = await queue.get()
 *             if item is None: queue.task_done(); break
 *             print(f"Consumed {item}"); queue.task_done()
 *     queue = asyncio.Queue(maxsize=3)
 *     producer_task = asyncio.create_task(producer(queue))
 *     consumer_task = asyncio.create_task(consumer(queue))
 *     await producer_task; await queue.join(); consumer_task.cancel()
 *
 * `consumer_task.cancel()` becomes an AbortController whose signal the consumer passes
 * to `get`; aborting rejects that get with `signal.reason`, as `fetch` does.
 *
 * Run: npx tsx examples/recap-2-backpressure.ts
 * Compare: python3 examples/python/recap-2-backpressure.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function producer(queue: Queue<number | null>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await sleep(seconds(1));
    await queue.put(i); // waits while the queue is full (maxsize 3): backpressure
    console.log(`Produced ${i}`);
  }
  await queue.put(null); // sentinel: production is over
}

async function consumer(queue: Queue<number | null>, signal: AbortSignal): Promise<void> {
  for (;;) {
    const item = await queue.get({ signal });
    if (item === null) {
      queue.taskDone(); // the sentinel counts as an item for join()
      break;
    }
    console.log(`Consumed ${item}`);
    queue.taskDone();
  }
}

const queue = new Queue<number | null>({ maxsize: 3 });
const cancelConsumer = new AbortController();
const producerTask = producer(queue);
const consumerTask = consumer(queue, cancelConsumer.signal);

await producerTask; // wait for the producer to finish
await queue.join(); // wait until every item, sentinel included, was processed
cancelConsumer.abort(); // consumer_task.cancel(): clean up (a no-op here, the sentinel ended it)
// A cancelled task rejects with the abort reason; that is the expected ending, not an error.
await consumerTask.catch((err: unknown) => {
  if (err !== cancelConsumer.signal.reason) throw err;
});
