/**
 * Table output for bench suites: an aligned plain-text table for the terminal and the
 * same rows as Markdown for bench/RESULTS.md.
 */

/** One row: the cells in column order, already formatted. */
export type Row = readonly string[];

/**
 * Formats a rate with a unit suffix: 1234567 → "1.23M".
 *
 * @example
 * formatRate(2_400_000); // "2.40M"
 */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return "n/a";
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}

/**
 * Formats a ratio as "3.10x".
 *
 * @example
 * formatRatio(0.5); // "0.50x"
 */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : "n/a";
}

/**
 * Formats a fraction as a percentage: 0.123 → "12%".
 *
 * @example
 * formatPercent(0.123); // "12%"
 */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${Math.round(fraction * 100)}%` : "n/a";
}

/**
 * Renders rows as a space-aligned table (first column left-aligned, others right-aligned).
 *
 * @example
 * console.log(textTable(["impl", "msgs/s"], [["ring", "9.80M"]]));
 */
export function textTable(header: Row, rows: readonly Row[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? "").length)));
  const line = (row: Row): string =>
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/**
 * Renders rows as a Markdown table, ready to paste into bench/RESULTS.md.
 *
 * @example
 * console.log(markdownTable(["impl", "msgs/s"], [["ring", "9.80M"]]));
 */
export function markdownTable(header: Row, rows: readonly Row[]): string {
  const line = (row: Row): string => `| ${row.join(" | ")} |`;
  const align = header.map((_, col) => (col === 0 ? ":---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}
