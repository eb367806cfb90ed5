import time

print("1. Обычный Python — последовательный вызов\n")

queue = []  # простейшая, низко-производительная и потоко-ОПАСНАЯ очередь

# Producer
for i in range(1, 6):
    msg = f"Задача {i}"
    queue.append(msg)
    print(f"[P] → {msg}")
    time.sleep(0.3)

print()

# Consumer
while queue:
    msg = queue.pop(0)
    print(f"[C] ← {msg:<10} начало")
    time.sleep(1.0)
    print(f"[C]     {msg:<10} готово")
