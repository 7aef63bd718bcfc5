/* Marginalia practice files: what a student hands in, written, read and checked here only.
 *
 *   { "format": "marginalia-practice", "version": 1, "article": "<slug>", "title": "…",
 *     "name": "…", "saved": "<ISO date>",
 *     "marks": [ { "kind": "framing|sourcing|claim", "reason": "…", "created": "<ISO date>",
 *                  "selector": { "type": "TextQuoteSelector", "exact": "…", "prefix": "…",
 *                                "suffix": "…" } } ] }
 *
 * A file is untrusted input: it may be anything a student (or anyone) hands over. parse()
 * refuses what is too large or too deeply nested before JSON.parse sees it; check() and
 * read() say what is wrong in a sentence that follows "because" ("it is not JSON."). Every
 * refusal is a FormatError whose code says which kind of problem it is (see CODES); its
 * sentence is a label of the site's table of strings (files.*, see marginalia-strings.js).
 *
 * Used by practice mode and the class overview; no DOM. Loaded as a plain script after
 * marginalia-quote.js and marginalia-strings.js (window.MarginaliaFormat) or required.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./marginalia-quote.js"), require("./marginalia-strings.js"));
  } else {
    root.MarginaliaFormat = factory(root.MarginaliaQuote, root.MarginaliaStrings);
  }
}(this, function (Quote, T) {
  "use strict";

  var FORMAT = "marginalia-practice";
  var VERSION = 1;
  var MAX_FILE = 2e6; /* characters (about bytes): a practice file is a few kilobytes */
  var MAX_DEPTH = 16; /* levels of [ and {: a practice file has 4 */
  var MAX_MARKS = 2000; /* more than any student makes on one article */
  var KINDS = ["framing", "sourcing", "claim"]; /* their names are labels: kinds.* in the table */
  /* The codes of the refusals: too large, too deeply nested, not JSON, not a practice file, from
   * a newer version, for another article, broken. */
  var CODES = ["too-large", "too-deep", "not-json", "foreign", "newer", "other-article", "invalid"];

  /* A refusal: its code, and its sentence from the table (files.<key>, with values). */
  function refusal(code, key, values) { return FormatError(code, T.text("files." + key, values)); }

  function FormatError(code, message) {
    var error = new Error(message);
    error.name = "FormatError";
    error.code = code;
    return error;
  }

  /* How deeply [ and { nest in a JSON text, counted without parsing it, stopping as soon as
   * it passes `limit` (so a hostile file costs one quick scan, never a deep recursion). */
  function depth(text, limit) {
    var level = 0, most = 0, inString = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++; /* backslash: skip the escaped character */
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 91 || c === 123) { if (++level > most) { most = level; if (most > limit) return most; } }
      else if (c === 93 || c === 125) level--;
    }
    return most;
  }

  /* The JSON value of a file's text, or a FormatError. */
  function parse(text) {
    if (text.length > MAX_FILE) throw refusal("too-large", "too_large");
    if (depth(text, MAX_DEPTH) > MAX_DEPTH) throw refusal("too-deep", "too_deep");
    try {
      return JSON.parse(text);
    } catch (e) {
      throw refusal("not-json", "not_json");
    }
  }

  /* That a value is a practice file this version can read, whatever its article. */
  function check(data) {
    if (!data || typeof data !== "object" || data.format !== FORMAT) throw refusal("foreign", "foreign", { format: FORMAT });
    if (typeof data.version !== "number") throw refusal("invalid", "no_version");
    if (data.version > VERSION) throw refusal("newer", "newer", { version: data.version });
    if (typeof data.article !== "string" || !data.article) throw refusal("invalid", "no_article");
    return data;
  }

  /* The work in a practice file, its marks placed in the article's text model (see
   * marginalia-quote.js). options: slug (the article it must be about, if any), model, and
   * lenient (keep marks whose passage is gone, with start and end null: stored work is never
   * dropped). Returns { article, title, name, saved, marks }. */
  function read(data, options) {
    check(data);
    if (options.slug != null && data.article !== options.slug) {
      throw refusal("other-article", "other_article", { title: Quote.quoted(String(data.title || data.article)) });
    }
    if (!Array.isArray(data.marks)) throw refusal("invalid", "marks_not_list");
    if (data.marks.length > MAX_MARKS) throw refusal("invalid", "too_many", { count: data.marks.length, max: MAX_MARKS });
    if (data.name != null && typeof data.name !== "string") throw refusal("invalid", "name_not_text");
    var marks = data.marks.map(function (raw, i) {
      var where = { mark: T.text("files.mark", { number: i + 1 }) };
      var sel = raw && raw.selector;
      if (!raw || typeof raw !== "object") throw refusal("invalid", "mark_not_object", where);
      if (KINDS.indexOf(raw.kind) === -1) {
        throw refusal("invalid", "mark_kind", Object.assign({ kind: T.quote(String(raw.kind)) }, where));
      }
      if (!sel || typeof sel.exact !== "string" || !sel.exact.trim()) throw refusal("invalid", "mark_no_passage", where);
      ["prefix", "suffix"].forEach(function (part) {
        if (sel[part] != null && typeof sel[part] !== "string") throw refusal("invalid", "mark_not_text", Object.assign({ part: part }, where));
      });
      if (raw.reason != null && typeof raw.reason !== "string") throw refusal("invalid", "mark_reason", where);
      var at = Quote.anchor(options.model, sel);
      if (!at && !options.lenient) {
        throw refusal("invalid", "mark_not_here", Object.assign({ passage: Quote.quoted(sel.exact, 80) }, where));
      }
      return { id: "m" + i + Math.random().toString(36).slice(2, 6), kind: raw.kind, reason: (raw.reason || "").trim(),
               created: typeof raw.created === "string" ? raw.created : "",
               exact: sel.exact, prefix: sel.prefix || "", suffix: sel.suffix || "",
               start: at ? at.start : null, end: at ? at.end : null };
    });
    return { article: data.article, title: typeof data.title === "string" ? data.title : "", name: data.name || "",
             saved: typeof data.saved === "string" ? data.saved : "", marks: marks };
  }

  /* A practice record of some work: { slug, title, name, marks } (marks as read() gives them). */
  function record(work) {
    return {
      format: FORMAT, version: VERSION, article: work.slug, title: work.title, name: work.name,
      marks: work.marks.map(function (m) {
        return { kind: m.kind, reason: m.reason, created: m.created,
                 selector: { type: "TextQuoteSelector", exact: m.exact, prefix: m.prefix, suffix: m.suffix } };
      }),
    };
  }

  /* The file's text, saved now. */
  function serialize(data, now) {
    var copy = Object.assign({}, data, { saved: (now || new Date()).toISOString() });
    return JSON.stringify(copy, null, 2) + "\n";
  }

  function fileName(slug, name) {
    var who = (name || "").trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return "marginalia-" + slug + (who ? "-" + who : "") + ".json";
  }

  return { FORMAT: FORMAT, VERSION: VERSION, MAX_FILE: MAX_FILE, MAX_DEPTH: MAX_DEPTH, MAX_MARKS: MAX_MARKS,
           KINDS: KINDS, CODES: CODES, FormatError: FormatError, depth: depth, parse: parse, check: check,
           read: read, record: record, serialize: serialize, fileName: fileName };
}));
