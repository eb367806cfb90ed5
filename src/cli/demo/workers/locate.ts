/**
 * Finds a worker-side module of the demo as a `file:` URL a pool can load.
 *
 * The demo runs from source (`.ts`, under tsx) and from `dist` (`.js`); the worker
 * modules sit next to this file in both, with the same extension as this file.
 */
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The URL of `./<name>.ts` or `./<name>.js` in this folder, whichever matches this build.
 *
 * @example
 * new ThreadPool({ module: demoWorkerModule("thread-consumer"), maxWorkers: 1 });
 */
export function demoWorkerModule(name: string): URL {
  const ext = extname(fileURLToPath(import.meta.url));
  return new URL(`./${name}${ext}`, import.meta.url);
}
