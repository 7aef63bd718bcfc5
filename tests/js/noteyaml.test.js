/* marginalia-noteyaml.js: a note written as YAML, and the loader's checks before copying. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Y = require("../../hooks/marginalia/authormode/assets/marginalia-noteyaml.js");

const RULES = { id: "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", url: "^https?://[^\\s/]+\\.[^\\s]+$" };
const CONTEXT = { kinds: ["framing", "sourcing", "claim"], topics: { talks: {}, plant: {} },
                  techniques: { Loaded_Language: {} }, taken: { "kiev-regime": "file", "mine": "collection" }, rules: RULES };

const NOTE = {
  id: "heated", kind: "framing", quote: "heated debate", prefix: "", suffix: "", part: "article",
  note: "The headline calls the debate *heated*.\n\nThe article reports a vote of seven to four.",
  topics: ["talks", "plant"], technique: "Loaded_Language",
  sources: [{ title: "Minutes of the council", publisher: "Harbour Council", date: "2024-05-14", url: "https://example.org/minutes" }],
  corrections: [],
};

test("a note is written as an item of notes:, in the samples' style and the loader's key order", () => {
  assert.equal(Y.noteItem(NOTE), [
    "  - id: heated",
    "    kind: framing",
    "    quote: heated debate",
    "    note: |",
    "      The headline calls the debate *heated*.",
    "",
    "      The article reports a vote of seven to four.",
    "    topics: [talks, plant]",
    "    technique: Loaded_Language",
    "    sources:",
    "      - title: Minutes of the council",
    "        publisher: Harbour Council",
    "        date: 2024-05-14",
    "        url: https://example.org/minutes",
  ].join("\n"));
});

test("context, another part, a one-line note and corrections are written when there are any", () => {
  const text = Y.noteItem({ ...NOTE, prefix: "said ", suffix: ", and", part: "supplied", note: "One line.",
                             technique: "", sources: [{ title: "", publisher: "", date: "", url: "" }],
                             corrections: [{ date: "2026-12-01", change: "The note said four.", reason: "A miscount." }] });
  assert.match(text, /\n {4}prefix: "said "\n {4}suffix: ", and"\n {4}part: supplied\n {4}note: One line\.\n/);
  assert.doesNotMatch(text, /technique|sources/, "an empty technique and an empty source are left out");
  assert.match(text, /\n {4}corrections:\n {6}- date: 2026-12-01\n {8}change: The note said four\.\n {8}reason: A miscount\.$/);
});

test("values YAML would read as something else, or that hold its syntax, are quoted and escaped", () => {
  for (const plain of ["heated debate", "Russia's \"plan\"", "2024", "2024-03", "2024-03-28", "Élysée, Paris", "a:b", "C# rules"]) {
    assert.equal(Y.scalar(plain), plain, plain);
  }
  const cases = {
    "‘Peace Talks’ Without Russia": '"‘Peace Talks’ Without Russia"',
    "yes": '"yes"', "Off": '"Off"', "null": '"null"', "~": '"~"', "12:30": '"12:30"', "1e3": '"1e3"',
    "the plan: a trap": '"the plan: a trap"', "ends with:": '"ends with:"', "a #tag": '"a #tag"',
    "- a list?": '"- a list?"', "*bold*": '"*bold*"', " padded": '" padded"', "": '""',
"tab\there": '"tab\\there"', "two\nlines": '"two\\nlines"',
    "nel\u0085 ls\u2028 bom\ufeff del\u007f": '"nel\\x85 ls\\u2028 bom\\uFEFF del\\x7F"',
  };
  for (const [text, written] of Object.entries(cases)) assert.equal(Y.scalar(text), written, JSON.stringify(text));
  assert.equal(Y.scalar('say "no" \\ now'), 'say "no" \\ now', "a plain value has no escapes");
  assert.equal(Y.quoted('say "no" \\ now'), '"say \\"no\\" \\\\ now"');
  assert.equal(Y.quoted("emoji \u{1F600} ok"), '"emoji \u{1F600} ok"');
});

test("a note's Markdown is a literal block, unless a block cannot hold it as it is", () => {
  assert.equal(Y.block("\n\nFirst line  \nsecond\n\n\n", "      "), "|\n      First line  \n      second");
  assert.equal(Y.block("  indented first\nline", "      "), '"  indented first\\nline"');
  assert.equal(Y.block("carriage\r\nreturn", "      "), '"carriage\\r\\nreturn"');
  assert.equal(Y.block("one line", "      "), "one line");
  assert.equal(Y.block("one line: with \"quotes\"", "      "), '|\n      one line: with "quotes"', "a block needs no escapes");
  assert.equal(Y.block("", "      "), '""');
});

test("the file merge takes: which article, the questions, the notes, and how to merge it", () => {
  const file = Y.notesFile({ article: "flood-wall", title: "Council approves\nthe wall", questions: ["Who is quoted?", " "],
                             notes: [NOTE, { ...NOTE, id: "second" }], replacing: true });
  const lines = file.split("\n");
  assert.deepEqual(lines.slice(0, 7), [
    "# Notes on “Council approves the wall”, written in Marginalia's author mode.",
    "# To add them to annotations/flood-wall.yml, run:",
    "#   marginalia merge flood-wall.notes.yml --replace",
    "article: flood-wall",
    "questions:",
    "  - Who is quoted?",
    "notes:",
  ]);
  assert.equal(lines.filter((l) => l.startsWith("  - id: ")).length, 2);
  assert.ok(file.endsWith("url: https://example.org/minutes\n"));
  assert.equal(Y.fileName("flood-wall"), "flood-wall.notes.yml");
});

test("check: what the loader would refuse, field by field", () => {
  assert.deepEqual(Y.check(NOTE, CONTEXT), []);
  const codes = (note) => Y.check({ ...NOTE, ...note }, CONTEXT).map((p) => [p.field, p.code]);
  assert.deepEqual(codes({ id: "" }), [["id", "id-missing"]]);
  assert.deepEqual(codes({ id: "Kiev_regime" }), [["id", "id-form"]]);
  assert.deepEqual(Y.check({ ...NOTE, id: "mine" }, CONTEXT).map((p) => p.where), ["collection"]);
  assert.deepEqual(codes({ id: "kiev-regime" }), [["id", "id-taken"]]);
  assert.deepEqual(codes({ kind: "" }), [["kind", "kind-missing"]]);
  assert.deepEqual(codes({ topics: [] }), [["topics", "topics-missing"]]);
  assert.deepEqual(codes({ topics: ["talks", "gone"] }), [["topics", "topic-unknown"]]);
  assert.deepEqual(codes({ technique: "Doubt" }), [["technique", "technique-unknown"]]);
  assert.deepEqual(codes({ note: " \n" }), [["note", "note-missing"]]);
  assert.deepEqual(codes({ sources: [{ title: "", publisher: "IAEA", date: "29 Jan 2025", url: "www.iaea.org" }] }),
                   [["source-0-title", "source-title-missing"], ["source-0-date", "source-date"], ["source-0-url", "source-url"]]);
  assert.deepEqual(codes({ kind: "claim", sources: [{ title: " " }] }), [["sources", "claim-needs-source"]]);
  assert.deepEqual(codes({ kind: "claim" }), []);
});

test("dates are ISO dates at the precision known, and real ones", () => {
  for (const good of ["2024", "2024-02", "2024-02-29", " 2024-12-31 "]) assert.ok(Y.isoDate(good), good);
  for (const bad of ["2023-02-29", "2024-13", "2024-00", "2024-1-5", "29 Jan 2025", "20245", ""]) assert.ok(!Y.isoDate(bad), bad);
});

test("a suggested id is the quote's first words, in the loader's form, and not taken", () => {
  assert.equal(Y.suggestId("The Kiev regime is precisely the aggressor", {}), "the-kiev-regime-is");
  assert.equal(Y.suggestId("Kiev regime", { "kiev-regime": "file", "kiev-regime-2": "collection" }), "kiev-regime-3");
  assert.equal(Y.suggestId("Élysée’s “plan”", {}), "elysee-s-plan");
  assert.equal(Y.suggestId("Переговоры", {}), "note");
  assert.match(Y.suggestId("a".repeat(80), {}), new RegExp(RULES.id));
  const skip = ["the", "of", "a", "is", "for"];
  assert.equal(Y.suggestId("three quarters of a million", {}, skip), "three-quarters-million");
  assert.equal(Y.suggestId("The Kiev regime is precisely the aggressor", {}, skip), "kiev-regime-precisely-aggressor");
  assert.equal(Y.suggestId("of the", {}, skip), "of-the", "a quote of nothing else keeps its words");
});
