import asyncio

async def main():
    print("3. asyncio — последовательный стиль\n")
    
    q = asyncio.Queue()

    # Producer — кладёт всё сразу
    for i in range(1, 6):
        msg = f"Задача {i}"
        await q.put(msg)
        print(f"[P] → {msg}")
        # нет await asyncio.sleep → нет уступки event loop

    print()

    # Consumer — строго после producer
    while not q.empty():
        msg = await q.get()
        print(f"[C] ← {msg:<10} начало")
        await asyncio.sleep(1.0)
        print(f"[C]     {msg:<10} готово")
        q.task_done()

    await q.join()

print("Запуск event loop...\n")
asyncio.run(main())
