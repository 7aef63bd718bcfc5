/* Marginalia notes as YAML: what the author mode's form writes, and the loader's checks on it.
 *
 * A note here is a plain object with the keys of an annotation file's note (loader.py):
 *   { id, kind, quote, prefix, suffix, part, note, topics: [id], technique,
 *     sources: [{ title, publisher, date, url }], corrections: [{ date, change, reason }] }
 *
 * noteItem() writes one note as an item of the file's `notes:` list, in the samples' style
 * (two spaces before the dash, keys in the loader's order, `note: |` for the Markdown);
 * notesFile() writes the file `marginalia merge` takes (commands/merge.py). Every value is
 * written so that PyYAML (the build) and ruamel.yaml (merge) read back exactly the string
 * given: plain where that is safe, in double quotes with escapes otherwise. Both readers are
 * run on what this module writes in tests/unit/test_authormode_js.py.
 *
 * check() finds what the build's loader would refuse, as problem codes (the page words them:
 * the labels author.problems.* of the site's table of strings, "id-missing" as id_missing), so
 * the form can say so before the author copies.
 * No DOM. Loaded as a plain script (window.MarginaliaNoteYaml) or required.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MarginaliaNoteYaml = factory();
}(this, function () {
  "use strict";

  var INDENT = "  "; /* the samples' indentation: notes at two spaces, their keys at four */
  /* Words YAML 1.1 (PyYAML) or 1.2 (ruamel.yaml) reads as something other than text. */
  var SPECIAL = /^(?:y|n|yes|no|on|off|true|false|null)$/i;
  var ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  /* Characters YAML allows as they are in a quoted or block scalar (its "printable" set),
   * less the ones YAML 1.1 reads as line breaks (NEL, LS, PS) and the byte-order mark. */
  function printable(cp) {
    return cp === 0x09 || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff && cp !== 0x2028 && cp !== 0x2029)
      || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || (cp >= 0x10000 && cp <= 0x10ffff);
  }

  function allPrintable(text) {
    for (var ch of text) if (!printable(ch.codePointAt(0))) return false;
    return true;
  }

  /* Whether `text` can be written as a plain (unquoted) value after "key: ". Conservative:
   * it starts with a letter (or is an ISO date), and holds nothing YAML gives a meaning. */
  function plainOk(text) {
    if (!text || text !== text.trim() || SPECIAL.test(text)) return false;
    if (!/^\p{L}/u.test(text) && !ISO_DATE.test(text)) return false;
    if (/: |:$| #|\t|[\n\r]/.test(text)) return false;
    return allPrintable(text);
  }

  function hex(cp, width) { return cp.toString(16).toUpperCase().padStart(width, "0"); }

  /* A double-quoted YAML scalar: JSON's escapes, and YAML's for what JSON leaves bare. */
  function quoted(text) {
    var out = '"';
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\r") out += "\\r";
      else if (printable(cp)) out += ch;
      else if (cp <= 0xff) out += "\\x" + hex(cp, 2);
      else if (cp <= 0xffff) out += "\\u" + hex(cp, 4);
      else out += "\\U" + hex(cp, 8);
    }
    return out + '"';
  }

  function scalar(text) { return plainOk(text) ? text : quoted(text); }

  /* An id or topic inside [a, b]: flow context allows fewer characters bare. */
  function flowScalar(text) {
    return /^[\p{L}\p{N}_][\p{L}\p{N}_.\-]*$/u.test(text) && !SPECIAL.test(text) && plainOk(text) ? text : quoted(text);
  }

  /* Text of several lines (a note's Markdown), as a literal block `|` with each line indented
   * by `indent` (one line that is safe bare stays on the key's line). What a block cannot hold
   * as it is goes in double quotes. Either way it is
   * written without empty lines at its start, white space at its end, or white space on
   * lines that hold nothing else, which change nothing in Markdown. */
  function block(text, indent) {
    var lines = String(text).replace(/^\n+/, "").replace(/[\s\x1c-\x1f\x85]+$/, "").split("\n").map(function (line) {
      return /[^\s\x1c-\x1f\x85]/.test(line) ? line : "";
    });
    var joined = lines.join("\n");
    if (lines.length < 2 && plainOk(joined)) return joined;
    if (!joined || /^[ \t]/.test(lines[0]) || joined.indexOf("\r") !== -1 || !allPrintable(joined.replace(/\n/g, ""))) return quoted(joined);
    return "|\n" + lines.map(function (line) { return line ? indent + line : ""; }).join("\n");
  }

  function clean(value) { return value == null ? "" : String(value).trim(); }

  /* One note as an item of `notes:`, without a final line break. */
  function noteItem(note) {
    var pad = INDENT + "  ", lines = [INDENT + "- id: " + scalar(clean(note.id))];
    function put(key, value) { lines.push(pad + key + ": " + value); }
    put("kind", scalar(clean(note.kind)));
    put("quote", scalar(note.quote));
    if (note.prefix) put("prefix", quoted(note.prefix));
    if (note.suffix) put("suffix", quoted(note.suffix));
    if (note.part && note.part !== "article") put("part", scalar(note.part));
    put("note", block(note.note || "", pad + "  "));
    put("topics", "[" + (note.topics || []).map(flowScalar).join(", ") + "]");
    if (clean(note.technique)) put("technique", scalar(clean(note.technique)));
    var sources = (note.sources || []).filter(function (s) { return clean(s.title) || clean(s.publisher) || clean(s.date) || clean(s.url); });
    if (sources.length) {
      lines.push(pad + "sources:");
      sources.forEach(function (source) {
        var first = true;
        ["title", "publisher", "date", "url"].forEach(function (key) {
          if (!clean(source[key])) return;
          lines.push(pad + (first ? "  - " : "    ") + key + ": " + scalar(clean(source[key])));
          first = false;
        });
      });
    }
    if ((note.corrections || []).length) {
      lines.push(pad + "corrections:");
      note.corrections.forEach(function (c) {
        lines.push(pad + "  - date: " + scalar(clean(c.date)));
        lines.push(pad + "    change: " + block(c.change || "", pad + "      "));
        lines.push(pad + "    reason: " + block(c.reason || "", pad + "      "));
      });
    }
    return lines.join("\n");
  }

  /* A comment line: no line breaks in it. */
  function comment(text) { return ("# " + String(text).replace(/[\r\n\u2028\u2029\x85]+/g, " ")).trimEnd(); }

  /* The file `marginalia merge` takes: { article, title, questions, notes, replacing, header }.
   * Its first comments say what it is and how to merge it: `header`, two lines in the site's
   * language (the page words them: author.file_about and author.file_merge), then the command
   * (`--replace` when it edits notes). Without a header (Node's and the build's tests) they
   * are the English table's. */
  function notesFile(work) {
    var name = work.article + ".notes.yml", questions = (work.questions || []).map(clean).filter(Boolean);
    var header = work.header || ["Notes on " + (work.title ? "\u201c" + work.title + "\u201d" : work.article)
                                 + ", written in Marginalia's author mode.", "To add them to annotations/" + work.article + ".yml, run:"];
    var lines = header.map(comment).concat([comment("  marginalia merge " + name + (work.replacing ? " --replace" : ""))]);
    lines.push("article: " + scalar(work.article));
    if (questions.length) {
      lines.push("questions:");
      questions.forEach(function (q) { lines.push(INDENT + "- " + scalar(q)); });
    }
    lines.push("notes:");
    (work.notes || []).forEach(function (note, i) {
      if (i) lines.push("");
      lines.push(noteItem(note));
    });
    return lines.join("\n") + "\n";
  }

  function fileName(slug) { return slug + ".notes.yml"; }

  /* --- what the loader would refuse -------------------------------------------------------- */

  function isoDate(text) {
    var m = ISO_DATE.exec(String(text).trim());
    if (!m) return false;
    if (!m[2]) return true;
    var month = +m[2];
    if (month < 1 || month > 12) return false;
    if (!m[3]) return true;
    var day = +m[3], last = new Date(Date.UTC(+m[1], month, 0)).getUTCDate();
    return day >= 1 && day <= last;
  }

  /* Problems with a note, as the loader sees them: [{ field, code, ... }]. `context`:
   * { kinds: [id], topics: {id: …}, techniques: {id: …}, taken: {id: "file" | "collection"},
   *   rules: { id, url } (the loader's patterns, as regular-expression source) }. */
  function check(note, context) {
    var problems = [], id = clean(note.id), rules = context.rules;
    function add(field, code, extra) { problems.push(Object.assign({ field: field, code: code }, extra || {})); }
    if (!id) add("id", "id-missing");
    else if (!new RegExp(rules.id).test(id)) add("id", "id-form");
    else if (context.taken && context.taken[id]) add("id", "id-taken", { where: context.taken[id] });
    if (!note.kind) add("kind", "kind-missing");
    else if (context.kinds.indexOf(note.kind) === -1) add("kind", "kind-unknown");
    if (!(note.topics || []).length) add("topics", "topics-missing");
    (note.topics || []).forEach(function (t) { if (!Object.prototype.hasOwnProperty.call(context.topics, t)) add("topics", "topic-unknown", { topic: t }); });
    if (clean(note.technique) && !Object.prototype.hasOwnProperty.call(context.techniques, clean(note.technique))) {
      add("technique", "technique-unknown");
    }
    if (!clean(note.note)) add("note", "note-missing");
    var sources = (note.sources || []).filter(function (s) { return clean(s.title) || clean(s.publisher) || clean(s.date) || clean(s.url); });
    (note.sources || []).forEach(function (s, i) {
      if (sources.indexOf(s) === -1) return;
      if (!clean(s.title)) add("source-" + i + "-title", "source-title-missing", { index: i });
      if (clean(s.date) && !isoDate(s.date)) add("source-" + i + "-date", "source-date", { index: i });
      if (clean(s.url) && !new RegExp(rules.url).test(clean(s.url))) add("source-" + i + "-url", "source-url", { index: i });
    });
    if (note.kind === "claim" && !sources.length) add("sources", "claim-needs-source");
    return problems;
  }

  /* An id for a new note: the first words of its quote that say something (not those in
   * `skip`, the language's little words, unless nothing else is left), in the loader's form,
   * not yet taken. Accents and case matter in neither: "à" skips "a", "l’" skips "l". */
  function idWords(text) {
    return String(text || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  }

  function suggestId(quote, taken, skip) {
    var words = idWords(quote), skipped = idWords((skip || []).join(" "));
    var telling = words.filter(function (w) { return skipped.indexOf(w) === -1; });
    if (telling.length) words = telling;
    var base = words.slice(0, 4).join("-").slice(0, 40).replace(/-+$/, "") || "note";
    var id = base, n = 2;
    while (taken && taken[id]) id = base + "-" + n++;
    return id;
  }

  return { INDENT: INDENT, plainOk: plainOk, quoted: quoted, scalar: scalar, block: block, noteItem: noteItem,
           notesFile: notesFile, fileName: fileName, isoDate: isoDate, check: check, suggestId: suggestId };
}));
