/**
 * Timed output: what a program printed, each line with when it came, and how two of them
 * are compared (examples.test.ts compares each example with its Python this way).
 *
 * The text form is the one scripts/capture-python.py writes to examples/<name>.expected.txt:
 *     # a comment (the capture's command line)
 *     0.30<TAB>[P] → Задача 2          one line of output, at 0.30 of the notes' seconds
 *     # exit 0 at 9.00                 the exit code, and when the program ended
 */
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";

/** One line of output, without its newline, and when it came (notes' seconds). */
export interface TimedLine {
  t: number;
  text: string;
}

/** What a program printed and how it ended. */
export interface TimedOutput {
  lines: TimedLine[];
  exit: { code: number; t: number };
}

const LINE = /^(-?\d+\.\d+)\t(.*)$/;
const EXIT = /^# exit (-?\d+) at (-?\d+\.\d+)$/;

/**
 * Reads the text form (see the module comment).
 *
 * @example
 * parseTimedOutput("0.00\tDone!\n# exit 0 at 1.00\n"); // { lines: [{ t: 0, text: "Done!" }], exit: { code: 0, t: 1 } }
 */
export function parseTimedOutput(text: string): TimedOutput {
  const lines: TimedLine[] = [];
  let exit: TimedOutput["exit"] | undefined;
  for (const [i, raw] of text.split("\n").entries()) {
    if (raw === "") continue;
    if (exit !== undefined) throw new TypeError(`line ${i + 1}: nothing may follow "# exit", got ${JSON.stringify(raw)}`);
    const line = LINE.exec(raw);
    const end = EXIT.exec(raw);
    if (line !== null) lines.push({ t: Number(line[1]), text: line[2] });
    else if (end !== null) exit = { code: Number(end[1]), t: Number(end[2]) };
    else if (!raw.startsWith("#")) throw new TypeError(`line ${i + 1}: expected "<seconds>\\t<text>" or "# ...", got ${JSON.stringify(raw)}`);
  }
  if (exit === undefined) throw new TypeError('timed output without its "# exit <code> at <seconds>" line');
  return { lines, exit };
}

/**
 * How closely the times must agree, in the notes' seconds: a line may be off by
 * `max(absolute, relative × its time) + stall`, the end by `max(exit, relative × its
 * time) + stall + teardown`.
 */
export interface Tolerance {
  /** At least this much either way. */
  absolute: number;
  /** Or this fraction of the expected time, if that is more. */
  relative: number;
  /** For the program's end, which includes shutting threads and pools down. */
  exit: number;
  /** Plus this much, for the machine: a stall of a busy machine, in the notes' seconds. */
  stall: number;
  /** Plus this much for the end: ending worker threads, which Python's end at once. */
  teardown: number;
}

/** Lines within this much of each other (notes' seconds) happened at one instant. */
export const SAME_INSTANT = 0.05;

/**
 * The instant of each line: runs of consecutive lines within {@link SAME_INSTANT} of
 * the run's first get the same number.
 */
function instantsOf(lines: TimedLine[]): number[] {
  const ids: number[] = [];
  let first = -Infinity;
  let id = -1;
  for (const line of lines) {
    if (line.t - first > SAME_INSTANT) {
      first = line.t;
      id++;
    }
    ids.push(id);
  }
  return ids;
}

/**
 * The smallest time between two lines printed at different instants (Infinity if all
 * come at one): the margin by which a run's order depends on its timing.
 *
 * @example
 * smallestGap(parseTimedOutput(text)); // 0.1 when lines come at 0.9 s and 1.0 s
 */
export function smallestGap(output: TimedOutput): number {
  const ids = instantsOf(output.lines);
  let gap = Infinity;
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] !== ids[i - 1]) gap = Math.min(gap, output.lines[i].t - output.lines[i - 1].t);
  }
  return gap;
}

const show = (lines: TimedLine[]) => lines.map((l) => `${l.t.toFixed(2).padStart(6)}  ${JSON.stringify(l.text)}`).join("\n");
const sortedTexts = (lines: TimedLine[]) => lines.map((l) => l.text).sort();

/** How far the times of one run were off, and what was off by more than allowed. */
export interface Timing {
  /** The largest difference of a line's time, notes' seconds. */
  worst: number;
  /** The difference of the end's time. */
  end: number;
  /** What was off: a line too early or late, two lines of different instants swapped. */
  problems: string[];
}

/**
 * Compares what `actual` printed with what `expected` did.
 *
 * Asserted (it throws): the same lines, each as often; lines printed at one instant in
 * the same order, since that order is the scheduler's (asyncio's ready queue, or Node's
 * microtasks), not the clock's; and the same exit code. With `threads`, lines of one
 * instant may come in any order: when two threads print at once, which one is first is
 * up to the threads, in Python too.
 *
 * Returned as problems (a stall of the machine can cause them, so the caller may run the
 * program again): a line's time off by more than `tolerance`, the end's, and two lines
 * of different instants in the other order, which is their times being off.
 *
 * @example
 * const timing = compareOutput(twin, python, { absolute: 0.25, relative: 0.05, exit: 0.5, stall: 0.5, teardown: 0 }, { threads: false });
 * assert.deepEqual(timing.problems, []);
 */
/** How far behind a line may fall over a whole run, relative to its time (see compareOutput). */
const DRIFT = 0.2;

export function compareOutput(
  actual: TimedOutput,
  expected: TimedOutput,
  tolerance: Tolerance,
  { threads }: { threads: boolean },
): Timing {
  const context = `expected:\n${show(expected.lines)}\n  exit ${expected.exit.code} at ${expected.exit.t.toFixed(2)}\n` +
    `actual:\n${show(actual.lines)}\n  exit ${actual.exit.code} at ${actual.exit.t.toFixed(2)}`;
  const texts = (output: TimedOutput) => output.lines.map((l) => l.text);
  if (!isDeepStrictEqual(sortedTexts(actual.lines), sortedTexts(expected.lines))) {
    assert.deepEqual(texts(actual), texts(expected), `the same lines\n${context}`);
  }
  assert.equal(actual.exit.code, expected.exit.code, `exit code\n${context}`);

  // Where each expected line came: the k-th line with a text answers the k-th expected.
  const positions = new Map<string, number[]>();
  actual.lines.forEach((line, i) => positions.set(line.text, [...(positions.get(line.text) ?? []), i]));
  const seen = new Map<string, number>();
  const at = expected.lines.map((line) => {
    const k = seen.get(line.text) ?? 0;
    seen.set(line.text, k + 1);
    return (positions.get(line.text) as number[])[k];
  });

  const instant = instantsOf(expected.lines);
  const problems: string[] = [];
  for (let i = 0; i < at.length; i++) {
    for (let j = i + 1; j < at.length; j++) {
      if (at[i] < at[j]) continue;
      const [first, second] = [JSON.stringify(expected.lines[i].text), JSON.stringify(expected.lines[j].text)];
      if (instant[i] !== instant[j]) {
        problems.push(`${second} came before ${first}, which the Python printed ${(expected.lines[j].t - expected.lines[i].t).toFixed(2)} s earlier`);
      } else if (!threads) {
        assert.fail(`${second} came before ${first}, printed at one instant: the order is the scheduler's and must match\n${context}`);
      }
    }
  }

  // Two checks of time. Each step (the time from one line to the next) must last what it
  // did in the Python, within `relative` of it: a sleep gone missing or doubled shows
  // there, wherever it is. Each line's time from the start must be within DRIFT of the
  // Python's: on a loaded machine every sleep runs a little late, and in a long
  // sequential program that adds up, so the bound grows with the time.
  let worst = 0;
  expected.lines.forEach((want, i) => {
    const got = actual.lines[at[i]];
    const off = Math.abs(got.t - want.t);
    worst = Math.max(worst, off);
    const allowed = Math.max(tolerance.absolute, DRIFT * want.t) + tolerance.stall;
    if (off > allowed) {
      problems.push(`${JSON.stringify(want.text)} came at ${got.t.toFixed(2)} s, expected ${want.t.toFixed(2)} ± ${allowed.toFixed(2)}`);
    }
    if (i === 0 || threads) return;
    const step = got.t - actual.lines[at[i - 1]].t;
    const wantStep = want.t - expected.lines[i - 1].t;
    const allowedStep = Math.max(tolerance.absolute, tolerance.relative * wantStep) + tolerance.stall;
    if (Math.abs(step - wantStep) > allowedStep) {
      problems.push(`${JSON.stringify(want.text)} came ${step.toFixed(2)} s after the line before it, expected ${wantStep.toFixed(2)} ± ${allowedStep.toFixed(2)}`);
    }
  });
  const end = Math.abs(actual.exit.t - expected.exit.t);
  const allowedEnd = Math.max(tolerance.exit, DRIFT * expected.exit.t) + tolerance.stall + tolerance.teardown;
  if (end > allowedEnd) {
    problems.push(`ended at ${actual.exit.t.toFixed(2)} s, expected ${expected.exit.t.toFixed(2)} ± ${allowedEnd.toFixed(2)}`);
  }
  if (problems.length > 0) problems.push(context);
  return { worst, end, problems };
}
