import asyncio

async def worker(lock, name):
    async with lock:  # Захват блокировки
        print(f"{name} started")
        await asyncio.sleep(1)
        print(f"{name} finished")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(worker(lock, "Task 1"), worker(lock, "Task 2"))

asyncio.run(main())
