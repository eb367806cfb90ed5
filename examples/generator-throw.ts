/**
 * An exception thrown into a generator: `throw()` (seed 002, generators).
 * Python: examples/python/generator-throw.py.
 *
 *     def gen_with_throw():
 *         try:
 *             yield "Ready"
 *         except ValueError as e:
 *             yield f"Caught: {e}"
 *     gen = gen_with_throw()
 *     print(next(gen))                        # "Ready"
 *     print(gen.throw(ValueError("Oops!")))   # "Caught: Oops!"
 *
 * Python → JavaScript:
 *     gen.throw(ValueError("Oops!"))    gen.throw(new ValueError("Oops!")).value
 *     except ValueError as e:           catch (e) { if (!(e instanceof ValueError)) throw e; ... }
 *     f"{e}"                            e.message
 * `gen.throw(err)` raises `err` at the paused `yield`; if the generator catches it and
 * yields again, the call returns that yield, as in Python. JavaScript has no ValueError
 * and `catch` takes every error, so the class is declared and the catch rethrows others.
 *
 * Run: npx tsx examples/generator-throw.ts
 * Compare: python3 examples/python/generator-throw.py
 */
class ValueError extends Error {
  override name = "ValueError";
}

function* genWithThrow(): Generator<string, void, undefined> {
  try {
    yield "Ready";
  } catch (e) {
    if (!(e instanceof ValueError)) throw e; // except ValueError as e:
    yield `Caught: ${e.message}`;
  }
}

const gen = genWithThrow();
console.log(gen.next().value); // "Ready"
console.log(gen.throw(new ValueError("Oops!")).value); // "Caught: Oops!"
