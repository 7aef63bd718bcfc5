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

After the last page, :class:`.site.Build` reports every problem of the run at once, and the
notes are exported as W3C Web Annotations (:mod:`.export`). :mod:`.importer` is separate: it
turns raw article files into pages.
"""
