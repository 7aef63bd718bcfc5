/* marginalia-match.js: what a student's marks found, by the rule of "Check my work". */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Match = require("../../hooks/marginalia/assets/marginalia-match.js");

//            0         1         2         3         4         5         6
//            0123456789012345678901234567890123456789012345678901234567890123
const TEXT = "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda.";
const at = (words, kind, extra) => {
  const start = TEXT.indexOf(words);
  assert.ok(start >= 0, words);
  return Object.assign({ start, end: start + words.length, kind }, extra);
};

test("passages overlap when they share text that is not white space", () => {
  assert.ok(Match.overlap(TEXT, at("beta gamma", "claim"), at("gamma delta", "claim")));
  assert.ok(Match.overlap(TEXT, at("Alpha beta gamma delta.", "claim"), at("gamma", "claim")), "one inside the other");
  assert.ok(!Match.overlap(TEXT, at("Alpha beta", "claim"), at(" gamma", "claim")), "only a space in common");
  assert.ok(!Match.overlap(TEXT, at("Alpha", "claim"), at(" beta", "claim")), "touching");
  assert.ok(!Match.overlap(TEXT, at("Alpha", "claim"), at("kappa", "claim")));
});

test("check counts notes found, found with the same kind, and marks that found no note", () => {
  const notes = [at("beta gamma", "framing", { number: 1 }), at("zeta eta", "claim", { number: 2 }),
                 at("kappa", "sourcing", { number: 3 })];
  const same = at("gamma delta", "framing");
  const other = at("eta theta", "framing");
  const loose = at("Iota", "claim");
  const gone = { start: null, end: null, kind: "claim" };
  const result = Match.check(TEXT, notes, [same, other, loose, gone]);
  assert.equal(result.found, 2);
  assert.equal(result.same, 1);
  assert.deepEqual(result.unmatched, [loose], "a mark that cannot be placed takes no part");
  assert.deepEqual(result.notes.map((r) => [r.number, r.hits.length, r.same]), [[1, 1, true], [2, 1, false], [3, 0, false]]);
  assert.equal(result.notes[0].start, notes[0].start, "each result is the note given, with hits and same");
  assert.deepEqual(result.ofMark(same), { mark: same, notes: [result.notes[0]], same: true });
  assert.deepEqual(result.ofMark(other), { mark: other, notes: [result.notes[1]], same: false });
  assert.deepEqual(result.ofMark(loose).notes, []);
});

test("one mark across two notes finds both; two marks on one note find it once", () => {
  const notes = [at("beta", "framing"), at("delta", "claim")];
  const wide = at("Alpha beta gamma delta", "claim");
  const result = Match.check(TEXT, notes, [wide, at("beta gamma", "framing")]);
  assert.equal(result.found, 2);
  assert.equal(result.same, 2);
  assert.equal(result.notes[0].hits.length, 2);
  assert.equal(result.ofMark(wide).same, true, "same kind as one of the notes it found");
  assert.deepEqual(Match.check(TEXT, notes, []).found, 0);
  assert.deepEqual(Match.check(TEXT, [], [wide]).unmatched, [wide], "with no notes, every mark is for discussion");
});

test("groups gather overlapping marks, directly or through one another, in text order", () => {
  const a = at("Epsilon zeta", "framing");
  const b = at("zeta eta theta", "claim");
  const c = at("theta. Iota", "framing");
  const d = at("Alpha beta", "sourcing");
  const e = at(" gamma", "claim"); // only a space in common with d
  const groups = Match.groups(TEXT, [c, a, d, b, e, { start: null, end: null, kind: "claim" }]);
  assert.deepEqual(groups.map((g) => TEXT.slice(g.start, g.end)), ["Alpha beta", "gamma", "Epsilon zeta eta theta. Iota"]);
  assert.deepEqual(groups[2].marks, [a, b, c]);
  assert.deepEqual(groups[0].marks, [d]);
  assert.deepEqual(Match.groups(TEXT, []), []);
});

test("white space at the ends of a mark does not join it to its neighbour", () => {
  const left = { start: 0, end: 6, kind: "claim" }; // "Alpha "
  const right = { start: 5, end: 10, kind: "claim" }; // " beta"
  assert.equal(Match.groups(TEXT, [left, right]).length, 2);
  assert.equal(Match.groups(TEXT, [{ start: 5, end: 6, kind: "claim" }]).length, 0, "a mark of white space only");
});
