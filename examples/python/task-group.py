import asyncio

async def task(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError("Error in task 2")
    return f"Task {n} done"

async def main():
    try:
        async with asyncio.TaskGroup() as tg:  # Создаём группу задач
            task1 = tg.create_task(task(1))
            task2 = tg.create_task(task(2))
            task3 = tg.create_task(task(3))
        print("All tasks completed successfully")
    except Exception as e:
        print(f"Error: {e}")

asyncio.run(main())
