/**
 * Turns measured samples into the rows every suite prints: best rate, median rate, spread,
 * and how the reference implementation (conveyor) compares with each row.
 */
import { bestRate, medianRate, spread, type Sample } from "./timing.ts";
import { formatPercent, formatRate, formatRatio, markdownTable, textTable, type Row } from "./table.ts";

/** A measured implementation, or one that could not run (with the reason). */
export interface Result {
  readonly name: string;
  readonly sample?: Sample;
  readonly unavailable?: string;
}

/** Header shared by the rate tables. */
export function rateHeader(unit: string): Row {
  return ["implementation", `${unit}/s (best)`, `${unit}/s (median)`, "spread", "conveyor ÷ this"];
}

/**
 * One row per result; the last column is the reference's best rate divided by this row's,
 * so "3.00x" reads "conveyor is three times as fast as this".
 *
 * @example
 * rateRows([{ name: "a", sample: { units: 10, ms: [1] } }], "a"); // [["a", "10.0k", "10.0k", "0%", "1.00x"]]
 */
export function rateRows(results: readonly Result[], referenceName: string): Row[] {
  const reference = results.find((r) => r.name === referenceName)?.sample;
  const referenceRate = reference === undefined ? Number.NaN : bestRate(reference);
  return results.map((r): Row => {
    if (r.sample === undefined) return [r.name, r.unavailable ?? "not run", "", "", ""];
    const best = bestRate(r.sample);
    return [
      r.name,
      formatRate(best),
      formatRate(medianRate(r.sample)),
      formatPercent(spread(r.sample)),
      formatRatio(referenceRate / best),
    ];
  });
}

/**
 * Prints a titled table to stdout, then the same rows as Markdown for bench/RESULTS.md.
 *
 * @example
 * printTable("pipe", ["impl", "msgs/s"], [["ring", "9.80M"]]);
 */
export function printTable(title: string, header: Row, rows: readonly Row[]): void {
  console.log(`\n## ${title}\n`);
  console.log(textTable(header, rows));
  console.log(`\nMarkdown:\n\n${markdownTable(header, rows)}\n`);
}
