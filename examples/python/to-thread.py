import asyncio
import time

def blocking_task():
    time.sleep(2)  # Блокирующий код
    return "Done"

async def main():
    result = await asyncio.to_thread(blocking_task)  # Запуск в потоке
    print(result)

asyncio.run(main())
