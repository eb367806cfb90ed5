/**
 * The published types, as a TypeScript user sees them: every entry point resolves under
 * both `moduleResolution: nodenext` and the older `node10` (which ignores `exports` and
 * needs `typesVersions`), the .d.ts files type-check on their own (no `skipLibCheck`), and
 * no `@internal` member is published. Source maps carry their sources, since `src/` is
 * not shipped.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");

/** The entry points and a name each must export. */
const entries: Record<string, string> = { conveyor: "Queue", "conveyor/exec": "ThreadPool" };

function typeCheck(moduleResolution: "nodenext" | "node10"): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "conveyor-types-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules/conveyor"), "dir");
    const lines = Object.entries(entries).map(
      ([spec, name], i) => `import { ${name} as E${i} } from "${spec}";\nexport const ok${i}: unknown = E${i};`,
    );
    writeFileSync(join(dir, "consumer.ts"), lines.join("\n") + "\n");
    const compilerOptions =
      moduleResolution === "node10"
        ? { module: "commonjs", moduleResolution: "node10", target: "es2022" }
        : { module: "nodenext", moduleResolution: "nodenext", target: "es2022" };
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, strict: true, noEmit: true, skipLibCheck: false, types: ["node"], typeRoots: [join(root, "node_modules/@types")] },
        files: ["consumer.ts"],
      }),
    );
    const result = spawnSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const resolution of ["nodenext", "node10"] as const) {
  test(`every entry point's types resolve and check under moduleResolution ${resolution}`, () => {
    const { status, output } = typeCheck(resolution);
    assert.equal(status, 0, output);
  });
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

test("no @internal member reaches the published .d.ts files", () => {
  const leaks = filesUnder(join(root, "dist"), ".d.ts").filter((f) => readFileSync(f, "utf8").includes("@internal"));
  assert.deepEqual(leaks, []);
});

test("source maps embed their sources (src/ is not shipped)", () => {
  const maps = filesUnder(join(root, "dist"), ".js.map");
  assert.ok(maps.length > 10);
  const missing = maps.filter((f) => {
    const map = JSON.parse(readFileSync(f, "utf8")) as { sources: string[]; sourcesContent?: unknown[] };
    return map.sourcesContent?.length !== map.sources.length;
  });
  assert.deepEqual(missing, []);
});

test("the package ships a LICENSE file", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files: string[]; license: string };
  assert.ok(pkg.files.includes("LICENSE"));
  assert.match(readFileSync(join(root, "LICENSE"), "utf8"), new RegExp(pkg.license));
});
