// Types for tasks.mjs, so bench/exec.ts can import `fib` for the sequential baseline.
export declare function add(arg: { a: number; b: number }): number;
export declare function fib(n: number): number;
export default add;
