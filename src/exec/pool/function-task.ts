/**
 * Worker side of `toThread`/`toProcess`: turns a function's source back into a function
 * (indirect eval, so it sees only the worker's globals) and calls it with its arguments.
 * A ReferenceError naming an identifier of the source means the function closed over a
 * variable of its original scope; it is rethrown as a TypeError that says so. A module
 * not found next to this file means a relative import(), which resolves from here, not
 * from the caller (to-thread.ts refuses literal ones before sending); that too is
 * rethrown as a TypeError saying what to do.
 */
import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";

type AnyFunction = (...args: unknown[]) => unknown;

const compiled = new Map<string, AnyFunction>();

function compile(source: string): AnyFunction {
  let fn = compiled.get(source);
  if (fn !== undefined) return fn;
  let value: unknown;
  try {
    value = (0, eval)(`(${source}\n)`);
  } catch (error) {
    throw new TypeError(
      `toThread/toProcess could not rebuild the function from its source (method shorthand, native and bound functions cannot be serialised): ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (typeof value !== "function") throw new TypeError("toThread/toProcess: the source is not a function");
  fn = value as AnyFunction;
  compiled.set(source, fn);
  return fn;
}

const HERE = fileURLToPath(import.meta.url);
const HERE_DIR = dirname(HERE);

/** A module not found because the function imported a relative specifier held in a variable. */
function explainRelativeImport(error: Error): unknown {
  const message = error.message;
  if (!message.includes(`imported from ${HERE}`) || !message.includes(`'${HERE_DIR}${sep}`)) return error;
  return new TypeError(
    "toThread/toProcess functions run from their source text in a worker, where a relative import() resolves " +
      "against conveyor's files, not yours. Resolve it where you call toThread and pass the URL in: " +
      'new URL("./module.js", import.meta.url).href',
    { cause: error },
  );
}

function explain(error: unknown, source: string): unknown {
  if ((error as { code?: unknown } | null)?.code === "ERR_MODULE_NOT_FOUND") return explainRelativeImport(error as Error);
  if (!(error instanceof ReferenceError)) return error;
  const match = /^(\S+) is not defined$/.exec(error.message);
  if (match === null) return error;
  const name = match[1];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (!new RegExp(`(^|[^\\w$])${escaped}($|[^\\w$])`).test(source)) return error;
  return new TypeError(
    `toThread/toProcess functions must be self-contained; \`${name}\` is not defined in the worker. ` +
      "Pass it as an argument, or `await import()` it inside the function.",
    { cause: error },
  );
}

/** Runs the function whose source is `source` with `args`; rewrites closure errors. */
export function runFunctionTask(source: string, args: unknown): unknown {
  const fn = compile(source);
  let result: unknown;
  try {
    result = fn(...(args as unknown[]));
  } catch (error) {
    throw explain(error, source);
  }
  if (result !== null && typeof (result as PromiseLike<unknown>)?.then === "function") {
    return Promise.resolve(result).catch((error: unknown) => {
      throw explain(error, source);
    });
  }
  return result;
}
