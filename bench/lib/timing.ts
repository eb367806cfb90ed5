/**
 * Timing helpers shared by every bench suite: warm up, run a workload a few times,
 * collect garbage between runs (so one run's garbage is not billed to the next), and
 * summarise the samples as best / median / spread.
 *
 * We report the best run as the headline: on a shared machine the noise is almost all
 * one-sided (other processes steal the CPU, never give it back), so the fastest run is
 * the closest to what the code itself costs. The median and the spread are printed next
 * to it so a reader can see how noisy the machine was.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** The samples of one measured workload, in milliseconds, plus the unit count they moved. */
export interface Sample {
  /** Units (messages, tasks) moved per run. */
  readonly units: number;
  /** Wall-clock duration of each measured run, in milliseconds, in run order. */
  readonly ms: readonly number[];
}

/** Options for {@link measureRounds}. */
export interface MeasureOptions {
  /** Runs of each entry thrown away before measuring, to let the JIT settle. Default 1. */
  readonly warmup?: number;
  /** Measured runs of each entry. Default 5. */
  readonly runs?: number;
}

/** One thing to measure: a workload that moves `units` units per call. */
export interface Entry {
  readonly units: number;
  readonly fn: () => Promise<void>;
}

let gc: (() => void) | undefined;

/**
 * Forces a full garbage collection when the runtime lets us, so a run does not pay for the
 * previous run's garbage. `npm run bench` does not pass `--expose-gc`, hence the flag trick.
 *
 * @example
 * collectGarbage();
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

async function timeOnce(fn: () => Promise<void>): Promise<number> {
  collectGarbage();
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Warms every entry up, then measures them round-robin: round 1 runs each entry once, then
 * round 2, and so on. Interleaving spreads a burst of load from other processes over all
 * entries instead of billing it to whichever one happened to be running. An entry that
 * throws is dropped from later rounds and reported as its error, so one broken
 * implementation does not stop the others being measured.
 *
 * @example
 * const [a, b] = await measureRounds([{ units: 1e3, fn: runA }, { units: 1e3, fn: runB }]);
 * if (!(a instanceof Error)) console.log(bestRate(a));
 */
export async function measureRounds(
  entries: readonly Entry[],
  options: MeasureOptions = {},
): Promise<(Sample | Error)[]> {
  const { warmup = 1, runs = 5 } = options;
  const failed: (Error | undefined)[] = entries.map(() => undefined);
  const attempt = async (i: number): Promise<number | undefined> => {
    if (failed[i] !== undefined) return undefined;
    try {
      return await timeOnce(entries[i].fn);
    } catch (error) {
      failed[i] = error instanceof Error ? error : new Error(String(error));
      return undefined;
    }
  };
  for (let i = 0; i < entries.length; i++) for (let w = 0; w < warmup; w++) await attempt(i);
  const ms: number[][] = entries.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < entries.length; i++) {
      const t = await attempt(i);
      if (t !== undefined) ms[i].push(t);
    }
  }
  return entries.map((entry, i) => failed[i] ?? { units: entry.units, ms: ms[i] });
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * Median of a non-empty list.
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Units per second of the fastest run.
 *
 * @example
 * bestRate({ units: 1000, ms: [2, 1] }); // 1_000_000
 */
export function bestRate(sample: Sample): number {
  return (sample.units * 1000) / Math.min(...sample.ms);
}

/**
 * Units per second of the median run.
 *
 * @example
 * medianRate({ units: 1000, ms: [1, 2, 4] }); // 500_000
 */
export function medianRate(sample: Sample): number {
  return (sample.units * 1000) / median(sample.ms);
}

/**
 * How far the slowest run was from the fastest, as a fraction of the fastest
 * (0.10 means the slowest run took 10% longer).
 *
 * @example
 * spread({ units: 1, ms: [10, 11] }); // 0.1
 */
export function spread(sample: Sample): number {
  const min = Math.min(...sample.ms);
  return (Math.max(...sample.ms) - min) / min;
}

/**
 * Resolves like `promise`, but rejects if it has not settled within `ms`, so a hung
 * implementation fails its row instead of hanging the whole bench.
 *
 * @example
 * await withDeadline(pool.run("add", { a: 1, b: 2 }), 60_000, "tiny tasks");
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
