import asyncio

async def task(n):
    await asyncio.sleep(n)
    return f"Task {n} done"

async def main():
    # create_task
    task1 = asyncio.create_task(task(1))
    task2 = asyncio.create_task(task(2))
    await task1  # Ждём завершения вручную
    await task2

    # gather
    results = await asyncio.gather(task(1), task(2))
    print(results)

asyncio.run(main())
