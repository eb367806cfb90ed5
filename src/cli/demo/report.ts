/**
 * Turns demo results into text: a timeline per mode, then the notes' comparison table
 * with measured values instead of the notes' claims, and a line under it saying what was
 * measured. Every line fits 80 columns.
 */
import { formatDuration, renderTimeline } from "../../trace/index.ts";
import type { DemoResult } from "./run-demo.ts";
import type { Scenario } from "./scenario.ts";
import { OUTPUT_COLUMNS, wrap } from "./text.ts";

/** Timeline columns: "consumer |" + 60 + "|" and the axis labels stay within 80. */
const TIMELINE_WIDTH = 60;

/**
 * The lines describing the scenario, e.g. for the top of the demo's output.
 *
 * @example
 * describeScenario(scaledScenario(0.25), 0.25);
 * // "conveyor demo at scale 0.25: 5 tasks; the producer spends 75 ms on each, the\n..."
 */
export function describeScenario(scenario: Scenario, scale: number): string {
  return wrap(
    `conveyor demo at scale ${scale}: ${scenario.tasks} tasks; the producer spends ` +
      `${formatDuration(scenario.produceMs)} on each, the consumer ${formatDuration(scenario.consumeMs)}, ` +
      `and in modes 2 and 4 the consumer stops once a get has waited ` +
      `${formatDuration(scenario.getTimeoutMs)} for nothing (the notes: 0.3 s, 1.0 s, 4 s).`,
  );
}

/**
 * One mode's section: a heading, its timeline and what was measured.
 *
 * @example
 * console.log(formatModeSection(result));
 */
export function formatModeSection(result: DemoResult): string {
  const { mode, scenario, spans, totalMs, tailMs, workMs, startupMs, expected, analysis } = result;
  const heading = `${mode.number}. ${mode.title} [${mode.name}]`;
  const timeline = renderTimeline(spans, {
    width: TIMELINE_WIDTH,
    lanes: ["producer", "consumer"],
    legend: {
      ".": "waiting in put/get",
      "~": `waiting out the ${formatDuration(scenario.getTimeoutMs)} get timeout`,
    },
    maxWidth: OUTPUT_COLUMNS,
  });
  const total =
    tailMs > 0
      ? `total ${formatDuration(totalMs)} = work ${formatDuration(workMs)} + ${formatDuration(tailMs)} ` +
        "waiting out the get timeout"
      : `total ${formatDuration(totalMs)}`;
  const lines = [
    `${total}; ${mode.reference} takes ${formatDuration(expected.totalMs)} (computed).`,
    `Overlap ${formatDuration(analysis.overlapMs)}; ${analysis.putsDuringWork} of ${analysis.puts} puts ` +
      `while the consumer worked; sequential sum ${formatDuration(analysis.sequentialMs)}; ` +
      `time in put ${formatDuration(analysis.producerBlockedMs)}.`,
  ];
  if (startupMs >= 1) {
    lines.push(`Starting the worker took ${formatDuration(startupMs)}, before the clock started (not in the total).`);
  }
  return [heading, "", timeline, "", ...lines.map((line) => wrap(line))].join("\n");
}

/** A row of the comparison table, as plain strings. */
export interface ComparisonRow {
  readonly number: string;
  readonly mode: string;
  /** `"yes 0/5"`: the two sides took turns; the count is puts during the consumer's work. */
  readonly turns: string;
  readonly overlap: string;
  /** The consumer waiting out its get timeout, or `"-"`. */
  readonly tail: string;
  readonly total: string;
  /** The Python reference's time, computed from the scenario. */
  readonly expected: string;
}

/**
 * The table's rows, before layout; handy for tests and other front ends.
 *
 * @example
 * comparisonRows(results)[0].turns; // "yes 0/5"
 */
export function comparisonRows(results: readonly DemoResult[]): ComparisonRow[] {
  return results.map(({ mode, totalMs, tailMs, expected, analysis }) => ({
    number: String(mode.number),
    mode: mode.title,
    turns: `${analysis.tookTurns ? "yes" : "no"} ${analysis.putsDuringWork}/${analysis.puts}`,
    overlap: seconds(analysis.overlapMs),
    tail: tailMs > 0 ? seconds(tailMs) : "-",
    total: seconds(totalMs),
    expected: seconds(expected.totalMs),
  }));
}

const HEADERS: Readonly<Record<keyof ComparisonRow, string>> = {
  number: "#",
  mode: "Mode",
  turns: "Turns",
  overlap: "Overlap",
  tail: "Tail",
  total: "Total",
  expected: "Expected",
};

/**
 * The notes' comparison table, measured, as a Markdown-style table.
 *
 * @example
 * console.log(formatComparisonTable(results));
 * // | # | Mode                 | Turns   | Overlap | Tail   | Total  | Expected |
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
 * What each column of the table measured, to print under it.
 *
 * @example
 * console.log(formatTableNotes(results));
 * // Turns: the notes' "producer blocked by consumer". Measured: how many ...
 */
export function formatTableNotes(results: readonly DemoResult[]): string {
  const longestPut = Math.max(0, ...results.map((r) => longestSpan(r, "producer", "put")));
  const timeouts = [...new Set(results.filter((r) => r.tailMs > 0).map((r) => r.scenario.getTimeoutMs))];
  const notes = [
    `Turns: the notes' "producer blocked by consumer". Measured: how many of the ` +
      `producer's puts happened while the consumer was working on an item; none ` +
      `("yes 0/5") means the two took turns, each running only while the other had ` +
      `stopped. The longest put took ${formatDuration(longestPut)}: the queues are unbounded, ` +
      "so no put waits for room.",
    "Overlap: time the producer and the consumer were at work at the same time.",
    timeouts.length > 0
      ? `Tail: the consumer waiting out its ${timeouts.map(formatDuration).join(", ")} get timeout after ` +
        "the last item, as the notes' code does; it is part of Total, and Total - Tail is the work."
      : "Tail: none of these modes waits out a get timeout.",
    "Total: measured from the start of the scenario (any worker already running) to its end.",
    "Expected: what the Python program takes, computed from the scenario (ideal clocks, no start-up).",
  ];
  return notes.map((note) => wrap(note, OUTPUT_COLUMNS, "  ")).join("\n");
}

/**
 * The notes' conclusion, measured: which modes overlapped, and what that saved.
 *
 * @example
 * formatTakeaway(results);
 * // "Overlap in time is what makes a queue asynchronous. ...\n  asyncio (tasks): 1 s instead of 1.3 s (23% less)"
 */
export function formatTakeaway(results: readonly DemoResult[]): string {
  const overlapped = results.filter((r) => r.analysis.overlapped);
  if (overlapped.length === 0) return wrap("No mode overlapped its work: each took at least its sequential sum.");
  const lines = overlapped.map(({ mode, workMs, analysis }) => {
    const saved = analysis.sequentialMs > 0 ? Math.round((1 - workMs / analysis.sequentialMs) * 100) : 0;
    return wrap(
      `  ${mode.title}: ${formatDuration(workMs)} instead of ${formatDuration(analysis.sequentialMs)}` +
        ` (${saved}% less)`,
      OUTPUT_COLUMNS,
      "    ",
    );
  });
  const withTail = results.filter((r) => r.tailMs > 0);
  const tail =
    withTail.length === 0
      ? []
      : [
          wrap(
            `The ${plural(withTail.length, "total")} of ${list(withTail.map((r) => `mode ${r.mode.number}`))} ` +
              `also ${withTail.length === 1 ? "holds" : "hold"} the consumer waiting out its get timeout ` +
              "after the last item, as in the notes.",
          ),
        ];
  return [
    wrap(
      "Overlap in time is what makes a queue asynchronous. Where the producer went on while " +
        "the consumer worked, the work took less than its sequential sum:",
    ),
    ...lines,
    ...tail,
  ].join("\n");
}

/** Seconds with fixed precision, so the table's column lines up: `1.30 s`. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function longestSpan(result: DemoResult, lane: string, kind: string): number {
  let longest = 0;
  for (const s of result.spans) if (s.lane === lane && s.kind === kind) longest = Math.max(longest, s.end - s.start);
  return longest;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
