/**
 * Draws a trace as an ASCII timeline: one row per lane, time running left to right,
 * scaled to a fixed width, with a time axis and a legend underneath.
 *
 *     producer |>==>==>==>==>==                                             |
 *     consumer |<=========<=========<=========<=========<=========~~~~~~~~~~|
 *              +---------+---------+---------+---------+---------+---------+
 *              0 s       1.5 s     3 s       4.5 s     6 s       7.5 s     9 s
 *              > put  < get  = processing  ~ idle
 *
 * Each kind has a style: a bar drawn over the span's duration and, for hand-offs (put,
 * get), a mark where the hand-off completed; a hand-off shorter than one column did not
 * wait, so it gets its mark only. The legend lists only the glyphs actually drawn. Plain
 * ASCII, so it survives any terminal or log.
 */
import type { Instant, Span, SpanKind } from "./span.ts";

/** How one kind is drawn. */
export interface KindStyle {
  /** The character filling the span's duration. */
  readonly bar: string;
  /** A hand-off's character, drawn where the span ended (and for instants of the kind). */
  readonly mark?: string;
}

/** Options of {@link renderTimeline}. */
export interface TimelineOptions {
  /** Columns for the time axis. Default 60. */
  width?: number;
  /** Rows, top to bottom. Default: lanes in order of their first span. */
  lanes?: readonly string[];
  /** Row labels, e.g. `{ producer: "P", consumer: "C" }`. Default: the lane itself. */
  names?: Readonly<Record<string, string>>;
  /** Instants to draw with their kind's mark (or `*`). */
  instants?: readonly Instant[];
  /** Styles per kind, over the defaults (`=` processing, `>`/`<` put/get, `.` wait, `~` idle). */
  styles?: Readonly<Record<string, KindStyle>>;
  /** Legend text per glyph, over the defaults; `false` for no legend. */
  legend?: Readonly<Record<string, string>> | false;
  /** The legend wraps to stay within this many columns. Default 80. */
  maxWidth?: number;
  /** Left edge of the axis, in ms. Default 0, the recorder's origin. */
  from?: number;
  /** Right edge of the axis, in ms. Default: the latest span end or instant. */
  to?: number;
  /** Columns between axis ticks. Default 10. */
  tickEvery?: number;
}

const DEFAULT_STYLES: Readonly<Record<string, KindStyle>> = {
  process: { bar: "=" },
  put: { bar: ".", mark: ">" },
  get: { bar: ".", mark: "<" },
  wait: { bar: "." },
  idle: { bar: "~" },
};
/** Spans of a kind with no style are bars; instants of a kind with no mark are stars. */
const OTHER: KindStyle = { bar: "#" };
const INSTANT_MARK = "*";
const DEFAULT_LEGEND: Readonly<Record<string, string>> = {
  ">": "put",
  "<": "get",
  "=": "processing",
  ".": "waiting",
  "~": "idle",
  "#": "other",
  "*": "event",
};
const EMPTY = " ";

/**
 * Renders spans as a multi-line ASCII timeline (no trailing newline).
 *
 * @example
 * console.log(renderTimeline(trace.spans(), {
 *   lanes: ["producer", "consumer"],
 *   legend: { ".": "waiting in put/get" },
 * }));
 */
export function renderTimeline(spans: readonly Span[], options: TimelineOptions = {}): string {
  const width = options.width ?? 60;
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`width must be a positive integer, got ${String(width)}`);
  }
  const tickEvery = options.tickEvery ?? 10;
  if (!Number.isInteger(tickEvery) || tickEvery < 1) {
    throw new RangeError(`tickEvery must be a positive integer, got ${String(tickEvery)}`);
  }
  const instants = options.instants ?? [];
  const lanes = options.lanes ?? firstAppearanceOrder(spans, instants);
  const names = lanes.map((lane) => options.names?.[lane] ?? lane);
  const labelWidth = Math.max(0, ...names.map((n) => n.length));
  const from = options.from ?? 0;
  const latest = Math.max(from, ...spans.map((s) => s.end), ...instants.map((i) => i.at));
  const to = Math.max(options.to ?? latest, from);
  // A zero-length trace still gets an axis; any positive range will do.
  const range = to > from ? to - from : 1;
  const styleOf = (kind: SpanKind): KindStyle => options.styles?.[kind] ?? DEFAULT_STYLES[kind] ?? OTHER;

  const floorCol = (t: number) => clamp(Math.floor(((t - from) / range) * width), 0, width - 1);
  const ceilCol = (t: number) => clamp(Math.ceil(((t - from) / range) * width), 1, width);

  const used = new Set<string>();
  const rows = lanes.map((lane, index) => {
    const cells: string[] = new Array<string>(width).fill(EMPTY);
    const own = spans.filter((s) => s.lane === lane);
    // Bars first, marks last, so a mark is never hidden under the bar that follows it.
    for (const span of own) {
      const style = styleOf(span.kind);
      // A hand-off shorter than one column's worth of time did not wait: mark only.
      if (style.mark !== undefined && span.end - span.start < range / width) continue;
      const first = floorCol(span.start);
      const last = Math.max(first + 1, ceilCol(span.end));
      for (let col = first; col < last; col++) cells[col] = style.bar;
    }
    for (const span of own) {
      const { mark } = styleOf(span.kind);
      if (mark !== undefined) cells[floorCol(span.end)] = mark;
    }
    for (const instant of instants) {
      if (instant.lane === lane) cells[floorCol(instant.at)] = styleOf(instant.kind).mark ?? INSTANT_MARK;
    }
    for (const cell of cells) used.add(cell);
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
  const lines = [...rows, indent + axis, indent + labels];
  if (options.legend !== false) {
    const text = { ...DEFAULT_LEGEND, ...options.legend };
    // In the legend's order, only what was drawn (a trace without idle time has no "~").
    const entries = Object.keys(text)
      .filter((glyph) => used.has(glyph))
      .map((glyph) => `${glyph} ${text[glyph]}`);
    lines.push(...wrapEntries(entries, indent, options.maxWidth ?? 80));
  }
  return lines.join("\n");
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

function wrapEntries(entries: readonly string[], indent: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const entry of entries) {
    if (line !== "" && indent.length + line.length + 2 + entry.length > maxWidth) {
      lines.push(indent + line);
      line = "";
    }
    line = line === "" ? entry : `${line}  ${entry}`;
  }
  if (line !== "") lines.push(indent + line);
  return lines;
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

function firstAppearanceOrder(spans: readonly Span[], instants: readonly Instant[]): string[] {
  const events = [...spans.map((s) => ({ lane: s.lane, at: s.start })), ...instants];
  const seen: string[] = [];
  for (const { lane } of events.sort((a, b) => a.at - b.at)) {
    if (!seen.includes(lane)) seen.push(lane);
  }
  return seen;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
