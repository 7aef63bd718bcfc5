"""The one exception of the importer: an input that cannot be imported, and what to do about it."""

from __future__ import annotations


class ImportError_(Exception):
    """A source that cannot be imported; the message names it, says what is wrong and how to fix it.

    (The trailing underscore keeps it apart from Python's own ``ImportError``.)
    """
