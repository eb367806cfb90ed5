import asyncio

async def say_hello():
    await asyncio.sleep(1) # имитация асинхронной операции
    print("Hello, world!")

async def main():
    await say_hello()


# Запуск цикла событий
asyncio.run(main())
