import asyncio

async def producer(q):
    for i in range(1, 6):
        msg = f"Задача {i}"
        await q.put(msg)
        print(f"[P] → {msg}")
        await asyncio.sleep(0.3)

async def consumer(q):
    while True:
        try:
            msg = await asyncio.wait_for(q.get(), timeout=4.0)
            print(f"[C] ← {msg:<10} начало")
            await asyncio.sleep(1.0)
            print(f"[C]     {msg:<10} готово")
            q.task_done()
        except asyncio.TimeoutError:
            if q.empty():
                break

async def main():
    print("4. asyncio — конкурентный стиль\n")
    
    q = asyncio.Queue()
    
    p_task = asyncio.create_task(producer(q))
    c_task = asyncio.create_task(consumer(q))
    
    await asyncio.gather(p_task, c_task)

print("Запуск event loop...\n")
asyncio.run(main())
