/**
 * A generator driven by `next()` (seed 002, "Что происходит при обращении к генератору
 * функциями send, next, throw?"). Python: examples/python/generator-next.py.
 *
 *     def simple_gen():
 *         yield 1
 *         yield 2
 *         yield 3
 *     gen = simple_gen()
 *     print(next(gen))  # 1
 *
 * Python → JavaScript:
 *     def simple_gen(): ... yield 1     function* simpleGen() { yield 1; ... }
 *     next(gen)                         gen.next().value
 * `gen.next()` returns `{ value, done }`: the yielded value, and whether the generator
 * has returned. Where Python's `next(gen)` on a finished generator raises StopIteration,
 * a fourth `gen.next()` here would return `{ value: undefined, done: true }`.
 *
 * Run: npx tsx examples/generator-next.ts
 * Compare: python3 examples/python/generator-next.py
 */
function* simpleGen(): Generator<number, void, undefined> {
  yield 1;
  yield 2;
  yield 3;
}

const gen = simpleGen();
console.log(gen.next().value); // 1
console.log(gen.next().value); // 2
console.log(gen.next().value); // 3
