/**
 * A consumer started first, five puts, `join`, cancel (seed 004, "Асинхронные очереди,
 * таймеры и синхронизация"). Python: examples/python/queue-consumer-first.py.
 *
 *     async def consumer(queue):
 *         while True:
 *             item = await queue.get(); print(f"Обработано: {item}"); queue.task_done()
 *     async def main():
 *         queue = asyncio.Queue()
 *         consumer_task = asyncio.create_task(consumer(queue))
 *         for i in range(5):
 *             await queue.put(i)
 *         await queue.join()
 *         consumer_task.cancel()
 *
 * Nothing sleeps, so it all happens at once: the five puts (an unbounded queue never
 * makes `put` wait), then `join` waits while the consumer takes the five items, and the
 * consumer, waiting on an empty queue, is cancelled. `consumer_task.cancel()` is an
 * AbortController whose signal the consumer's `get` takes; the aborted get rejects with
 * `signal.reason`, the expected end, not an error.
 *
 * Run: npx tsx examples/queue-consumer-first.ts
 * Compare: python3 examples/python/queue-consumer-first.py
 */
import { Queue } from "../src/index.ts";

async function consumer(queue: Queue<number>, signal: AbortSignal): Promise<never> {
  for (;;) {
    const item = await queue.get({ signal });
    console.log(`Обработано: ${item}`);
    queue.taskDone();
  }
}

async function main(): Promise<void> {
  const queue = new Queue<number>();
  const cancelConsumer = new AbortController();
  const consumerTask = consumer(queue, cancelConsumer.signal);
  for (let i = 0; i < 5; i++) {
    await queue.put(i);
  }
  await queue.join();
  cancelConsumer.abort(); // consumer_task.cancel()
  await consumerTask.catch((err: unknown) => {
    if (err !== cancelConsumer.signal.reason) throw err;
  });
}

await main();
