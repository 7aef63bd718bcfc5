/* marginalia-notemarkup.js: a note's Markdown previewed, with what the build would refuse. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const M = require("../../hooks/marginalia/authormode/assets/marginalia-notemarkup.js");

const codes = (source) => M.render(source).problems.map((p) => p.code);

test("what a margin note holds is rendered, with no problem", () => {
  const { html, problems } = M.render("The *headline* calls it **heated**, see `minutes` and\n[the vote](https://example.org/v?a=1&b=2).\n\n- one\n- two");
  assert.deepEqual(problems, []);
  assert.match(html, /<em>headline<\/em>/);
  assert.match(html, /<strong>heated<\/strong>/);
  assert.match(html, /<code>minutes<\/code>/);
  assert.match(html, /<a href="https:\/\/example\.org\/v\?a=1&amp;b=2" rel="noreferrer">the vote<\/a>/);
  assert.match(html, /<ul>\n<li>one<\/li>/);
  assert.deepEqual(codes("Mail [us](mailto:a@b.org) or see [above](#note-x)."), []);
});

test("raw HTML is refused and shown as the text it is", () => {
  const { html, problems } = M.render("a <b>raw</b> <script>alert(1)</script>");
  assert.deepEqual(problems.map((p) => [p.code, p.html]), [["raw-html", "<b>, </b>, <script>"]]);
  assert.doesNotMatch(html, /<b>|<script>/);
  assert.match(html, /&lt;b&gt;raw&lt;\/b&gt;/);
});

test("images, headings, quotes, code blocks and rules are refused, as the build refuses them", () => {
  assert.deepEqual(M.render("![chart](https://example.org/c.png)").problems.map((p) => p.code), ["image"]);
  assert.doesNotMatch(M.render("![chart](https://example.org/c.png)").html, /<img/);
  assert.deepEqual(M.render("text\n\n## heading").problems.map((p) => [p.code, p.tag]), [["block", "h2"]]);
  assert.deepEqual(M.render("> quoted").problems.map((p) => p.tag), ["blockquote"]);
  assert.deepEqual(M.render("    code block").problems.map((p) => p.tag), ["pre"]);
  assert.deepEqual(M.render("```\nfenced\n```").problems, [], "``` is a code span, as in Python-Markdown");
  assert.match(M.render("```\nfenced\n```").html, /<code>fenced<\/code>/);
  assert.deepEqual(M.render("a\n\n---\n\nb").problems.map((p) => p.tag), ["hr"]);
});

test("links go to full web addresses: relative links and other schemes are refused, and not linked", () => {
  assert.deepEqual(M.render("[x](/rel)").problems.map((p) => [p.code, p.href]), [["link-relative", "/rel"]]);
  const js = M.render("[x](javascript:alert(1))");
  assert.deepEqual(js.problems.map((p) => [p.code, p.scheme]), [["link-scheme", "javascript"]]);
  assert.equal(js.html, "<p>x</p>\n");
  assert.equal(M.unsafeUrl(" https://example.org"), null);
  assert.deepEqual(M.unsafeUrl("ftp://example.org"), { code: "link-scheme", href: "ftp://example.org", scheme: "ftp" });
});

test("where Python-Markdown reads lists otherwise, a hint says what the build will do", () => {
  assert.deepEqual(M.render("Para\n- a\n- b").problems.map((p) => [p.code, p.severity]), [["list-needs-blank-line", "hint"]]);
  assert.deepEqual(codes("Para\n\n- a\n- b"), []);
  assert.deepEqual(codes("- a\n  - b"), ["nested-list-indent"]);
  assert.deepEqual(codes("- a\n    - b"), []);
});
