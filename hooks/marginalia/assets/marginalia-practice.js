/* Marginalia practice mode: a student hides the published notes, marks passages themselves,
 * then checks their marks against the notes. Loaded by marginalia.js on first use.
 *
 * How it fits together:
 * - The text model: the article's annotatable text (the same zones the build anchors notes
 *   in, without notes, buttons or data-mg-skip furniture) as one string, with the text node
 *   each stretch came from. Marks are [start, end) offsets in that string.
 * - A mark is stored as a W3C TextQuoteSelector (exact text, 32 characters of prefix and
 *   suffix), so it survives any change to the page's markup and can be handed in as a file.
 * - render() is the only function that touches the article: it removes every mark it drew,
 *   then draws the current state again. Everything else changes the state and calls it.
 * - Work is kept in localStorage under "marginalia-practice:<slug>". Nothing is sent anywhere:
 *   saving to a file is a download made in the browser, loading one is read in the browser.
 * - Finding passages (marginalia-quote.js), the file format (marginalia-format.js) and what a
 *   mark found (marginalia-match.js) are modules of their own, shared with the class overview;
 *   marginalia.js loads them before this script.
 * - Every word it shows is a label of the site's table of strings (practice.* and kinds.*),
 *   from marginalia-strings.js, which marginalia.js loads before the modules.
 */
(function () {
  "use strict";

  var Q = window.MarginaliaQuote, F = window.MarginaliaFormat, M = window.MarginaliaMatch, T = window.MarginaliaStrings;
  var MAX_FILE = F.MAX_FILE; /* bytes: a practice file is a few kilobytes */
  var KINDS = F.KINDS;
  var SKIP = "[data-mg-skip], .mg-note, .mg-toggle, .mg-mine-note, .mg-mine-ref";
  var BLOCK = /^(P|LI|H[1-6]|DD|DT|DL|DIV|BLOCKQUOTE|TD|TH|TR|TABLE|UL|OL|PRE|SECTION|HEADER|FIGCAPTION)$/;
  var S = null; /* the state of the article page on screen */

  /* --- small helpers -------------------------------------------------------------------- */

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

  var quote = Q.quoted;

  /* A label of practice mode (practice.* in the table of strings). */
  function words(key, values) { return T.text("practice." + key, values); }

  /* A label with elements in it (a link, say): text and the elements, to append. */
  function parts(key, values) { return T.parts("practice." + key, values); }

  function kindLabel(kind) { return T.kind(kind, "label"); }

  function kindWord(kind) { return T.kind(kind, "word"); }

  /* --- the text model ------------------------------------------------------------------- */

  function textModel(article) {
    var model = { text: "", nodes: [], index: new Map() };
    function newline() { if (model.text && model.text.slice(-1) !== "\n") model.text += "\n"; }
    function walk(parent) {
      for (var child = parent.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          model.index.set(child, model.text.length);
          model.nodes.push({ node: child, start: model.text.length });
          model.text += child.data;
        } else if (child.nodeType === 1 && !child.matches(SKIP)) {
          var block = BLOCK.test(child.tagName);
          if (block) newline();
          walk(child);
          if (block) newline();
        }
      }
    }
    article.querySelectorAll("[data-mg-part]").forEach(function (zone) { newline(); walk(zone); });
    var f = Q.foldText(model.text); /* for finding typed passages: see marginalia-quote.js */
    model.folded = f.folded;
    model.map = f.map;
    return model;
  }

  /* Where a DOM boundary point falls in the text (points in skipped elements move forward). */
  function offsetOf(model, container, offset) {
    if (model.index.has(container)) return model.index.get(container) + offset;
    var probe = document.createRange();
    probe.setStart(container, offset);
    for (var i = 0; i < model.nodes.length; i++) {
      if (probe.comparePoint(model.nodes[i].node, 0) >= 0) return model.nodes[i].start;
    }
    return model.text.length;
  }

  function trimmed(model, start, end) {
    while (start < end && /\s/.test(model.text[start])) start++;
    while (end > start && /\s/.test(model.text[end - 1])) end--;
    return { start: start, end: end };
  }

  /* The whole sentence (or line) around a passage: students often find the start of one. */
  function sentence(model, start, end) {
    var text = model.text;
    while (start > 0 && text[start - 1] !== "\n" && !/[.!?]["”’)]*\s$/.test(text.slice(Math.max(0, start - 4), start))) start--;
    while (end < text.length && text[end] !== "\n" && !/[.!?]["”’)]*$/.test(text.slice(start, end))) end++;
    while (end < text.length && /["”’)]/.test(text[end])) end++;
    return trimmed(model, start, end);
  }

  /* --- drawing the state ---------------------------------------------------------------- */

  function wrap(model, start, end, make) {
    var pieces = [];
    model.nodes.forEach(function (n) {
      var a = Math.max(start, n.start) - n.start, b = Math.min(end, n.start + n.node.data.length) - n.start;
      if (a < b && n.node.data.slice(a, b).trim()) pieces.push([n.node, a, b]);
    });
    return pieces.map(function (piece) {
      var node = piece[0];
      if (piece[2] < node.data.length) node.splitText(piece[2]);
      if (piece[1] > 0) node = node.splitText(piece[1]);
      var mark = make();
      node.replaceWith(mark);
      mark.append(node);
      return mark;
    });
  }

  /* As the build does: the mark's number goes after its passage, outside links, emphasis and
   * highlights; the note goes after the text element, after the notes already there, so the
   * article's text stays the article's. marginalia.js lays the notes out. */
  function afterPassage(last, ref, note) {
    var at = last;
    while (at.parentNode && !BLOCK.test(at.parentNode.tagName) && !at.parentNode.hasAttribute("data-mg-part")) at = at.parentNode;
    at.after(ref);
    at = ref.closest("[data-mg-part]");
    while (at.nextElementSibling && at.nextElementSibling.matches(".mg-note, .mg-mine-note")) at = at.nextElementSibling;
    at.after(note);
  }

  function erase() {
    var parents = new Set();
    S.article.querySelectorAll(".mg-mine-note, .mg-mine-ref, .mg-verdict").forEach(function (n) { n.remove(); });
    S.article.querySelectorAll("mark.mg-mine").forEach(function (m) {
      parents.add(m.parentNode);
      m.replaceWith.apply(m, Array.prototype.slice.call(m.childNodes));
    });
    parents.forEach(function (p) { p.normalize(); });
  }

  function render() {
    erase();
    var on = S.on, article = S.article;
    article.classList.toggle("mg-practising", on);
    article.classList.toggle("mg-checking", on && S.checked);
    S.switchButton.setAttribute("aria-checked", String(on));
    S.bar.hidden = S.work.hidden = S.ui.jump.hidden = !on;
    if (!on) { highlight(null); return; }
    S.model = textModel(article);
    var placed = S.marks.filter(function (m) { return m.start != null; });
    placed.forEach(function (m, i) {
      m.number = i + 1;
      var made = wrap(S.model, m.start, m.end, function () {
        return el("mark", { className: "mg-mine", "data-kind": m.kind, "data-mine": m.id });
      });
      if (made.length) afterPassage(made[made.length - 1], mineRef(m), mineNote(m));
      S.model = textModel(article);
    });
    S.results = S.checked ? check(S.model) : null;
    drawWork();
    article.querySelectorAll(".mg-mine-note").forEach(function (note) {
      var m = byId(note.dataset.mine);
      if (S.results) note.insertBefore(verdict(S.results.ofMark(m)), note.lastChild);
    });
    if (S.results) S.results.notes.forEach(function (r) {
      r.note.insertBefore(verdict(r), r.note.querySelector(".mg-note__text"));
    });
    if (window.marginaliaLayout) window.marginaliaLayout();
  }

  /* The mark's number at the end of its passage: no text (CSS draws it), like a toggle. */
  function mineRef(m) {
    return el("sup", { className: "mg-mine-ref", "data-kind": m.kind, "data-n": m.number, "data-for": "mine-" + m.id,
                       "aria-hidden": "true" });
  }

  function mineNote(m) {
    var label = words("mark_label", { number: m.number, kind: kindWord(m.kind) });
    return el("span", { className: "mg-mine-note", id: "mine-" + m.id, "data-kind": m.kind, "data-mine": m.id,
                        role: "note", "aria-label": label }, [
      el("span", { className: "mg-mine-note__head" }, [icon(m.kind), words("mark_head", { number: m.number, kind: kindLabel(m.kind) })]),
      el("span", { className: "mg-mine-note__reason" + (m.reason ? "" : " mg-none"),
                   textContent: m.reason || words("no_reason") }),
      deleteButton(m),
    ]);
  }

  function deleteButton(m) {
    return el("button", { type: "button", className: "mg-delete", "data-mine": m.id, textContent: words("delete"),
                          "aria-label": words("delete_label", { number: m.number }) });
  }

  /* The pending passage is shown with the CSS Custom Highlight API: no change to the DOM, so
   * a selection the student is still making is not disturbed. */
  function highlight(range) {
    if (!window.CSS || !CSS.highlights) return;
    if (range) CSS.highlights.set("mg-pending", new Highlight(range));
    else CSS.highlights.delete("mg-pending");
  }

  function domRange(model, start, end) {
    function point(offset, isEnd) {
      for (var i = model.nodes.length - 1; i >= 0; i--) {
        var n = model.nodes[i];
        if (n.start < offset || (!isEnd && n.start === offset)) return [n.node, Math.min(offset - n.start, n.node.data.length)];
      }
      return [model.nodes[0].node, 0];
    }
    var range = document.createRange(), a = point(start, false), b = point(end, true);
    range.setStart(a[0], a[1]);
    range.setEnd(b[0], b[1]);
    return range;
  }

  /* --- checking against the published notes --------------------------------------------- */

  /* The published notes where the page shows them, checked by marginalia-match.js. */
  function check(model) {
    var notes = Array.prototype.map.call(S.article.querySelectorAll(".mg-note[data-note]"), function (note) {
      var passages = S.article.querySelectorAll('mark.mg-mark[data-quote-for="' + CSS.escape(note.dataset.note) + '"]');
      var span = { start: Infinity, end: -1 };
      model.nodes.forEach(function (n) {
        for (var i = 0; i < passages.length; i++) {
          if (passages[i].contains(n.node)) {
            span.start = Math.min(span.start, n.start);
            span.end = Math.max(span.end, n.start + n.node.data.length);
          }
        }
      });
      return { note: note, kind: note.dataset.kind, number: (note.querySelector(".mg-note__num") || {}).textContent,
               exact: model.text.slice(span.start, span.end), start: span.start, end: span.end };
    });
    var results = M.check(model.text, notes, S.marks);
    results.discuss = results.unmatched.length;
    return results;
  }

  function numbers(results) {
    return results.map(function (r) { return r.number; }).join(", ");
  }

  /* One verdict, for a published note (r.hits) or for a student's mark (r.mark). */
  function verdict(r) {
    var text, state;
    if (r.mark) {
      if (!r.notes.length) { state = "discuss"; text = words("discuss"); }
      else if (r.same) { state = "same"; text = words("matches", { count: r.notes.length, numbers: numbers(r.notes) }); }
      else {
        state = "other";
        text = words("overlaps", { count: r.notes.length, numbers: numbers(r.notes), kind: kindWord(r.notes[0].kind) });
      }
    } else if (!r.hits.length) { state = "missed"; text = words("missed"); }
    else if (r.same) { state = "same"; text = words("marked_same", { kind: kindWord(r.kind) }); }
    else { state = "other"; text = words("marked_other", { kind: kindWord(r.hits[0].kind) }); }
    return el("span", { className: "mg-verdict mg-verdict--" + state, textContent: text });
  }

  function summary(results) {
    var total = results.notes.length, text;
    if (!S.marks.length) return words("summary_none", { total: total });
    text = words("summary", { found: results.found, total: total, same: results.same });
    if (results.discuss) text += words("summary_discuss", { count: results.discuss });
    return text;
  }

  /* --- the work section: marks, results, files ------------------------------------------- */

  function drawWork() {
    var w = S.workParts, marks = S.marks;
    w.count.textContent = (S.name ? words("by_name", { name: S.name }) : "") + (marks.length
      ? words(S.stored ? "count_kept" : "count_not_kept", { count: marks.length })
      : words("no_marks"));
    w.summary.textContent = S.results ? summary(S.results) : "";
    w.summary.hidden = !S.results;
    w.check.textContent = words(S.checked ? "hide_check" : "check");
    w.list.replaceChildren.apply(w.list, marks.map(function (m) {
      var item = el("li", { "data-kind": m.kind }, [icon(m.kind)].concat(parts("item", {
        kind: m.start != null ? el("a", { href: "#mine-" + m.id, textContent: kindLabel(m.kind) }) : kindLabel(m.kind),
        passage: quote(m.exact, 160) }), [
        m.reason ? el("span", { className: "mg-work__reason", textContent: " " + m.reason }) : null,
        m.start == null ? el("span", { className: "mg-verdict mg-verdict--missed", textContent: words("gone") }) : null,
        S.results && m.start != null ? verdict(S.results.ofMark(m)) : null,
        " ", m.start != null ? deleteButton(m) : null,
      ]));
      return item;
    }));
    w.listTitle.hidden = w.list.hidden = !marks.length;
    w.notesTitle.hidden = w.notes.hidden = !S.results;
    w.notes.replaceChildren.apply(w.notes, S.results ? S.results.notes.map(function (r) {
      return el("li", { "data-kind": r.kind, value: r.number }, [icon(r.kind)].concat(parts("item", {
        kind: el("a", { href: "#" + r.note.id, textContent: kindLabel(r.kind) }), passage: quote(r.exact, 160) }), [verdict(r)]));
    }) : []);
  }

  function buildUi(box) {
    var bar = el("form", { className: "mg-bar", hidden: true, "aria-label": words("bar_label") });
    var passage = el("input", { type: "text", id: "mg-passage", autocomplete: "off", spellcheck: false,
                                placeholder: words("passage_placeholder") });
    var next = el("button", { type: "button", textContent: words("next_match"), hidden: true });
    var whole = el("button", { type: "button", textContent: words("whole_sentence") });
    var kinds = el("fieldset", { className: "mg-bar__kinds" }, [el("legend", { textContent: words("kind") })].concat(
      KINDS.map(function (kind) {
        return el("label", { "data-kind": kind }, [
          el("input", { type: "radio", name: "mg-kind", value: kind }), icon(kind), kindLabel(kind)]);
      })));
    var reason = el("input", { type: "text", id: "mg-reason", maxLength: 1000, autocomplete: "off" });
    var details = el("div", { className: "mg-bar__details", hidden: true }, [
      el("span", { className: "mg-bar__adjust" }, [next, whole]),
      kinds,
      el("span", { className: "mg-bar__reason" }, [el("label", { for: "mg-reason", textContent: words("reason") }), reason]),
      el("button", { type: "submit", className: "mg-bar__add", textContent: words("add") }),
      el("button", { type: "button", textContent: words("cancel") }),
    ]);
    var status = el("p", { className: "mg-bar__status", role: "status" });
    bar.append(
      el("div", { className: "mg-bar__row" }, [el("label", { for: "mg-passage", textContent: words("passage") }), passage]),
      details, status);
    box.append(bar);

    var w = {
      count: el("p"),
      summary: el("p", { className: "mg-work__summary", hidden: true }),
      check: el("button", { type: "button", className: "mg-work__check" }),
      listTitle: el("h3", { textContent: words("your_marks") }),
      list: el("ol", { className: "mg-work__marks" }),
      notesTitle: el("h3", { textContent: words("published_notes") }),
      notes: el("ol", { className: "mg-work__notes" }),
      name: el("input", { type: "text", id: "mg-name", autocomplete: "name", maxLength: 200 }),
      save: el("button", { type: "button", textContent: words("save") }),
      load: el("button", { type: "button", textContent: words("load") }),
      file: el("input", { type: "file", accept: ".json,application/json", hidden: true, tabIndex: -1, "aria-hidden": "true" }),
      print: el("button", { type: "button", textContent: words("print") }),
      clear: el("button", { type: "button", textContent: words("clear") }),
    };
    var work = el("section", { className: "mg-work", id: "mg-work", hidden: true, tabIndex: -1, "data-mg-skip": "", "aria-labelledby": "mg-work-title" }, [
      el("h2", { id: "mg-work-title", textContent: words("work_title") }),
      w.count, w.summary,
      el("p", { className: "mg-work__tools" }, [w.check]),
      w.listTitle, w.list, w.notesTitle, w.notes,
      el("h3", { textContent: words("hand_in") }),
      el("p", { className: "mg-work__how", textContent: words("hand_in_how") }),
      box.dataset.overview ? el("p", { className: "mg-work__how" }, parts("teachers", {
        link: el("a", { href: box.dataset.overview, textContent: words("teachers_link") }) })) : null,
      el("p", { className: "mg-work__name" }, [el("label", { for: "mg-name", textContent: words("name") }), w.name]),
      el("p", { className: "mg-work__tools" }, [w.save, w.load, w.file, w.print, w.clear]),
    ]);
    var after = S.article.querySelector(".mg-questions, .mg-tools");
    S.article.insertBefore(work, after);
    var jump = el("a", { href: "#mg-work", textContent: words("jump") });
    jump.addEventListener("click", function (event) { /* move focus too, so Tab carries on from there */
      event.preventDefault();
      event.stopPropagation(); /* instant navigation would handle the jump itself and drop the focus */
      work.focus();
    });
    var jumpLine = el("span", {}, [" ", jump, "."]);
    box.querySelector(".mg-practice__what").append(jumpLine);

    S.bar = bar; S.work = work; S.workParts = w;
    S.ui = { passage: passage, next: next, whole: whole, reason: reason, details: details, status: status, jump: jumpLine };
    wire(bar, w);
  }

  /* --- what the student does ------------------------------------------------------------ */

  function say(text, undo) {
    var status = S.ui.status;
    status.replaceChildren(text);
    if (undo) {
      var button = el("button", { type: "button", textContent: words("undo") });
      button.addEventListener("click", function () {
        S.marks = undo.marks; S.name = undo.name; S.workParts.name.value = S.name;
        commit(words("undone"));
        S.ui.passage.focus();
      });
      status.append(" ", button);
    }
  }

  function snapshot() { return { marks: S.marks.slice(), name: S.name }; }

  function setPending(range, how, matches) {
    S.pending = range;
    S.ui.details.hidden = !range;
    S.ui.next.hidden = !(matches && matches.length > 1);
    if (!range) { highlight(null); return; }
    var dom = domRange(S.model, range.start, range.end);
    highlight(dom);
    if (how === "selected") {
      S.ui.passage.value = S.model.text.slice(range.start, range.end).replace(/\s+/g, " ");
      say(words("selected", { passage: quote(S.ui.passage.value, 80) }));
    } else {
      var found = quote(S.model.text.slice(range.start, range.end), 80);
      say(matches && matches.length > 1 ? words("found_of", { index: S.matchIndex + 1, count: matches.length, passage: found })
        : words("found", { passage: found }));
      var box = dom.getBoundingClientRect(), bar = S.bar.getBoundingClientRect();
      if (box.top < 60 || box.bottom > bar.top) window.scrollBy({ top: box.top - window.innerHeight / 3 });
    }
  }

  function typed() {
    var query = S.ui.passage.value;
    if (Q.foldQuery(query).length < 3) { S.matches = []; setPending(null); say(query.trim() ? words("more_letters") : ""); return; }
    S.matches = Q.findAll(S.model, query);
    S.matchIndex = 0;
    if (!S.matches.length) { setPending(null); say(words("not_found")); return; }
    setPending(S.matches[0], "typed", S.matches);
  }

  function selected() {
    if (!S || !S.on || !S.article.isConnected) return;
    var sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    var zones = S.article.querySelectorAll("[data-mg-part]");
    function inside(node) {
      var host = node.nodeType === 1 ? node : node.parentElement;
      return host && !host.closest("[data-mg-skip]") && Array.prototype.some.call(zones, function (z) { return z.contains(host); });
    }
    if (!inside(range.startContainer) || !inside(range.endContainer)) return;
    var span = trimmed(S.model, offsetOf(S.model, range.startContainer, range.startOffset),
                       offsetOf(S.model, range.endContainer, range.endOffset));
    if (span.end > span.start) { S.matches = []; setPending(span, "selected"); }
  }

  function add(event) {
    event.preventDefault();
    var kind = (S.bar.querySelector("input[name=mg-kind]:checked") || {}).value;
    if (!S.pending) { say(words("select_first")); S.ui.passage.focus(); return; }
    if (!kind) { say(words("choose_kind")); S.bar.querySelector("input[name=mg-kind]").focus(); return; }
    var p = S.pending;
    if (S.marks.some(function (m) { return m.start === p.start && m.end === p.end && m.kind === kind; })) {
      say(words("already", { kind: kindWord(kind) })); return;
    }
    var sel = Q.selectorOf(S.model.text, p.start, p.end);
    var mark = { id: Date.now().toString(36) + Math.random().toString(36).slice(2, 6), kind: kind,
                 reason: S.ui.reason.value.trim(), created: new Date().toISOString(),
                 exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix, start: p.start, end: p.end };
    S.marks.push(mark);
    S.bar.reset();
    window.getSelection().removeAllRanges();
    setPending(null);
    commit(); /* numbers the marks in reading order */
    say(words("added", { kind: kindWord(kind), number: mark.number }));
    S.ui.passage.focus();
  }

  function remove(id) {
    var m = byId(id), before = snapshot();
    if (!m) return;
    S.marks = S.marks.filter(function (x) { return x !== m; });
    commit();
    say(words("deleted", { number: m.number }), before);
    S.ui.passage.focus();
  }

  function byId(id) { return S.marks.filter(function (m) { return m.id === id; })[0]; }

  function sortMarks() {
    S.marks.sort(function (a, b) {
      return (a.start == null) - (b.start == null) || a.start - b.start || a.end - b.end;
    });
  }

  /* Every change: order, draw, keep. */
  function commit(message) {
    sortMarks();
    store();
    render();
    if (message) say(message);
  }

  /* --- keeping the work: storage and files ----------------------------------------------- */

  function key() { return "marginalia-practice:" + S.slug; }

  function record() {
    return F.record({ slug: S.slug, title: S.title, name: S.name, marks: S.marks });
  }

  function store() {
    var data = record();
    data.on = S.on;
    data.checked = S.checked;
    try {
      localStorage.setItem(key(), JSON.stringify(data));
      S.stored = true;
    } catch (e) {
      S.stored = false;
    }
  }

  /* Read a practice record (from storage or a file): see marginalia-format.js. */
  function readRecord(data, model, lenient) {
    return F.read(data, { slug: S.slug, model: model, lenient: lenient });
  }

  function restore() {
    var raw = null;
    try { raw = localStorage.getItem(key()); S.stored = true; } catch (e) { S.stored = false; }
    if (!raw) return true;
    try {
      var data = JSON.parse(raw), work = readRecord(data, textModel(S.article), true);
      S.marks = work.marks; S.name = work.name; S.checked = !!data.checked;
      var lost = S.marks.filter(function (m) { return m.start == null; }).length;
      if (lost) say(words("lost", { count: lost }));
    } catch (e) {
      say(words("unreadable", { reason: e.message }));
      return false;
    }
    return true;
  }

  function fileName() { return F.fileName(S.slug, S.name); }

  function saveFile() {
    var blob = new Blob([F.serialize(record())], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: fileName() });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say(words("saved", { count: S.marks.length, file: fileName() }));
  }

  function loadFile(file) {
    function refuse(why) { say(words("refused", { file: T.quote(file.name), reason: why })); }
    if (file.size > MAX_FILE) { refuse(words("too_large")); return; }
    file.text().then(function (text) {
      var data;
      try { data = F.parse(text); } catch (e) { refuse(e.message); return; }
      var work;
      try { work = readRecord(data, S.model, false); } catch (e) { refuse(e.message); return; }
      var before = snapshot();
      S.marks = work.marks;
      S.name = work.name;
      S.workParts.name.value = S.name;
      commit();
      var loaded = { count: S.marks.length, by: S.name ? words("loaded_by", { name: S.name }) : "",
                     file: T.quote(file.name), before: before.marks.length };
      say(words(before.marks.length ? "loaded_replacing" : "loaded", loaded), before.marks.length ? before : null);
    }, function () { refuse(words("unreadable_file")); });
  }

  /* --- wiring ----------------------------------------------------------------------------- */

  function wire(bar, w) {
    bar.addEventListener("submit", add);
    S.ui.passage.addEventListener("input", typed);
    S.ui.next.addEventListener("click", function () {
      S.matchIndex = (S.matchIndex + 1) % S.matches.length;
      setPending(S.matches[S.matchIndex], "typed", S.matches);
    });
    S.ui.whole.addEventListener("click", function () {
      if (!S.pending) { say(words("whole_first")); return; }
      setPending(sentence(S.model, S.pending.start, S.pending.end), "selected");
    });
    function cancel() { bar.reset(); setPending(null); say(""); S.ui.passage.focus(); }
    S.ui.details.lastChild.addEventListener("click", cancel);
    bar.addEventListener("keydown", function (event) { if (event.key === "Escape" && S.pending) cancel(); });
    w.check.addEventListener("click", function () {
      S.checked = !S.checked;
      commit();
      say(S.checked ? summary(S.results) : words("hidden_again"));
    });
    w.name.addEventListener("change", function () { S.name = w.name.value.trim(); store(); drawWork(); });
    w.save.addEventListener("click", saveFile);
    w.load.addEventListener("click", function () { w.file.value = ""; w.file.click(); });
    w.file.addEventListener("change", function () { if (w.file.files[0]) loadFile(w.file.files[0]); });
    w.print.addEventListener("click", function () { window.print(); });
    w.clear.addEventListener("click", function () {
      if (!S.marks.length) { say(words("nothing_to_clear")); return; }
      var before = snapshot();
      S.marks = [];
      S.checked = false;
      commit();
      say(words("cleared", { count: before.marks.length }), before);
    });
    S.article.addEventListener("click", function (event) {
      var del = event.target.closest(".mg-delete");
      if (del) remove(del.dataset.mine);
    });
    S.switchButton.addEventListener("click", function () {
      S.on = !S.on;
      if (!S.on) { S.bar.reset(); setPending(null); }
      commit();
      if (S.on) say(words("on"));
    });
  }

  document.addEventListener("selectionchange", selected);

  /* Start practice mode on an article page (called by marginalia.js, again after each instant
   * navigation to an article): it starts switched on. */
  window.marginaliaPractice = function (box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    highlight(null);
    S = { box: box, article: box.closest(".mg-article"), slug: box.dataset.article, title: box.dataset.title,
          switchButton: box.querySelector(".mg-practice__switch"), marks: [], name: "", on: true, checked: false,
          pending: null, matches: [], matchIndex: 0, stored: true };
    buildUi(box);
    var readable = restore();
    S.workParts.name.value = S.name;
    sortMarks();
    if (readable) store(); /* remember that practice mode is on */
    render();
  };
})();
