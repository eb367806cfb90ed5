import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, renderTimeline, type Span, type SpanKind } from "../../src/trace/index.ts";

const span = (lane: string, kind: SpanKind, start: number, end: number): Span => ({
  lane,
  kind,
  label: "",
  start,
  end,
});

describe("renderTimeline", () => {
  test("draws one row per lane with marks, bars, an axis and a legend of what was drawn", () => {
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
        "     > put  < get  = processing",
      ].join("\n"),
    );
  });

  test("a put that waited is drawn as dots ending in its mark", () => {
    const spans = [span("P", "put", 0, 50), span("C", "process", 0, 100)];
    const [row, , , , legend] = renderTimeline(spans, { width: 10, legend: { ".": "waiting in put/get" } }).split("\n");
    // Dots cover 0-50 ms (columns 0-4); the mark sits in the column where the put completed.
    assert.equal(row, "P |.....>    |");
    assert.equal(legend, "  > put  = processing  . waiting in put/get");
  });

  test("idle time (a get timing out) is drawn apart from work, with its own legend", () => {
    const spans = [span("C", "process", 0, 50), span("C", "idle", 50, 100)];
    const lines = renderTimeline(spans, { width: 10, legend: { "~": "waiting out the get timeout" } }).split("\n");
    assert.equal(lines[0], "C |=====~~~~~|");
    assert.equal(lines[3], "  = processing  ~ waiting out the get timeout");
  });

  test("instants get their kind's mark, or * for a kind without one", () => {
    const instants = [
      { lane: "P", kind: "put", label: "a", at: 0 },
      { lane: "P", kind: "ack", label: "b", at: 95 },
    ];
    const lines = renderTimeline([span("P", "process", 10, 20)], { width: 10, instants, to: 100 }).split("\n");
    assert.equal(lines[0], "P |>=       *|");
    assert.equal(lines[3], "  > put  = processing  * event");
  });

  test("styles and legend text can be given per kind", () => {
    const spans = [span("slot 1", "retry", 0, 10)];
    const lines = renderTimeline(spans, {
      width: 4,
      to: 20,
      styles: { retry: { bar: "r" } },
      legend: { r: "retrying" },
    }).split("\n");
    assert.equal(lines[0], "slot 1 |rr  |");
    assert.equal(lines[3], "       r retrying");
    // An unknown kind without a style is drawn as "other".
    assert.match(renderTimeline(spans, { width: 4, to: 20 }), /\|## {2}\|[\s\S]*# other$/);
    assert.doesNotMatch(renderTimeline(spans, { width: 4, legend: false }), /other/);
  });

  test("a long legend wraps to stay within maxWidth", () => {
    const spans = [span("P", "put", 0, 50), span("P", "process", 50, 70), span("P", "idle", 70, 100), span("P", "get", 0, 0)];
    const lines = renderTimeline(spans, {
      width: 10,
      legend: { ".": "waiting in put or get for a long time", "~": "waiting out the 800 ms get timeout" },
      maxWidth: 50,
    }).split("\n");
    const legend = lines.slice(3);
    assert.ok(legend.length >= 2, legend.join("\n"));
    for (const line of legend) assert.ok(line.length <= 50, line);
    assert.ok(legend.every((l) => l.startsWith("  ")));
    assert.match(legend.join(" "), /> put {2}< get {2}= processing.*waiting in put or get.*~ waiting out/);
  });

  test("rows follow the given lane order, and a lane with no spans gets an empty row", () => {
    const spans = [span("C", "process", 0, 10), span("P", "process", 0, 10)];
    const rows = renderTimeline(spans, { width: 4, lanes: ["P", "X", "C"] }).split("\n");
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

  test("rejects a width or tick spacing that is not a positive integer", () => {
    assert.throws(() => renderTimeline([], { width: 0 }), RangeError);
    assert.throws(() => renderTimeline([], { width: 2.5 }), RangeError);
    assert.throws(() => renderTimeline([], { tickEvery: 0 }), { name: "RangeError", message: /tickEvery/ });
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
