import asyncio

async def say_hello():
    print("Привет!")
    await asyncio.sleep(1)
    print("Прошла секунда")

async def main():
    await say_hello()
    await say_hello()

asyncio.run(main())
# Привет!
# Прошла секунда
# Привет!
# Прошла секунда
