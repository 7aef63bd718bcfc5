/* Marginalia matching: which of a student's marks found which published note.
 *
 * One rule, used by a student's "Check my work" (marginalia-practice.js) and by the teacher's
 * class overview (marginalia-class.js), so the two never disagree:
 *
 * - a mark finds a note when their passages share any text that is not white space;
 * - it finds it "with the same kind" when the mark has the note's kind;
 * - a mark that finds no note matches no published note: the class discusses it.
 *
 * Passages are [start, end) offsets into one text (the article's text model); notes and
 * marks are any objects with start, end and kind. Marks whose passage could not be placed
 * (start null) take no part. No DOM. Loaded as a plain script (window.MarginaliaMatch) or
 * required.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MarginaliaMatch = factory();
}(this, function () {
  "use strict";

  function overlap(text, a, b) {
    var from = Math.max(a.start, b.start), to = Math.min(a.end, b.end);
    return from < to && text.slice(from, to).trim() !== "";
  }

  function placed(marks) {
    return marks.filter(function (m) { return m.start != null; });
  }

  /* One student's work against the notes. Each entry of `notes` is the note given, with
   * `hits` (the marks that found it) and `same` (one of them has its kind); `unmatched`
   * are the marks that found no note; ofMark(m) says what one mark found. */
  function check(text, notes, marks) {
    var mine = placed(marks);
    var results = notes.map(function (note) {
      var hits = mine.filter(function (m) { return overlap(text, note, m); });
      return Object.assign({}, note, { hits: hits, same: hits.some(function (m) { return m.kind === note.kind; }) });
    });
    var matched = new Set();
    results.forEach(function (r) { r.hits.forEach(function (m) { matched.add(m); }); });
    return {
      notes: results,
      found: results.filter(function (r) { return r.hits.length; }).length,
      same: results.filter(function (r) { return r.same; }).length,
      unmatched: mine.filter(function (m) { return !matched.has(m); }),
      ofMark: function (m) {
        var found = results.filter(function (r) { return r.hits.indexOf(m) !== -1; });
        return { mark: m, notes: found, same: found.some(function (r) { return r.kind === m.kind; }) };
      },
    };
  }

  /* A passage without the white space at its ends (none, if it is all white space). */
  function trimmed(text, span) {
    var start = span.start, end = span.end;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return start < end ? { start: start, end: end } : null;
  }

  /* Marks gathered into passages: two marks are in one group when their passages overlap,
   * directly or through other marks of the group. Groups come in text order, each with the
   * span it covers and its marks in text order. Spans are trimmed first: two trimmed spans
   * share text that is not white space exactly when they overlap at all, so one sweep in
   * order of start finds every group. */
  function groups(text, marks) {
    var spans = [];
    placed(marks).forEach(function (m) {
      var span = trimmed(text, m);
      if (span) spans.push({ start: span.start, end: span.end, mark: m });
    });
    spans.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    var out = [], current = null;
    spans.forEach(function (s) {
      if (current && s.start < current.end) {
        current.end = Math.max(current.end, s.end);
        current.marks.push(s.mark);
      } else {
        current = { start: s.start, end: s.end, marks: [s.mark] };
        out.push(current);
      }
    });
    return out;
  }

  return { overlap: overlap, check: check, groups: groups };
}));
