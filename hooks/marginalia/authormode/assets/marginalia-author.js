/* Marginalia author mode: write a note on a passage of the article, in the local preview only.
 *
 * The preview (mkdocs serve) loads this script with its modules (authormode/__init__.py says
 * which, in order) and gives each article page its data: #mg-author-data. A published site
 * has neither, so nothing here ever runs there. Material's instant navigation brings each page's
 * data with it; the panel is made again for each article page.
 *
 * How it fits together:
 * - The text model: each text element ([data-mg-part], see render.py) holds exactly the text
 *   the build anchors quotes in, so its textContent is the build's text and a DOM Range's
 *   offsets in it are offsets the build's rules (marginalia-textquote.js) can use directly.
 *   A passage is { part, element, start, end } in one element's text.
 * - A passage comes from a selection (mouse, touch) or from words typed in the finder,
 *   stepped through match by match (marginalia-quote.js, as practice mode does). Nothing is
 *   added to the article: the pending passage is drawn with the CSS Custom Highlight API.
 * - The form is the note (marginalia-noteyaml.js writes its YAML and finds what the loader
 *   would refuse; marginalia-notemarkup.js previews its Markdown). The author copies the
 *   YAML, or adds the note to a collection downloaded as a file for `marginalia merge`.
 * - The collection, the form's draft and the switch are kept in localStorage (the preview
 *   reloads whenever a file is saved), under "marginalia-author:<slug>".
 * - Every word the page shows is a label of the site's table of strings, in the site's language:
 *   the author section (strings/en.yml, "author:"), which each article page's data brings
 *   (data.strings: the published marginalia-strings.js does not hold it) and pageLoaded() adds
 *   to MarginaliaStrings, and the kinds' names and blurbs ("kinds:"). say("copy") is the
 *   label author.copy; a label that is not in the table throws.
 */
(function () {
  "use strict";

  var TQ = window.MarginaliaTextQuote, Y = window.MarginaliaNoteYaml, MU = window.MarginaliaNoteMarkup;
  var Q = window.MarginaliaQuote;
  var T = null; /* the site's labels (marginalia-strings.js), with the author section added */
  var ON_KEY = "marginalia-author:on";
  var S = null; /* the article page on screen: its data, text elements, notes and the form */

  /* --- small helpers ---------------------------------------------------------------------- */

  /* The label author.<key> with its values. */
  function say(key, values) { return T.text("author." + key, values); }

  /* What the build would refuse, worded: a code of marginalia-noteyaml.js's check() or of
   * marginalia-notemarkup.js's render() ("id-missing"), as the label problems.id_missing. */
  function problemText(section, code, values) { return say(section + "." + code.replace(/-/g, "_"), values); }

  function kindName(kind, form) { return T.has("kinds." + kind + "." + form) ? T.kind(kind, form) : form === "label" ? kind : ""; }

  function skipWords() { return say("id_skip_words").split(/\s+/).filter(Boolean); }

  function el(tag, props, kids) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (/^(aria-|data-)|^(role|for)$/.test(key)) node.setAttribute(key, props[key]);
      else node[key] = props[key];
    });
    (kids || []).forEach(function (kid) { if (kid != null) node.append(kid); });
    return node;
  }

  function icon(kind) { return el("span", { className: "mg-icon", "data-kind": kind, "aria-hidden": "true" }); }

  function quote(text, max) { return Q.quoted(text, max || 80); }

  function store(key, value) {
    try { if (value == null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  function stored(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }

  /* --- the text model ----------------------------------------------------------------------- */

  function elements(part) {
    return Array.prototype.filter.call(S.article.querySelectorAll("[data-mg-part]"), function (e) { return !part || e.dataset.mgPart === part; });
  }

  /* Where a DOM boundary point is in the text of `element`. */
  function offsetIn(element, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(element);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  /* A DOM Range over [start, end) of an element's text. */
  function domRange(element, start, end) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), at = 0, range = document.createRange(), node;
    range.setStart(element, 0);
    range.setEnd(element, element.childNodes.length);
    var started = false;
    while ((node = walker.nextNode())) {
      var length = node.data.length;
      if (!started && start <= at + length) { range.setStart(node, start - at); started = true; }
      if (end <= at + length) { range.setEnd(node, end - at); break; }
      at += length;
    }
    return range;
  }

  /* The published notes of the page, where the build placed them (their highlights). */
  function placedNotes() {
    S.placed = S.placed || S.data.notes.map(function (note) {
      var marks = S.article.querySelectorAll('mark.mg-mark[data-quote-for="' + CSS.escape(note.id) + '"]');
      var toggle = S.article.querySelector('.mg-toggle[aria-controls="note-' + CSS.escape(note.id) + '"]');
      var placed = { note: note, number: toggle ? toggle.dataset.n : "?", element: null, start: 0, end: 0 };
      if (marks.length) {
        var host = marks[0].closest("[data-mg-part]"), last = marks[marks.length - 1];
        placed.element = host;
        placed.start = offsetIn(host, marks[0], 0);
        placed.end = offsetIn(host, last, last.childNodes.length);
      }
      return placed;
    });
    return S.placed;
  }

  /* { part, element, start, end } plus, from the build's rules, how the note quotes it. */
  function passageAt(element, start, end) {
    var part = element.dataset.mgPart, texts = elements(part);
    var d = TQ.describe(texts.map(function (e) { return e.textContent; }), texts.indexOf(element), start, end);
    return { part: part, element: element, start: d.start, end: d.end, quote: d.quote, prefix: d.prefix, suffix: d.suffix,
             count: d.count, partial: d.partial, failure: d.failure };
  }

  function whereOf(passage) {
    var own = { "article-title": "in_title", "article-author": "in_author" }[passage.element.id];
    return say(own || (passage.part === "supplied" ? "in_supplied" : "in_body"));
  }

  /* --- choosing a passage ------------------------------------------------------------------- */

  function highlight(passage) {
    if (!window.CSS || !CSS.highlights) return;
    if (passage) CSS.highlights.set("mg-author-pending", new Highlight(domRange(passage.element, passage.start, passage.end)));
    else CSS.highlights.delete("mg-author-pending");
  }

  function status(text, undo) {
    S.ui.status.replaceChildren(text || "");
    if (undo) {
      var button = el("button", { type: "button", textContent: say("undo") });
      button.addEventListener("click", function () { undo(); status(say("undone")); });
      S.ui.status.append(" ", button);
    }
  }

  var pendingSelection = 0;

  function selectionChanged() {
    clearTimeout(pendingSelection);
    pendingSelection = setTimeout(fromSelection, 120); /* once a drag or a long press settles */
  }

  function fromSelection() {
    if (!S || !S.on || !S.article.isConnected) return;
    var sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return;
    var range = sel.getRangeAt(0), host = function (node) {
      var e = node.nodeType === 1 ? node : node.parentElement;
      return e && S.article.contains(e) ? e.closest("[data-mg-part]") : null;
    };
    var first = host(range.startContainer), last = host(range.endContainer);
    if (!first && !last) return; /* a selection in the notes, the form or elsewhere */
    if (S.article.classList.contains("mg-practising")) { status(say("practising")); return; }
    if (first !== last || !first) { status(say("two_texts")); return; }
    var passage = passageAt(first, offsetIn(first, range.startContainer, range.startOffset),
                            offsetIn(first, range.endContainer, range.endOffset));
    if (passage.failure === "empty") return;
    choose(passage, false);
  }

  function typed() {
    var query = S.ui.finder.value;
    S.matches = [];
    S.matchIndex = 0;
    S.ui.next.hidden = true;
    if (Q.foldQuery(query).length < 3) { S.found = null; highlight(S.passage); status(query.trim() ? say("type_more") : ""); return; }
    elements().forEach(function (element) {
      Q.findAll(Q.model(element.textContent), query).forEach(function (hit) {
        S.matches.push({ element: element, start: hit.start, end: hit.end });
      });
    });
    if (!S.matches.length) { S.found = null; highlight(S.passage); status(say("not_found")); return; }
    showMatch();
  }

  function showMatch() {
    var m = S.matches[S.matchIndex];
    S.found = passageAt(m.element, m.start, m.end);
    S.ui.next.hidden = S.matches.length < 2;
    highlight(S.found);
    status(S.matches.length > 1
      ? say("found_of", { where: whereOf(S.found), quote: quote(S.found.quote), n: S.matchIndex + 1, total: S.matches.length })
      : say("found", { where: whereOf(S.found), quote: quote(S.found.quote) }));
    reveal(S.found);
  }

  /* Scroll a passage into view if the header or the panel hides it. */
  function reveal(passage) {
    var box = domRange(passage.element, passage.start, passage.end).getBoundingClientRect();
    var panel = S.panel.getBoundingClientRect(), below = panel.left < box.right && panel.top > 0 ? panel.top : window.innerHeight;
    if (box.top < 70 || box.bottom > below) window.scrollBy({ top: box.top - Math.max(70, below / 3) });
  }

  /* A passage becomes the form's: a note already on exactly it opens for editing, unless the
   * form holds work of its own. */
  function choose(passage, focus) {
    var same = placedNotes().filter(function (p) {
      return p.element === passage.element && p.start === passage.start && p.end === passage.end;
    })[0];
    if (same && (!S.draft || !dirty()) && !(S.draft && S.draft.original === same.note.id)) { openNote(same, focus); return; }
    if (!S.draft) S.draft = blank();
    if (S.draft.original && S.draft.passage && samePlace(S.draft.passage, passage)) {
      /* the edited note's own passage, selected again: its quote stays as the file has it */
    } else S.draft.passage = passage;
    showForm(focus);
    if (focus) reveal(passage);
  }

  function samePlace(a, b) { return a.element === b.element && a.start === b.start && a.end === b.end; }

  /* --- the draft ---------------------------------------------------------------------------- */

  function blank() {
    return { original: null, fromCollection: false, passage: null, kind: "", topics: [], technique: "", note: "",
             sources: [], id: "", idTouched: false, correction: { date: "", change: "", reason: "" }, corrections: [], start: "" };
  }

  function openNote(placed, focus) {
    var n = placed.note;
    S.draft = { original: n.id, fromCollection: false, number: placed.number, line: n.line,
                passage: placed.element ? passageOf(placed, n) : null,
                kind: n.kind, topics: n.topics.slice(), technique: n.technique, note: n.note,
                sources: n.sources.map(function (s) { return Object.assign({}, s); }), id: n.id, idTouched: true,
                correction: { date: "", change: "", reason: "" }, corrections: n.corrections.slice() };
    S.draft.start = JSON.stringify(noteOf(S.draft));
    showForm(focus);
  }

  /* An existing note's passage: where the build placed it, quoted as its file quotes it. */
  function passageOf(placed, note) {
    var passage = passageAt(placed.element, placed.start, placed.end);
    passage.quote = note.quote;
    passage.prefix = note.prefix;
    passage.suffix = note.suffix;
    passage.kept = true;
    return passage;
  }

  function dirty() { return S.draft && JSON.stringify(noteOf(S.draft)) !== S.draft.start && !!(S.draft.note || S.draft.kind || S.draft.topics.length); }

  /* The note the draft describes, as noteyaml.js writes it. */
  function noteOf(d) {
    var p = d.passage || {}, corrections = d.corrections.slice(), c = d.correction;
    if (c.date || c.change || c.reason) corrections.push({ date: c.date.trim(), change: c.change.trim(), reason: c.reason.trim() });
    return { id: d.id.trim(), kind: d.kind, quote: p.quote || "", prefix: p.prefix || "", suffix: p.suffix || "",
             part: p.part || "article", note: d.note, topics: d.topics.slice(), technique: d.technique,
             sources: d.sources.map(function (s) { return { title: s.title.trim(), publisher: s.publisher.trim(), date: s.date.trim(), url: s.url.trim() }; }),
             corrections: corrections };
  }

  function taken(d) {
    var ids = {};
    S.data.notes.forEach(function (n) { ids[n.id] = "file"; });
    S.saved.collection.forEach(function (item) { if (!item.replaces) ids[item.note.id] = "collection"; });
    if (d.original) delete ids[d.original];
    if (d.collected != null) delete ids[S.saved.collection[d.collected] ? S.saved.collection[d.collected].note.id : ""];
    return ids;
  }

  /* Everything that would stop the build, in the form's order: [{ field, text }]. */
  function problemsOf(d) {
    var note = noteOf(d), out = [];
    if (!d.passage || (!d.passage.kept && (d.passage.failure || d.passage.partial))) out.push({ field: "passage", text: problemText("problems", "passage") });
    Y.check(note, { kinds: S.data.kinds, topics: S.topics, techniques: S.techniques, taken: taken(d), rules: S.data.rules })
      .forEach(function (p) {
        var code = p.code === "id-taken" ? p.code + "-" + p.where : p.code;
        out.push({ field: p.field, text: problemText("problems", code, { topic: p.topic, n: (p.index || 0) + 1 }) });
      });
    MU.render(note.note).problems.forEach(function (p) {
      if (p.severity === "error") out.push({ field: "note", text: problemText("markup", p.code, p), listed: true });
    });
    var c = d.correction;
    if (c.date || c.change || c.reason) {
      if (!c.date.trim() || !c.change.trim() || !c.reason.trim()) out.push({ field: "correction", text: problemText("problems", "correction-incomplete") });
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(c.date.trim()) || !Y.isoDate(c.date)) out.push({ field: "correction", text: problemText("problems", "correction-date") });
    }
    var order = ["passage", "kind", "topics", "technique", "note", "sources", "source", "correction", "id"];
    function rank(p) { return order.indexOf(p.field.replace(/-.*/, "")); }
    return out.map(function (p, i) { return [p, i]; })  /* in the form's order, so "fix this first" goes down it */
      .sort(function (a, b) { return rank(a[0]) - rank(b[0]) || a[1] - b[1]; }).map(function (pair) { return pair[0]; });
  }

  function saveState() {
    var d = S.draft, draft = null;
    if (d) {
      draft = Object.assign({}, d, { passage: d.passage ? { part: d.passage.part, element: d.passage.element.id,
        quote: d.passage.quote, prefix: d.passage.prefix, suffix: d.passage.suffix, kept: !!d.passage.kept,
        start: d.passage.start, end: d.passage.end } : null });
    }
    S.saved.draft = draft;
    store("marginalia-author:" + S.data.article, S.saved);
  }

  /* A passage kept in storage, found again in the article as it is now (null if gone). */
  function relocate(saved) {
    var texts = elements(saved.part || "article");
    var found = TQ.locate(texts.map(function (e) { return e.textContent; }), { exact: saved.quote, prefix: saved.prefix, suffix: saved.suffix });
    if (!found) return null;
    var passage = passageAt(texts[found.index], found.start, found.end);
    if (saved.kept) { passage.quote = saved.quote; passage.prefix = saved.prefix; passage.suffix = saved.suffix; passage.kept = true; }
    return passage;
  }

  /* --- the form ----------------------------------------------------------------------------- */

  function field(id, label, input, hint) {
    var hintEl = hint ? el("span", { className: "mg-author__hint", id: id + "-hint", textContent: hint }) : null;
    var error = el("span", { className: "mg-author__error", id: id + "-error", hidden: true });
    input.id = id;
    input.setAttribute("aria-describedby", [hint ? id + "-hint" : "", id + "-error"].join(" ").trim());
    return el("div", { className: "mg-author__field" }, [el("label", { htmlFor: id, textContent: label }), input, hintEl, error]);
  }

  function buildForm() {
    var f = {};
    f.title = el("h3", { id: "mg-author-note-title" });
    f.passage = el("p", { className: "mg-author__passage", tabIndex: -1 });
    f.checks = el("ul", { className: "mg-author__checks", "aria-label": say("checks") });
    f.kinds = el("fieldset", { className: "mg-author__kinds" }, [el("legend", { textContent: say("kind") })].concat(
      S.data.kinds.map(function (kind) {
        var words = [kindName(kind, "label"), kindName(kind, "blurb")];
        return el("div", { className: "mg-author__choice", "data-kind": kind }, [
          el("label", {}, [el("input", { type: "radio", name: "mg-author-kind", value: kind, "aria-describedby": "mg-author-kind-" + kind }),
                           icon(kind), el("strong", { textContent: words[0] })]),
          el("span", { className: "mg-author__hint", id: "mg-author-kind-" + kind, textContent: words[1] })]);
      })));
    f.kinds.append(el("span", { className: "mg-author__error", id: "mg-author-kind-error", hidden: true }));
    f.topics = el("fieldset", { className: "mg-author__topics", "aria-describedby": "mg-author-topics-hint mg-author-topics-error" }, [
      el("legend", { textContent: say("topics") })].concat(S.data.topics.map(function (t, i) {
        return el("div", { className: "mg-author__choice" }, [
          el("label", {}, [el("input", { type: "checkbox", value: t.id, "aria-describedby": "mg-author-topic-" + i }), " " + t.title]),
          el("span", { className: "mg-author__hint", id: "mg-author-topic-" + i, textContent: t.description })]);
      }), [el("span", { className: "mg-author__hint", id: "mg-author-topics-hint", textContent: say("topics_hint") }),
           el("span", { className: "mg-author__error", id: "mg-author-topics-error", hidden: true })]));
    var select = el("select", {}, [el("option", { value: "", textContent: say("no_technique") })]), groups = {};
    S.data.techniques.forEach(function (t) {
      if (!groups[t.group]) { groups[t.group] = el("optgroup", { label: t.group }); select.append(groups[t.group]); }
      groups[t.group].append(el("option", { value: t.id, textContent: t.title }));
    });
    f.technique = select;
    f.definition = el("span", { className: "mg-author__hint mg-author__definition", id: "mg-author-technique-definition" });
    var techniqueField = field("mg-author-technique", say("technique"), select);
    techniqueField.insertBefore(f.definition, techniqueField.querySelector(".mg-author__error"));
    select.setAttribute("aria-describedby", "mg-author-technique-definition mg-author-technique-error");
    f.note = el("textarea", { rows: 5, spellcheck: true });
    f.preview = el("div", { className: "mg-author__preview", id: "mg-author-preview" });
    f.markup = el("ul", { className: "mg-author__markup", id: "mg-author-markup" });
    var noteField = field("mg-author-note", say("note"), f.note, say("note_hint"));
    f.note.setAttribute("aria-describedby", f.note.getAttribute("aria-describedby") + " mg-author-markup");
    f.sources = el("div", { className: "mg-author__source-list" });
    f.addSource = el("button", { type: "button", textContent: say("add_source") });
    f.sourcesBox = el("fieldset", { className: "mg-author__sources", "aria-describedby": "mg-author-sources-hint mg-author-sources-error" }, [
      el("legend", { textContent: say("sources") }),
      el("span", { className: "mg-author__hint", id: "mg-author-sources-hint", textContent: say("sources_hint") }),
      f.sources, f.addSource, el("span", { className: "mg-author__error", id: "mg-author-sources-error", hidden: true })]);
    f.correction = {};
    f.correctionBox = el("fieldset", { className: "mg-author__correction", "aria-describedby": "mg-author-correction-hint mg-author-correction-error" }, [
      el("legend", { textContent: say("correction") }),
      el("span", { className: "mg-author__hint", id: "mg-author-correction-hint", textContent: say("correction_hint") }),
      f.correctionKept = el("span", { className: "mg-author__hint" })].concat(["date", "change", "reason"].map(function (key) {
        f.correction[key] = el("input", { type: "text", autocomplete: "off", placeholder: key === "date" ? say("correction_date_placeholder") : "" });
        return field("mg-author-correction-" + key, say("correction_" + key), f.correction[key]);
      }), [el("span", { className: "mg-author__error", id: "mg-author-correction-error", hidden: true })]));
    f.id = el("input", { type: "text", autocomplete: "off", spellcheck: false });
    f.idField = field("mg-author-id", say("id"), f.id, say("id_hint"));
    f.yaml = el("textarea", { readOnly: true, rows: 8, spellcheck: false, className: "mg-author__yaml" });
    f.copy = el("button", { type: "button", className: "mg-author__primary", textContent: say("copy") });
    f.collect = el("button", { type: "submit", className: "mg-author__primary" });
    f.cancel = el("button", { type: "button", textContent: say("cancel") });
    f.form = el("form", { className: "mg-author__note", hidden: true, "aria-labelledby": "mg-author-note-title", noValidate: true }, [
      f.title, f.passage, f.checks, f.kinds, f.topics, techniqueField, noteField,
      el("div", { className: "mg-author__field" }, [el("span", { className: "mg-author__label", id: "mg-author-preview-label", textContent: say("preview") }), f.preview, f.markup]),
      f.sourcesBox, f.correctionBox, f.idField, field("mg-author-yaml", say("yaml"), f.yaml),
      el("p", { className: "mg-author__buttons" }, [f.copy, f.collect, f.cancel])]);
    f.preview.setAttribute("aria-labelledby", "mg-author-preview-label");
    f.preview.setAttribute("role", "region");
    return f;
  }

  function sourceRow(source, i) {
    var inputs = {}, row = el("fieldset", { className: "mg-author__source" }, [el("legend", { textContent: say("source", { n: i + 1 }) })]);
    ["title", "publisher", "date", "url"].forEach(function (key) {
      inputs[key] = el("input", { type: key === "url" ? "url" : "text", value: source[key] || "", autocomplete: "off",
                                  placeholder: key === "date" ? say("date_placeholder") : key === "url" ? "https://" : "" });
      inputs[key].dataset.source = i;
      inputs[key].dataset.key = key;
      row.append(field("mg-author-source-" + i + "-" + key, say("source_" + key), inputs[key]));
    });
    var remove = el("button", { type: "button", className: "mg-author__remove-source", textContent: say("remove_source", { n: i + 1 }) });
    remove.dataset.source = i;
    row.append(remove);
    return row;
  }

  /* Put the draft into the form (after a passage is chosen, a note opened, a page reload). */
  function showForm(focus) {
    var d = S.draft, f = S.form;
    f.form.hidden = false;
    S.panel.classList.add("mg-author--writing");
    fold(false);
    f.title.textContent = d.original ? say("edit_note", { n: d.number, id: d.original }) : say("new_note");
    f.kinds.querySelectorAll("input").forEach(function (input) { input.checked = input.value === d.kind; });
    f.topics.querySelectorAll("input").forEach(function (input) { input.checked = d.topics.indexOf(input.value) !== -1; });
    f.technique.value = d.technique;
    f.note.value = d.note;
    f.sources.replaceChildren.apply(f.sources, d.sources.map(sourceRow));
    ["date", "change", "reason"].forEach(function (key) { f.correction[key].value = d.correction[key]; });
    f.correctionBox.hidden = !d.original;
    f.correctionKept.textContent = d.corrections.length ? say("corrections_kept", { count: d.corrections.length }) : "";
    f.id.readOnly = !!d.original;
    f.idField.querySelector(".mg-author__hint").textContent = d.original ? say("id_kept") : say("id_hint");
    f.collect.textContent = d.collected != null ? say("update") : say("collect");
    if (!d.idTouched && d.passage) d.id = Y.suggestId(d.passage.quote, taken(d), skipWords());
    f.id.value = d.id;
    update();
    if (focus) (f.kinds.querySelector("input:checked") || f.kinds.querySelector("input")).focus();
  }

  /* Read the form into the draft, then show what follows from it. */
  function readForm() {
    var d = S.draft, f = S.form;
    d.kind = (f.kinds.querySelector("input:checked") || {}).value || "";
    d.topics = Array.prototype.filter.call(f.topics.querySelectorAll("input"), function (i) { return i.checked; }).map(function (i) { return i.value; });
    d.technique = f.technique.value;
    d.note = f.note.value;
    f.sources.querySelectorAll("input").forEach(function (input) { d.sources[+input.dataset.source][input.dataset.key] = input.value; });
    ["date", "change", "reason"].forEach(function (key) { d.correction[key] = f.correction[key].value; });
    if (f.id.value !== d.id) { d.id = f.id.value; d.idTouched = true; }
  }

  function update() {
    var d = S.draft, f = S.form, note = noteOf(d);
    drawPassage();
    var technique = S.techniques[d.technique];
    f.definition.textContent = technique ? technique.definition : "";
    var rendered = MU.render(d.note);
    if (d.note.trim()) f.preview.innerHTML = rendered.html;
    else f.preview.replaceChildren(el("span", { className: "mg-author__hint", textContent: say("preview_empty") }));
    f.preview.dataset.kind = d.kind;
    f.markup.replaceChildren.apply(f.markup, rendered.problems.map(function (p) {
      return el("li", { className: "mg-state-" + p.severity, textContent: problemText("markup", p.code, p) });
    }));
    f.yaml.value = Y.noteItem(note);
    var problems = problemsOf(d), byField = {};
    problems.forEach(function (p) { (byField[p.field] = byField[p.field] || []).push(p); });
    function mark(id, input, fieldName) {
      var error = document.getElementById(id + "-error");
      if (!error) return;
      var found = S.tried ? byField[fieldName] || [] : [];
      /* the Markdown's problems are listed under its preview already */
      var texts = found.filter(function (p) { return !p.listed; }).map(function (p) { return p.text; });
      error.textContent = texts.join(" "); /* empty until shown: a screen reader reads it with its field */
      error.hidden = !texts.length;
      if (input) input.setAttribute("aria-invalid", String(!!found.length));
    }
    mark("mg-author-kind", null, "kind");
    mark("mg-author-topics", null, "topics");
    mark("mg-author-technique", f.technique, "technique");
    mark("mg-author-note", f.note, "note");
    mark("mg-author-sources", null, "sources");
    mark("mg-author-correction", null, "correction");
    mark("mg-author-id", f.id, "id");
    d.sources.forEach(function (s, i) {
      ["title", "date", "url"].forEach(function (key) {
        mark("mg-author-source-" + i + "-" + key, document.getElementById("mg-author-source-" + i + "-" + key), "source-" + i + "-" + key);
      });
    });
    S.problems = problems;
    saveState();
  }

  function drawPassage() {
    var d = S.draft, f = S.form, p = d.passage, items = [];
    highlight(p);
    if (!p) { f.passage.replaceChildren(say("lost_passage")); f.checks.replaceChildren(); return; }
    f.passage.replaceChildren(el("span", { className: "mg-author__label", textContent: say("passage", { where: whereOf(p) }) + " " }),
                              el("q", { textContent: p.quote }));
    function item(state, text, button) { items.push(el("li", { className: "mg-author__check mg-state-" + state }, [text, button ? " " : null, button])); }
    var where = say(p.part === "supplied" ? "in_supplied" : "in_body"), count = p.count;
    if (p.kept) item("ok", say("check_kept"));
    else if (p.failure === "ambiguous") item("error", say("check_ambiguous", { count: count, where: where }));
    else if (p.failure) item("error", say("check_not_found"));
    else if (count > 1) {
      var context = p.prefix && p.suffix ? say("check_both", { prefix: quote(p.prefix), suffix: quote(p.suffix) })
        : p.prefix ? say("check_prefix", { text: quote(p.prefix) }) : say("check_suffix", { text: quote(p.suffix) });
      item("ok", say("check_repeated", { count: count, where: where, context: context }));
    } else item("ok", say("check_once", { where: where }));
    if (p.partial && !p.kept) {
      var own = p.element.textContent, whole = TQ.written(own.slice(p.partial.start, p.partial.end));
      var fix = el("button", { type: "button", className: "mg-author__whole", textContent: say("whole_words", { quote: quote(whole) }) });
      fix.addEventListener("click", function () {
        S.draft.passage = passageAt(p.element, p.partial.start, p.partial.end);
        if (!S.draft.idTouched) S.draft.id = S.form.id.value = Y.suggestId(S.draft.passage.quote, taken(S.draft), skipWords());
        update();
        S.form.passage.focus(); /* the button is gone: the passage it made is read out instead */
      });
      item("error", say("check_partial", { edge: p.partial.where, quote: quote(p.quote) }), fix);
    }
    placedNotes().forEach(function (other) {
      if (other.note.id === d.original || other.element !== p.element || other.end <= p.start || other.start >= p.end) return;
      var text = other.element.textContent.slice(Math.max(other.start, p.start), Math.min(other.end, p.end));
      if (!text.trim()) return;
      var same = other.start === p.start && other.end === p.end, kind = kindName(other.note.kind, "label");
      var open = el("button", { type: "button", textContent: say("edit_that", { n: other.number }) });
      open.addEventListener("click", function () { openNote(other, true); });
      item("info", say(same ? "check_same" : "check_overlap", { n: other.number, kind: kind, quote: quote(other.note.quote, 60) }), open);
    });
    f.checks.replaceChildren.apply(f.checks, items);
  }

  function firstProblem() {
    var p = S.problems[0];
    status(say("fix_first", { problem: p.text }));
    var target = { passage: S.form.checks, kind: S.form.kinds.querySelector("input"), topics: S.form.topics.querySelector("input"),
                   technique: S.form.technique, note: S.form.note, sources: S.form.addSource, id: S.form.id,
                   correction: S.form.correction.date }[p.field] || document.getElementById("mg-author-" + p.field);
    if (target === S.form.checks) target = S.form.passage;
    if (target) target.focus();
  }

  function ready() {
    readForm();
    S.tried = true;
    update();
    if (S.problems.length) { firstProblem(); return false; }
    return true;
  }

  function copy() {
    if (!ready()) return;
    var d = S.draft, text = S.form.yaml.value + "\n", file = S.data.file;
    var done = d.original ? say("copied_edit", { id: d.id, file: file, line: d.line })
      : S.data.exists ? say("copied", { id: d.id, file: file }) : say("copied_no_file", { id: d.id, file: file });
    function fallback() {
      S.form.yaml.focus();
      S.form.yaml.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      status(ok ? done : say("copy_failed"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { status(done); }, fallback);
    else fallback();
  }

  function collect(event) {
    event.preventDefault();
    if (!ready()) return;
    var d = S.draft, item = { note: noteOf(d), replaces: !!d.original, line: d.line || null, number: d.number || null,
                             passage: { element: d.passage.element.id, start: d.passage.start, end: d.passage.end } };
    var message;
    if (d.collected != null && S.saved.collection[d.collected]) {
      S.saved.collection[d.collected] = item;
      message = say("updated", { id: item.note.id });
    } else {
      S.saved.collection.push(item);
      message = say("added", { id: item.note.id, count: S.saved.collection.length });
    }
    clearForm();
    drawCollection();
    status(message);
    S.ui.finder.focus();
  }

  function clearForm() {
    S.draft = null;
    S.found = null;
    S.matches = [];
    S.ui.finder.value = "";
    S.ui.next.hidden = true;
    S.tried = false;
    S.form.form.hidden = true;
    S.panel.classList.remove("mg-author--writing");
    highlight(null);
    saveState();
  }

  /* --- the collection ------------------------------------------------------------------------ */

  function drawCollection() {
    var c = S.saved.collection, ui = S.ui;
    if (window.CSS && CSS.highlights) { /* the passages of the notes collected, drawn over the text too */
      var ranges = c.map(function (item) {
        var n = item.note, p = relocate({ part: n.part, quote: n.quote, prefix: n.prefix, suffix: n.suffix, kept: true });
        return p && domRange(p.element, p.start, p.end);
      }).filter(Boolean);
      var drawn = new Highlight();
      ranges.forEach(function (range) { drawn.add(range); });
      CSS.highlights.set("mg-author-collected", drawn);
    }
    ui.collectedTitle.textContent = say("collected", { count: c.length });
    ui.collectedNone.hidden = !!c.length;
    ui.list.replaceChildren.apply(ui.list, c.map(function (item, i) {
      var n = item.note, edit = el("button", { type: "button", textContent: say("edit"), "aria-label": say("edit_label", { id: n.id }) });
      var remove = el("button", { type: "button", textContent: say("remove"), "aria-label": say("remove_label", { id: n.id }) });
      edit.addEventListener("click", function () { editCollected(i); });
      remove.addEventListener("click", function () {
        var before = c.slice();
        c.splice(i, 1);
        saveState();
        drawCollection();
        status(say("removed", { id: n.id }), function () { S.saved.collection = before; saveState(); drawCollection(); });
        ui.finder.focus();
      });
      return el("li", { "data-kind": n.kind }, [icon(n.kind), el("span", { className: "mg-author__what" }, [
        el("code", { textContent: n.id }), " ", quote(n.quote, 70),
        item.replaces ? el("span", { className: "mg-author__hint", textContent: " " + say("collected_replaces") }) : null]),
        el("span", { className: "mg-author__item-buttons" }, [edit, remove])]);
    }));
    ui.list.hidden = !c.length;
    ui.questionsBox.hidden = S.data.questions.length > 0;
    var replacing = c.some(function (item) { return item.replaces; });
    ui.command.textContent = "marginalia merge ~/Downloads/" + Y.fileName(S.data.article) + (replacing ? " --replace" : "");
    ui.downloadBox.hidden = !c.length;
  }

  function editCollected(i) {
    var item = S.saved.collection[i], n = item.note;
    /* found again by its selector; an edit of a file's note keeps the quote it was given */
    var found = relocate({ part: n.part, quote: n.quote, prefix: n.prefix, suffix: n.suffix, kept: item.replaces });
    S.draft = { original: item.replaces ? n.id : null, collected: i, number: item.number, line: item.line, passage: found,
                kind: n.kind, topics: n.topics.slice(), technique: n.technique, note: n.note,
                sources: n.sources.map(function (s) { return Object.assign({}, s); }), id: n.id, idTouched: true,
                correction: { date: "", change: "", reason: "" }, corrections: n.corrections.slice() };
    S.draft.start = JSON.stringify(noteOf(S.draft));
    showForm(true);
  }

  function download() {
    var c = S.saved.collection, questions = S.ui.questions.value.split("\n").map(function (q) { return q.trim(); }).filter(Boolean);
    if (!c.length) { status(say("nothing_to_download")); return; }
    if (!S.data.questions.length && !questions.length) { status(say("need_questions", { file: S.data.file })); S.ui.questions.focus(); return; }
    var header = [say("file_about", { title: S.data.title ? T.quote(S.data.title) : S.data.article }),
                  say("file_merge", { file: S.data.file })];
    var text = Y.notesFile({ article: S.data.article, title: S.data.title, questions: S.data.questions.length ? [] : questions, header: header,
                             notes: c.map(function (item) { return item.note; }), replacing: c.some(function (item) { return item.replaces; }) });
    var name = Y.fileName(S.data.article), link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "application/yaml" })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status(say("downloaded", { name: name, file: S.data.file, command: S.ui.command.textContent }));
  }

  /* Notes now in the file as collected (merged, or pasted) leave the collection by themselves. */
  function dropMerged() {
    var inFile = {};
    S.data.notes.forEach(function (n) { inFile[n.id] = Y.noteItem(n); });
    var before = S.saved.collection.length;
    S.saved.collection = S.saved.collection.filter(function (item) { return inFile[item.note.id] !== Y.noteItem(item.note); });
    return before - S.saved.collection.length;
  }

  /* --- the panel ------------------------------------------------------------------------------ */

  function fold(folded) {
    S.panel.classList.toggle("mg-author--folded", folded);
    document.body.classList.toggle("mg-author-folded", folded);
    S.ui.fold.setAttribute("aria-expanded", String(!folded));
    S.ui.fold.textContent = folded ? say("show") : say("hide");
    S.ui.fold.setAttribute("aria-label", folded ? say("show_label") : say("hide_label"));
  }

  function buildPanel() {
    var ui = {};
    ui.fold = el("button", { type: "button", className: "mg-author__fold", "aria-controls": "mg-author-body" });
    ui.finder = el("input", { type: "text", autocomplete: "off", spellcheck: false, placeholder: say("finder_placeholder") });
    ui.next = el("button", { type: "button", textContent: say("next_match"), hidden: true });
    ui.write = el("button", { type: "submit", className: "mg-author__primary", textContent: say("write") });
    ui.status = el("p", { className: "mg-author__status", role: "status" });
    var finder = el("form", { className: "mg-author__find", role: "search", "aria-label": say("finder") }, [
      field("mg-author-finder", say("finder"), ui.finder), el("p", { className: "mg-author__buttons" }, [ui.next, ui.write])]);
    S.form = buildForm();
    ui.collectedTitle = el("h3", { id: "mg-author-collected-title" });
    ui.collectedNone = el("p", { className: "mg-author__hint", textContent: say("collected_none") });
    ui.list = el("ul", { className: "mg-author__collected-list" });
    ui.questions = el("textarea", { rows: 3, value: S.saved.questions || "" });
    ui.questionsBox = field("mg-author-questions", say("questions"), ui.questions, say("questions_hint", { file: S.data.file }));
    ui.command = el("code", { className: "mg-author__command" });
    ui.download = el("button", { type: "button", className: "mg-author__primary", textContent: say("download") });
    ui.clear = el("button", { type: "button", textContent: say("clear") });
    var how = el("p", { className: "mg-author__hint" });
    ui.downloadBox = el("div", {}, [ui.questionsBox, el("p", { className: "mg-author__buttons" }, [ui.download, ui.clear]), how]);
    how.append.apply(how, T.parts("author.merge_how", { command: ui.command }));
    var collected = el("section", { className: "mg-author__collected", "aria-labelledby": "mg-author-collected-title" }, [
      ui.collectedTitle, ui.collectedNone, ui.list, ui.downloadBox]);
    S.panel = el("aside", { className: "mg-author", id: "mg-author", "aria-labelledby": "mg-author-title" }, [
      el("div", { className: "mg-author__head" }, [el("h2", { id: "mg-author-title", textContent: say("title") }), ui.fold]),
      el("div", { className: "mg-author__body", id: "mg-author-body" }, [finder, ui.status, S.form.form, collected])]);
    S.ui = ui;
    wire(finder);
    return S.panel;
  }

  function wire(finder) {
    var f = S.form, ui = S.ui;
    ui.fold.addEventListener("click", function () { fold(!S.panel.classList.contains("mg-author--folded")); });
    ui.finder.addEventListener("input", typed);
    ui.finder.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { ui.finder.value = ""; typed(); }
    });
    ui.next.addEventListener("click", function () { S.matchIndex = (S.matchIndex + 1) % S.matches.length; showMatch(); });
    finder.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!S.found) { typed(); if (!S.found) { ui.finder.focus(); return; } }
      choose(S.found, true);
    });
    f.form.addEventListener("input", function () { readForm(); update(); });
    f.form.addEventListener("change", function (event) {
      readForm();
      if (event.target.name === "mg-author-kind" && S.draft.kind === "claim" && !S.draft.sources.length) addSource(false);
      update();
    });
    f.form.addEventListener("submit", collect);
    f.copy.addEventListener("click", copy);
    f.cancel.addEventListener("click", function () { clearForm(); status(say("cancelled")); ui.finder.focus(); });
    f.addSource.addEventListener("click", function () { addSource(true); });
    f.sources.addEventListener("click", function (event) {
      var button = event.target.closest(".mg-author__remove-source");
      if (!button) return;
      readForm();
      S.draft.sources.splice(+button.dataset.source, 1);
      f.sources.replaceChildren.apply(f.sources, S.draft.sources.map(sourceRow));
      update();
      f.addSource.focus();
    });
    ui.questions.addEventListener("input", function () { S.saved.questions = ui.questions.value; saveState(); });
    ui.download.addEventListener("click", download);
    ui.clear.addEventListener("click", function () {
      var before = S.saved.collection.slice();
      if (!before.length) return;
      S.saved.collection = [];
      saveState();
      drawCollection();
      status(say("cleared", { count: before.length }), function () { S.saved.collection = before; saveState(); drawCollection(); });
    });
  }

  function addSource(focus) {
    readForm();
    S.draft.sources.push({ title: "", publisher: "", date: "", url: "" });
    S.form.sources.append(sourceRow(S.draft.sources[S.draft.sources.length - 1], S.draft.sources.length - 1));
    update();
    if (focus) document.getElementById("mg-author-source-" + (S.draft.sources.length - 1) + "-title").focus();
  }

  /* --- on and off ----------------------------------------------------------------------------- */

  function turn(on) {
    S.on = on;
    store(ON_KEY, on ? 1 : null);
    S.switchButton.setAttribute("aria-checked", String(on));
    document.body.classList.toggle("mg-authoring", on);
    if (on && !S.panel) {
      document.body.append(buildPanel());
      fold(false);
      var merged = dropMerged();
      if (merged) saveState();
      drawCollection();
      if (merged) status(say("merged", { count: merged, file: S.data.file }));
      if (S.data.questions.length) S.saved.questions = "";
      var draft = S.saved.draft;
      if (draft) {
        S.draft = Object.assign(blank(), draft, { passage: draft.passage ? relocate(draft.passage) : null });
        showForm(false);
        if (!merged) status(S.draft.passage || !draft.passage ? say("restored") : say("lost_passage"));
      }
    }
    if (S.panel) S.panel.hidden = !on;
    if (!on) {
      highlight(null);
      if (window.CSS && CSS.highlights) CSS.highlights.delete("mg-author-collected");
    } else {
      if (S.draft) highlight(S.draft.passage);
      drawCollection();
    }
  }

  function teardown() {
    var old = document.getElementById("mg-author");
    if (old) old.remove();
    document.body.classList.remove("mg-authoring", "mg-author-folded");
    if (window.CSS && CSS.highlights) { CSS.highlights.delete("mg-author-pending"); CSS.highlights.delete("mg-author-collected"); }
    S = null;
  }

  function pageLoaded() {
    teardown();
    var data = document.getElementById("mg-author-data"), article = document.querySelector(".mg-article");
    if (!data || !article) return;
    S = { data: JSON.parse(data.dataset.json), article: article, on: false, panel: null, draft: null, matches: [], matchIndex: 0,
          found: null, tried: false, problems: [] };
    /* the mode's words come with the page: added to the site's table (the same ones again, page after page) */
    T = window.MarginaliaStrings;
    T.add(S.data.strings);
    S.saved = stored("marginalia-author:" + S.data.article) || {};
    S.saved.collection = S.saved.collection || [];
    S.topics = {};
    S.data.topics.forEach(function (t) { S.topics[t.id] = t; });
    S.techniques = {};
    S.data.techniques.forEach(function (t) { S.techniques[t.id] = t; });
    S.switchButton = el("button", { type: "button", className: "mg-author-switch__button", role: "switch", "aria-checked": "false",
                                    "aria-describedby": "mg-author-switch-what" },
                        [el("span", { className: "mg-author-switch__knob", "aria-hidden": "true" }), say("switch")]);
    var box = el("div", { className: "mg-author-switch", "data-mg-skip": "" }, [S.switchButton, " ",
      el("span", { className: "mg-author-switch__what", id: "mg-author-switch-what", textContent: say("switch_what", { file: S.data.file }) })]);
    article.insertBefore(box, article.querySelector(".mg-legend") || article.firstChild.nextSibling);
    S.switchButton.addEventListener("click", function () { turn(!S.on); if (S.on) S.ui.finder.focus(); });
    if (stored(ON_KEY)) turn(true);
  }

  document.addEventListener("selectionchange", selectionChanged);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(pageLoaded);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pageLoaded);
  else pageLoaded();
})();
