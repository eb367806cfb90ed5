# threading
import threading

def task():
    print("Threading task")

thread = threading.Thread(target=task)
thread.start()
thread.join()

# asyncio
import asyncio

async def task():
    print("Asyncio task")

asyncio.run(task())
