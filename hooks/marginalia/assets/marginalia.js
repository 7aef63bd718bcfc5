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
    note.scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", revealTarget);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(revealTarget); /* every page load, including instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", revealTarget);
  } else {
    revealTarget();
  }
})();
