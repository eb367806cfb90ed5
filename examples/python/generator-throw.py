def gen_with_throw():
    try:
        yield "Ready"
    except ValueError as e:
        yield f"Caught: {e}"

gen = gen_with_throw()
print(next(gen))  # "Ready"
print(gen.throw(ValueError("Oops!")))  # "Caught: Oops!" (генератор ловит исключение)
