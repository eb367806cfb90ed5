// Starting worker threads whatever flags the parent process was started with.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const POOL = new URL("../../../src/exec/pool/index.ts", import.meta.url).href;
const TASKS = new URL("./fixtures/tasks.ts", import.meta.url).href;

// ES module code, as `node --input-type=module` takes it from -e or stdin.
const CODE = `
import { ThreadPool, toThread } from ${JSON.stringify(POOL)};
const pool = new ThreadPool({ module: ${JSON.stringify(TASKS)}, maxWorkers: 1 });
const inherited = await toThread(() => process.execArgv.some((flag) => flag.startsWith("--input-type")));
console.log(await pool.run({ a: 1, b: 2 }), await toThread((n) => n * 2, 21), inherited ? "inherited" : "dropped");
await pool.close();
`;

function node(args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ["--import", "tsx", ...args], { timeout: 20_000, cwd: fileURLToPath(new URL(".", import.meta.url)) }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out.trim()),
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

test("regression: a ThreadPool failed to start its threads under node --input-type=module -e", async () => {
  assert.equal(await node(["--input-type=module", "-e", CODE]), "3 42 dropped");
});

test("a ThreadPool starts its threads under node --input-type=module reading stdin", async () => {
  assert.equal(await node(["--input-type=module"], CODE), "3 42 dropped");
});

test("with a flag a thread may only inherit (a V8 one), the threads inherit every flag and still start", async () => {
  assert.equal(await node(["--max-old-space-size=512", "--input-type=module", "-e", CODE]), "3 42 inherited");
});
