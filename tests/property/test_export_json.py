"""The exports' JSON writer: the same data back when read, one annotation per line."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from marginalia.export import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=30)
items = st.lists(st.dictionaries(st.text(max_size=8), values, max_size=5), min_size=1, max_size=6)


def collection(title: str, annotations: list) -> dict:
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "x", "type": "AnnotationCollection",
            "label": title, "total": len(annotations),
            "first": {"id": "x#page-1", "type": "AnnotationPage", "startIndex": 0, "items": annotations}}


@settings(max_examples=300, deadline=None)
@given(st.text(), items)
def test_a_collection_reads_back_as_written_with_one_annotation_per_line(title, annotations):
    text = dumps(collection(title, annotations))
    assert json.loads(text) == collection(title, annotations)
    lines = text.split("\n")  # not splitlines(): JSON text may hold U+0085 or U+2028 unescaped
    start = lines.index('    "items": [')
    assert [json.loads(line.strip().rstrip(",")) for line in lines[start + 1:start + 1 + len(annotations)]] \
        == annotations
    assert lines[start + 1 + len(annotations)] == "    ]"


def test_a_title_that_looks_like_the_writers_slot_is_kept_as_it_is():
    data = collection('[\n      "marginalia:items"\n    ]', [{"a": "marginalia:items"}])
    assert json.loads(dumps(data)) == data


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), values, max_size=6))
def test_anything_else_is_written_indented_as_the_standard_library_does(data):
    if isinstance(data.get("first"), dict) and data["first"].get("items"):
        return
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
