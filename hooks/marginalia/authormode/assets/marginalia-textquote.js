/* Marginalia text quotes as the build matches them: hooks/marginalia/textquote.py, in JS.
 *
 * The author mode writes a note's quote, prefix and suffix in the browser; what it writes
 * must anchor in the build exactly where the author selected. So this module follows the
 * build's rules, not practice mode's (marginalia-quote.js, which ignores case because a
 * student types a passage): case and words count; white space, quote marks, dashes and
 * Unicode compatibility forms do not; runs of dashes are one unit, spaces around them
 * optional; a quote that occurs more than once is picked by its prefix or suffix.
 *
 * A "part" is the texts of one part's text elements in page order (see render.py: the
 * headline, the author as given and the body are the part "article"), searched as one text
 * joined by line breaks, as article.py does. Offsets are the DOM's (UTF-16 code units) into
 * one element's text; the build counts code points, but only strings cross between the two.
 *
 * describe() is what the author mode asks: for a passage selected in one element, the quote
 * as the build will match it and the shortest prefix or suffix, in whole words, that picks
 * it out, checked by anchor() here exactly as the build will check it. No DOM. Loaded as a
 * plain script (window.MarginaliaTextQuote) or required (tests/js/textquote.test.js; the
 * build and this module are compared in tests/unit/test_authormode_js.py).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MarginaliaTextQuote = factory();
}(this, function () {
  "use strict";

  var QUOTES = {}, DASHES = {};
  "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4".split("").forEach(function (c) { QUOTES[c] = "'"; });
  "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb".split("").forEach(function (c) { QUOTES[c] = '"'; });
  "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d".split("").forEach(function (c) { DASHES[c] = "-"; });
  var INVISIBLE = /^[\u00ad\u200b\u200c\u200d\u2060\ufeff]$/;
  /* Python's str.isspace(): JavaScript's \s, less U+FEFF (invisible, above), plus these. */
  var SPACE = /^[\s\x1c-\x1f\x85]$/;
  var SPACES = /[\s\x1c-\x1f\x85]+/g;
  var MAX_WORDS = 40; /* words of context tried on each side, alone */
  var MAX_BOTH = 12; /* words on each side, when both are needed */

  function mapped(c) { return QUOTES[c] || DASHES[c] || c; }

  /* One character (a code point) in the form used for comparison ("" when invisible). */
  function foldChar(c) {
    if (INVISIBLE.test(c)) return "";
    if (SPACE.test(c)) return " ";
    var out = "";
    for (var part of mapped(c).normalize("NFKD")) out += SPACE.test(part) ? " " : mapped(part);
    return out;
  }

  function codeLength(text, at) { return text.codePointAt(at) > 0xffff ? 2 : 1; }

  /* { text, origin, length, edges }: the folded text and, for each of its code units, the
   * index in `text` of the character it came from. Leading white space is dropped, runs of
   * it become one space, a trailing one goes. */
  function normalise(text) {
    var out = "", origin = [], lastSpace = true;
    for (var i = 0; i < text.length; i += codeLength(text, i)) {
      for (var part of foldChar(String.fromCodePoint(text.codePointAt(i)))) {
        if (part === " ") {
          if (lastSpace) continue;
          lastSpace = true;
        } else lastSpace = false;
        out += part;
        for (var k = 0; k < part.length; k++) origin.push(i);
      }
    }
    if (out.slice(-1) === " ") { out = out.slice(0, -1); origin.pop(); }
    return { text: out, origin: origin, source: text, edges: [] };
  }

  function fold(text) { return normalise(text).text; }

  function bisectLeft(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < value) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function bisectRight(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (value < list[mid]) hi = mid; else lo = mid + 1; }
    return lo;
  }

  /* Several texts joined: each one after the first starts at `starts` in the source. */
  function withEdges(n, starts) {
    n.edges = starts.map(function (start) { return bisectLeft(n.origin, start); });
    return n;
  }

  /* A [start, end) range of the folded text, in the source text. */
  function toSource(n, start, end) {
    var from = n.origin[start];
    if (end <= start) return { start: from, end: from };
    var last = n.origin[end - 1];
    return { start: from, end: last + codeLength(n.source, last) };
  }

  var DASH_RUN = / ?-+ ?/;

  function collapseDashes(text) { return text.indexOf("-") === -1 ? text : text.replace(/ ?-+ ?/g, "-"); }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&"); }

  /* Every [start, end) where `needle` occurs in `haystack`, overlaps included, a run of
   * dashes (with the spaces around it) matching any other. */
  function findSpans(haystack, needle) {
    var spans = [];
    if (needle.indexOf("-") === -1) {
      for (var at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
        spans.push([at, at + needle.length]);
      }
      return spans;
    }
    var body = needle.split(DASH_RUN).map(escapeRegExp).join(" ?-+ ?");
    if (needle.charAt(0) === "-") body = "(?<!-)" + body.replace(/^ \?/, "");
    if (needle.slice(-1) === "-") body = body.replace(/ \?$/, "") + "(?!-)";
    var pattern = new RegExp("(?=(" + body + "))", "g"), match;
    while ((match = pattern.exec(haystack)) !== null) {
      spans.push([match.index, match.index + match[1].length]);
      pattern.lastIndex = match.index + 1;
    }
    return spans;
  }

  function rstrip(text) { return text.replace(/\s+$/, ""); }
  function lstrip(text) { return text.replace(/^\s+/, ""); }

  function fits(text, start, end, prefix, suffix) {
    if (prefix) {
      var before = rstrip(text.slice(0, start));
      if (!before.endsWith(prefix) && !((prefix + before.slice(-1)).indexOf("-") !== -1
          && collapseDashes(before.slice(-3 * prefix.length - 3)).endsWith(collapseDashes(prefix)))) return false;
    }
    if (suffix) {
      var after = lstrip(text.slice(end));
      if (!after.startsWith(suffix) && !((suffix + after.slice(0, 1)).indexOf("-") !== -1
          && collapseDashes(after.slice(0, 3 * suffix.length + 3)).startsWith(collapseDashes(suffix)))) return false;
    }
    return true;
  }

  /* Context that runs off the edges of the passage's own text fits where its part beside the
   * passage is all of that text before (or after) it. */
  function fitsPastTheEdge(n, start, end, prefix, suffix) {
    var edges = n.edges;
    var low = edges.length && edges[0] <= start ? edges[bisectRight(edges, start) - 1] : 0;
    var high = edges.length && edges[edges.length - 1] >= end ? edges[bisectLeft(edges, end)] : n.text.length;
    var before = rstrip(n.text.slice(low, start)), after = lstrip(n.text.slice(end, high));
    if (prefix && !(before.endsWith(prefix) || before.length < prefix.length && prefix.endsWith(before))) return false;
    if (suffix && !(after.startsWith(suffix) || after.length < suffix.length && suffix.startsWith(after))) return false;
    return true;
  }

  /* Where the build finds `selector` ({exact, prefix, suffix}) in the normalised text `n`:
   * { start, end } in the source, or { failure: "empty" | "not-found" | "context" |
   * "ambiguous", count } (count: the places that fit, or the places of the quote). */
  function anchor(n, selector) {
    var exact = fold(selector.exact || "");
    if (!exact) return { failure: "empty", count: 0 };
    var prefix = fold(selector.prefix || ""), suffix = fold(selector.suffix || "");
    var spans = findSpans(n.text, exact);
    if (!spans.length) return { failure: "not-found", count: 0 };
    var fitting = spans.filter(function (s) { return fits(n.text, s[0], s[1], prefix, suffix); });
    if (!fitting.length) fitting = spans.filter(function (s) { return fitsPastTheEdge(n, s[0], s[1], prefix, suffix); });
    if (fitting.length === 1) return toSource(n, fitting[0][0], fitting[0][1]);
    return fitting.length ? { failure: "ambiguous", count: fitting.length } : { failure: "context", count: spans.length };
  }

  /* --- whole words ----------------------------------------------------------------------- */

  var WORDISH = /^[\p{L}\p{N}\p{M}]$/u;
  /* Scripts written without spaces between words: any boundary may be a word's. */
  var SPACELESS = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}\p{scx=Javanese}\p{scx=Balinese}\p{scx=Yi}]$/u;

  function inWord(c) { return !!c && WORDISH.test(c) && !SPACELESS.test(c); }

  function charBefore(text, at) {
    if (at <= 0) return "";
    var low = text.charCodeAt(at - 1);
    return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(at - 2, at) : text.charAt(at - 1);
  }

  function charAt(text, at) { return at < text.length ? String.fromCodePoint(text.codePointAt(at)) : ""; }

  /* Null, or how `text.slice(start, end)` cuts a word: { where: "starts" | "ends" | "starts
   * and ends", start, end } with the whole words' range. */
  function partialWord(text, start, end) {
    var cutStart = start > 0 && start < text.length && inWord(charBefore(text, start)) && inWord(charAt(text, start));
    var cutEnd = end > 0 && end < text.length && inWord(charBefore(text, end)) && inWord(charAt(text, end));
    if (!cutStart && !cutEnd) return null;
    while (cutStart && start > 0 && inWord(charBefore(text, start))) start -= charBefore(text, start).length;
    while (cutEnd && end < text.length && inWord(charAt(text, end))) end += charAt(text, end).length;
    return { where: cutStart && cutEnd ? "starts and ends" : cutStart ? "starts" : "ends", start: start, end: end };
  }

  /* --- describing a selected passage ------------------------------------------------------- */

  function ignorable(c) { return SPACE.test(c) || INVISIBLE.test(c); }

  /* A passage without white space or invisible characters at its ends. */
  function trim(text, start, end) {
    while (start < end && ignorable(text.charAt(start))) start++;
    while (end > start && ignorable(text.charAt(end - 1))) end--;
    return { start: start, end: end };
  }

  /* A stretch of text as a note writes it: on one line, without invisible characters. */
  function written(text) {
    return text.replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, "").replace(SPACES, " ");
  }

  /* Where the words before [start, end) of `text` begin, nearest first, and where the words
   * after it end: the places a prefix or suffix of whole words may start or stop at. (The
   * passage's own first or last word counts too, where the passage cuts it.) */
  function wordEdges(text, start, end, count) {
    var before = [], after = [], i;
    for (i = start - 1; i >= 0 && before.length < count; i--) {
      if (!SPACE.test(text.charAt(i)) && (i === 0 || SPACE.test(text.charAt(i - 1)))) before.push(i);
    }
    for (i = end + 1; i <= text.length && after.length < count; i++) {
      if (!SPACE.test(text.charAt(i - 1)) && (i === text.length || SPACE.test(text.charAt(i)))) after.push(i);
    }
    return { before: before, after: after };
  }

  /* The passage [start, end) of `texts[index]`, one of the texts of a part, as a note quotes
   * it: { quote, prefix, suffix, start, end, count, partial, failure }. start and end are
   * the passage trimmed of white space; count is how often the quote occurs in the part;
   * partial is partialWord()'s answer; failure is set ("empty", "not-found" or "ambiguous")
   * when no prefix or suffix makes the build find this passage and no other. */
  function describe(texts, index, start, end) {
    var own = texts[index], span = trim(own, start, end);
    var result = { quote: written(own.slice(span.start, span.end)), prefix: "", suffix: "",
                   start: span.start, end: span.end, count: 0, partial: null, failure: null };
    if (!fold(result.quote)) { result.failure = "empty"; return result; }
    result.partial = partialWord(own, span.start, span.end);
    var bases = [], at = 0;
    texts.forEach(function (text) { bases.push(at); at += text.length + 1; });
    var joined = texts.join("\n"), n = withEdges(normalise(joined), bases.slice(1));
    var from = bases[index] + span.start, to = bases[index] + span.end;
    result.count = findSpans(n.text, fold(result.quote)).length;
    function picks(selector) {
      var found = anchor(n, selector);
      return found.failure === undefined && found.start === from && found.end === to;
    }
    if (!result.count) { result.failure = "not-found"; return result; }
    if (picks({ exact: result.quote })) return result;
    var edges = wordEdges(joined, from, to, MAX_WORDS), best = null;
    function consider(prefixAt, suffixAt) {
      var selector = { exact: result.quote,
                       prefix: prefixAt == null ? "" : written(joined.slice(prefixAt, from)),
                       suffix: suffixAt == null ? "" : written(joined.slice(to, suffixAt)) };
      var size = selector.prefix.length + selector.suffix.length;
      if ((!best || size < best.size) && picks(selector)) best = { size: size, prefix: selector.prefix, suffix: selector.suffix };
    }
    edges.before.forEach(function (p) { consider(p, null); });
    edges.after.forEach(function (s) { consider(null, s); });
    for (var i = 0; !best && i < Math.min(MAX_BOTH, edges.before.length); i++) {
      for (var j = 0; j < Math.min(MAX_BOTH, edges.after.length); j++) consider(edges.before[i], edges.after[j]);
    }
    if (!best) { result.failure = "ambiguous"; return result; }
    result.prefix = best.prefix;
    result.suffix = best.suffix;
    return result;
  }

  /* Where a note's selector lands in a part: { index, start, end } in one of its texts, or
   * null (not found, not one place, or running from one text into the next). */
  function locate(texts, selector) {
    var bases = [], at = 0;
    texts.forEach(function (text) { bases.push(at); at += text.length + 1; });
    var found = anchor(withEdges(normalise(texts.join("\n")), bases.slice(1)), selector);
    if (found.failure !== undefined) return null;
    var index = bisectRight(bases, found.start) - 1;
    if (found.end - bases[index] > texts[index].length) return null;
    return { index: index, start: found.start - bases[index], end: found.end - bases[index] };
  }

  return { normalise: normalise, withEdges: withEdges, fold: fold, findSpans: findSpans, anchor: anchor,
           partialWord: partialWord, inWord: inWord, trim: trim, written: written, describe: describe,
           locate: locate };
}));
