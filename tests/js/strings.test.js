/* marginalia-strings.js: the site's labels in the browser, read exactly as the build reads them. */
"use strict";
const { table, ENGLISH } = require("./strings.js");
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const Strings = require("../../hooks/marginalia/assets/marginalia-strings.js");
const Format = require("../../hooks/marginalia/assets/marginalia-format.js");
const Quote = require("../../hooks/marginalia/assets/marginalia-quote.js");

const CASES = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "messages.json"), "utf-8"));
const FRENCH = table("fr");

function inFrench(fn) {
  Strings.use(FRENCH);
  try { return fn(); } finally { Strings.use(ENGLISH); }
}

for (const c of CASES.cases) {
  test(`a message says what the shared cases say: ${c.message.slice(0, 50)}`, () => {
    assert.equal(Strings.format(c.message, c.values, c.lang), c.says);
  });
}

test("a broken message is refused, as the build refuses it", () => {
  for (const message of CASES.refused) assert.throws(() => Strings.parse(message), { name: "MessageError" }, message);
});

test("a label comes in the site's language, and a label that does not exist throws", () => {
  assert.equal(Strings.text("practice.check"), "Check my work");
  assert.equal(Strings.lang(), "en");
  inFrench(() => {
    assert.equal(Strings.lang(), "fr");
    assert.equal(Strings.text("practice.check"), "Vérifier mon travail");
    assert.equal(Strings.text("practice.summary", { found: 0, total: 20, same: 0 }),
                 "Vous avez trouvé 0 note publiée sur 20, dont 0 avec le même type.");
    assert.equal(Strings.kind("claim", "word"), "affirmation");
  });
  assert.throws(() => Strings.text("practice.nonexistent"), /no label 'practice.nonexistent'/);
  assert.throws(() => Strings.text("practice.added", { kind: "framing" }), /needs a value for \{number\}/);
});

test("a label with elements among its values comes apart around them", () => {
  const link = { tag: "a" };
  assert.deepEqual(Strings.parts("practice.teachers", { link }), ["Teachers: open all your class's files at once on the ", link, "."]);
  inFrench(() => assert.deepEqual(Strings.parts("practice.item", { kind: link, passage: "« x »" }), [link, "\u00a0: « x »"]));
});

test("the modules' own words follow the language: refusals, quote marks, CSV columns", () => {
  inFrench(() => {
    assert.throws(() => Format.parse("{"), (e) => e.code === "not-json" && /ce n’est pas du JSON/.test(e.message));
    assert.equal(Quote.quoted("un  passage"), "«\u202fun passage\u202f»");
  });
  assert.equal(Quote.quoted("a passage"), "“a passage”");
});

test("a section a page brings is added to the table in use, in its language", () => {
  const author = (language) => table(language, "PREVIEW").messages;
  assert.ok(!Strings.has("author.copy"), "the served table has no author section");
  inFrench(() => {
    Strings.add(author("fr"));
    assert.equal(Strings.lang(), "fr");
    assert.equal(Strings.text("author.copy"), "Copier le YAML");
    assert.equal(Strings.text("author.cleared", { count: 1 }), "1 note effacée.");
    assert.equal(Strings.text("practice.check"), "Vérifier mon travail", "the table's own labels stay");
    Strings.add(author("fr"));
    assert.equal(Strings.text("author.added", { id: "x", count: 2 }), "Note x ajoutée\u00a0: 2 notes à télécharger.");
  });
  assert.ok(!Strings.has("author.copy"), "use() starts from its own table again");
  Strings.use(ENGLISH);
  Strings.add(author("en"));
  try {
    assert.equal(Strings.text("author.cleared", { count: 1 }), "Cleared 1 note.");
    assert.throws(() => Strings.text("author.nonexistent"), /no label 'author.nonexistent'/);
  } finally { Strings.use(ENGLISH); }
});
