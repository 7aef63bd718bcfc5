"""Dates in annotation files are ISO dates at the precision the author knows."""

import pytest

from marginalia.dates import is_iso_date


@pytest.mark.parametrize("text", ["2024", "2024-03", "2024-03-28", "2024-02-29", " 2022-12 "])
def test_iso_dates_of_any_precision_are_dates(text):
    assert is_iso_date(text)


@pytest.mark.parametrize("text", ["29 Jan 2025", "2024-13", "2024-02-30", "2023-02-29", "24-03-28",
                                  "2024/03/28", "March 2024", "2024-3-8", ""])
def test_anything_else_is_not(text):
    assert not is_iso_date(text)
