import asyncio
import time

def blocking_task():
    time.sleep(2)  # Блокирующий код
    return "Done"

async def main():
    loop = asyncio.get_event_loop()
    result = await loop.run_in_executor(None, blocking_task)  # Запуск в потоке
    print(result)

asyncio.run(main())
