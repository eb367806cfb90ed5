import asyncio

async def worker(sem, name):
    async with sem:  # Захват семафора
        print(f"{name} started")
        await asyncio.sleep(1)
        print(f"{name} finished")

async def main():
    sem = asyncio.Semaphore(2)  # Максимум 2 задачи одновременно
    await asyncio.gather(worker(sem, "Task 1"), worker(sem, "Task 2"), worker(sem, "Task 3"))

asyncio.run(main())
