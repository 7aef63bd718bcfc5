/* Marginalia: lay the notes out, open and close them, show which passage a note is about,
 * and reveal the note a link points to. Listeners sit on the document, so they keep working
 * when Material's instant navigation swaps the page content.
 *
 * Each note (and practice mode's "Your mark" note) is written after the text element that
 * holds its passage; its anchor is the empty element at the passage's end (the toggle, or
 * the mark's [data-for]). layout() runs before the notes are first shown and again whenever
 * the article changes size, so that nothing moves by itself after the first paint:
 * - wide screens: each note goes in the margin level with the line its passage ends on, or
 *   just below the note above; a note that would reach the next note's passage is cut to the
 *   room there is and gets "More";
 * - narrow screens: an open note goes under its passage's line, and the anchor's bottom
 *   margin makes the line that much taller, so the text below moves down to make room. */
(function () {
  "use strict";

  var WIDE = matchMedia("(min-width: 60em)"), GAP = 8; /* px between notes */
  var entered = null; /* the note the keyboard went into from its toggle */

  function anchorOf(note) {
    return document.querySelector('.mg-toggle[aria-controls="' + note.id + '"], [data-for="' + note.id + '"]');
  }

  function bottomOf(el) {
    var rects = el.getClientRects();
    return rects.length ? rects[rects.length - 1] : el.getBoundingClientRect();
  }

  /* The line a passage ends on: the last box of what comes right before its anchor. */
  function lineOf(at) {
    return bottomOf(at.previousElementSibling || at);
  }

  function layout(article) {
    var wide = WIDE.matches, base = article.getBoundingClientRect().top, bottom = -1e9, items = [], lines = [];
    article.style.minHeight = "";
    article.querySelectorAll(".mg-note, .mg-mine-note").forEach(function (note) {
      var at = anchorOf(note);
      note.style.top = note.style.maxHeight = "";
      note.classList.remove("mg-preview", "mg-long");
      if (!at) return;
      at.style.marginBottom = "";
      if (at.classList.contains("mg-toggle")) at.setAttribute("aria-expanded", String(wide || note.classList.contains("mg-open")));
      if (getComputedStyle(note).display !== "none") items.push([note, at]);
    });
    items.sort(function (a, b) { return a[1].compareDocumentPosition(b[1]) & 2 ? 1 : -1; });
    if (wide) {
      var tops = items.map(function (item) { return lineOf(item[1]).top - base; });
      items.forEach(function (item, i) {
        var note = item[0], top = Math.max(tops[i], bottom + GAP), room = (i + 1 < tops.length ? tops[i + 1] : 1e9) - GAP - top;
        var long = note.offsetHeight > room && note.classList.contains("mg-note");
        var cut = long && !note.classList.contains("mg-expanded");
        note.style.top = top + "px";
        note.classList.toggle("mg-long", long);
        note.classList.toggle("mg-preview", cut);
        if (cut) note.style.maxHeight = "max(" + room + "px, 4.5em + 0.9rem)"; /* three lines at least */
        if (long) item[1].setAttribute("aria-expanded", String(!cut));
        bottom = top + note.offsetHeight;
      });
      article.style.minHeight = bottom > article.offsetHeight ? bottom + GAP + "px" : "";
    } else {
      items.forEach(function (item) { /* notes whose passages end on the same line stack under it */
        var line = lines[lines.length - 1], top = item[1].getBoundingClientRect().top;
        if (line && Math.abs(line.top - top) < 2) line.notes.push(item[0]);
        else lines.push({ at: item[1], top: top, notes: [item[0]] });
      });
      lines.forEach(function (line) {
        line.at.style.marginBottom = line.notes.reduce(function (sum, note) { return sum + note.offsetHeight + GAP; }, GAP) + "px";
      });
      lines.forEach(function (line) {
        var y = Math.max(line.at.getBoundingClientRect().bottom, lineOf(line.at).bottom) - base + GAP;
        line.notes.forEach(function (note) { note.style.top = y + "px"; y += note.offsetHeight + GAP; });
      });
    }
    article.classList.add("mg-laid");
  }

  function relayout() {
    var article = document.querySelector(".mg-article");
    if (article) layout(article);
  }
  window.marginaliaLayout = relayout; /* practice mode draws its marks, then calls this */

  var watched = null, observer = window.ResizeObserver && new ResizeObserver(function () { relayout(); });

  function marksOf(note) {
    return document.querySelectorAll('[data-quote-for="' + note.dataset.note + '"]');
  }

  function mark(note, cls, on) {
    marksOf(note).forEach(function (m) { m.classList.toggle(cls, on); });
  }

  /* "More" and "Less" on a note the margin cannot show whole. The button comes with both of
   * its labels in the site's language ("Less" in data-less), so this script needs no table. */
  function expand(note, on) {
    var button = note.querySelector(".mg-more"), labels = button.dataset;
    if (!labels.more) { labels.more = button.textContent; labels.moreLabel = button.getAttribute("aria-label"); }
    note.classList.toggle("mg-expanded", on);
    button.setAttribute("aria-expanded", String(on));
    button.textContent = on ? labels.less : labels.more;
    button.setAttribute("aria-label", on ? labels.lessLabel : labels.moreLabel);
  }

  /* Show a note whole (opened on a phone, not cut in the margin); from its toggle, go into it. */
  function reveal(note, button) {
    if (WIDE.matches) expand(note, true);
    else note.classList.add("mg-open");
    relayout();
    if (button) { entered = note; note.focus(); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".mg-toggle, .mg-more");
    var note = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!note) return;
    if (button.classList.contains("mg-more")) { expand(note, !note.classList.contains("mg-expanded")); relayout(); }
    else if (!WIDE.matches && note.classList.contains("mg-open")) { note.classList.remove("mg-open"); relayout(); }
    else reveal(note, button);
  });

  /* From a note the keyboard entered from its toggle, Tab past either end goes back to the
   * toggle, and the next Tab carries on in the text; Escape goes back too (closing the note
   * on a phone). */
  document.addEventListener("keydown", function (event) {
    var note = event.target.closest && event.target.closest(".mg-note"), button = note && anchorOf(note);
    if (!button || (event.key !== "Escape" && (event.key !== "Tab" || note !== entered))) return;
    if (event.key === "Tab") {
      var stops = [note].concat([].filter.call(note.querySelectorAll("a[href], button"), function (el) { return el.offsetParent; }));
      if (event.target !== stops[event.shiftKey ? 0 : stops.length - 1]) return;
    } else if (!WIDE.matches) {
      note.classList.remove("mg-open");
      relayout();
    }
    event.preventDefault();
    entered = null;
    button.focus();
  });

  /* Pointing at a note lights up its passage, and pointing at a passage lights up its note. */
  function pairOf(target) {
    if (!target.closest) return null;
    var note = target.closest(".mg-note");
    if (note) return note;
    var passage = target.closest(".mg-mark, .mg-toggle");
    return passage && document.getElementById(passage.getAttribute("aria-details") || passage.getAttribute("aria-controls"));
  }

  function activate(note, on) {
    mark(note, "mg-active", on);
    note.classList.toggle("mg-active", on);
  }

  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var note = pairOf(event.target);
      if (note) activate(note, true);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var note = pairOf(event.target);
      if (note && pairOf(event.relatedTarget || document.body) !== note) activate(note, false);
    });
  });

  /* A link to #note-… shows that note whole and highlights it. */
  function revealTarget() {
    document.querySelectorAll(".mg-target").forEach(function (el) { el.classList.remove("mg-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var note = id && document.getElementById(id);
    if (!note || !note.classList.contains("mg-note")) return;
    reveal(note);
    note.classList.add("mg-target");
    mark(note, "mg-target", true);
    // centred, unless it is taller than the window: then its start (its number and kind) shows
    note.scrollIntoView({ block: note.getBoundingClientRect().height > innerHeight ? "start" : "center" });
  }

  /* Practice mode lives in marginalia-practice.js/.css, fetched from beside this file the first
   * time a student turns it on (or comes back to a page they left it on), so readers never
   * download it. The class set here hides the notes at once, before the rest arrives. Its
   * modules (shared with the class overview) come first, the site's labels before them
   * (marginalia-strings.js): scripts added with async = false run in the order they were added. */
  var folder = document.currentScript.src.replace(/[^/]*$/, "");
  var PRACTICE_SCRIPTS = ["marginalia-strings", "marginalia-quote", "marginalia-format", "marginalia-match",
                          "marginalia-practice"];
  var loading = null;

  function practise(box) {
    var article = box.closest(".mg-article");
    article.classList.add("mg-practising");
    loading = loading || new Promise(function (resolve, reject) {
      var css = document.createElement("link"), scripts = PRACTICE_SCRIPTS.map(function (name) {
        var js = document.createElement("script");
        js.src = folder + name + ".js";
        js.async = false;
        js.onerror = reject;
        return js;
      });
      var js = scripts[scripts.length - 1];
      css.rel = "stylesheet";
      css.href = folder + "marginalia-practice.css";
      css.onerror = reject;
      js.onload = function () { css.sheet ? resolve() : css.onload = resolve; };
      document.head.append.apply(document.head, [css].concat(scripts));
    });
    loading.then(function () { window.marginaliaPractice(box); }, function () {
      loading = null; /* not fetched (offline?): show the notes again; the next click retries */
      article.classList.remove("mg-practising");
      relayout();
    });
  }

  document.addEventListener("click", function (event) {
    var box = event.target.closest && event.target.closest(".mg-practice");
    if (box && !box.dataset.ready && event.target.closest(".mg-practice__switch")) practise(box);
  });

  function pageLoaded() {
    var article = document.querySelector(".mg-article"), box = document.querySelector(".mg-practice");
    if (observer && watched) observer.unobserve(watched);
    watched = article;
    if (!article) return;
    try {
      if (box && (JSON.parse(localStorage.getItem("marginalia-practice:" + box.dataset.article)) || {}).on) practise(box);
    } catch (e) { /* no storage, or not ours: start with practice off */ }
    layout(article);
    if (observer) observer.observe(article);
    revealTarget();
  }

  window.addEventListener("hashchange", revealTarget);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(pageLoaded); /* every page load, including instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pageLoaded);
  } else {
    pageLoaded();
  }
})();
