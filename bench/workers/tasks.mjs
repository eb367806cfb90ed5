// Task functions shared by every pool in bench/exec.ts (conveyor's ThreadPool, Piscina and
// Tinypool load this module directly; workerpool registers the same functions through
// workerpool-worker.mjs). Plain JavaScript so every pool can load it without a TS loader.

/** The tiny task: as little work as possible, so the pool's own overhead is what we time. */
export function add({ a, b }) {
  return a + b;
}

/** The CPU task: naive recursive Fibonacci, fib(30) ≈ 1.6M calls. */
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export default add;
