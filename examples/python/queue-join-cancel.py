import asyncio

async def producer(queue):
    for i in range(5):
        print(f"Producing {i}")
        await queue.put(i)  # Добавляем элемент
        await asyncio.sleep(0.5)

async def consumer(queue):
    while True:
        item = await queue.get()  # Извлекаем элемент
        print(f"Consuming {item}")
        queue.task_done()  # Сигнализируем, что элемент обработан

async def main():
    queue = asyncio.Queue()
    producer_task = asyncio.create_task(producer(queue))
    consumer_task = asyncio.create_task(consumer(queue))

    await producer_task  # Ждём завершения producer
    await queue.join()   # Ждём обработки всех элементов
    consumer_task.cancel()  # Останавливаем consumer

asyncio.run(main())
