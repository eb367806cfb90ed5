/**
 * Turns demo results into text: a timeline per mode, then the notes' comparison table
 * with measured values instead of the notes' claims.
 */
import { formatDuration, renderTimeline } from "../../trace/index.ts";
import type { DemoResult } from "./run-demo.ts";
import type { Scenario } from "./scenario.ts";

const ROW_NAMES = { P: "producer", C: "consumer" } as const;

/**
 * A line describing the scenario, e.g. for the top of the demo's output.
 *
 * @example
 * describeScenario({ tasks: 5, produceMs: 75, consumeMs: 250 }, 0.25);
 * // "5 tasks, producer 75 ms per task, consumer 250 ms per task (scale 0.25 of the notes' 0.3 s / 1.0 s)"
 */
export function describeScenario(scenario: Scenario, scale: number): string {
  return (
    `${scenario.tasks} tasks, producer ${formatDuration(scenario.produceMs)} per task, ` +
    `consumer ${formatDuration(scenario.consumeMs)} per task ` +
    `(scale ${scale} of the notes' 0.3 s / 1.0 s)`
  );
}

/**
 * One mode's section: a heading, its timeline and a one-line measurement.
 *
 * @example
 * console.log(formatModeSection(result));
 */
export function formatModeSection(result: DemoResult, width = 60): string {
  const { mode, spans, totalMs, analysis } = result;
  const heading = `${mode.number}. ${mode.title} [${mode.name}]`;
  const timeline = renderTimeline(spans, { width, actors: ["P", "C"], names: ROW_NAMES });
  const summary =
    `total ${formatDuration(totalMs)}, sequential sum ${formatDuration(analysis.sequentialMs)}, ` +
    `overlap ${formatDuration(analysis.overlapMs)}, producer blocked in put ${formatDuration(analysis.producerBlockedMs)}`;
  return [heading, "", timeline, "", summary].join("\n");
}

/** A row of the comparison table, as plain strings. */
export interface ComparisonRow {
  readonly number: string;
  readonly mode: string;
  readonly producerWaits: "yes" | "no";
  readonly overlapped: "yes" | "no";
  readonly total: string;
  readonly sequentialSum: string;
}

/**
 * The table's rows, before layout; handy for tests and other front ends.
 *
 * @example
 * comparisonRows(results)[0].overlapped; // "no"
 */
export function comparisonRows(results: readonly DemoResult[]): ComparisonRow[] {
  return results.map(({ mode, totalMs, analysis }) => ({
    number: String(mode.number),
    mode: mode.title,
    producerWaits: analysis.producerWaited ? "yes" : "no",
    overlapped: analysis.overlapped ? "yes" : "no",
    total: seconds(totalMs),
    sequentialSum: seconds(analysis.sequentialMs),
  }));
}

const HEADERS: Readonly<Record<keyof ComparisonRow, string>> = {
  number: "#",
  mode: "Mode",
  producerWaits: "Producer waits for consumer",
  overlapped: "Work overlapped",
  total: "Total (measured)",
  sequentialSum: "Sequential sum",
};

/**
 * The notes' comparison table, measured, as a Markdown-style table.
 *
 * @example
 * console.log(formatComparisonTable(results));
 * // | # | Mode              | Producer waits for consumer | Work overlapped | ...
 */
export function formatComparisonTable(results: readonly DemoResult[]): string {
  const rows = comparisonRows(results);
  const columns = Object.keys(HEADERS) as (keyof ComparisonRow)[];
  const widths = columns.map((c) => Math.max(HEADERS[c].length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [
    line(columns.map((c) => HEADERS[c])),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map((row) => line(columns.map((c) => row[c]))),
  ].join("\n");
}

/**
 * The notes' conclusion, measured: which modes overlapped, and what that saved.
 *
 * @example
 * formatTakeaway(results);
 * // "Overlap in time is what makes a queue asynchronous:\n  asyncio (tasks): 1.25 s instead of 1.63 s (23% less)"
 */
export function formatTakeaway(results: readonly DemoResult[]): string {
  const overlapped = results.filter((r) => r.analysis.overlapped);
  if (overlapped.length === 0) return "No mode overlapped its work: every run took its sequential sum.";
  const lines = overlapped.map(({ mode, totalMs, analysis }) => {
    const saved = analysis.sequentialMs > 0 ? Math.round((1 - totalMs / analysis.sequentialMs) * 100) : 0;
    return (
      `  ${mode.title}: ${formatDuration(totalMs)} instead of ${formatDuration(analysis.sequentialMs)}` +
      ` (${saved}% less)`
    );
  });
  return ["Overlap in time is what makes a queue asynchronous:", ...lines].join("\n");
}

/** Seconds with fixed precision, so the table's column lines up: `1.30 s`. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
