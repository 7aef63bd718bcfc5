/* Marginalia note Markdown, previewed: the subset the build accepts (notemarkup.py), in JS.
 *
 * The build renders a note with Python-Markdown and keeps what fits in a margin note:
 * paragraphs, lists, emphasis, strong, code, line breaks and links to http, https or mailto
 * addresses (or #anchors). Raw HTML, images, headings, quotes, code blocks and rules are
 * refused with a message. The preview parses with markdown-it (vendored beside this file:
 * vendor/markdown-it/README.md), then walks its tokens to find what the build would refuse,
 * as problem codes (the page words them: the labels author.markup.*), and renders the
 * rest as the note will read. Where Python-Markdown reads Markdown otherwise than markdown-it
 * (a list must follow an empty line; a list inside a list is indented by four spaces), the
 * preview shows markdown-it's reading and a "hint" problem that says what the build will do.
 *
 * render(source) -> { html, problems: [{ code, severity: "error" | "hint", ... }] }. No DOM.
 * Loaded as a plain script after markdown-it (window.MarginaliaNoteMarkup) or required; the
 * build and this module are compared on the same notes in tests/unit/test_authormode_js.py.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./vendor/markdown-it/markdown-it.umd.min.js"));
  else root.MarginaliaNoteMarkup = factory(root.markdownit);
}(this, function (markdownit) {
  "use strict";

  var BLOCK_TAGS = { heading_open: null, blockquote_open: "blockquote", code_block: "pre", hr: "hr" };
  var INLINE_OK = { text: 1, softbreak: 1, hardbreak: 1, em_open: 1, em_close: 1, strong_open: 1, strong_close: 1,
                    code_inline: 1, link_open: 1, link_close: 1 };
  var SCHEMES = { http: 1, https: 1, mailto: 1 };

  /* Python-Markdown has no fenced code blocks: ``` starts a code span there, and here too. */
  var md = markdownit("commonmark", { html: true }).disable("fence");
  md.validateLink = function () { return true; }; /* every link reaches the check below */

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Why a link target is refused ({ code, href, scheme }), or null: notemarkup.unsafe_url. */
  function unsafeUrl(href) {
    var cleaned = href.replace(/[\x00-\x20]/g, "");
    if (cleaned.charAt(0) === "#") return null;
    var scheme = /^([a-zA-Z][a-zA-Z0-9+.\-]*):/.exec(cleaned);
    if (scheme && SCHEMES[scheme[1].toLowerCase()]) return null;
    return scheme ? { code: "link-scheme", href: href, scheme: scheme[1].toLowerCase() } : { code: "link-relative", href: href };
  }

  function short(text) {
    text = text.replace(/\s+/g, " ").trim();
    return text.length <= 40 ? text : text.slice(0, 39) + "\u2026";
  }

  function indentOf(line) { return (/^ */.exec(line || "") || [""])[0].length; }

  /* Tokens of the note; the problems the build would have with them, in order. */
  function inspect(source) {
    var tokens = md.parse(source, {}), lines = source.split("\n"), problems = [], raw = [], seen = {};
    function add(problem) {
      var key = JSON.stringify(problem);
      if (!seen[key]) { seen[key] = 1; problems.push(problem); }
    }
    tokens.forEach(function (token, i) {
      if (token.type === "html_block") raw.push(short(token.content));
      else if (Object.prototype.hasOwnProperty.call(BLOCK_TAGS, token.type)) {
        add({ code: "block", severity: "error", tag: BLOCK_TAGS[token.type] || token.tag });
      } else if (/^(bullet|ordered)_list_open$/.test(token.type)) {
        var before = tokens[i - 1];
        if (token.level === 0 && before && before.type === "paragraph_close" && token.map && tokens[i - 3] && tokens[i - 3].map
            && tokens[i - 3].map[1] === token.map[0]) add({ code: "list-needs-blank-line", severity: "hint" });
        if (token.level > 0 && token.map && indentOf(lines[token.map[0]]) < 4) add({ code: "nested-list-indent", severity: "hint" });
      } else if (token.type === "inline") {
        token.children.forEach(function (child) {
          if (child.type === "html_inline") raw.push(short(child.content));
          else if (child.type === "image") add({ code: "image", severity: "error" });
          else if (child.type === "link_open") {
            var unsafe = unsafeUrl(child.attrGet("href") || "");
            if (unsafe) { child.meta = { refused: true }; unsafe.severity = "error"; add(unsafe); }
          } else if (!INLINE_OK[child.type]) add({ code: "block", severity: "error", tag: child.tag || child.type });
        });
      }
    });
    if (raw.length) problems.unshift({ code: "raw-html", severity: "error", html: raw.slice(0, 3).join(", ") });
    return { tokens: tokens, problems: problems };
  }

  /* The preview's HTML: what the note will show. What the build refuses is left out (an
   * image, a refused link's address) or shown as the text it is (raw HTML). */
  var renderer = md.renderer, rules = Object.assign({}, renderer.rules);
  var preview = {
    html_inline: function (tokens, i) { return escapeHtml(tokens[i].content); },
    html_block: function (tokens, i) { return "<p>" + escapeHtml(tokens[i].content) + "</p>"; },
    image: function () { return ""; },
    link_open: function (tokens, i, options, env, self) {
      if (tokens[i].meta && tokens[i].meta.refused) { env.refused = (env.refused || 0) + 1; return ""; }
      tokens[i].attrSet("rel", "noreferrer");
      return self.renderToken(tokens, i, options);
    },
    link_close: function (tokens, i, options, env, self) {
      var open = 0;
      for (var j = i - 1; j >= 0; j--) {
        if (tokens[j].type === "link_close") open++;
        else if (tokens[j].type === "link_open" && open-- === 0) return tokens[j].meta && tokens[j].meta.refused ? "" : self.renderToken(tokens, i, options);
      }
      return self.renderToken(tokens, i, options);
    },
  };

  function render(source) {
    var found = inspect(source || "");
    renderer.rules = Object.assign({}, rules, preview);
    var html = renderer.render(found.tokens, md.options, {});
    renderer.rules = rules;
    return { html: html, problems: found.problems };
  }

  return { render: render, unsafeUrl: unsafeUrl };
}));
