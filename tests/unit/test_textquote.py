"""Finding a quoted passage: exact, decided by context, tolerant of typography, or a clear failure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marginalia.model import Selector
from marginalia.textquote import Anchor, AnchorFailure, anchor, fold, normalise, with_edges

TEXT = ("The talks went on. The talks went on without Moscow, said Scholz. "
        "Later the talks went on again.")


def find(text: str, exact: str, prefix: str = "", suffix: str = "") -> Anchor | AnchorFailure:
    return anchor(normalise(text), Selector(exact, prefix, suffix))


def found(text: str, exact: str, **context: str) -> str:
    result = find(text, exact, **context)
    assert isinstance(result, Anchor), result
    return text[result.start:result.end]


class TestExact:
    def test_a_unique_quote_maps_back_to_its_exact_offsets(self):
        result = find(TEXT, "without Moscow")
        assert isinstance(result, Anchor)
        assert (result.start, result.end) == (TEXT.index("without Moscow"), TEXT.index("without Moscow") + 14)

    def test_quote_at_the_very_start(self):
        assert find(TEXT, "The talks went on.") == Anchor(0, 18)

    def test_quote_at_the_very_end(self):
        result = find(TEXT, "went on again.")
        assert isinstance(result, Anchor) and result.end == len(TEXT)

    def test_the_whole_text(self):
        assert find("Only this.", "Only this.") == Anchor(0, 10)

    def test_surrounding_whitespace_in_the_quote_is_ignored(self):
        assert found(TEXT, "  without Moscow \n") == "without Moscow"


class TestRepeatedPassages:
    def test_ambiguous_without_context_lists_every_place(self):
        result = find(TEXT, "talks went on")
        assert isinstance(result, AnchorFailure) and result.reason == "ambiguous"
        assert "3 times" in result.message
        assert "1. The [talks went on]" in result.hint and "Later the [talks went on] again" in result.hint

    def test_prefix_decides(self):
        result = find(TEXT, "talks went on", prefix="Later the")
        assert result == Anchor(TEXT.index("talks went on again"), TEXT.index("talks went on again") + 13)

    def test_suffix_decides(self):
        result = find(TEXT, "The talks went on", suffix="without")
        assert isinstance(result, Anchor) and result.start == TEXT.index("The talks went on without")

    def test_prefix_and_suffix_together(self):
        text = "a x b. c x b. a x d."
        result = find(text, "x", prefix="a", suffix="d")
        assert result == Anchor(text.rindex("x"), text.rindex("x") + 1)

    def test_context_that_fits_no_copy_is_reported_with_the_real_context(self):
        result = find(TEXT, "without Moscow", prefix="with")
        assert isinstance(result, AnchorFailure) and result.reason == "context"
        assert "went on [without Moscow]" in result.hint

    def test_context_that_still_leaves_two_copies_is_ambiguous(self):
        text = "one x two. one x three. four x five."
        result = find(text, "x", prefix="one")
        assert isinstance(result, AnchorFailure) and result.reason == "ambiguous"
        assert "twice" in result.message

    def test_overlapping_copies_are_all_counted(self):
        result = find("aaa", "aa")
        assert isinstance(result, AnchorFailure) and result.reason == "ambiguous"


class TestContextPastTheEdge:
    """Clients that describe a passage on the whole page take context from beside the text."""

    HEADLINE = "Western Countries in Peace Talks"

    def test_a_prefix_from_before_the_text_fits_a_quote_at_its_start(self):
        assert find(TEXT, "The talks went on.", prefix="Author, as given\nJane Doe ") == Anchor(0, 18)

    def test_a_suffix_from_after_the_text_fits_a_quote_at_its_end(self):
        assert found(TEXT, "went on again.", suffix="1 Framing The headline puts") == "went on again."

    def test_context_that_runs_past_the_edge_must_agree_with_the_text_it_covers(self):
        assert found(self.HEADLINE, "Peace Talks", prefix="Menu\n  Western Countries in ") == "Peace Talks"
        result = find(self.HEADLINE, "Peace Talks", prefix="Menu\n  Eastern Countries in ")
        assert isinstance(result, AnchorFailure) and result.reason == "context"

    def test_in_joined_texts_each_text_has_its_own_edges(self):
        """The headline and the body searched as one: context runs past the headline's end."""
        joined = self.HEADLINE + "\n" + TEXT
        text = with_edges(normalise(joined), [len(self.HEADLINE) + 1])
        result = anchor(text, Selector("Peace Talks", "Western Countries in ", "1 Framing The headline puts"))
        assert result == Anchor(joined.index("Peace Talks"), len(self.HEADLINE))
        body = len(self.HEADLINE) + 1
        assert anchor(text, Selector("The talks went on.", "headline puts Peace Talks in quotes", "")) \
            == Anchor(body, body + 18), "a prefix from the note after the headline, at the body's start"
        result = anchor(text, Selector("Peace Talks", "Menu\n  Eastern Countries in ", ""))
        assert isinstance(result, AnchorFailure), "what lies inside the headline must still agree"

    def test_an_occurrence_the_context_fits_in_full_comes_first(self):
        text = "talks went on. Moscow said the talks went on."
        assert find(text, "talks went on", prefix="Moscow said the") == Anchor(text.rindex("talks"), len(text) - 1)
        assert find(text, "talks went on", prefix="A headline. ") == Anchor(0, 13), "only the first is at the edge"


class TestNotFound:
    def test_hint_shows_the_closest_passage(self):
        result = find(TEXT, "without Moskau, said Scholz")
        assert isinstance(result, AnchorFailure) and result.reason == "not-found"
        assert 'closest passage is "without Moscow, said Scholz."' in result.hint

    def test_case_difference_is_named(self):
        result = find(TEXT, "WITHOUT moscow")
        assert isinstance(result, AnchorFailure)
        assert "different capitalisation" in result.hint and '"without Moscow"' in result.hint

    def test_nothing_close_gives_no_misleading_hint(self):
        result = find(TEXT, "zzzz qqqq")
        assert isinstance(result, AnchorFailure) and result.hint is None

    def test_empty_quote(self):
        assert find(TEXT, " \n ").reason == "empty"

    def test_empty_text(self):
        assert find("", "anything").reason == "not-found"


class TestTypography:
    @pytest.mark.parametrize("text, quote", [
        ("the “peace negotiations” about", 'the "peace negotiations" about'),
        ('the "peace negotiations" about', "the “peace negotiations” about"),
        ("Scholz’s statement", "Scholz's statement"),
        ("to end – or at least freeze – the conflict", "to end - or at least freeze - the conflict"),
        ("to end — or at least", "to end - or at least"),
        ("non\u00a0breaking space", "non breaking space"),
        ("a line\nbreak and   spaces", "a line break and spaces"),
        ("tab\tseparated", "tab separated"),
        ("the ﬁnal offer", "the final offer"),  # compatibility ligature
        ("cafe\u0301 talks", "café talks"),  # decomposed vs composed accent
        ("soft\u00adhyphen", "softhyphen"),
        ("zero\u200bwidth", "zerowidth"),
        ("‘single’", "'single'"),
    ])
    def test_variant_still_matches(self, text, quote):
        result = find(text, quote)
        assert isinstance(result, Anchor), (text, quote, result)

    def test_offsets_cover_the_original_characters(self):
        text = "He said “a number  of\u00a0countries” today"
        assert found(text, '"a number of countries"') == "“a number  of\u00a0countries”"

    def test_words_must_still_be_exact(self):
        assert isinstance(find("peace talks", "peace-talks"), AnchorFailure)

    def test_context_is_compared_in_folded_form_too(self):
        text = "he said “yes”. she said “yes”."
        result = find(text, "“yes”", prefix='she said')
        assert isinstance(result, Anchor) and result.start == text.rindex("“yes”")


def test_fold_is_idempotent():
    sample = "“Tom’s”  —  ﬁne\u00a0text"
    assert fold(fold(sample)) == fold(sample)


def _reference_normalise(text: str):
    """The definition of folding, one character at a time (normalise() is the fast version)."""
    from marginalia.textquote import Normalised, _fold_char

    chars, origin, last_space = [], [], True
    for index, char in enumerate(text):
        for part in _fold_char(char):
            if part == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            chars.append(part)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Normalised("".join(chars), tuple(origin), len(text))


TRICKY = "ab c`’‘“”–—-\u00a0\n\t\u200b\u00ad éﬁe\u0301…«»'\"x1., "


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=60) | st.text(max_size=40))
def test_fast_normalise_matches_the_character_by_character_definition(text):
    assert normalise(text) == _reference_normalise(text)


class TestDashesTypedOnAKeyboard:
    """'--' and '---' are how a keyboard types en and em dashes; spaced or not, they match."""

    @pytest.mark.parametrize("page, typed", [
        ("peace—or war", "peace--or war"), ("peace—or war", "peace---or war"),
        ("peace – or war", "peace -- or war"), ("peace — or war", "peace--or war"),
        ("peace—or war", "peace - or war"), ("peace -- or war", "peace—or war"),
    ])
    def test_dash_runs_match_each_other(self, page, typed):
        assert found(page, typed) == page

    def test_a_dash_run_is_matched_whole_and_context_may_use_it_too(self):
        text = "Talks — or war. Talks — or peace."
        assert found(text, "Talks -- or", suffix="peace") == "Talks — or"
        assert found(text, "or peace", prefix="Talks --") == "or peace"

    def test_a_hyphen_is_still_not_a_space(self):
        assert find("well-known", "well known").reason == "not-found"


class TestWholeWords:
    """A passage starting or ending inside a word is a mouse-copying slip: partial_word says
    so and gives the whole-word passage as the hint."""

    def test_a_passage_inside_words_gets_the_whole_words(self):
        from marginalia.textquote import partial_word
        text = "the bipartisan concerns were"
        start = text.index("ipartisan")
        problem = partial_word(text, start, start + len("ipartisan concer"))
        assert problem.message == "the quote starts and ends inside a word"
        assert problem.hint == 'quote whole words: "bipartisan concerns"'

    @pytest.mark.parametrize("passage", ["bipartisan concerns", "Scholz’s", "“talks”", "co-operation"])
    def test_whole_words_are_fine(self, passage):
        from marginalia.textquote import partial_word
        text = f"A {passage}, again."
        start = text.index(passage)
        assert partial_word(text, start, start + len(passage)) is None

    def test_a_combining_accent_belongs_to_its_word(self):
        from marginalia.textquote import partial_word
        text = "the cafe\u0301 closed"
        start = text.index("cafe")
        assert partial_word(text, start, start + 4).message == "the quote ends inside a word"

    @pytest.mark.parametrize("text, passage", [("和平谈判没有俄罗斯参加", "谈判"), ("ロシア抜きの和平交渉", "和平"),
                                               ("การเจรจาสันติภาพ", "สันติภาพ")])
    def test_scripts_without_spaces_between_words_are_exempt(self, text, passage):
        from marginalia.textquote import partial_word
        start = text.index(passage)
        assert partial_word(text, start, start + len(passage)) is None
