/* Marginalia's labels in the browser: the site's table of strings (hooks/marginalia/strings/),
 * the sections the scripts use, in the site's language.
 *
 * There is no second table here. The build serves this file with one more line at its end,
 * MarginaliaStrings.use({ lang, messages }), holding the labels of the site's language (English
 * where it has none) for the sections the scripts use (strings.BROWSER); Node's tests call use()
 * with the English table themselves. It is loaded only with the scripts that need it, first
 * among them: marginalia.js puts it before practice mode's modules, the class overview's page
 * before its own (marginalia.js itself needs none). A script then asks for a label:
 *
 *   var T = window.MarginaliaStrings;
 *   T.text("practice.added", { kind: T.text("kinds.framing.word"), number: 3 })
 *
 * A message is text with {placeholders}, {n, plural, one {# mark} other {# marks}} and
 * {k, select, a {…} other {…}} (the common core of ICU MessageFormat), read here exactly as the
 * build reads it (strings/messages.py; both are tested on tests/fixtures/messages.json). Plural
 * forms follow the language's rules (Intl.PluralRules, from CLDR like the build's). A label
 * that is not in the table is a mistake, and throws.
 *
 * A section only some pages need can come with them instead: add(messages) puts those labels
 * into the table in use, in its language (the preview's author mode brings its own section in
 * each article page's data this way, so the published file holds none of it).
 * Loaded as a plain script (window.MarginaliaStrings) or required.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MarginaliaStrings = factory();
}(this, function () {
  "use strict";

  var table = null, parsed = new Map(), rules = new Map();

  function fail(message, at) {
    var error = new Error(message + " (at " + at + ")");
    error.name = "MessageError";
    throw error;
  }

  /* --- reading a message ------------------------------------------------------------------ */

  /* Parts: a string, { arg }, { number: true } (# in a plural form), or { arg, type, forms }. */
  function parseText(text, i, inPlural, nested) {
    var parts = [], literal = "";
    function flush() { if (literal) { parts.push(literal); literal = ""; } }
    while (i < text.length) {
      var c = text[i];
      if (c === "}") {
        if (!nested) fail("a '}' closes nothing", i);
        flush();
        return { parts: parts, end: i };
      }
      if (c === "#" && inPlural) { flush(); parts.push({ number: true }); i++; }
      else if (c === "{") { flush(); var arg = argument(text, i + 1); parts.push(arg.part); i = arg.end; }
      else { literal += c; i++; }
    }
    if (nested) fail("a '{' is never closed", text.length);
    flush();
    return { parts: parts, end: i };
  }

  function checkName(name, at) {
    if (!/^\w+$/.test(name)) fail("'{" + name + "}' is not a placeholder name", at);
  }

  function argument(text, i) {
    var close = text.indexOf("}", i), comma = text.indexOf(",", i);
    if (comma < 0 || (close >= 0 && comma > close)) {
      if (close < 0) fail("a '{' is never closed", text.length);
      var name = text.slice(i, close).trim();
      checkName(name, i);
      return { part: { arg: name }, end: close + 1 };
    }
    var arg = text.slice(i, comma).trim(), second = text.indexOf(",", comma + 1);
    checkName(arg, i);
    if (second < 0) fail("'{" + arg + ", …' needs its forms", comma);
    var type = text.slice(comma + 1, second).trim();
    if (type !== "plural" && type !== "select") fail("'" + type + "' is not plural or select", comma + 1);
    var forms = {}, j = second + 1;
    for (;;) {
      while (j < text.length && /\s/.test(text[j])) j++;
      if (j >= text.length) fail("the forms of {" + arg + ", " + type + ", …} are never closed", j);
      if (text[j] === "}") { j++; break; }
      var brace = text.indexOf("{", j);
      if (brace < 0) fail("a form of {" + arg + ", " + type + ", …} has no text in braces", j);
      var selector = text.slice(j, brace).trim();
      if (!selector || /[\s{}]/.test(selector)) fail("a form of {" + arg + ", " + type + ", …} needs one word before its '{'", j);
      var form = parseText(text, brace + 1, type === "plural", true);
      if (!Object.prototype.hasOwnProperty.call(forms, selector)) forms[selector] = form.parts;
      j = form.end + 1;
    }
    if (!forms.other) fail("{" + arg + ", " + type + ", …} needs an 'other' form", i);
    return { part: { arg: arg, type: type, forms: forms }, end: j };
  }

  function parse(text) {
    if (!parsed.has(text)) parsed.set(text, parseText(text, 0, false, false).parts);
    return parsed.get(text);
  }

  /* --- writing it out ----------------------------------------------------------------------- */

  function pluralOf(lang, n) {
    if (!rules.has(lang)) {
      var rule;
      try { rule = new Intl.PluralRules(lang); } catch (e) { rule = new Intl.PluralRules("en"); }
      rules.set(lang, rule);
    }
    return typeof n === "number" ? rules.get(lang).select(n) : "other";
  }

  function value(values, name) {
    if (!values || !Object.prototype.hasOwnProperty.call(values, name)) throw new Error("the message needs a value for {" + name + "}");
    return values[name];
  }

  function render(parts, values, lang, number) {
    return parts.map(function (part) {
      if (typeof part === "string") return part;
      if (part.number) return String(number);
      var v = value(values, part.arg);
      if (!part.type) return String(v);
      if (part.type === "select") return render(part.forms[String(v)] || part.forms.other, values, lang, number);
      var form = part.forms["=" + v] || part.forms[pluralOf(lang, Number(v))] || part.forms.other;
      return render(form, values, lang, v);
    }).join("");
  }

  /* A message in a language, with its values: what text() does with a label. */
  function format(message, values, lang) { return render(parse(message), values || {}, lang || "en"); }

  /* --- the site's table ------------------------------------------------------------------------ */

  function message(key) {
    if (!table) throw new Error("MarginaliaStrings: no table (marginalia-strings.js as the build serves it sets one)");
    if (!Object.prototype.hasOwnProperty.call(table.messages, key)) throw new Error("MarginaliaStrings: no label '" + key + "'");
    return table.messages[key];
  }

  function text(key, values) {
    var m = message(key);
    if (typeof m !== "string") throw new Error("MarginaliaStrings: the label '" + key + "' is a list: use items()");
    return format(m, values, table.lang);
  }

  function items(key) {
    var m = message(key);
    if (!Array.isArray(m)) throw new Error("MarginaliaStrings: the label '" + key + "' is a single text");
    return m.slice();
  }

  /* The name of a kind of note in one of its forms (label, word, note…), see kinds: in the table. */
  function kind(k, form) { return text("kinds." + k + "." + (form || "label")); }

  function quote(passage) { return text("quote", { text: passage }); }

  /* A label with objects among its values (elements: a link, a button): the label's text split
   * around them, e.g. ["Open the ", link, "."], to append to an element. */
  function parts(key, values) {
    var objects = [], plain = {};
    Object.keys(values || {}).forEach(function (name) {
      var v = values[name];
      if (v !== null && typeof v === "object") { plain[name] = "\u0000" + objects.length + "\u0000"; objects.push(v); }
      else plain[name] = v;
    });
    return text(key, plain).split(/\u0000(\d+)\u0000/).map(function (piece, i) {
      return i % 2 ? objects[Number(piece)] : piece;
    }).filter(function (piece) { return piece !== ""; });
  }

  /* More labels for the table in use ({ "section.key": message, … }), e.g. a section a page
   * brings with it; a label already there is replaced. Adding the same ones again changes nothing. */
  function add(messages) {
    if (!table) throw new Error("MarginaliaStrings: no table to add labels to (use() comes first)");
    var merged = Object.assign({}, table.messages, messages || {});
    table = { lang: table.lang, messages: merged };
  }

  return {
    use: function (t) { table = { lang: t.lang || "en", messages: t.messages || {} }; },
    add: add,
    lang: function () { return table ? table.lang : "en"; },
    has: function (key) { return !!table && Object.prototype.hasOwnProperty.call(table.messages, key); },
    text: text, items: items, kind: kind, quote: quote, parts: parts, format: format, parse: parse,
  };
}));
