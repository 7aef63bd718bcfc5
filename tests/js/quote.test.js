/* marginalia-quote.js: finding a stored passage again in a plain text. */
"use strict";
require("./strings.js"); /* the site's English labels, before the modules that use them */
const test = require("node:test");
const assert = require("node:assert/strict");
const Quote = require("../../hooks/marginalia/assets/marginalia-quote.js");

const TEXT = "The “Peace Talks” went on.\nThe talks — said one envoy — were  over. The talks resumed.";

test("folding ignores case, quote marks, dashes and runs of white space, and maps back", () => {
  const model = Quote.model(TEXT);
  assert.equal(model.text, TEXT);
  assert.ok(model.folded.startsWith('the "peace talks" went on. the talks - said'));
  assert.ok(!/\s\s/.test(model.folded), "runs of white space fold to one space");
  for (let i = 0; i < model.folded.length; i++) {
    const original = TEXT[model.map[i]];
    assert.equal(/\s/.test(original) ? " " : Quote.fold(original), model.folded[i]);
  }
});

test("findAll finds every place a typed passage is, however it is typed", () => {
  const model = Quote.model(TEXT);
  const hits = Quote.findAll(model, "THE   talks");
  assert.equal(hits.length, 2);
  assert.deepEqual(hits.map((h) => TEXT.slice(h.start, h.end)), ["The talks", "The talks"]);
  assert.deepEqual(Quote.findAll(model, '"peace talks"').map((h) => TEXT.slice(h.start, h.end)), ["“Peace Talks”"]);
  assert.deepEqual(Quote.findAll(model, "said one envoy - were over"), [
    { start: TEXT.indexOf("said"), end: TEXT.indexOf("over") + 4 }]);
  assert.deepEqual(Quote.findAll(model, "   "), []);
  assert.deepEqual(Quote.findAll(model, "not there"), []);
});

test("anchor takes the occurrence whose prefix and suffix fit best", () => {
  const model = Quote.model(TEXT);
  const second = TEXT.lastIndexOf("The talks");
  const stored = Quote.selectorOf(TEXT, second, second + 9);
  assert.deepEqual(Quote.anchor(model, stored), { start: second, end: second + 9 });
  const first = TEXT.indexOf("The talks");
  assert.deepEqual(Quote.anchor(model, Quote.selectorOf(TEXT, first, first + 9)), { start: first, end: first + 9 });
  assert.deepEqual(Quote.anchor(model, { exact: "The talks", suffix: " resumed" }), { start: second, end: second + 9 });
  assert.deepEqual(Quote.anchor(model, { exact: "The talks", prefix: "envoy — were  over. " }), { start: second, end: second + 9 });
});

test("anchor falls back to folded text, and says null when the passage is gone", () => {
  const model = Quote.model(TEXT);
  const at = Quote.anchor(model, { exact: '"peace talks" went on.  the' });
  assert.equal(TEXT.slice(at.start, at.end), "“Peace Talks” went on.\nThe");
  assert.equal(Quote.anchor(model, { exact: "a passage this text never had" }), null);
});

test("last, white space does not count: a passage across a line break one text has and the other lacks", () => {
  const text = "The first line ends here\nand the second goes on.";
  const model = Quote.model(text);
  assert.deepEqual(Quote.anchor(model, { exact: "endshereand the" }), { start: text.indexOf("ends"), end: text.indexOf("the second") + 3 });
  const joined = Quote.model("The first line ends hereand the second goes on.");
  const at = Quote.anchor(joined, { exact: "here\nand" });
  assert.equal(joined.text.slice(at.start, at.end), "hereand");
  assert.equal(Quote.anchor(model, { exact: "  \n " }), null);
});

test("a stored passage keeps 32 characters either side, fewer at the ends of the text", () => {
  const text = "x".repeat(50) + "PASSAGE" + "y".repeat(50);
  const sel = Quote.selectorOf(text, 50, 57);
  assert.deepEqual(sel, { type: "TextQuoteSelector", exact: "PASSAGE", prefix: "x".repeat(32), suffix: "y".repeat(32) });
  assert.deepEqual(Quote.selectorOf(text, 0, 3).prefix, "");
  assert.deepEqual(Quote.selectorOf(text, 104, 107).suffix, "");
  assert.equal(Quote.CONTEXT, 32);
});

test("a passage is shown on one line, in quote marks, cut where asked", () => {
  assert.equal(Quote.quoted("  two\n lines "), "“two lines”");
  assert.equal(Quote.quoted("abcdefghij", 5), "“abcd…”");
  assert.equal(Quote.quoted("abcde", 5), "“abcde”");
});
