import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, renderTimeline, type Span, type SpanKind } from "../../src/trace/index.ts";

const span = (actor: string, kind: SpanKind, start: number, end: number): Span => ({
  actor,
  kind,
  label: "",
  start,
  end,
});

describe("renderTimeline", () => {
  test("draws one row per actor with marks, bars and an axis", () => {
    const spans = [
      span("P", "put", 0, 0),
      span("P", "process", 0, 20),
      span("C", "get", 20, 20),
      span("C", "process", 20, 100),
    ];
    const text = renderTimeline(spans, { width: 10, names: { P: "prod", C: "cons" } });
    assert.equal(
      text,
      [
        "prod |>=        |",
        "cons |  <=======|",
        "     +---------+",
        "     0 ms      100 ms",
        "     > put  < get  = processing  . waiting in put/get",
      ].join("\n"),
    );
  });

  test("a put that waited is drawn as dots ending in its mark", () => {
    const spans = [span("P", "put", 0, 50), span("C", "process", 0, 100)];
    const [row] = renderTimeline(spans, { width: 10 }).split("\n");
    // Dots cover 0-50 ms (columns 0-4); the mark sits in the column where the put completed.
    assert.equal(row, "P |.....>    |");
  });

  test("rows follow the given actor order, and an actor with no spans gets an empty row", () => {
    const spans = [span("C", "process", 0, 10), span("P", "process", 0, 10)];
    const rows = renderTimeline(spans, { width: 4, actors: ["P", "X", "C"] }).split("\n");
    assert.deepEqual(rows.slice(0, 3), ["P |====|", "X |    |", "C |====|"]);
  });

  test("by default rows come in order of first appearance", () => {
    const spans = [span("C", "process", 5, 10), span("P", "process", 0, 10)];
    const rows = renderTimeline(spans, { width: 4 }).split("\n");
    assert.ok(rows[0].startsWith("P"));
    assert.ok(rows[1].startsWith("C"));
  });

  test("every row has the same width, whatever the trace", () => {
    const spans = [span("producer", "process", 0, 6500), span("C", "get", 6500, 6500), span("C", "put", 3, 3)];
    const rows = renderTimeline(spans, { width: 60 }).split("\n").slice(0, 2);
    for (const row of rows) assert.equal(row.length, "producer".length + 2 + 60 + 1);
  });

  test("labels the axis in seconds once the trace reaches a second", () => {
    const text = renderTimeline([span("P", "process", 0, 6500)], { width: 60 });
    const labels = text.split("\n")[2];
    assert.match(labels, /^ {2}0 s {7}1\.08 s/);
    assert.ok(labels.trimEnd().endsWith("6.5 s"));
  });

  test("an empty trace still renders an axis", () => {
    const text = renderTimeline([], { width: 5 });
    assert.match(text, /\+----\+/);
  });

  test("rejects a width that is not a positive integer", () => {
    assert.throws(() => renderTimeline([], { width: 0 }), RangeError);
    assert.throws(() => renderTimeline([], { width: 2.5 }), RangeError);
  });
});

describe("formatDuration", () => {
  test("picks ms or s", () => {
    assert.equal(formatDuration(0), "0 ms");
    assert.equal(formatDuration(4.25), "4.3 ms");
    assert.equal(formatDuration(850), "850 ms");
    assert.equal(formatDuration(1250), "1.25 s");
    assert.equal(formatDuration(2000), "2 s");
  });
});

describe("renderTimeline hand-offs", () => {
  test("a get shorter than a column draws no dots, even across a column boundary", () => {
    // Column width is 10 ms; this 2 ms get straddles the 30 ms boundary.
    const spans = [span("C", "get", 29, 31), span("C", "process", 31, 100)];
    const [row] = renderTimeline(spans, { width: 10 }).split("\n");
    assert.equal(row, "C |   <======|");
  });
});
