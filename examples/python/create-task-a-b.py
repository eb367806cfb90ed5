import asyncio

async def worker(name, delay):
    print(f"{name} стартовал")
    await asyncio.sleep(delay)
    print(f"{name} завершён")

async def main():
    task1 = asyncio.create_task(worker("A", 2))
    task2 = asyncio.create_task(worker("B", 1))
    await task1
    await task2

asyncio.run(main())
# A стартовал
# B стартовал
# B завершён
# A завершён
