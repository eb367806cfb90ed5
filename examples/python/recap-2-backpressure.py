import asyncio

async def producer(queue):
    for i in range(5):
        await asyncio.sleep(1)
        await queue.put(i)          # Backpressure if full (maxsize=3)
        print(f"Produced {i}")
    await queue.put(None)          # Sentinel to signal completion

async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            queue.task_done()       # Mark sentinel processed
            break
        print(f"Consumed {item}")
        queue.task_done()           # Mark item processed

async def main():
    queue = asyncio.Queue(maxsize=3)
    producer_task = asyncio.create_task(producer(queue))
    consumer_task = asyncio.create_task(consumer(queue))

    await producer_task            # Wait for producer to finish
    await queue.join()             # Wait until all items are processed
    consumer_task.cancel()         # Clean up

if __name__ == "__main__":
    asyncio.run(main())
