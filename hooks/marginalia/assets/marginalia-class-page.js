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
 */
(function () {
  "use strict";

  var C, F, Q, KINDS; /* the modules, once loaded */
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
      el("span", { className: "mg-icon", "aria-hidden": "true" }), KINDS[k]]);
  }

  function plural(n, word) { return C.plural(n, word); }

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
        say("Sorted by " + col.title.toLowerCase() + ", " + (state.direction === "ascending" ? "lowest" : "highest") + " first.");
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
        textContent: "No file counts yet: the list of files left out says why." }));
    }
  }

  /* The files left out, each with its reason, in view; the files counted, in a table that
   * opens on request (a class is 30 rows). */
  function drawList(entries) {
    var out = entries.filter(function (e) { return e.status !== "counted"; });
    var counted = entries.filter(function (e) { return e.status === "counted"; });
    P.leftOut.hidden = !out.length;
    P.leftOutTitle.textContent = "Left out: " + plural(out.length, "file");
    P.leftOutList.replaceChildren.apply(P.leftOutList, out.map(function (e) {
      return el("li", {}, [el("strong", { textContent: e.file }), ", because " + e.reason + " ", removeButton(e)]);
    }));
    P.counted.hidden = !counted.length;
    P.countedTitle.textContent = "Counted: " + plural(counted.length, "file");
    P.countedBox.replaceChildren(sortable("mg-class-files-table", "mg-class-counted-title", [
      { title: "Student", cell: C.label, sort: C.label },
      { title: "Article", cell: function (e) { return e.title; }, sort: function (e) { return e.title; } },
      { title: "Marks", numeric: true, cell: function (e) { return String(e.marks.length); },
        sort: function (e) { return e.marks.length; }, first: "descending" },
      { title: "File", wide: true, cell: fileNote, sort: function (e) { return e.file; } },
      { title: "Remove", cell: removeButton },
    ], counted, 0));
  }

  function removeButton(e) {
    var button = el("button", { type: "button", className: "mg-class__remove", textContent: "Remove",
                                "aria-label": "Remove " + e.file });
    button.addEventListener("click", function () { remove(e); });
    return button;
  }

  function fileNote(e) {
    if (!e.lost) return e.file;
    return el("span", {}, [e.file, el("span", { className: "mg-class__lost", textContent: " " + plural(e.lost, "mark")
      + " not counted: " + (e.lost === 1 ? "its passage is" : "their passages are") + " no longer in the article." })]);
  }

  function drawArticle(s, index) {
    var id = "mg-class-" + index, students = s.students.length, notes = s.notes.length;
    var found = s.notes.filter(function (n) { return n.count; }).length;
    var section = el("section", { className: "mg-class__article", "aria-labelledby": id }, [
      el("h2", { id: id }, [el("a", { href: s.article.url, textContent: s.article.title })]),
      el("p", { className: "mg-class__lead", textContent: plural(students, "student") + ". "
        + (notes ? plural(notes, "published note") + ": the class found " + found + " of them." : "This article has no published notes.") }),
    ]);
    part(section, id + "-notes", "Published notes", notes && notesTable(s, id), "In the order of the article. A student "
      + "found a note when their mark shares words with its passage, as in Check my work; \"as claim\" says which kind they "
      + "chose when it was another.", "None: every passage the students marked is listed below.");
    part(section, id + "-passages", "Passages no note covers", s.passages.length && passagesTable(s, id), "Marks that "
      + "match no published note, gathered where their passages overlap: the best places to start a discussion.",
      "None: every mark matches a published note.");
    section.append(el("h3", { id: id + "-students", textContent: "Students" }));
    section.append(studentsTable(s, id));
    section.append(el("p", { className: "mg-class__csv" }, [
      "Download as CSV, for a spreadsheet: ",
      csvButton(s, "notes", "the published notes", C.noteRows), " ",
      csvButton(s, "passages", "the passages no note covers", C.passageRows), " ",
      csvButton(s, "students", "the students", C.studentRows),
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
      { title: "Note", numeric: true, cell: function (r) { return String(r.number); }, sort: function (r) { return r.order; } },
      { title: "Kind", cell: function (r) { return kind(r.kind); }, sort: function (r) { return r.kind; } },
      { title: "Passage", wide: true, cell: function (r) {
        return el("a", { href: s.article.url + "#note-" + r.id, textContent: Q.quoted(r.exact, 200) });
      } },
      { title: "Marked it", numeric: true, cell: function (r) { return r.count + " of " + n; },
        sort: function (r) { return r.count; }, first: "descending" },
      { title: "Same kind", numeric: true, cell: function (r) { return String(r.same); },
        sort: function (r) { return r.same; }, first: "descending" },
      { title: "Who", wide: true, cell: function (r) { return r.who.length ? C.whoText(r.who) : "Nobody"; } },
    ], s.notes, 0);
  }

  function passagesTable(s, id) {
    return sortable(id + "-passages-table", id + "-passages", [
      { title: "Passage", wide: true, cell: function (p) { return inContext(s.text, p); }, sort: function (p) { return p.order; } },
      { title: "Students", numeric: true, cell: function (p) { return String(p.count); },
        sort: function (p) { return p.count; }, first: "descending" },
      { title: "Kinds", cell: function (p) {
        return el("ul", { className: "mg-class__kinds" }, p.kinds.map(function (k) {
          return el("li", { className: "mg-class__kind", "data-kind": k.kind }, [
            el("span", { className: "mg-icon", "aria-hidden": "true" }), KINDS[k.kind].toLowerCase() + " " + k.count]);
        }));
      } },
      { title: "Who and why", wide: true, cell: function (p) {
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
      { title: "Student", cell: function (st) { return st.label; }, sort: by("label") },
      { title: "Marks", numeric: true, cell: count("marks"), sort: by("marks"), first: "descending" },
      { title: "Notes found", numeric: true, cell: function (st) { return st.found + " of " + st.notes; },
        sort: by("found"), first: "descending" },
      { title: "Same kind", numeric: true, cell: count("same"), sort: by("same"), first: "descending" },
      { title: "Matching no note", numeric: true, cell: count("unmatched"), sort: by("unmatched"), first: "descending" },
    ], s.students, 0);
  }

  function csvButton(s, what, label, rows) {
    var button = el("button", { type: "button", className: "mg-class__download", textContent: what.charAt(0).toUpperCase() + what.slice(1),
                                "aria-label": "Download " + label + " of " + s.article.title + " as CSV" });
    button.addEventListener("click", function () {
      var name = "class-overview-" + s.article.slug + "-" + what + ".csv";
      download(name, C.csv(rows(s)));
      say("Saved " + name + " (in your downloads).");
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
    say("Reading " + plural(files.length, "file") + "…");
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
      say("Read " + plural(read.length, "file") + ": " + (read.length - out) + " counted"
        + (out ? ", " + out + " left out (the list of files says why)." : "."));
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
    say("Removed " + entry.file + ".");
    var buttons = (out ? P.leftOutList : P.countedBox).querySelectorAll(".mg-class__remove");
    (buttons[Math.min(place, buttons.length - 1)] || P.choose).focus();
  }

  function startAgain() {
    var had = P.raw.length, kept = P.keeping;
    P.raw = [];
    P.keeping = false;
    forget();
    update();
    say(had ? "Started again: " + plural(had, "file") + " taken off the page" + (kept ? ", and forgotten by this browser." : ".")
      : "There are no files to take off.");
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
      say("This browser could not keep the files (it has no room, or keeps nothing for this site). They are still on the page.");
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
    say("Showing " + plural(P.raw.length, "file") + " kept in this browser" + (kept.saved ? " since " + new Date(kept.saved).toLocaleString() : "")
      + ". Untick \"Keep these files\" to forget them.");
  }

  /* --- the page ------------------------------------------------------------------------------ */

  function build(root) {
    var input = el("input", { type: "file", multiple: true, accept: ".json,application/json", hidden: true,
                              tabIndex: -1, "aria-hidden": "true" });
    var choose = el("button", { type: "button", className: "mg-class__choose", textContent: "Choose files" });
    var drop = el("div", { className: "mg-class__drop" }, [
      el("p", { className: "mg-class__drop-what" }, [el("strong", { textContent: "Drop your students' practice files here" }),
        ", or choose them: as many as you like, at once or a few at a time."]),
      el("p", {}, [choose, input]),
      el("p", { className: "mg-class__privacy", textContent: "The files are read in this browser. Nothing is uploaded." }),
    ]);
    var status = el("p", { className: "mg-class__status", role: "status" });
    var keep = el("input", { type: "checkbox", id: "mg-class-keep" });
    var print = el("button", { type: "button", textContent: "Print the overview" });
    var again = el("button", { type: "button", textContent: "Start again" });
    var actions = el("div", { className: "mg-class__actions", hidden: true }, [
      el("p", {}, [print, " ", again]),
      el("p", { className: "mg-class__keep" }, [keep, " ", el("label", { for: "mg-class-keep",
        textContent: "Keep these files in this browser, to come back to them later (on this computer only)" })]),
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
        el("h2", { id: "mg-class-files-title", textContent: "Your students' files" }),
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
      if (P.keeping) { store(); say("These files are kept in this browser until you untick the box or start again."); }
      else { forget(); say("This browser no longer keeps the files. They stay on the page until you leave it."); }
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
      C = window.MarginaliaClass; F = window.MarginaliaFormat; Q = window.MarginaliaQuote; KINDS = F.KINDS;
      build(root);
      restore();
    }, function () {
      root.replaceChildren(el("p", { textContent: "The class overview's scripts did not load, so it cannot read files. Reload the page." }));
    });
  }

  if (!window.marginaliaClassDrop) { /* once per document, though the script runs on each arrival */
    window.marginaliaClassDrop = true;
    document.addEventListener("dragover", function (event) { dropped(event); });
    document.addEventListener("drop", function (event) { dropped(event); });
  }
  start();
})();
