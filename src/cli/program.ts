/**
 * The `conveyor` command line: argument parsing only. Each command's work lives in its
 * own module (the demo in ./demo/), so the CLI stays a thin layer over functions that
 * tests can call directly.
 */
import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import {
  DEFAULT_SCALE,
  DEMO_MODES,
  describeScenario,
  estimateDemoMs,
  formatComparisonTable,
  formatModeSection,
  formatTableNotes,
  formatTakeaway,
  runDemo,
  scaledScenario,
  selectModes,
} from "./demo/index.ts";

/** Where the CLI writes; the process's stdout unless a test passes its own. */
export type Write = (text: string) => void;

/**
 * Builds the `conveyor` program.
 *
 * @example
 * await createProgram().parseAsync(["node", "conveyor", "demo", "--scale", "0.1"]);
 */
export function createProgram(write: Write = (text) => void process.stdout.write(text)): Command {
  const program = new Command("conveyor")
    .description("Asynchronous producer/consumer work for Node.js, exact to Python's asyncio.")
    .version(packageVersion(), "-V, --version", "print the version");

  program
    .command("demo")
    .description(
      "Run the notes' producer/consumer scenario (5 tasks, producer 0.3 s per task, consumer 1.0 s per task, " +
        "a 4 s get timeout in modes 2 and 4) in each mode implemented so far, and print a timeline per mode " +
        "and a measured comparison table.",
    )
    .option(
      "--scale <n>",
      `multiply the notes' times by n; the default ${DEFAULT_SCALE} runs all modes in about ` +
        `${estimate(DEFAULT_SCALE)}; 1 = the notes' real times, about ${estimate(1)}`,
      parseScale,
      DEFAULT_SCALE,
    )
    .option("--mode <name...>", "run only these modes (name or number); default: all")
    .addHelpText("after", `\nModes:\n${DEMO_MODES.map((m) => `  ${m.number}  ${m.name.padEnd(20)} ${m.title}`).join("\n")}`)
    .action(async (options: { scale: number; mode?: string[] }, command: Command) => {
      try {
        selectModes(options.mode);
      } catch (err) {
        command.error(`error: ${(err as Error).message}`);
      }
      await demo(options.scale, options.mode, write);
    });

  return program;
}

/** The demo command itself: run, print each mode as it finishes, then the table. */
async function demo(scale: number, modes: readonly string[] | undefined, write: Write): Promise<void> {
  write(`${describeScenario(scaledScenario(scale), scale)}\n\n`);
  const results = await runDemo({
    scale,
    modes,
    onResult: (result) => write(`${formatModeSection(result)}\n\n`),
  });
  write(
    `Comparison (measured at scale ${scale})\n\n${formatComparisonTable(results)}\n\n` +
      `${formatTableNotes(results)}\n\n${formatTakeaway(results)}\n`,
  );
}

/**
 * The whole demo's expected run time at `scale`, as `--help` states it: computed from
 * the scenario (each mode's time, get timeouts and worker start-up included), rounded.
 *
 * @example
 * estimate(1); // "35 s"
 */
export function estimate(scale: number): string {
  const ms = estimateDemoMs(DEMO_MODES, scaledScenario(scale));
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function parseScale(value: string): number {
  const scale = Number(value);
  if (value.trim() === "" || !Number.isFinite(scale) || scale <= 0) {
    throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  }
  return scale;
}

function packageVersion(): string {
  // ../../package.json from both src/cli/ (tsx) and dist/cli/ (built).
  const raw = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(raw) as { version: string }).version;
}
