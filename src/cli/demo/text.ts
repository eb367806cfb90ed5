/**
 * Plain-text layout for the demo's prose: everything it prints fits 80 columns.
 */

/** The width every line of the demo's output fits in. */
export const OUTPUT_COLUMNS = 80;

/**
 * Wraps `text` at spaces so no line is longer than `width`; the first line keeps the
 * text's leading spaces, the others start with `indent`. A single word longer than the
 * width stays whole on its own line.
 *
 * @example
 * wrap("one two three", 8, "  "); // "one two\n  three"
 */
export function wrap(text: string, width = OUTPUT_COLUMNS, indent = ""): string {
  if (!Number.isInteger(width) || width <= indent.length) {
    throw new RangeError(`width must be an integer above the indent (${indent.length}), got ${String(width)}`);
  }
  const lines: string[] = [];
  const lead = /^ */.exec(text)?.[0] ?? "";
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const candidate = line === "" ? (lines.length === 0 ? lead : indent) + word : `${line} ${word}`;
    if (line !== "" && candidate.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = candidate;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines.join("\n");
}
