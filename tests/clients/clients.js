// The annotation clients the browser tests drive, as one object on the page:
// window.annotationClients.anchor(client, target) and .describe(client, scope, start, end).
//
// Each client is the real library, called the way its documentation shows. The only glue is
// what every client leaves to its host page: finding the element a target is scoped to (for
// the libraries that take a root element), and turning ranges into text offsets so that the
// test can compare them. Offsets are counted in the text of document.body as a DOM Range
// reads it (the concatenated text nodes), so ranges from any client compare directly.
import {
  createCssSelectorMatcher,
  createTextPositionSelectorMatcher,
  createTextQuoteSelectorMatcher,
  describeTextPosition,
  describeTextQuote,
} from "@apache-annotator/dom";
import { makeRefinable } from "@apache-annotator/selector";
import * as textPosition from "dom-anchor-text-position";
import * as textQuote from "dom-anchor-text-quote";
import * as hypothesis from "hypothesis-client/src/annotator/anchoring/html";

/* --- offsets in the page's text -------------------------------------------------------- */

function offsetOf(container, offset) {
  const probe = document.createRange();
  probe.setStart(document.body, 0);
  probe.setEnd(container, offset);
  return probe.toString().length;
}

function found(range) {
  return { start: offsetOf(range.startContainer, range.startOffset),
           end: offsetOf(range.endContainer, range.endOffset), text: range.toString() };
}

/* --- what a target points at ----------------------------------------------------------- */

const SCOPING = new Set(["CssSelector", "FragmentSelector"]);

/** The element a scoping selector names: exactly one, or an error saying what was found. */
function element(selector) {
  const found = selector.type === "FragmentSelector"
    ? [document.getElementById(selector.value)].filter(Boolean)
    : [...document.querySelectorAll(selector.value)];
  if (found.length !== 1) throw new Error(`${selector.type} ${selector.value} names ${found.length} elements`);
  return found[0];
}

/** Each alternative selector of a target, with the element its text is counted in. */
function alternatives(target) {
  const selectors = Array.isArray(target.selector) ? target.selector : [target.selector];
  const fragment = new URL(target.source).hash.slice(1);
  const pageScope = (fragment && document.getElementById(fragment)) || document.body;
  return selectors.map((selector) => (SCOPING.has(selector.type) && selector.refinedBy
    ? { selector, scope: element(selector), refined: selector.refinedBy }
    : { selector, scope: pageScope, refined: selector }));
}

/* --- the clients ----------------------------------------------------------------------- */

const createMatcher = makeRefinable((selector) => {
  switch (selector.type) {
    case "CssSelector": return createCssSelectorMatcher(selector);
    case "TextQuoteSelector": return createTextQuoteSelectorMatcher(selector);
    case "TextPositionSelector": return createTextPositionSelectorMatcher(selector);
    default: throw new Error(`Apache Annotator has no matcher for ${selector.type}`);
  }
});

async function attempt(kind, run) {
  try {
    return { kind, ranges: (await run()).map(found) };
  } catch (error) {
    return { kind, ranges: [], error: String(error && error.message || error) };
  }
}

const anchorWith = {
  /* Apache Annotator: every match of each selector, refinements followed by the library. */
  async "apache-annotator"(target) {
    return Promise.all(alternatives(target).map(({ selector, scope, refined }) => attempt(refined.type, async () => {
      const matches = [];
      const top = SCOPING.has(selector.type) ? document.body : scope;
      for await (const match of createMatcher(selector)(top)) matches.push(match);
      return matches;
    })));
  },
  /* dom-anchor-text-quote: its best match of each TextQuoteSelector in the scope element. A
   * client holding the target's TextPositionSelector too passes its start as the offset hint,
   * as the library suggests. Its toRange() is textQuote.toTextPosition() followed by
   * textPosition.toRange() (its README): the dom-anchor-text-position it pins (^4) throws for
   * a passage that ends its root's text, so the position goes through the current release. */
  async "dom-anchor-text-quote"(target) {
    const all = alternatives(target);
    return Promise.all(all.filter((a) => a.refined.type === "TextQuoteSelector")
      .map(({ scope, refined }) => attempt(refined.type, async () => {
        const position = all.find((a) => a.scope === scope && a.refined.type === "TextPositionSelector");
        const options = position ? { hint: position.refined.start } : {};
        const found = textQuote.toTextPosition(scope, { exact: refined.exact, prefix: refined.prefix, suffix: refined.suffix }, options);
        return found ? [textPosition.toRange(scope, found)] : [];
      })));
  },
  /* dom-anchor-text-position: each TextPositionSelector, in the scope element. */
  async "dom-anchor-text-position"(target) {
    return Promise.all(alternatives(target).filter((a) => a.refined.type === "TextPositionSelector")
      .map(({ scope, refined }) => attempt(refined.type, async () =>
        [textPosition.toRange(scope, { start: refined.start, end: refined.end })].filter(Boolean))));
  },
  /* The Hypothesis client: its anchor() gets all the selectors for one root, as the client
   * passes an annotation's selectors, and settles on one range (or rejects). */
  async hypothesis(target) {
    const byScope = new Map();
    for (const { scope, refined } of alternatives(target)) {
      byScope.set(scope, [...(byScope.get(scope) || []), refined]);
    }
    return Promise.all([...byScope].map(([scope, selectors]) =>
      attempt(selectors.map((s) => s.type).join("+"), async () => [await hypothesis.anchor(scope, selectors)])));
  },
  /* Its quote matching on its own (no position, so no hint), as when the page has changed. */
  async "hypothesis-quote-only"(target) {
    return Promise.all(alternatives(target).filter((a) => a.refined.type === "TextQuoteSelector")
      .map(({ scope, refined }) => attempt(refined.type, async () => [await hypothesis.anchor(scope, [refined])])));
  },
};

const describeWith = {
  async "apache-annotator"(scope, range) {
    return { ...(await describeTextQuote(range, scope)), ...(await describeTextPosition(range, scope)) };
  },
  async "dom-anchor-text-quote"(scope, range) {
    return textQuote.fromRange(scope, range);
  },
  async "dom-anchor-text-position"(scope, range) {
    return textPosition.fromRange(scope, range);
  },
  async hypothesis(scope, range) {
    const described = {};
    for (const selector of hypothesis.describe(scope, range)) {
      if (selector.type === "TextQuoteSelector") Object.assign(described, { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix });
      if (selector.type === "TextPositionSelector") Object.assign(described, { start: selector.start, end: selector.end });
    }
    return described;
  },
};

/** The Range over a note's passage as the page highlights it: from the start of its first
 * mark to the end of its last (the note's id as in render.py's DOM contract). */
function passageRange(noteId) {
  const marks = [...document.querySelectorAll(`mark[data-quote-for="${CSS.escape(noteId)}"]`)];
  if (!marks.length) return null;
  const range = document.createRange();
  range.setStart(marks[0], 0);
  range.setEnd(marks[marks.length - 1], marks[marks.length - 1].childNodes.length);
  return range;
}

// Each call measures and answers in one go: the page's text may change between calls (the
// theme's search box writes its status), which would shift offsets counted in the body.
window.annotationClients = {
  versions: CLIENT_VERSIONS, // eslint-disable-line no-undef
  names: Object.keys(anchorWith),
  /** What the client finds for the target ([{kind, ranges: [{start, end, text}], error?}])
   * and where the page highlights the note's passage ({start, end} or null). */
  async anchor(client, target, noteId) {
    const results = await anchorWith[client](target);
    const passage = passageRange(noteId);
    return { found: results, passage: passage && { start: offsetOf(passage.startContainer, passage.startOffset),
                                                   end: offsetOf(passage.endContainer, passage.endOffset) } };
  },
  /** How the client describes the note's passage, counting in the element scopeSelector names. */
  async describe(client, scopeSelector, noteId) {
    const passage = passageRange(noteId);
    if (!passage) throw new Error(`the page highlights no passage for ${noteId}`);
    return describeWith[client](element({ type: "CssSelector", value: scopeSelector }), passage);
  },
};
