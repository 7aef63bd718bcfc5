"""The exports' JSON writer gives exactly what json.dumps(indent=2, ensure_ascii=False) gives."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from marginalia.export import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text(max_size=8), values, max_size=6))
def test_same_text_as_the_standard_library(data):
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_keys_that_are_not_strings_are_written_as_the_standard_library_writes_them():
    data = {"a": {1: [True, None], 2.5: {}}, "b": ["x", {"é": "\u2028\"\\"}]}
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
