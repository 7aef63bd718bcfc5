/* Marginalia class overview, the page: a teacher chooses or drops the class's practice files
 * and sees the tables marginalia-class.js works out.
 *
 * How it fits together:
 * - The build puts the container (#mg-class) and this script in the page. The container
 *   names the modules this script needs, the last of them the site's notes
 *   (marginalia-class-notes.js: window.marginaliaClassNotes); they are loaded in that order.
 *   Material's instant navigation runs this script again on each arrival, so start() runs
 *   once per page shown.
 * - The state is the list of files read (entries, see marginalia-class.js); every change
 *   (files added, one removed, start again) reads nothing again: it chooses which files count
 *   and draws everything from the entries.
 * - Everything from a file is untrusted and goes into the page as text (textContent), never
 *   as markup. Nothing leaves the page: files are read with File.text(), CSV files are made
 *   in the page, and the files are kept in localStorage only when the teacher ticks the box.
 * - Every word it shows is a label of the site's table of strings (class.*, kinds.*), from
 *   marginalia-strings.js, the first of the modules the container names.
 */
(function () {
  "use strict";

  var C, F, Q, T; /* the modules, once loaded */
  var STORE = "marginalia-class-files";
  var P = null; /* the page's state */

  /* --- small helpers ---------------------------------------------------------------------- */

  function el(tag, props, kids) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (/^(aria-|data-)|^(role|for|scope)$/.test(key)) node.setAttribute(key, props[key]);
      else node[key] = props[key];
    });
    (kids || []).forEach(function (kid) { if (kid != null) node.append(kid); });
    return node;
  }

  function kind(k) {
    return el("span", { className: "mg-class__kind", "data-kind": k }, [
      el("span", { className: "mg-icon", "aria-hidden": "true" }), T.kind(k, "label")]);
  }

  /* A label of the class overview (class.* in the table of strings). */
  function words(key, values) { return T.text("class." + key, values); }

  function fileCount(n) { return words("files", { count: n }); }

  function say(text) { P.status.textContent = text; }

  /* --- sortable tables -------------------------------------------------------------------- */

  function classOf(col) { return col.numeric ? "mg-class__num" : col.wide ? "mg-class__wide" : ""; }

  /* A table whose columns with `sort` can be sorted by their header's button. columns:
   * { title, cell(row) -> node or text, sort(row) -> number or text, first: "ascending" |
   * "descending" (counts start with the most), numeric, wide (room for a passage) }. The rows start in `start` order. */
  function sortable(id, labelledBy, columns, rows, start) {
    var state = P.sorts[id] || { column: start, direction: "ascending" };
    P.sorts[id] = state;
    var body = el("tbody", { role: "rowgroup" });
    var heads = columns.map(function (col, i) {
      var th = el("th", { scope: "col", className: classOf(col) });
      if (!col.sort) { th.textContent = col.title; return th; }
      var button = el("button", { type: "button", className: "mg-class__sort", "data-column": String(i) },
                      [col.title, el("span", { className: "mg-class__arrow", "aria-hidden": "true" })]);
      button.addEventListener("click", function () {
        state.direction = state.column === i ? (state.direction === "ascending" ? "descending" : "ascending")
          : (col.first || "ascending");
        state.column = i;
        draw();
        say(words("sorted", { column: col.title.toLowerCase(), order: words(state.direction === "ascending" ? "lowest" : "highest") }));
      });
      th.append(button);
      return th;
    });
    function draw() {
      var col = columns[state.column], sign = state.direction === "ascending" ? 1 : -1;
      var sorted = rows.map(function (row, i) { return { row: row, i: i }; }).sort(function (a, b) {
        var x = col.sort(a.row), y = col.sort(b.row);
        var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
        return sign * order || a.i - b.i;
      });
      heads.forEach(function (th, i) {
        if (columns[i].sort) th.setAttribute("aria-sort", i === state.column ? state.direction : "none");
      });
      body.replaceChildren.apply(body, sorted.map(function (s) {
        return el("tr", { role: "row" }, columns.map(function (c) {
          return el("td", { role: "cell", className: classOf(c), "data-label": c.title }, [c.cell(s.row)]);
        }));
      }));
    }
    draw();
    /* The roles are the table's own: they keep it a table for screen readers on phones, where
     * CSS lays each row out as a card (see marginalia-class.css). */
    var table = el("table", { className: "mg-class__table", id: id, role: "table", "aria-labelledby": labelledBy }, [
      el("thead", { role: "rowgroup" }, [el("tr", { role: "row" }, heads)]), body]);
    return el("div", { className: "mg-class__scroll", role: "region", tabIndex: 0, "aria-labelledby": labelledBy }, [table]);
  }

  /* --- what is drawn ------------------------------------------------------------------------ */

  function render() {
    var entries = P.entries, summary = C.summarise(P.site, entries);
    P.summary = summary;
    P.actions.hidden = !entries.length;
    P.keep.checked = P.keeping;
    drawList(entries);
    P.results.replaceChildren.apply(P.results, summary.map(drawArticle));
    if (entries.length && !summary.length) {
      P.results.append(el("p", { className: "mg-class__empty",
        textContent: words("none_counts") }));
    }
  }

  /* The files left out, each with its reason, in view; the files counted, in a table that
   * opens on request (a class is 30 rows). */
  function drawList(entries) {
    var out = entries.filter(function (e) { return e.status !== "counted"; });
    var counted = entries.filter(function (e) { return e.status === "counted"; });
    P.leftOut.hidden = !out.length;
    P.leftOutTitle.textContent = words("left_out", { files: fileCount(out.length) });
    P.leftOutList.replaceChildren.apply(P.leftOutList, out.map(function (e) {
      return el("li", {}, T.parts("class.left_out_item", { file: el("strong", { textContent: e.file }), reason: e.reason })
        .concat([" ", removeButton(e)]));
    }));
    P.counted.hidden = !counted.length;
    P.countedTitle.textContent = words("counted", { files: fileCount(counted.length) });
    P.countedBox.replaceChildren(sortable("mg-class-files-table", "mg-class-counted-title", [
      { title: words("student"), cell: C.label, sort: C.label },
      { title: words("article"), cell: function (e) { return e.title; }, sort: function (e) { return e.title; } },
      { title: words("marks"), numeric: true, cell: function (e) { return String(e.marks.length); },
        sort: function (e) { return e.marks.length; }, first: "descending" },
      { title: words("file"), wide: true, cell: fileNote, sort: function (e) { return e.file; } },
      { title: words("remove"), cell: removeButton },
    ], counted, 0));
  }

  function removeButton(e) {
    var button = el("button", { type: "button", className: "mg-class__remove", textContent: words("remove"),
                                "aria-label": words("remove_label", { file: e.file }) });
    button.addEventListener("click", function () { remove(e); });
    return button;
  }

  function fileNote(e) {
    if (!e.lost) return e.file;
    return el("span", {}, [e.file, el("span", { className: "mg-class__lost", textContent: words("lost", { count: e.lost }) })]);
  }

  function drawArticle(s, index) {
    var id = "mg-class-" + index, students = s.students.length, notes = s.notes.length;
    var found = s.notes.filter(function (n) { return n.count; }).length;
    var section = el("section", { className: "mg-class__article", "aria-labelledby": id }, [
      el("h2", { id: id }, [el("a", { href: s.article.url, textContent: s.article.title })]),
      el("p", { className: "mg-class__lead", textContent: words("students", { count: students })
        + (notes ? words("found", { notes: notes, found: found }) : words("no_notes")) }),
    ]);
    part(section, id + "-notes", words("published_notes"), notes && notesTable(s, id), words("published_notes_hint"),
         words("published_notes_none"));
    part(section, id + "-passages", words("passages"), s.passages.length && passagesTable(s, id), words("passages_hint"),
         words("passages_none"));
    section.append(el("h3", { id: id + "-students", textContent: words("students_heading") }));
    section.append(studentsTable(s, id));
    section.append(el("p", { className: "mg-class__csv" }, [
      words("csv"),
      csvButton(s, "notes", C.noteRows), " ",
      csvButton(s, "passages", C.passageRows), " ",
      csvButton(s, "students", C.studentRows),
    ]));
    return section;
  }

  /* A heading, then the table with a hint on how to read it, or what it would be empty of. */
  function part(section, id, title, table, hint, none) {
    section.append(el("h3", { id: id, textContent: title }));
    if (table) section.append(el("p", { className: "mg-class__hint", textContent: hint }), table);
    else section.append(el("p", { textContent: none }));
  }

  function notesTable(s, id) {
    var n = s.students.length;
    return sortable(id + "-notes-table", id + "-notes", [
      { title: words("note"), numeric: true, cell: function (r) { return String(r.number); }, sort: function (r) { return r.order; } },
      { title: words("kind"), cell: function (r) { return kind(r.kind); }, sort: function (r) { return r.kind; } },
      { title: words("passage"), wide: true, cell: function (r) {
        return el("a", { href: s.article.url + "#note-" + r.id, textContent: Q.quoted(r.exact, 200) });
      } },
      { title: words("marked_it"), numeric: true, cell: function (r) { return words("of", { count: r.count, total: n }); },
        sort: function (r) { return r.count; }, first: "descending" },
      { title: words("same_kind"), numeric: true, cell: function (r) { return String(r.same); },
        sort: function (r) { return r.same; }, first: "descending" },
      { title: words("who"), wide: true, cell: function (r) { return r.who.length ? C.whoText(r.who) : words("nobody"); } },
    ], s.notes, 0);
  }

  function passagesTable(s, id) {
    return sortable(id + "-passages-table", id + "-passages", [
      { title: words("passage"), wide: true, cell: function (p) { return inContext(s.text, p); }, sort: function (p) { return p.order; } },
      { title: words("students_column"), numeric: true, cell: function (p) { return String(p.count); },
        sort: function (p) { return p.count; }, first: "descending" },
      { title: words("kinds"), cell: function (p) {
        return el("ul", { className: "mg-class__kinds" }, p.kinds.map(function (k) {
          return el("li", { className: "mg-class__kind", "data-kind": k.kind }, [
            el("span", { className: "mg-icon", "aria-hidden": "true" }), C.kindCount(k)]);
        }));
      } },
      { title: words("who_and_why"), wide: true, cell: function (p) {
        return el("ul", { className: "mg-class__reasons" }, p.marks.map(function (m) {
          return el("li", { textContent: C.reasonText(m) });
        }));
      } },
    ], s.passages, 0);
  }

  /* A passage in bold, with the words around it on its line, so it can be found in the text. */
  function inContext(text, span) {
    var line = /[^\n]*$/.exec(text.slice(0, span.start))[0], rest = /^[^\n]*/.exec(text.slice(span.end))[0];
    var before = line.length > 60 ? "…" + line.slice(-60).replace(/^\S*\s/, "") : line;
    var after = rest.length > 60 ? rest.slice(0, 60).replace(/\s\S*$/, "") + "…" : rest;
    return el("span", {}, [before, el("strong", { textContent: text.slice(span.start, span.end).replace(/\s+/g, " ") }), after]);
  }

  function studentsTable(s, id) {
    var count = function (key) { return function (st) { return String(st[key]); }; };
    var by = function (key) { return function (st) { return st[key]; }; };
    return sortable(id + "-students-table", id + "-students", [
      { title: words("student"), cell: function (st) { return st.label; }, sort: by("label") },
      { title: words("marks"), numeric: true, cell: count("marks"), sort: by("marks"), first: "descending" },
      { title: words("notes_found"), numeric: true, cell: function (st) { return words("of", { count: st.found, total: st.notes }); },
        sort: by("found"), first: "descending" },
      { title: words("same_kind"), numeric: true, cell: count("same"), sort: by("same"), first: "descending" },
      { title: words("matching_no_note"), numeric: true, cell: count("unmatched"), sort: by("unmatched"), first: "descending" },
    ], s.students, 0);
  }

  function csvButton(s, what, rows) {
    var button = el("button", { type: "button", className: "mg-class__download", textContent: words("csv_button_" + what),
                                "aria-label": words("csv_label_" + what, { title: s.article.title }) });
    button.addEventListener("click", function () {
      var name = "class-overview-" + s.article.slug + "-" + what + ".csv";
      download(name, C.csv(rows(s)));
      say(words("saved_file", { file: name }));
    });
    return button;
  }

  function download(name, text) {
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  /* --- what the teacher does ---------------------------------------------------------------- */

  /* Read files (a FileList or an array of Files), add them to the list, draw it all. */
  function add(files) {
    files = Array.prototype.slice.call(files);
    if (!files.length) return Promise.resolve();
    performance.mark("marginalia-class: files given");
    say(words("reading", { count: files.length }));
    return Promise.all(files.map(function (file) {
      if (file.size > F.MAX_FILE) return { file: file, text: null };
      return file.text().then(function (text) { return { file: file, text: text }; },
                              function () { return { file: file, text: null }; });
    })).then(function (read) {
      P.raw = P.raw.concat(read.map(function (r) {
        return { entry: C.readFile(P.site, r.file, r.text), text: r.text };
      }));
      update();
      var out = P.entries.slice(-read.length).filter(function (e) { return e.status !== "counted"; }).length;
      say(words(out ? "read_left_out" : "read", { count: read.length, counted: read.length - out, out: out }));
      performance.measure("marginalia-class: read and shown", "marginalia-class: files given");
    });
  }

  function update() {
    P.entries = C.choose(P.raw.map(function (r) { return r.entry; }));
    render();
    store();
  }

  /* Take one file off the page; focus moves to the next Remove button of its list. */
  function remove(entry) {
    var out = entry.status !== "counted";
    var list = P.entries.filter(function (e) { return (e.status !== "counted") === out; });
    var place = list.indexOf(entry);
    P.raw.splice(P.entries.indexOf(entry), 1);
    update();
    say(words("removed", { file: entry.file }));
    var buttons = (out ? P.leftOutList : P.countedBox).querySelectorAll(".mg-class__remove");
    (buttons[Math.min(place, buttons.length - 1)] || P.choose).focus();
  }

  function startAgain() {
    var had = P.raw.length, kept = P.keeping;
    P.raw = [];
    P.keeping = false;
    forget();
    update();
    say(had ? words(kept ? "started_again_forgotten" : "started_again", { count: had }) : words("nothing_to_take_off"));
    P.choose.focus();
  }

  /* --- keeping the files, only when asked ---------------------------------------------------- */

  /* The files' texts, kept while the box is ticked (files too large to read are not kept). */
  function store() {
    if (!P.keeping) return;
    var files = P.raw.filter(function (r) { return r.text != null; }).map(function (r) {
      return { name: r.entry.file, text: r.text };
    });
    try {
      localStorage.setItem(STORE, JSON.stringify({ saved: new Date().toISOString(), files: files }));
    } catch (e) {
      P.keeping = P.keep.checked = false;
      forget();
      say(words("cannot_keep"));
    }
  }

  function forget() {
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing was kept */ }
  }

  function restore() {
    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { kept = null; }
    if (!kept || !Array.isArray(kept.files)) return;
    P.keeping = true;
    P.raw = kept.files.filter(function (f) { return f && typeof f.text === "string"; }).map(function (f) {
      return { entry: C.readFile(P.site, { name: String(f.name), size: f.text.length }, f.text), text: f.text };
    });
    update();
    say(kept.saved ? words("showing_since", { count: P.raw.length, date: new Date(kept.saved).toLocaleString(T.lang()) })
      : words("showing", { count: P.raw.length }));
  }

  /* --- the page ------------------------------------------------------------------------------ */

  function build(root) {
    var input = el("input", { type: "file", multiple: true, accept: ".json,application/json", hidden: true,
                              tabIndex: -1, "aria-hidden": "true" });
    var choose = el("button", { type: "button", className: "mg-class__choose", textContent: words("choose") });
    var drop = el("div", { className: "mg-class__drop" }, [
      el("p", { className: "mg-class__drop-what" }, [el("strong", { textContent: words("drop") }), words("drop_more")]),
      el("p", {}, [choose, input]),
      el("p", { className: "mg-class__privacy", textContent: words("privacy") }),
    ]);
    var status = el("p", { className: "mg-class__status", role: "status" });
    var keep = el("input", { type: "checkbox", id: "mg-class-keep" });
    var print = el("button", { type: "button", textContent: words("print") });
    var again = el("button", { type: "button", textContent: words("again") });
    var actions = el("div", { className: "mg-class__actions", hidden: true }, [
      el("p", {}, [print, " ", again]),
      el("p", { className: "mg-class__keep" }, [keep, " ", el("label", { for: "mg-class-keep",
        textContent: words("keep") })]),
    ]);
    var leftOutTitle = el("h3", { id: "mg-class-left-out-title" });
    var leftOutList = el("ul", { className: "mg-class__left-out" });
    var leftOut = el("div", { hidden: true }, [leftOutTitle, leftOutList]);
    var countedTitle = el("span", { id: "mg-class-counted-title" });
    var countedBox = el("div", { className: "mg-class__list" });
    var counted = el("details", { className: "mg-class__counted", hidden: true }, [el("summary", {}, [countedTitle]), countedBox]);
    var results = el("div", { className: "mg-class__results" });
    root.replaceChildren(
      el("section", { className: "mg-class__files", "aria-labelledby": "mg-class-files-title" }, [
        el("h2", { id: "mg-class-files-title", textContent: words("your_files") }),
        drop, status, actions, leftOut, counted]),
      results);
    P = { root: root, site: C.site(window.marginaliaClassNotes), raw: [], entries: [], sorts: {}, keeping: false,
          status: status, choose: choose, keep: keep, actions: actions, leftOut: leftOut, leftOutTitle: leftOutTitle,
          leftOutList: leftOutList, counted: counted, countedTitle: countedTitle, countedBox: countedBox, results: results };

    choose.addEventListener("click", function () { input.value = ""; input.click(); });
    input.addEventListener("change", function () { add(input.files); });
    print.addEventListener("click", function () { window.print(); });
    again.addEventListener("click", startAgain);
    keep.addEventListener("change", function () {
      P.keeping = keep.checked;
      if (P.keeping) { store(); say(words("kept")); }
      else { forget(); say(words("not_kept")); }
    });
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.add("mg-class__drop--over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.remove("mg-class__drop--over"); });
    });
  }

  /* A file dropped anywhere on the page is read, not opened by the browser in place of it. */
  function dropped(event) {
    if (!P || !P.root.isConnected || !event.dataTransfer || Array.prototype.indexOf.call(event.dataTransfer.types, "Files") === -1) return;
    event.preventDefault();
    if (event.type === "drop") add(event.dataTransfer.files);
    else event.dataTransfer.dropEffect = "copy";
  }

  /* The modules, each after the ones it needs (scripts added with async = false run in the
   * order they were added), unless an earlier visit to the page loaded them. */
  function load(urls) {
    if (window.MarginaliaClass && window.marginaliaClassNotes) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var scripts = urls.map(function (url) {
        var js = document.createElement("script");
        js.src = url;
        js.async = false;
        js.onerror = reject;
        return js;
      });
      scripts[scripts.length - 1].onload = resolve;
      document.head.append.apply(document.head, scripts);
    });
  }

  function start() {
    var root = document.getElementById("mg-class");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    load(root.dataset.scripts.split(" ")).then(function () {
      C = window.MarginaliaClass; F = window.MarginaliaFormat; Q = window.MarginaliaQuote; T = window.MarginaliaStrings;
      build(root);
      restore();
    }, function () {
      T = window.MarginaliaStrings; /* without the labels, the page's own words (scripts off) stay */
      if (T) root.replaceChildren(el("p", { textContent: words("not_loaded") }));
    });
  }

  if (!window.marginaliaClassDrop) { /* once per document, though the script runs on each arrival */
    window.marginaliaClassDrop = true;
    document.addEventListener("dragover", function (event) { dropped(event); });
    document.addEventListener("drop", function (event) { dropped(event); });
  }
  start();
})();
