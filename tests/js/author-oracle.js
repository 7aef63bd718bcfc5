/* The author mode's modules answering the Python tests (tests/unit/test_authormode_js.py),
 * which hold the answers against the build's own code: one JSON request on standard input,
 * one JSON answer on standard output. Not a test file itself (node --test skips it). */
"use strict";
const TQ = require("../../hooks/marginalia/authormode/assets/marginalia-textquote.js");
const Y = require("../../hooks/marginalia/authormode/assets/marginalia-noteyaml.js");
const MU = require("../../hooks/marginalia/authormode/assets/marginalia-notemarkup.js");

const answers = {
  normalise: (cases) => cases.map((text) => { const n = TQ.normalise(text); return { text: n.text, origin: n.origin }; }),
  describe: (cases) => cases.map(([texts, index, start, end]) => TQ.describe(texts, index, start, end)),
  partial: (cases) => cases.map(([text, start, end]) => TQ.partialWord(text, start, end)),
  file: (cases) => cases.map((work) => Y.notesFile(work)),
  item: (cases) => cases.map((note) => Y.noteItem(note)),
  markup: (cases) => cases.map((source) => MU.render(source).problems),
  check: ({ context, notes }) => notes.map((note) => Y.check(note, context)),
  dates: (cases) => cases.map((text) => Y.isoDate(text)),
};

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { op, cases } = JSON.parse(input);
  process.stdout.write(JSON.stringify(answers[op](cases)));
});
