/* Marginalia text quotes: a passage stored as a W3C TextQuoteSelector (its exact words and
 * a few characters either side), and found again in a plain text.
 *
 * No DOM here: the text is a string, a passage is [start, end) offsets into it. Practice mode
 * (marginalia-practice.js) passes the text of the article on screen, the class overview
 * (marginalia-class.js) the same text as the build produced it; Node's tests pass strings.
 *
 * A "model" is { text, folded, map }: the text, a folded copy in which case, quote marks,
 * dashes and runs of white space do not matter, and for each folded character the index it
 * came from (see foldText). Loaded as a plain script after marginalia-strings.js (whose quote
 * marks quoted() uses: the language's) as window.MarginaliaQuote, or required.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./marginalia-strings.js"));
  else root.MarginaliaQuote = factory(root.MarginaliaStrings);
}(this, function (Strings) {
  "use strict";

  var CONTEXT = 32; /* characters of prefix and suffix kept with each passage */

  /* Case, quote marks, dashes and runs of white space do not matter when a student types a
   * passage: "peace talks" finds “Peace Talks”. */
  function fold(c) {
    if (/[‘’‚‛′`]/.test(c)) return "'";
    if (/[“”„‟″«»]/.test(c)) return '"';
    if (/[‐‑‒–—―−]/.test(c)) return "-";
    return c.toLowerCase();
  }

  /* The folded text and map[i], where folded[i] is in the text. */
  function foldText(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      if (/\s/.test(text[i])) {
        if (out && out.slice(-1) !== " ") { out += " "; map.push(i); }
      } else { out += fold(text[i]); map.push(i); }
    }
    return { folded: out, map: map };
  }

  function model(text) {
    var f = foldText(text);
    return { text: text, folded: f.folded, map: f.map };
  }

  function foldQuery(query) {
    return Array.prototype.map.call(query.replace(/\s+/g, " ").trim(), fold).join("");
  }

  /* Every place the query is in the text, folded on both sides. */
  function findAll(m, query) {
    var q = foldQuery(query), hits = [], at = q ? m.folded.indexOf(q) : -1;
    while (at !== -1) {
      hits.push({ start: m.map[at], end: m.map[at + q.length - 1] + 1 });
      at = m.folded.indexOf(q, at + 1);
    }
    return hits;
  }

  /* How many characters of `context` agree with the text just before `at` (or, forwards,
   * just from `at`). */
  function agreeBefore(text, at, context) {
    var n = 0;
    while (n < context.length && n < at && text[at - 1 - n] === context[context.length - 1 - n]) n++;
    return n;
  }

  function agreeAfter(text, at, context) {
    var n = 0;
    while (n < context.length && at + n < text.length && text[at + n] === context[n]) n++;
    return n;
  }

  /* Re-find a stored passage: exact text first, the occurrence whose prefix and suffix fit
   * best; then ignoring case, quotes and spacing; last, ignoring white space altogether (a
   * passage marked on a page that ran two lines together, or split one, as the build's text
   * and the browser's may at a line break). Null when it is not in the text. */
  function anchor(m, selector) {
    var text = m.text, exact = selector.exact, best = null, bestScore = -1;
    for (var at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      var score = agreeBefore(text, at, selector.prefix || "") + agreeAfter(text, at + exact.length, selector.suffix || "");
      if (score > bestScore) { best = at; bestScore = score; }
    }
    if (best !== null) return { start: best, end: best + exact.length };
    return findAll(m, exact)[0] || findWithoutSpaces(m, exact);
  }

  function findWithoutSpaces(m, exact) {
    if (!m.bare) { /* made once per model, and only when a passage needs it */
      var out = "", map = [];
      for (var i = 0; i < m.text.length; i++) if (!/\s/.test(m.text[i])) { out += fold(m.text[i]); map.push(i); }
      m.bare = { text: out, map: map };
    }
    var q = Array.prototype.map.call(exact.replace(/\s+/g, ""), fold).join(""), at = q ? m.bare.text.indexOf(q) : -1;
    return at === -1 ? null : { start: m.bare.map[at], end: m.bare.map[at + q.length - 1] + 1 };
  }

  /* How a passage is stored: its words and CONTEXT characters either side. */
  function selectorOf(text, start, end) {
    return {
      type: "TextQuoteSelector",
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    };
  }

  /* A passage as it is shown: in the language's quote marks, on one line, cut at `max` characters. */
  function quoted(text, max) {
    text = text.replace(/\s+/g, " ").trim();
    return Strings.quote(max && text.length > max ? text.slice(0, max - 1).trim() + "…" : text);
  }

  return { CONTEXT: CONTEXT, fold: fold, foldText: foldText, model: model, foldQuery: foldQuery,
           findAll: findAll, anchor: anchor, selectorOf: selectorOf, quoted: quoted };
}));
