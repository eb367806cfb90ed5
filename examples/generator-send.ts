/**
 * A generator that receives values: `send()` (seed 002, generators).
 * Python: examples/python/generator-send.py.
 *
 *     def gen_with_send():
 *         value = yield "Start"
 *         yield f"Received: {value}"
 *     gen = gen_with_send()
 *     print(next(gen))          # "Start" (runs to the first yield)
 *     print(gen.send("Hello"))  # "Received: Hello" (the yield evaluates to "Hello")
 *
 * Python → JavaScript:
 *     value = yield "Start"     const value = yield "Start";
 *     next(gen)                 gen.next().value
 *     gen.send("Hello")         gen.next("Hello").value
 * `gen.next(x)` is `gen.send(x)`: the paused `yield` evaluates to `x` and the generator
 * runs to its next `yield`; `next(gen)` is `gen.send(None)`. One difference: a fresh
 * Python generator refuses a value (`send("Hello")` before the first `next` raises
 * TypeError), while the first `gen.next(x)` in JavaScript silently drops its `x`.
 *
 * Run: npx tsx examples/generator-send.ts
 * Compare: python3 examples/python/generator-send.py
 */
function* genWithSend(): Generator<string, void, string> {
  const value = yield "Start";
  yield `Received: ${value}`;
}

const gen = genWithSend();
console.log(gen.next().value); // "Start" (runs to the first yield)
console.log(gen.next("Hello").value); // "Received: Hello" (gen.send("Hello"))
