/* marginalia-format.js: the practice file a student hands in, written and read back. */
"use strict";
require("./strings.js"); /* the site's English labels, before the modules that use them */
const test = require("node:test");
const assert = require("node:assert/strict");
const Quote = require("../../hooks/marginalia/assets/marginalia-quote.js");
const Format = require("../../hooks/marginalia/assets/marginalia-format.js");

const TEXT = "Officials said the talks failed. Critics said the talks were never real talks.";
const MODEL = Quote.model(TEXT);

function markOn(words, kind, reason, occurrence = 0) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = TEXT.indexOf(words, start + 1);
  const sel = Quote.selectorOf(TEXT, start, start + words.length);
  return { kind, reason, created: "2025-01-02T03:04:05.000Z", exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix };
}

function file(overrides = {}) {
  const data = Format.record({ slug: "talks", title: "Talks", name: "Ana", marks: [
    markOn("the talks", "framing", "Says failed, not stalled", 1), markOn("Officials said", "sourcing", "")] });
  return Object.assign(data, overrides);
}

function refused(fn, code, words) {
  assert.throws(fn, (e) => {
    assert.equal(e.name, "FormatError");
    assert.equal(e.code, code);
    if (words) assert.ok(e.message.includes(words), e.message);
    assert.match(e.message, /^it|^its|^mark \d/, "completes 'could not be loaded, because …'");
    assert.match(e.message, /\.$/);
    return true;
  });
}

test("a saved file reads back with the same work, each mark where it was made", () => {
  const text = Format.serialize(file(), new Date("2025-03-04T05:06:07Z"));
  assert.ok(text.endsWith("}\n"));
  const data = Format.parse(text);
  assert.equal(data.saved, "2025-03-04T05:06:07.000Z");
  const work = Format.read(data, { slug: "talks", model: MODEL });
  assert.equal(work.name, "Ana");
  assert.equal(work.article, "talks");
  assert.equal(work.saved, "2025-03-04T05:06:07.000Z");
  assert.deepEqual(work.marks.map((m) => [TEXT.slice(m.start, m.end), m.kind, m.reason]), [
    ["the talks", "framing", "Says failed, not stalled"], ["Officials said", "sourcing", ""]]);
  assert.equal(work.marks[0].start, TEXT.lastIndexOf("the talks"), "the second occurrence, as stored");
  assert.equal(new Set(work.marks.map((m) => m.id)).size, 2);
  assert.deepEqual(Format.record({ slug: "talks", title: "Talks", name: "Ana", marks: work.marks }), file());
});

test("the file says what it is: format, version, article, title, name, marks as TextQuoteSelectors", () => {
  const data = file();
  assert.equal(data.format, "marginalia-practice");
  assert.equal(data.version, 1);
  assert.deepEqual(Object.keys(data), ["format", "version", "article", "title", "name", "marks"]);
  assert.deepEqual(Object.keys(data.marks[0]), ["kind", "reason", "created", "selector"]);
  assert.equal(data.marks[0].selector.type, "TextQuoteSelector");
});

test("a file name is made from the article and the student's name", () => {
  assert.equal(Format.fileName("talks", " Ana María O'Neil "), "marginalia-talks-ana-mar-a-o-neil.json");
  assert.equal(Format.fileName("talks", ""), "marginalia-talks.json");
});

test("what is not JSON, too large or too deeply nested is refused before it is parsed", () => {
  refused(() => Format.parse('{"format": "marginalia-practice", "marks": ['), "not-json", "it is not JSON");
  refused(() => Format.parse(" ".repeat(Format.MAX_FILE + 1)), "too-large", "too large");
  refused(() => Format.parse("[".repeat(100000) + "]".repeat(100000)), "too-deep", "nested");
  refused(() => Format.parse('{"a":'.repeat(Format.MAX_DEPTH + 1) + "1" + "}".repeat(Format.MAX_DEPTH + 1)), "too-deep");
  assert.deepEqual(Format.parse('{"a":'.repeat(Format.MAX_DEPTH) + "1" + "}".repeat(Format.MAX_DEPTH)).a.a.a !== undefined, true);
});

test("brackets inside strings, and escaped quotes, do not count as nesting", () => {
  assert.equal(Format.depth('{"a": "[[[[{{{{", "b": "\\"[[[["}', 16), 1);
  assert.equal(Format.depth('[[1], [[2]]]', 16), 3);
  assert.equal(Format.depth("[".repeat(50), 16), 17, "the scan stops once past the limit");
});

test("files that are not practice files, or are newer, say so", () => {
  for (const value of [null, 3, "text", [], {}, { "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection" },
                       { format: "something-else", version: 1 }]) {
    refused(() => Format.check(value), "foreign", "not a Marginalia practice file");
  }
  refused(() => Format.check(file({ version: 2 })), "newer", "newer version of Marginalia (format version 2)");
  refused(() => Format.check(file({ version: "1" })), "invalid", "no format version");
  refused(() => Format.check(file({ article: "" })), "invalid", "which article");
  refused(() => Format.check(file({ article: 7 })), "invalid", "which article");
  assert.equal(Format.check(file()).article, "talks");
});

test("a file for another article is refused where one article is expected", () => {
  refused(() => Format.read(file({ article: "other", title: "Other talks" }), { slug: "talks", model: MODEL }),
          "other-article", "holds work on “Other talks”, not on this article");
  assert.equal(Format.read(file(), { model: MODEL }).article, "talks", "without a slug, any article is read");
});

test("every broken part of a file is named", () => {
  const mark = (change) => { const data = file(); Object.assign(data.marks[1], change); return data; };
  const read = (data) => () => Format.read(data, { slug: "talks", model: MODEL });
  refused(read(file({ marks: {} })), "invalid", "\"marks\" is not a list");
  refused(read(file({ marks: new Array(Format.MAX_MARKS + 1).fill(file().marks[0]) })), "invalid", "more than a practice file holds");
  refused(read(file({ name: ["Ana"] })), "invalid", "\"name\" is not text");
  refused(read(file({ marks: [file().marks[0], "mark"] })), "invalid", "mark 2 is not an object");
  refused(read(file({ marks: [null] })), "invalid", "mark 1 is not an object");
  for (const kind of ["opinion", "__proto__", "constructor", "toString", undefined]) {
    refused(read(mark({ kind })), "invalid", `mark 2 has the kind “${kind}”; use framing, sourcing or claim`);
  }
  refused(read(mark({ selector: { exact: "  " } })), "invalid", "mark 2 has no passage");
  refused(read(mark({ selector: undefined })), "invalid", "mark 2 has no passage");
  refused(read(mark({ selector: { exact: "talks", prefix: 3 } })), "invalid", "mark 2's selector.prefix is not text");
  refused(read(mark({ reason: { text: "x" } })), "invalid", "mark 2's reason is not text");
  refused(read(mark({ selector: { exact: "words this article never used" } })), "invalid",
          "mark 2's passage “words this article never used” is not in this article");
});

test("read leniently, a mark whose passage is gone is kept, unplaced", () => {
  const data = file();
  data.marks[0].selector = { exact: "words this article never used" };
  const work = Format.read(data, { slug: "talks", model: MODEL, lenient: true });
  assert.equal(work.marks.length, 2);
  assert.equal(work.marks[0].start, null);
  assert.equal(work.marks[1].start, 0);
});
