import asyncio

async def my_task():
    await asyncio.sleep(1)  # Приостановка на 1 секунду
    return "Done!"

async def main():
    result = await my_task()  # Ожидание завершения my_task
    print(result)

asyncio.run(main())
