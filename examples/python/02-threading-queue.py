import threading
import queue
import time

print("2. Обычный Python + threading\n")

q = queue.Queue()

def producer():
    for i in range(1, 6):
        msg = f"Задача {i}"
        q.put(msg)
        print(f"[P] → {msg}")
        time.sleep(0.3)

def consumer():
    while True:
        try:
            msg = q.get(timeout=4.0)
            print(f"[C] ← {msg:<10} начало")
            time.sleep(1.0)
            print(f"[C]     {msg:<10} готово")
            q.task_done()
        except queue.Empty:
            break

print("Запуск потоков...\n")

p = threading.Thread(target=producer)
c = threading.Thread(target=consumer)

p.start()
c.start()

p.join()
c.join()
