/**
 * Runs the demo: picks the modes, runs each one on the scaled scenario, measures it, and
 * hands each result back as soon as it is ready.
 */
import { performance } from "node:perf_hooks";
import { analyzeTrace, type Span, type TraceAnalysis } from "../../trace/index.ts";
import type { ExpectedTime } from "./expected.ts";
import { DEMO_MODES, type DemoMode } from "./modes/index.ts";
import { DEFAULT_SCALE, scaledScenario, type Scenario } from "./scenario.ts";

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Multiplies the notes' times. Default {@link DEFAULT_SCALE}. */
  scale?: number;
  /** Mode names or numbers to run; all registered modes when empty or omitted. */
  modes?: readonly string[];
  /** Called after each mode, e.g. to print its timeline while the next one runs. */
  onResult?: (result: DemoResult) => void;
  /** The modes to choose from. Default: every registered mode. */
  registry?: readonly DemoMode[];
}

/** One mode's measured run. */
export interface DemoResult {
  readonly mode: DemoMode;
  readonly scenario: Scenario;
  readonly spans: readonly Span[];
  /** Wall-clock time of the run, in ms, from its `startClock()` (or its start) to its end. */
  readonly totalMs: number;
  /** Of `totalMs`, the consumer waiting out its `get` timeout after the last item (idle spans). */
  readonly tailMs: number;
  /** `totalMs` without the tail: the time the work itself took. */
  readonly workMs: number;
  /** Starting the mode's worker before `startClock()`, in ms; 0 for in-process modes. */
  readonly startupMs: number;
  /** What the mode's Python reference takes on the same scenario, computed. */
  readonly expected: ExpectedTime;
  readonly analysis: TraceAnalysis;
}

/**
 * Runs the chosen modes one after another (never together: they would compete for the
 * event loop and spoil each other's timings).
 *
 * @example
 * const results = await runDemo({ scale: 0.1, modes: ["1", "asyncio-tasks"] });
 * results.map((r) => r.analysis.tookTurns); // [true, false]
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult[]> {
  const scenario = scaledScenario(options.scale ?? DEFAULT_SCALE);
  const modes = selectModes(options.modes, options.registry);
  const results: DemoResult[] = [];
  for (const mode of modes) {
    const called = performance.now();
    let started = called;
    const spans = await mode.run(scenario, () => {
      started = performance.now();
    });
    const totalMs = performance.now() - started;
    const analysis = analyzeTrace(spans);
    // The tail is measured by the consumer itself; it cannot exceed the whole run.
    const tailMs = Math.min(analysis.idleMs, totalMs);
    const result: DemoResult = {
      mode,
      scenario,
      spans,
      totalMs,
      tailMs,
      workMs: totalMs - tailMs,
      startupMs: started - called,
      expected: mode.expected(scenario),
      analysis,
    };
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

/**
 * The modes named (by name or by the notes' number), in the notes' order; every mode
 * when none are named.
 *
 * @example
 * selectModes(["4", "sequential-list"]).map((m) => m.number); // [1, 4]
 */
export function selectModes(names: readonly string[] = [], registry: readonly DemoMode[] = DEMO_MODES): DemoMode[] {
  if (names.length === 0) return [...registry];
  const chosen = new Set<DemoMode>();
  for (const name of names) {
    const mode = registry.find((m) => m.name === name || String(m.number) === name);
    if (mode === undefined) {
      const known = registry.map((m) => `${m.number} (${m.name})`).join(", ");
      throw new RangeError(`unknown demo mode "${name}"; expected one of: ${known}`);
    }
    chosen.add(mode);
  }
  return registry.filter((m) => chosen.has(m));
}
