/* Marginalia: open and close notes on narrow screens, show which passage a note is about,
 * and reveal the note a link points to. Listeners sit on the document, so they keep working
 * when Material's instant navigation swaps the page content. */
(function () {
  "use strict";

  function noteFor(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setOpen(button, note, open) {
    button.setAttribute("aria-expanded", String(open));
    note.classList.toggle("mg-open", open);
  }

  function marksOf(note) {
    return document.querySelectorAll('[data-quote-for="' + note.dataset.note + '"]');
  }

  function mark(note, cls, on) {
    marksOf(note).forEach(function (m) { m.classList.toggle(cls, on); });
  }

  /* "More" on a long note in the margin: show all of it, or the preview again. */
  function setExpanded(button, note, expanded) {
    button.setAttribute("aria-expanded", String(expanded));
    button.textContent = expanded ? "Less" : "More";
    button.setAttribute("aria-label", button.getAttribute("aria-label").replace(/^\w+/, expanded ? "Less" : "More"));
    note.classList.toggle("mg-expanded", expanded);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".mg-toggle, .mg-more");
    if (!button) return;
    var note = noteFor(button);
    if (!note) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    if (button.classList.contains("mg-more")) setExpanded(button, note, open);
    else setOpen(button, note, open);
  });

  /* Pointing at a note lights up its passage, and pointing at a passage lights up its note. */
  function pairOf(target) {
    if (!target.closest) return null;
    var note = target.closest(".mg-note");
    if (note) return note;
    var passage = target.closest(".mg-mark");
    return passage && document.getElementById("note-" + passage.dataset.quoteFor);
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

  /* A link to #note-… opens that note (on a phone it starts closed) and highlights it. */
  function revealTarget() {
    document.querySelectorAll(".mg-target").forEach(function (el) { el.classList.remove("mg-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var note = id && document.getElementById(id);
    if (!note || !note.classList.contains("mg-note")) return;
    var button = document.querySelector('.mg-toggle[aria-controls="' + id + '"]');
    if (button) setOpen(button, note, true);
    var more = note.querySelector(".mg-more");
    if (more) setExpanded(more, note, true);
    note.classList.add("mg-target");
    mark(note, "mg-target", true);
    // centred, unless it is taller than the window: then its start (its number and kind) shows
    note.scrollIntoView({ block: note.getBoundingClientRect().height > innerHeight ? "start" : "center" });
  }

  /* Practice mode lives in marginalia-practice.js/.css, fetched from beside this file the first
   * time a student turns it on (or comes back to a page they left it on), so readers never
   * download it. The class set here hides the notes at once, before the rest arrives. */
  var base = document.currentScript.src.replace(/[^/]*$/, "marginalia-practice");
  var loading = null;

  function practise(box) {
    box.closest(".mg-article").classList.add("mg-practising");
    loading = loading || new Promise(function (resolve, reject) {
      var css = document.createElement("link"), js = document.createElement("script");
      css.rel = "stylesheet";
      css.href = base + ".css";
      js.src = base + ".js";
      js.onerror = css.onerror = reject;
      js.onload = function () { css.sheet ? resolve() : css.onload = resolve; };
      document.head.append(css, js);
    });
    loading.then(function () { window.marginaliaPractice(box); }, function () {
      loading = null; /* not fetched (offline?): show the notes again; the next click retries */
      box.closest(".mg-article").classList.remove("mg-practising");
    });
  }

  document.addEventListener("click", function (event) {
    var box = event.target.closest && event.target.closest(".mg-practice");
    if (box && !box.dataset.ready && event.target.closest(".mg-practice__switch")) practise(box);
  });

  function pageLoaded() {
    revealTarget();
    var box = document.querySelector(".mg-practice");
    if (!box) return;
    try {
      if ((JSON.parse(localStorage.getItem("marginalia-practice:" + box.dataset.article)) || {}).on) practise(box);
    } catch (e) { /* no storage, or not ours: start with practice off */ }
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
