/**
 * Worker side: imports the task module, loading TypeScript when needed.
 *
 * A `.ts` module imports fine when a loader is active in this worker (a child process
 * started with `--import tsx`, or a thread whose bootstrap registered tsx). Otherwise
 * (the project runs from `dist` with plain node, or a Node 20 thread) the import fails
 * with ERR_UNKNOWN_FILE_EXTENSION; then tsx is registered here and the module imported
 * again under a fresh URL, because a failed import stays cached for its URL.
 */
import { isTypeScriptPath } from "./protocol.ts";

const flag = "__conveyorTsxRegistered";

async function registerTsx(url: string, tsxApi: string | null): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  if (g[flag] === true) return;
  let api = tsxApi;
  if (api === null) {
    try {
      api = import.meta.resolve("tsx/esm/api");
    } catch {
      api = null;
    }
  }
  if (api === null) {
    throw new Error(
      `conveyor: cannot load the TypeScript task module ${url}: no TypeScript loader is active in the worker and ` +
        `"tsx" is not installed. Install tsx (npm i -D tsx) or point \`module\` at compiled JavaScript.`,
    );
  }
  const { register } = (await import(api)) as { register: () => unknown };
  register();
  g[flag] = true;
}

/**
 * Import failures that tsx cures: Node 20 knows no `.ts`; Node 22/24 strip types
 * themselves but refuse syntax they cannot strip (enums, parameter properties, ...).
 */
const NEEDS_TSX = new Set([
  "ERR_UNKNOWN_FILE_EXTENSION",
  "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX",
  "ERR_INVALID_TYPESCRIPT_SYNTAX",
  "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING",
]);

/** Imports `url`, registering tsx and retrying once for TypeScript files. */
export async function loadTaskModule(url: string, tsxApi: string | null): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    // A SyntaxError from a stripped .ts file may be syntax tsx downlevels (Node 22 has no `using`).
    const syntax = (error as { name?: unknown } | null)?.name === "SyntaxError";
    if (!(NEEDS_TSX.has(code as string) || syntax) || !isTypeScriptPath(url)) throw error;
    await registerTsx(url, tsxApi);
    return (await import(`${url}${url.includes("?") ? "&" : "?"}tsx`)) as Record<string, unknown>;
  }
}

type TaskFunction = (arg: unknown) => unknown;

function ownFunction(exports: object, name: string): TaskFunction | undefined {
  // Own properties only: `constructor`, `toString` or `__proto__` are not tasks.
  if (!Object.hasOwn(exports, name)) return undefined;
  const value = (exports as Record<string, unknown>)[name];
  return typeof value === "function" ? (value as TaskFunction) : undefined;
}

function functionNames(exports: object): string[] {
  return Object.keys(exports).filter((k) => typeof (exports as Record<string, unknown>)[k] === "function");
}

/**
 * Finds the task `name`: an own function export of the module, or of a CommonJS
 * module's `module.exports` (its namespace's `default`).
 */
export function findTask(mod: Record<string, unknown>, name: string, url: string): TaskFunction {
  let fn = ownFunction(mod, name);
  const cjs = mod.default;
  const cjsObject = cjs !== null && typeof cjs === "object" ? cjs : undefined;
  if (fn === undefined && name !== "default" && cjsObject !== undefined) fn = ownFunction(cjsObject, name);
  if (fn === undefined) {
    const names = new Set([...functionNames(mod), ...(cjsObject === undefined ? [] : functionNames(cjsObject))]);
    throw new TypeError(
      `task module ${url} has no function export "${name}" (function exports: ${[...names].join(", ") || "none"})`,
    );
  }
  return fn;
}
