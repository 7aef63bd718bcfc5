/* marginalia-textquote.js: the build's quote matching, and the quotes the author mode writes. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const TQ = require("../../hooks/marginalia/authormode/assets/marginalia-textquote.js");

function find(text, selector) {
  return TQ.anchor(TQ.normalise(text), selector);
}

function at(text, words, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(words, start + 1);
  assert.notEqual(start, -1, `${words} is in the text`);
  return [start, start + words.length];
}

test("folding: white space, quote marks, dashes and compatibility forms do not count; case does", () => {
  assert.equal(TQ.fold("  The \u201cPeace\u00a0Talks\u201d\n\n\u2014 \ufb01ne\u2026  "), 'The "Peace Talks" - fine...');
  assert.equal(TQ.fold("Zapo\u00adrizhzhia"), "Zaporizhzhia");
  const n = TQ.normalise("a  \u201cb\u201d\ufb01");
  assert.equal(n.text, 'a "b"fi');
  assert.deepEqual(n.origin, [0, 1, 3, 4, 5, 6, 6]);
  assert.deepEqual(find("The Talks", { exact: "the talks" }), { failure: "not-found", count: 0 });
});

test("a quote is found once, or picked by its prefix or suffix, as the build does", () => {
  const text = "The talks went on. The talks, said Scholz, went on.";
  assert.deepEqual(find(text, { exact: "said Scholz" }), { start: 30, end: 41 });
  assert.deepEqual(find(text, { exact: "The talks" }), { failure: "ambiguous", count: 2 });
  assert.deepEqual(find(text, { exact: "The talks", suffix: ", said" }), { start: 19, end: 28 });
  assert.deepEqual(find(text, { exact: "The talks", prefix: "on. " }), { start: 19, end: 28 });
  assert.deepEqual(find(text, { exact: "The talks", suffix: "nowhere" }), { failure: "context", count: 2 });
  assert.deepEqual(find(text, { exact: "The talks", prefix: "nowhere" }), { start: 0, end: 9 },
                   "at the start of the text, any prefix fits past its edge");
  assert.deepEqual(find(text, { exact: "" }), { failure: "empty", count: 0 });
});

test("dashes typed on a keyboard match typographic ones, spaced or not, and a run is one unit", () => {
  const text = "The plan \u2014 a trap \u2013 failed. Then a---b.";
  assert.deepEqual(find(text, { exact: "plan -- a trap" }), { start: 4, end: 17 });
  assert.deepEqual(find(text, { exact: "plan\u2014a trap - failed" }), { start: 4, end: 26 });
  assert.deepEqual(find(text, { exact: "a-b" }), { start: 33, end: 38 });
  assert.equal(TQ.findSpans(TQ.fold("a---b"), "-b").length, 1, "never from the middle of a run");
});

test("context may run past the edge of the passage's own text, when nothing fits in full", () => {
  const texts = ["Headline here", "Talks began. Talks ended."];
  const n = TQ.withEdges(TQ.normalise(texts.join("\n")), [texts[0].length + 1]);
  assert.deepEqual(TQ.anchor(n, { exact: "Talks", prefix: "Summary: " }), { start: 14, end: 19 });
});

test("a passage that starts or ends inside a word is found, with its whole words", () => {
  const text = "Bipartisan concerns grew; \u4e2d\u6587\u6587\u672c stays.";
  assert.deepEqual(TQ.partialWord(text, 1, 19), { where: "starts", start: 0, end: 19 });
  assert.deepEqual(TQ.partialWord(text, 0, 17), { where: "ends", start: 0, end: 19 });
  assert.deepEqual(TQ.partialWord(text, 3, 17), { where: "starts and ends", start: 0, end: 19 });
  assert.equal(TQ.partialWord(text, 0, 19), null);
  assert.equal(TQ.partialWord(text, 27, 29), null, "no spaces between words: any boundary is one");
  assert.equal(TQ.partialWord("caf\u00e9 au lait", 0, 3).where, "ends");
  assert.equal(TQ.partialWord("cafe\u0301", 0, 4).where, "ends", "a combining mark belongs to its letter");
});

test("describe: a passage found once needs no context; its quote is on one line, without invisible characters", () => {
  const body = "The harbour council\napproved the flood wall on Zapo\u00adrizhzhia day.";
  const [start, end] = at(body, "council\napproved");
  const d = TQ.describe([body], 0, start - 1, end + 1);
  assert.equal(d.quote, "council approved");
  assert.deepEqual([d.prefix, d.suffix, d.start, d.end, d.count, d.partial, d.failure], ["", "", start, end, 1, null, null]);
  const z = TQ.describe([body], 0, body.indexOf("Zapo"), body.indexOf(" day"));
  assert.equal(z.quote, "Zaporizhzhia");
});

test("describe: a repeated passage gets the shortest prefix or suffix of whole words that picks it", () => {
  const body = "Supporters said the wall would protect the quay. Opponents said the wall would cut the town off.";
  const [start, end] = at(body, "the wall would", 1);
  const d = TQ.describe([body], 0, start, end);
  assert.equal(d.count, 2);
  assert.equal(d.quote, "the wall would");
  assert.deepEqual([d.prefix, d.suffix], ["", " cut"]);
  assert.deepEqual(find(body, { exact: d.quote, suffix: d.suffix }), { start, end });
  const first = TQ.describe([body], 0, ...at(body, "the wall would"));
  assert.deepEqual([first.prefix, first.suffix], ["", " protect"]);
  const said = TQ.describe([body], 0, ...at(body, "said", 1));
  assert.deepEqual([said.prefix, said.suffix], ["Opponents ", ""], "a shorter prefix wins over a longer suffix");
});

test("describe: context reaches as far as it must, on both sides when one is not enough", () => {
  const words = (letter) => Array.from({ length: 41 }, (_, i) => letter + (i + 1)).join(" ");
  const left = words("l"), right = words("r");
  const body = `x Q ${right}. ${left} Q ${right}. ${left} Q y.`;
  const [start, end] = at(body, " Q ", 1).map((n, i) => n + (i ? -1 : 1));
  const d = TQ.describe([body], 0, start, end);
  assert.equal(d.count, 3);
  assert.deepEqual([d.prefix, d.quote, d.suffix], ["l41 ", "Q", " r1"], "41 shared words on either side: both it is");
  assert.deepEqual(find(body, { exact: d.quote, prefix: d.prefix, suffix: d.suffix }), { start, end });
  const middle = "one two x y z. one two x y z. one two x q z.";
  const m = TQ.describe([middle], 0, ...at(middle, "two x", 1));
  assert.equal(m.suffix, " y z. one two x q", "the suffix grows a word at a time until it picks one copy");
});

test("describe: a passage at the start or the end of its text, and the same words in another text of the part", () => {
  const texts = ["A heated debate", "Maria Jensen", "The council ended a long and heated debate. It ended."];
  const headline = TQ.describe(texts, 0, ...at(texts[0], "heated debate"));
  assert.equal(headline.count, 2);
  const n = TQ.withEdges(TQ.normalise(texts.join("\n")), [16, 29]);
  assert.deepEqual(TQ.anchor(n, { exact: headline.quote, prefix: headline.prefix, suffix: headline.suffix }),
                   { start: 2, end: 15 });
  const last = TQ.describe(texts, 2, ...at(texts[2], "It ended."));
  assert.deepEqual([last.quote, last.prefix, last.suffix, last.failure], ["It ended.", "", "", null]);
  const first = TQ.describe(texts, 2, 0, 3);
  assert.deepEqual([first.quote, first.count, first.prefix, first.suffix], ["The", 1, "", ""]);
  assert.deepEqual(TQ.locate(texts, { exact: "ended", suffix: "." }), { index: 2, start: 47, end: 52 });
  assert.equal(TQ.locate(texts, { exact: "Jensen The council" }), null, "a quote lies within one text");
});

test("describe: a word cut by the selection is reported, and copies that nothing tells apart fail", () => {
  const body = "Bipartisan concerns. Again: same words here. Again: same words here.";
  const cut = TQ.describe([body], 0, 1, 19);
  assert.deepEqual(cut.partial, { where: "starts", start: 0, end: 19 });
  assert.equal(cut.quote, "ipartisan concerns");
  const twin = TQ.describe([body, "Again: same words here."], 1, 7, 17);
  assert.equal(twin.failure, null, "the first text's copies are before it: a prefix past the edge decides");
  const twins = TQ.describe(["x same y", "x same y"], 0, 2, 6);
  assert.equal(twins.failure, null);
  const next = TQ.describe(["same", "same"], 0, 0, 4);
  assert.deepEqual([next.prefix, next.suffix], ["", " same"], "context may run into the next text of the part");
  const words = (letter) => Array.from({ length: 41 }, (_, i) => letter + (i + 1)).join(" ");
  const copy = `${words("l")} Q ${words("r")} `, thrice = copy.repeat(3);
  const none = TQ.describe([thrice], 0, copy.length + copy.indexOf(" Q ") + 1, copy.length + copy.indexOf(" Q ") + 2);
  assert.equal(none.failure, "ambiguous", "more than 40 words alike on each side: select a longer passage");
  assert.equal(TQ.describe([" \n "], 0, 0, 3).failure, "empty");
});
