/**
 * `toThread` / `toProcess`: run one self-contained function in a worker of a shared,
 * lazily created pool (Python's `asyncio.to_thread` / `loop.run_in_executor`). The pools'
 * idle workers never keep the process alive.
 */
import { resolvePoolConfig } from "./options.ts";
import { WorkerPool } from "./pool.ts";
import { processTransport } from "./process-transport.ts";
import { threadTransport } from "./thread-transport.ts";

let threadPool: WorkerPool | undefined;
let processPool: WorkerPool | undefined;

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;

/** `import("./x")` or `import("../x")` with a literal specifier. */
const RELATIVE_IMPORT = /\bimport\s*\(\s*(["'`])(\.\.?\/[^"'`]*)\1/;

function sourceOf(fn: unknown, api: string): string {
  if (typeof fn !== "function") throw new TypeError(`${api} expects a function, got ${fn === null ? "null" : typeof fn}`);
  const source = Function.prototype.toString.call(fn);
  if (NATIVE.test(source)) {
    throw new TypeError(`${api} cannot serialise a native or bound function (${fn.name || "anonymous"}); wrap it in an arrow function`);
  }
  if (source.includes("import")) checkImports(source, api);
  return source;
}

/**
 * The function runs from its source text in the worker, where a relative specifier would
 * resolve against conveyor's own files (silently loading one of them if the name
 * matches) and `import.meta` does not exist: refuse both, saying what to do instead.
 */
function checkImports(source: string, api: string): void {
  const relative = RELATIVE_IMPORT.exec(source);
  if (relative !== null) {
    const specifier = relative[2];
    throw new TypeError(
      `${api} functions run from their source text in a worker, where import("${specifier}") would resolve against ` +
        `conveyor's files, not yours. Resolve it where you call ${api} and pass the URL in: ` +
        `${api}(async (url) => (await import(url)).default(), new URL("${specifier}", import.meta.url).href)`,
    );
  }
  if (/\bimport\s*\.\s*meta\b/.test(source)) {
    throw new TypeError(
      `${api} functions run from their source text in a worker, where import.meta does not exist; ` +
        "compute what you need from it where you call " + api + " and pass it as an argument",
    );
  }
}

/** Sends `fn`'s source and `args` to the shared pool `getPool()` returns. */
function runSource<R>(api: string, getPool: () => WorkerPool, fn: unknown, args: unknown[]): Promise<R> {
  let source: string;
  try {
    source = sourceOf(fn, api);
  } catch (error) {
    return Promise.reject(error);
  }
  return getPool().run<R>(args, { name: source });
}

function sharedThreadPool(): WorkerPool {
  return (threadPool ??= new WorkerPool(resolvePoolConfig({ module: "" }, true), threadTransport));
}

function sharedProcessPool(): WorkerPool {
  return (processPool ??= new WorkerPool(resolvePoolConfig({ module: "" }, true), processTransport));
}

type Awaitable<T> = T | PromiseLike<T>;

/**
 * Runs `fn(...args)` in a worker thread and resolves to its (awaited) result. `fn` is sent
 * as source text, so it must be self-contained: it sees only its arguments and the
 * worker's globals, and may `await import(...)` what it needs: built-in modules, packages,
 * absolute URLs. A relative specifier or `import.meta` is refused (the source would run
 * against conveyor's files, not yours): resolve the URL here and pass it as an argument.
 * Using a variable of the enclosing scope fails with a TypeError that names it.
 *
 * @example
 * const hash = await toThread(async (text: string) => {
 *   const { createHash } = await import("node:crypto");
 *   return createHash("sha256").update(text).digest("hex");
 * }, "hello");
 */
export function toThread<A extends unknown[], R>(fn: (...args: A) => Awaitable<R>, ...args: A): Promise<R> {
  return runSource<R>("toThread", sharedThreadPool, fn, args);
}

/**
 * Like {@link toThread}, in a child process of a shared process pool: a crash or a
 * runaway allocation cannot take the parent down.
 *
 * @example
 * const primes = await toProcess((limit: number) => {
 *   const out: number[] = [];
 *   for (let n = 2; out.length < limit; n++) if (out.every((p) => n % p !== 0)) out.push(n);
 *   return out;
 * }, 100);
 */
export function toProcess<A extends unknown[], R>(fn: (...args: A) => Awaitable<R>, ...args: A): Promise<R> {
  return runSource<R>("toProcess", sharedProcessPool, fn, args);
}
