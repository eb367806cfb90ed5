/**
 * Draws a trace as an ASCII timeline: one row per actor, time running left to right,
 * scaled to a fixed width, with a time axis underneath.
 *
 *     producer |>==>==>==>==>==                                             |
 *     consumer |               <========<========<========<========<========|
 *              +---------+---------+---------+---------+---------+---------+
 *              0 s       1.08 s    2.17 s    3.25 s    4.33 s    5.42 s    6.5 s
 *
 * `>` is a put, `<` a get (drawn where the hand-off completed), `=` processing, and `.`
 * time spent waiting inside a put or get. Plain ASCII, so it survives any terminal or log.
 */
import type { Span } from "./span.ts";

/** Options of {@link renderTimeline}. */
export interface TimelineOptions {
  /** Columns for the time axis. Default 60. */
  width?: number;
  /** Rows, top to bottom. Default: actors in order of their first span. */
  actors?: readonly string[];
  /** Row labels, e.g. `{ P: "producer", C: "consumer" }`. Default: the actor itself. */
  names?: Readonly<Record<string, string>>;
  /** Left edge of the axis, in ms. Default 0, the recorder's origin. */
  from?: number;
  /** Right edge of the axis, in ms. Default: the latest span end. */
  to?: number;
  /** Columns between axis ticks. Default 10. */
  tickEvery?: number;
}

const MARK = { put: ">", get: "<" } as const;
const BAR = "=";
const WAIT = ".";
const EMPTY = " ";

/**
 * Renders spans as a multi-line ASCII timeline (no trailing newline).
 *
 * @example
 * console.log(renderTimeline(trace.spans(), { names: { P: "producer", C: "consumer" } }));
 */
export function renderTimeline(spans: readonly Span[], options: TimelineOptions = {}): string {
  const width = options.width ?? 60;
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`width must be a positive integer, got ${String(width)}`);
  }
  const tickEvery = options.tickEvery ?? 10;
  const actors = options.actors ?? firstAppearanceOrder(spans);
  const names = actors.map((actor) => options.names?.[actor] ?? actor);
  const labelWidth = Math.max(0, ...names.map((n) => n.length));
  const from = options.from ?? 0;
  const latest = spans.reduce((max, s) => Math.max(max, s.end), from);
  const to = Math.max(options.to ?? latest, from);
  // A zero-length trace still gets an axis; any positive range will do.
  const range = to > from ? to - from : 1;

  const floorCol = (t: number) => clamp(Math.floor(((t - from) / range) * width), 0, width - 1);
  const ceilCol = (t: number) => clamp(Math.ceil(((t - from) / range) * width), 1, width);

  const rows = actors.map((actor, index) => {
    const cells: string[] = new Array<string>(width).fill(EMPTY);
    const own = spans.filter((s) => s.actor === actor);
    // Bars first, marks last, so a mark is never hidden under the bar that follows it.
    for (const span of own) {
      // A put or get shorter than one column's worth of time did not wait: mark only.
      if (span.kind !== "process" && span.end - span.start < range / width) continue;
      const fill = span.kind === "process" ? BAR : WAIT;
      const first = floorCol(span.start);
      const last = Math.max(first + 1, ceilCol(span.end));
      for (let col = first; col < last; col++) cells[col] = fill;
    }
    for (const span of own) {
      if (span.kind !== "process") cells[floorCol(span.end)] = MARK[span.kind];
    }
    return `${names[index].padEnd(labelWidth)} |${cells.join("")}|`;
  });

  const indent = " ".repeat(labelWidth + 1);
  const axis = renderAxis(width, tickEvery);
  // One unit along the whole axis, so "0 ms" never sits next to "1.08 s".
  const inSeconds = to >= 1000;
  const labels = renderTickLabels(width, tickEvery, (col) => {
    const t = from + (col / width) * range;
    return inSeconds ? `${trimZeros((t / 1000).toFixed(2))} s` : `${trimZeros(t.toFixed(t < 10 ? 1 : 0))} ms`;
  });
  const legend = `${indent}${MARK.put} put  ${MARK.get} get  ${BAR} processing  ${WAIT} waiting in put/get`;
  return [...rows, indent + axis, indent + labels, legend].join("\n");
}

/**
 * Formats a duration in ms for people: `850 ms`, `1.25 s`.
 *
 * @example
 * formatDuration(1250); // "1.25 s"
 */
export function formatDuration(ms: number): string {
  if (Math.abs(ms) >= 1000) return `${trimZeros((ms / 1000).toFixed(2))} s`;
  if (Math.abs(ms) >= 10 || ms === 0) return `${Math.round(ms)} ms`;
  return `${trimZeros(ms.toFixed(1))} ms`;
}

function trimZeros(fixed: string): string {
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

function renderAxis(width: number, tickEvery: number): string {
  let axis = "";
  for (let col = 0; col <= width; col++) axis += col % tickEvery === 0 || col === width ? "+" : "-";
  return axis;
}

function renderTickLabels(width: number, tickEvery: number, labelAt: (col: number) => string): string {
  let line = "";
  for (let col = 0; col <= width; col += tickEvery) {
    const label = labelAt(col);
    // Skip a label that would run into the previous one; the tick still shows.
    if (col > 0 && line.length >= col) continue;
    line = line.padEnd(col) + label;
  }
  return line;
}

function firstAppearanceOrder(spans: readonly Span[]): string[] {
  const seen: string[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (!seen.includes(span.actor)) seen.push(span.actor);
  }
  return seen;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
