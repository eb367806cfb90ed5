import asyncio

async def producer(queue):
    for i in range(3):
        await asyncio.sleep(1)      # Non-blocking pause
        await queue.put(i)          # Enqueue item
        print(f"Produced {i}")

async def consumer(queue):
    for _ in range(3):
        item = await queue.get()    # Wait for next item
        print(f"Consumed {item}")

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(
        producer(queue),
        consumer(queue),
    )

if __name__ == "__main__":
    asyncio.run(main())
