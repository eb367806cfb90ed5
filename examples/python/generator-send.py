def gen_with_send():
    value = yield "Start"
    yield f"Received: {value}"

gen = gen_with_send()
print(next(gen))  # "Start" (доходит до первого yield)
print(gen.send("Hello"))  # "Received: Hello" (передаёт "Hello" в yield)
