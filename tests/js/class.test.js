/* marginalia-class.js: a class's practice files in, the overview's tables out.
 *
 * The class sets are generated: articles of random words with notes spread through them, and
 * students who find some notes (with the note's kind or another), miss others, and mark
 * passages no note covers, several of them the same ones. What the overview must show is
 * counted here from how the set was made, not by the code under test. */
"use strict";
require("./strings.js"); /* the site's English labels, before the modules that use them */
const test = require("node:test");
const assert = require("node:assert/strict");
const Class = require("../../hooks/marginalia/assets/marginalia-class.js");
const Format = require("../../hooks/marginalia/assets/marginalia-format.js");

const KINDS = ["framing", "sourcing", "claim"];

function random(seed) { // mulberry32: the same set on every run
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* An article: numbered words (so every passage is unique), notes on some stretches, and
 * "hot spots" between them that no note covers. Each stretch is 12 words with its own core
 * word in the middle: a passage that contains the core overlaps any other that does. */
function makeArticle(slug, rnd, stretches) {
  const words = [], spans = [];
  let w = 0;
  for (let s = 0; s < stretches; s++) {
    const from = words.length;
    for (let i = 0; i < 12; i++) words.push(`w${slug}${w++}`);
    spans.push({ from, to: words.length });
    for (let i = 0; i < 3 + Math.floor(rnd() * 4); i++) words.push(`gap${w++}`);
    if (s % 4 === 3) words.push("\n");
  }
  let text = "", offsets = [];
  words.forEach((word) => { offsets.push(text.length); text += word === "\n" ? "\n" : word + " "; });
  const at = (i) => offsets[i];
  const end = (i) => offsets[i] + words[i].length;
  const stretch = spans.map((s) => ({ start: at(s.from), end: end(s.to - 1), words: s }));
  const notes = [], hot = [];
  stretch.forEach((s, i) => (i % 3 === 2 ? hot : notes).push(s));
  return {
    slug, title: `Article ${slug}`, url: `../articles/${slug}/`, text, at, end,
    notes: notes.map((s, i) => ({ id: `n${i}`, number: i + 1, kind: KINDS[i % 3], start: s.start, end: s.end, words: s.words })),
    hot,
  };
}

/* A passage inside a stretch that contains its core word. */
function around(article, words, rnd) {
  const core = words.from + 6;
  const from = core - Math.floor(rnd() * 5), to = core + 1 + Math.floor(rnd() * 5);
  return { start: article.at(from), end: article.end(to - 1) };
}

function selector(text, span) {
  return { type: "TextQuoteSelector", exact: text.slice(span.start, span.end),
           prefix: text.slice(Math.max(0, span.start - 32), span.start), suffix: text.slice(span.end, span.end + 32) };
}

function practiceFile(article, name, marks, saved) {
  return JSON.stringify({ format: "marginalia-practice", version: 1, article: article.slug, title: article.title, name,
                          saved: saved || "2025-05-01T10:00:00.000Z",
                          marks: marks.map((m) => ({ kind: m.kind, reason: m.reason || "", created: "2025-05-01T09:00:00.000Z",
                                                     selector: selector(article.text, m) })) }, null, 2);
}

function siteData(articles) {
  return { articles: articles.map((a) => ({ slug: a.slug, title: a.title, url: a.url, text: a.text,
                                             notes: a.notes.map((n) => ({ id: n.id, number: n.number, kind: n.kind, start: n.start, end: n.end })) })) };
}

/* 30 students, two articles: each student works on one or both; what each mark is for is
 * recorded, and the expected tables are counted from that record. */
function classSet(seed = 17) {
  const rnd = random(seed);
  const articles = [makeArticle("a", rnd, 30), makeArticle("b", rnd, 24)];
  const files = [], expected = new Map(articles.map((a) => [a.slug, {
    notes: a.notes.map(() => ({ who: [], same: 0 })), hot: a.hot.map(() => ({ students: new Set(), kinds: {}, reasons: [] })),
    students: new Map() }]));
  for (let s = 0; s < 30; s++) {
    const name = `Student ${String(s + 1).padStart(2, "0")}`;
    for (const article of articles) {
      if (article.slug === "b" && s % 3 === 0) continue;
      if (article.slug === "a" && s % 5 === 4) continue;
      const exp = expected.get(article.slug), marks = [];
      let found = 0, same = 0, unmatched = 0;
      article.notes.forEach((note, i) => {
        const roll = rnd();
        if (roll < 0.4) return; // missed
        const kind = roll < 0.75 ? note.kind : KINDS[(KINDS.indexOf(note.kind) + 1 + Math.floor(rnd() * 2)) % 3];
        const onNote = [{ ...around(article, note.words, rnd), kind }];
        if (rnd() < 0.15) onNote.push({ ...around(article, note.words, rnd), kind: KINDS[Math.floor(rnd() * 3)] });
        const sameKind = onNote.some((m) => m.kind === note.kind);
        marks.push(...onNote);
        found++;
        if (sameKind) same++;
        exp.notes[i].who.push({ label: name, same: sameKind });
        if (sameKind) exp.notes[i].same++;
      });
      article.hot.forEach((spot, h) => {
        if (rnd() < (h % 2 ? 0.15 : 0.5)) {
          const kind = KINDS[Math.floor(rnd() * 3)], reason = rnd() < 0.5 ? `why ${name}` : "";
          marks.push({ ...around(article, spot.words, rnd), kind, reason });
          unmatched++;
          const group = exp.hot[h];
          group.students.add(name);
          group.kinds[kind] = (group.kinds[kind] || 0) + 1;
          group.reasons.push(`${name} (${kind})` + (reason ? `: ${reason}` : ""));
        }
      });
      marks.sort(() => rnd() - 0.5); // a file's marks come in any order
      exp.students.set(name, { found, same, unmatched, marks: marks.length });
      files.push({ name: `marginalia-${article.slug}-student-${s + 1}.json`, text: practiceFile(article, name, marks) });
    }
  }
  return { articles, files, expected };
}

function overview(site, files) {
  const entries = Class.choose(files.map((f) => Class.readFile(site, { name: f.name, size: f.text.length }, f.text)));
  return { entries, summary: Class.summarise(site, entries) };
}

test("a generated class of 30 on two articles gives the counts the set was made with", () => {
  const { articles, files, expected } = classSet();
  const site = Class.site(siteData(articles));
  const { entries, summary } = overview(site, files);
  assert.equal(entries.filter((e) => e.status === "counted").length, files.length);
  assert.deepEqual(summary.map((s) => s.article.slug), ["a", "b"]);
  for (const s of summary) {
    const article = articles.find((a) => a.slug === s.article.slug), exp = expected.get(article.slug);
    assert.equal(s.students.length, exp.students.size);
    assert.deepEqual(s.notes.map((n) => n.number), article.notes.map((n) => n.number), "every note, in page order");
    s.notes.forEach((row, i) => {
      assert.equal(row.exact, article.text.slice(article.notes[i].start, article.notes[i].end));
      assert.equal(row.count, exp.notes[i].who.length, `note ${row.number}: students who marked it`);
      assert.equal(row.same, exp.notes[i].same, `note ${row.number}: with the same kind`);
      assert.deepEqual(row.who.map((w) => [w.label, w.same]).sort(), exp.notes[i].who.map((w) => [w.label, w.same]).sort());
    });
    const used = exp.hot.filter((g) => g.students.size);
    assert.equal(s.passages.length, used.length, "one passage per spot marked, however each student cut it");
    s.passages.forEach((p, i) => {
      assert.equal(p.count, used[i].students.size);
      assert.deepEqual(Object.fromEntries(p.kinds.map((k) => [k.kind, k.count])), used[i].kinds);
      assert.deepEqual(p.marks.map(Class.reasonText).sort(), used[i].reasons.sort());
      assert.ok(!article.notes.some((n) => p.start < n.end && n.start < p.end), "no note covers it");
    });
    for (const st of s.students) {
      const want = exp.students.get(st.label);
      assert.deepEqual({ found: st.found, same: st.same, unmatched: st.unmatched, marks: st.marks },
                       want, st.label);
      assert.equal(st.notes, article.notes.length);
    }
    assert.deepEqual(s.students.map((st) => st.label), [...exp.students.keys()].sort(), "students in name order");
  }
  const all = summary.flatMap((s) => s.notes.map((n) => ({ ...n, students: s.students.length })));
  assert.ok(all.every((n) => n.count < n.students) && all.some((n) => n.count > n.same) && all.some((n) => n.same > 0),
            "the set has missed notes, other kinds and same kinds");
  assert.ok(summary.every((s) => s.passages.some((p) => p.count > 1)), "and passages several students marked");
});

test("each student's row is what their own Check my work says", () => {
  const { articles, files } = classSet(5);
  const site = Class.site(siteData(articles));
  const { summary } = overview(site, files);
  const Match = require("../../hooks/marginalia/assets/marginalia-match.js");
  for (const f of files.slice(0, 8)) {
    const data = JSON.parse(f.text), article = site.articles.get(data.article);
    const Quote = require("../../hooks/marginalia/assets/marginalia-quote.js");
    const work = Format.read(data, { slug: data.article, model: Quote.model(article.text) });
    const own = Match.check(article.text, article.notes, work.marks);
    const row = summary.find((s) => s.article.slug === data.article).students.find((st) => st.name === data.name);
    assert.deepEqual([row.found, row.same, row.unmatched], [own.found, own.same, own.unmatched.length]);
  }
});

function badFiles(article) {
  const good = JSON.parse(practiceFile(article, "Zoe", [{ ...article.notes[0], kind: article.notes[0].kind }]));
  const deep = "[".repeat(5000) + "]".repeat(5000);
  return {
    "broken.json": ['{"format": "marginalia-practice", "marks": [', "not-json", "it is not JSON"],
    "notes.jsonld": [JSON.stringify({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection" }),
                     "foreign", "not a Marginalia practice file"],
    "photo.json": ["\u0089PNG\r\n\u001a\n", "not-json", "it is not JSON"],
    "newer.json": [JSON.stringify({ ...good, version: 2 }), "newer", "newer version of Marginalia (format version 2)"],
    "elsewhere.json": [JSON.stringify({ ...good, article: "not-on-this-site", title: "Another site's article" }),
                       "other-article", "“Another site's article”, an article this site does not have"],
    "no-marks.json": [JSON.stringify({ ...good, marks: "none" }), "invalid", "\"marks\" is not a list"],
    "bad-kind.json": [JSON.stringify({ ...good, marks: [{ ...good.marks[0], kind: "opinion" }] }), "invalid", "the kind “opinion”"],
    "deep.json": [deep, "too-deep", "nested far more deeply"],
    "huge.json": [" ".repeat(Format.MAX_FILE + 10), "too-large", "too large to be a practice file (2.0 MB"],
  };
}

test("every bad file is left out with its reason, and the rest count as before", () => {
  const { articles, files } = classSet();
  const site = Class.site(siteData(articles));
  const before = overview(site, files).summary;
  const bad = badFiles(articles[0]);
  const mixed = [...files.slice(0, 10), ...Object.entries(bad).map(([name, [text]]) => ({ name, text })), ...files.slice(10)];
  const { entries, summary } = overview(site, mixed);
  for (const [name, [, code, words]] of Object.entries(bad)) {
    const entry = entries.find((e) => e.file === name);
    assert.equal(entry.status, "left-out", name);
    assert.equal(entry.code, code, name);
    assert.ok(entry.reason.includes(words), `${name}: ${entry.reason}`);
  }
  assert.deepEqual(summary, before);
});

test("a file too large is refused by its size, without its text", () => {
  const site = Class.site(siteData([makeArticle("a", random(1), 4)]));
  const entry = Class.readFile(site, { name: "big.json", size: 50e6 }, null);
  assert.equal(entry.code, "too-large");
  assert.ok(entry.reason.includes("50.0 MB"), entry.reason);
});

test("the same student's file twice: the one saved last counts, the other is listed", () => {
  const article = makeArticle("a", random(2), 6);
  const site = Class.site(siteData([article]));
  const early = practiceFile(article, "Ana Example", [{ ...article.notes[0], kind: "claim" }], "2025-05-01T10:00:00Z");
  const late = practiceFile(article, "  ana   EXAMPLE ", [{ ...article.notes[1], kind: "claim" }], "2025-05-01T11:00:00Z");
  const { entries, summary } = overview(site, [{ name: "late.json", text: late }, { name: "early.json", text: early }]);
  assert.deepEqual(entries.map((e) => [e.file, e.status]), [["late.json", "counted"], ["early.json", "left-out"]]);
  assert.equal(entries[1].code, "duplicate");
  assert.equal(entries[1].reason, "another file by Ana Example on this article counts: “late.json”, saved later.");
  assert.deepEqual(summary[0].notes.map((n) => n.count).slice(0, 2), [0, 1]);
  const again = overview(site, [{ name: "one.json", text: early }, { name: "copy.json", text: early }]).entries;
  assert.equal(again[1].reason, "another file by Ana Example on this article counts: “one.json”, read first.");
});

test("files without a name are one student when they hold the same work, and two otherwise", () => {
  const article = makeArticle("a", random(3), 6);
  const site = Class.site(siteData([article]));
  const one = practiceFile(article, "", [{ ...article.notes[0], kind: "claim" }]);
  const two = practiceFile(article, "", [{ ...article.notes[1], kind: "claim" }]);
  const { entries, summary } = overview(site, [{ name: "x.json", text: one }, { name: "y.json", text: two },
                                               { name: "x (1).json", text: one }]);
  assert.deepEqual(entries.map((e) => e.status), ["counted", "counted", "left-out"]);
  assert.equal(entries[2].reason, "it holds the same work as “x.json”.");
  assert.deepEqual(summary[0].students.map((s) => s.label), ["No name (x.json)", "No name (y.json)"]);
});

test("choosing again after a file is removed counts the file it had left out", () => {
  const article = makeArticle("a", random(4), 6);
  const site = Class.site(siteData([article]));
  const text = practiceFile(article, "Ana", []);
  const entries = Class.choose([{ name: "1.json", text }, { name: "2.json", text }].map((f) => Class.readFile(site, { name: f.name, size: 1 }, f.text)));
  assert.deepEqual(Class.choose(entries.slice(1)).map((e) => e.status), ["counted"]);
});

test("marks whose passage is gone are counted as lost, and the rest of the file counts", () => {
  const article = makeArticle("a", random(5), 6);
  const site = Class.site(siteData([article]));
  const data = JSON.parse(practiceFile(article, "Ana", [{ ...article.notes[0], kind: "framing" }, { ...article.notes[1], kind: "claim" }]));
  data.marks[1].selector = { type: "TextQuoteSelector", exact: "words this article never used" };
  const { entries, summary } = overview(site, [{ name: "a.json", text: JSON.stringify(data) }]);
  assert.equal(entries[0].status, "counted");
  assert.equal(entries[0].lost, 1);
  assert.deepEqual([summary[0].students[0].marks, summary[0].students[0].found, summary[0].students[0].lost], [1, 1, 1]);
});

test("an article with no notes: every mark is a passage to discuss", () => {
  const article = makeArticle("a", random(6), 6);
  article.notes = [];
  const site = Class.site(siteData([article]));
  const marks = [{ ...around(article, article.hot[0].words, random(1)), kind: "claim" },
                 { ...around(article, article.hot[0].words, random(2)), kind: "framing" }];
  const { summary } = overview(site, [{ name: "a.json", text: practiceFile(article, "Ana", marks) },
                                      { name: "b.json", text: practiceFile(article, "Ben", marks.slice(1)) }]);
  assert.deepEqual(summary[0].notes, []);
  assert.equal(summary[0].passages.length, 1);
  assert.equal(summary[0].passages[0].count, 2);
  assert.deepEqual(summary[0].students.map((s) => [s.found, s.unmatched, s.notes]), [[0, 2, 0], [0, 1, 0]]);
  assert.deepEqual(Class.summarise(Class.site({ articles: [] }), []), [], "a site without articles, no files");
});

test("names and reasons are kept as the text they are, clipped to what the page lets students type", () => {
  const article = makeArticle("a", random(7), 6);
  const site = Class.site(siteData([article]));
  const name = '<img src=x onerror="alert(1)">';
  const marks = [{ ...around(article, article.hot[0].words, random(1)), kind: "claim", reason: "<b>why</b>" + "r".repeat(5000) }];
  const entry = Class.readFile(site, { name: "a.json", size: 1 }, practiceFile(article, name, marks));
  assert.equal(entry.name, name);
  assert.equal(entry.marks[0].reason.length, 1000);
  assert.ok(entry.marks[0].reason.startsWith("<b>why</b>"));
  const long = Class.readFile(site, { name: "b.json", size: 1 }, practiceFile(article, "n".repeat(10000), []));
  assert.equal(long.name.length, 200);
});

test("CSV cells are quoted where they must be, and never run as formulas", () => {
  assert.equal(Class.cell('say "no", twice'), '"say ""no"", twice"');
  assert.equal(Class.cell("two\nlines"), '"two\nlines"');
  assert.equal(Class.cell("=HYPERLINK(\"x\")"), '"\'=HYPERLINK(""x"")"');
  assert.equal(Class.cell("+1"), "'+1");
  assert.equal(Class.cell("@me"), "'@me");
  assert.equal(Class.cell(-3), "-3", "numbers are numbers");
  assert.equal(Class.cell(" padded"), '" padded"');
  assert.equal(Class.csv([["a", 1], ["b", 2]]), "\uFEFFa,1\r\nb,2\r\n");
});

test("the three tables' rows, for CSV, hold what the page shows", () => {
  const { articles, files } = classSet(9);
  const site = Class.site(siteData(articles));
  const [first] = overview(site, files).summary;
  const notes = Class.noteRows(first), passages = Class.passageRows(first), students = Class.studentRows(first);
  assert.equal(notes.length, first.notes.length + 1);
  assert.deepEqual(notes[0], ["Note", "Kind", "Passage", "Students who marked it", "With the same kind", "Students", "Who"]);
  assert.deepEqual(notes[1].slice(0, 6), [first.notes[0].number, first.notes[0].kind, first.notes[0].exact,
                                          first.notes[0].count, first.notes[0].same, first.students.length]);
  assert.equal(notes[1][6], Class.whoText(first.notes[0].who));
  assert.equal(passages.length, first.passages.length + 1);
  assert.equal(students.length, first.students.length + 1);
  assert.deepEqual(students[1], [first.students[0].label, first.students[0].file, first.students[0].marks,
                                 first.students[0].found, first.students[0].same, first.students[0].unmatched, first.notes.length]);
  assert.equal(Class.whoText([{ label: "Ana", same: true, kinds: ["claim"] }, { label: "Ben", same: false, kinds: ["claim", "framing"] }]),
               "Ana, Ben (as claim and framing)");
  assert.equal(Class.kindsText([{ kind: "framing", count: 2 }, { kind: "claim", count: 1 }]), "framing 2, claim 1");
});
