"""Marginalia: margin notes anchored by quote in news articles, built by a static site generator.

The package does not import MkDocs; ``hooks/marginalia_hook.py`` adapts it. One build runs in
two passes over the site, like mkdocs-autorefs:

1. **Before any page renders**: every annotation file is read and validated
   (:mod:`.loader`, with line numbers from :mod:`.yamlnodes`), each note's Markdown is rendered
   once (:mod:`.notemarkup`), and one topic index is built over all notes (:mod:`.topics`).
   Pages generated from the annotations (topics, glossary, the article list) are made here
   (:mod:`.pages`).
2. **As each article renders**: its HTML is read as the text a reader sees (:mod:`.htmldoc`),
   each quote is found in it (:mod:`.textquote`), passages are highlighted and notes placed
   beside them with their same-topic links (:mod:`.article`, :mod:`.render`).

Around them: the site's settings are read first (:mod:`.settings`); the articles' index pages
and the Articles section of the navigation are made from the article pages
(:mod:`.articleindex`); hand-written pages fill their markers (:mod:`.markers`); and each
article's HTML is refused if it carries anything that runs or loads (:mod:`.safety`).

After the last page, :class:`.site.Build` reports every problem of the run at once, and the
notes are exported as W3C Web Annotations (:mod:`.export`). The author's tools are separate:
:mod:`.importer` turns a saved page, a URL, pasted text or a raw file into an article page,
:mod:`.removal` takes an article out, and :mod:`.cli` is the ``marginalia`` command.
"""
