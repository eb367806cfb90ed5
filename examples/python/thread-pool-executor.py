import asyncio
from concurrent.futures import ThreadPoolExecutor
import time

def blocking_task():
    time.sleep(2)  # Блокирующий код
    return "Done"

async def main():
    with ThreadPoolExecutor() as pool:
        result = await asyncio.get_event_loop().run_in_executor(pool, blocking_task)
        print(result)

asyncio.run(main())
