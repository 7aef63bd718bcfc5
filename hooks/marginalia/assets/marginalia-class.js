/* Marginalia class overview, the logic: a class's practice files in, the tables out.
 *
 * The page (marginalia-class-page.js) reads the files a teacher gives it and shows what this
 * module works out; nothing here touches the DOM, so Node's tests run it as it is.
 *
 * - site(data): the site's articles as the build wrote them (marginalia-class-notes.js):
 *   each with its text (the text model practice mode marks in) and its published notes, in
 *   the order the article page numbers them, as [start, end) offsets into that text.
 * - readFile(site, file, text): one file, read and checked (marginalia-format.js), its marks
 *   placed in its article's text (marginalia-quote.js), or left out with the reason.
 * - choose(entries): one file per student and article; a second one is left out, saying why.
 * - summarise(site, entries): per article, every note with who found it, the passages that
 *   no note covers grouped where they overlap, and each student's results, all by the one
 *   matching rule of marginalia-match.js (the rule of "Check my work").
 * - the rows of the three tables, for a CSV file a spreadsheet opens (csv()).
 *
 * Its words (reasons, names of the tables' columns) are labels of the site's table of strings
 * (class.*, see marginalia-strings.js). Loaded as a plain script after marginalia-strings.js,
 * -quote.js, -format.js and -match.js (window.MarginaliaClass) or required.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./marginalia-quote.js"), require("./marginalia-format.js"), require("./marginalia-match.js"),
                             require("./marginalia-strings.js"));
  } else {
    root.MarginaliaClass = factory(root.MarginaliaQuote, root.MarginaliaFormat, root.MarginaliaMatch, root.MarginaliaStrings);
  }
}(this, function (Quote, Format, Match, T) {
  "use strict";

  var KINDS = Format.KINDS;
  var MAX_NAME = 200; /* characters of a name shown; the practice page lets a student type 200 */
  var MAX_REASON = 1000; /* characters of a reason shown; the practice page lets a student type 1,000 */

  function words(key, values) { return T.text("class." + key, values); }

  function clip(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  /* --- the site's articles -------------------------------------------------------------- */

  function site(data) {
    var articles = new Map();
    ((data && data.articles) || []).forEach(function (a, order) {
      articles.set(a.slug, { slug: a.slug, title: a.title, url: a.url, text: a.text, order: order, model: null,
                             notes: a.notes.map(function (n) {
                               return { id: n.id, number: n.number, kind: n.kind, start: n.start, end: n.end,
                                        exact: a.text.slice(n.start, n.end) };
                             }) });
    });
    return { articles: articles };
  }

  /* The article's text model (folded for finding passages), made once, when a file needs it. */
  function modelOf(article) {
    if (!article.model) article.model = Quote.model(article.text);
    return article.model;
  }

  /* --- reading one file ------------------------------------------------------------------- */

  /* file: { name, size }; text: its contents (null when it was too large to read). Returns an
   * entry: { file, status: "counted" | "left-out", code, reason, slug, title, name, saved,
   * marks, lost }, where reason completes "Left out, because …". */
  function readFile(s, file, text) {
    var entry = { file: String(file.name), status: "left-out", code: null, reason: "", slug: null, title: "",
                  name: "", saved: "", marks: [], lost: 0 };
    try {
      if (text == null || file.size > Format.MAX_FILE) {
        throw Format.FormatError("too-large", T.text("files.too_large_size", { size: size(file.size) }));
      }
      var data = Format.check(Format.parse(text));
      var article = s.articles.get(data.article);
      if (!article) {
        throw Format.FormatError("other-article", T.text("files.unknown_article",
          { title: Quote.quoted(clip(String(data.title || data.article), 120)) }));
      }
      var work = Format.read(data, { model: modelOf(article), lenient: true });
      entry.status = "counted";
      entry.slug = article.slug;
      entry.title = article.title;
      entry.name = clip(work.name.replace(/\s+/g, " ").trim(), MAX_NAME);
      entry.saved = work.saved;
      entry.marks = work.marks.map(function (m) { return Object.assign(m, { reason: clip(m.reason, MAX_REASON) }); });
      entry.lost = work.marks.filter(function (m) { return m.start == null; }).length;
    } catch (e) {
      if (!e || e.name !== "FormatError") throw e;
      entry.code = e.code;
      entry.reason = e.message;
    }
    return entry;
  }

  function size(bytes) {
    var lang = T.lang();
    return bytes >= 1e6 ? T.text("files.megabytes", { size: (bytes / 1e6).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
      : T.text("files.kilobytes", { size: Math.ceil(bytes / 1e3).toLocaleString(lang) });
  }

  /* How a student is named in the tables: their name as in the file, or which file it was. */
  function label(entry) { return entry.name || words("no_name", { file: entry.file }); }

  /* --- one file per student and article --------------------------------------------------- */

  /* Who a file is from: the same name, whatever its case and spacing, is the same student;
   * files without a name are the same only when they hold the same work. */
  function identity(entry) {
    if (entry.name) return entry.slug + "\n" + entry.name.toLowerCase();
    return entry.slug + "\n\n" + JSON.stringify(entry.marks.map(function (m) {
      return [m.kind, m.reason, m.exact, m.prefix, m.suffix];
    }));
  }

  function savedAt(entry) {
    var t = Date.parse(entry.saved);
    return isNaN(t) ? -Infinity : t;
  }

  /* The entries again, each counted file that repeats a student's work left out: the file
   * saved last counts (the first one read, when they do not say). */
  function choose(entries) {
    var kept = new Map();
    var out = entries.map(function (e) {
      return e.status === "counted" || e.code === "duplicate" ? Object.assign({}, e, { status: "counted", code: null, reason: "" }) : e;
    });
    out.forEach(function (e) {
      if (e.status !== "counted") return;
      var key = identity(e), other = kept.get(key);
      if (!other) { kept.set(key, e); return; }
      var later = savedAt(e) > savedAt(other);
      var counted = later ? e : other, left = later ? other : e;
      left.status = "left-out";
      left.code = "duplicate";
      left.reason = left.name
        ? words("duplicate_by", { name: left.name, file: T.quote(counted.file),
                                  why: words(savedAt(counted) > savedAt(left) ? "saved_later" : "read_first") })
        : words("duplicate_same", { file: T.quote(counted.file) });
      kept.set(key, counted);
    });
    return out;
  }

  /* --- the overview ------------------------------------------------------------------------- */

  function kindCounts(marks) {
    return KINDS.map(function (kind) {
      return { kind: kind, count: marks.filter(function (m) { return m.kind === kind; }).length };
    }).filter(function (k) { return k.count; });
  }

  function byLabel(a, b) {
    return a.label.localeCompare(b.label, undefined, { sensitivity: "base", numeric: true }) || (a.file < b.file ? -1 : 1);
  }

  /* Per article with at least one counted file, in the site's order. */
  function summarise(s, entries) {
    var bySlug = new Map();
    entries.forEach(function (e) {
      if (e.status !== "counted") return;
      if (!bySlug.has(e.slug)) bySlug.set(e.slug, []);
      bySlug.get(e.slug).push(e);
    });
    var out = [];
    s.articles.forEach(function (article) {
      if (bySlug.has(article.slug)) out.push(summariseArticle(article, bySlug.get(article.slug)));
    });
    return out;
  }

  function summariseArticle(article, files) {
    var text = article.text;
    var students = files.map(function (e) {
      var result = Match.check(text, article.notes, e.marks);
      return { label: label(e), name: e.name, file: e.file, result: result,
               marks: e.marks.length - e.lost, lost: e.lost, found: result.found, same: result.same,
               unmatched: result.unmatched.length, notes: article.notes.length };
    }).sort(byLabel);
    var notes = article.notes.map(function (note, i) {
      var who = [];
      students.forEach(function (st) {
        var r = st.result.notes[i];
        if (!r.hits.length) return;
        var kinds = kindCounts(r.hits).map(function (k) { return k.kind; });
        who.push({ label: st.label, same: r.same, kinds: kinds });
      });
      return { order: i, number: note.number, id: note.id, kind: note.kind, exact: note.exact, start: note.start,
               count: who.length, same: who.filter(function (w) { return w.same; }).length, who: who };
    });
    var loose = [];
    students.forEach(function (st) {
      st.result.unmatched.forEach(function (m) {
        loose.push({ start: m.start, end: m.end, kind: m.kind, reason: m.reason, student: st.label });
      });
    });
    var passages = Match.groups(text, loose).map(function (g, i) {
      var names = [];
      g.marks.forEach(function (m) { if (names.indexOf(m.student) === -1) names.push(m.student); });
      return { order: i, start: g.start, end: g.end, exact: text.slice(g.start, g.end), count: names.length,
               students: names, kinds: kindCounts(g.marks),
               marks: g.marks.map(function (m) { return { student: m.student, kind: m.kind, reason: m.reason }; }) };
    });
    return { article: { slug: article.slug, title: article.title, url: article.url }, text: text, notes: notes,
             passages: passages, students: students.map(function (st) { delete st.result; return st; }) };
  }

  /* --- words shared by the page and the CSV files -------------------------------------------- */

  /* "Ana, Ben (as claim)": who marked a note, and the kind they gave when it was not the note's. */
  function kindWord(kind) { return T.kind(kind, "word"); }

  function whoText(who) {
    return who.map(function (w) {
      return w.label + (w.same ? "" : words("as_kinds", { kinds: w.kinds.map(kindWord).join(words("kinds_and")) }));
    }).join(", ");
  }

  function kindCount(k) { return words("kind_count", { kind: kindWord(k.kind), count: k.count }); }

  function kindsText(kinds) { return kinds.map(kindCount).join(", "); }

  function reasonText(m) {
    var kind = kindWord(m.kind);
    return m.reason ? words("reason_why", { student: m.student, kind: kind, reason: m.reason })
      : words("reason", { student: m.student, kind: kind });
  }

  /* --- CSV ------------------------------------------------------------------------------------ */

  /* One cell. Text a spreadsheet would run as a formula (=, +, -, @ first) gets a ' in front:
   * a file's names and reasons are untrusted. */
  function cell(value) {
    var text = value == null ? "" : String(value);
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]|^\s|\s$/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* RFC 4180 text, with a byte order mark so that spreadsheets read it as UTF-8. */
  function csv(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function noteRows(summary) {
    var n = summary.students.length;
    return [T.items("class.csv_notes")].concat(
      summary.notes.map(function (r) { return [r.number, kindWord(r.kind), r.exact, r.count, r.same, n, whoText(r.who)]; }));
  }

  function passageRows(summary) {
    return [T.items("class.csv_passages")].concat(summary.passages.map(function (p) {
      return [p.exact, p.count, kindsText(p.kinds), p.marks.map(reasonText).join(" | ")];
    }));
  }

  function studentRows(summary) {
    return [T.items("class.csv_students")].concat(summary.students.map(function (st) {
      return [st.label, st.file, st.marks, st.found, st.same, st.unmatched, st.notes];
    }));
  }

  return { site: site, readFile: readFile, choose: choose, summarise: summarise, label: label,
           whoText: whoText, kindCount: kindCount, kindsText: kindsText, reasonText: reasonText, cell: cell, csv: csv,
           noteRows: noteRows, passageRows: passageRows, studentRows: studentRows };
}));
