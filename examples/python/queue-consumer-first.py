import asyncio

async def consumer(queue):
    while True:
        item = await queue.get()
        print(f"Обработано: {item}")
        queue.task_done()

async def main():
    queue = asyncio.Queue()
    consumer_task = asyncio.create_task(consumer(queue))
    for i in range(5):
        await queue.put(i)
    await queue.join()
    consumer_task.cancel()

asyncio.run(main())
# Обработано: 0
# Обработано: 1
# Обработано: 2
# Обработано: 3
# Обработано: 4
