"""Generated classes of students' practice files, made from a built site's own notes.

Used by the class overview's browser tests and by the benchmark. Each student finds some
notes (with the note's kind or another), misses the others, and marks passages that no note
covers; several students mark the same such passages, each cutting it their own way. What the
overview must show is counted here, in Python, by the rule practice mode states ("a mark finds
a note when their passages share any text that is not white space"), not by the code under
test.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("framing", "sourcing", "claim")
NOTES_SCRIPT = Path("assets") / "marginalia" / "marginalia-class-notes.js"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    reason: str = ""


@dataclass
class Article:
    slug: str
    title: str
    text: str
    notes: list[dict]  # id, number, kind, start, end

    def gaps(self, min_words: int = 5) -> list[tuple[int, int]]:
        """Stretches of text no note covers, with at least ``min_words`` words (and not
        touching a note: a word shared with a note's edge would find it)."""
        covered = sorted((n["start"], n["end"]) for n in self.notes)
        gaps, at = [], 0
        for start, end in covered + [(len(self.text), len(self.text))]:
            if start > at:
                words = list(re.finditer(r"\S+", self.text[at:start]))[1:-1]  # not the words at the edges
                if len(words) >= min_words:
                    gaps.append((at + words[0].start(), at + words[-1].end()))
            at = max(at, end)
        return gaps


def site_articles(built_site: Path) -> list[Article]:
    """The articles of a built site, as its class overview knows them."""
    script = (built_site / NOTES_SCRIPT).read_text(encoding="utf-8")
    data = json.loads(script[script.index("{"):script.rindex("}") + 1])
    return [Article(a["slug"], a["title"], a["text"], a["notes"]) for a in data["articles"]]


def overlap(text: str, a: Span | dict, b: Span | dict) -> bool:
    start = max(_start(a), _start(b))
    end = min(_end(a), _end(b))
    return start < end and text[start:end].strip() != ""


def _start(x) -> int:
    return x["start"] if isinstance(x, dict) else x.start


def _end(x) -> int:
    return x["end"] if isinstance(x, dict) else x.end


def unambiguous(text: str, start: int, end: int) -> bool:
    """Whether a passage with its 32 characters either side occurs once in the text, so that a
    file's selector finds it and no other copy of it (a long repeated passage would not)."""
    return text.count(text[max(0, start - 32):end + 32]) == 1


def words_inside(text: str, start: int, end: int, rng: random.Random, most: int = 6) -> tuple[int, int] | None:
    """A few whole words from inside [start, end), that a selector finds again (None if the
    passage is repeated too exactly for that)."""
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    for _ in range(20):
        count = rng.randint(1, min(most, len(words)))
        first = rng.randint(0, len(words) - count)
        span = words[first][0], words[first + count - 1][1]
        if unambiguous(text, *span):
            return span
    return None


def around_middle(text: str, start: int, end: int, rng: random.Random) -> tuple[int, int] | None:
    """Some words of [start, end), always with its middle word: any two such passages overlap."""
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    middle = len(words) // 2
    for _ in range(20):
        first = middle - rng.randint(0, min(2, middle))
        last = middle + rng.randint(0, min(2, len(words) - 1 - middle))
        if unambiguous(text, words[first][0], words[last][1]):
            return words[first][0], words[last][1]
    return None


def practice_file(article: Article, name: str, marks: list[Span], saved: str = "2025-05-01T10:00:00.000Z") -> str:
    """A practice file as practice mode saves it (see README, "Privacy")."""
    text = article.text

    def selector(m: Span) -> dict:
        return {"type": "TextQuoteSelector", "exact": text[m.start:m.end],
                "prefix": text[max(0, m.start - 32):m.start], "suffix": text[m.end:m.end + 32]}
    return json.dumps({
        "format": "marginalia-practice", "version": 1, "article": article.slug, "title": article.title,
        "name": name, "saved": saved,
        "marks": [{"kind": m.kind, "reason": m.reason, "created": "2025-05-01T09:30:00.000Z",
                   "selector": selector(m)} for m in marks],
    }, ensure_ascii=False, indent=2)


@dataclass
class Expected:
    """What the overview must show for one article."""

    notes: list[dict] = field(default_factory=list)  # per note: count, same, who {name: same kind?}
    passages: list[dict] = field(default_factory=list)  # per group, in text order: students, kinds
    students: dict[str, dict] = field(default_factory=dict)  # name -> marks, found, same, unmatched


@dataclass
class ClassSet:
    files: dict[str, str]  # file name -> contents
    expected: dict[str, Expected]  # slug -> what the overview shows


def class_set(articles: list[Article], students: int = 30, seed: int = 1, marks_each: int | None = None) -> ClassSet:
    """``students`` students, each on every article given (one file per article). With
    ``marks_each``, each file holds that many marks (for the benchmark)."""
    rng = random.Random(seed)
    files: dict[str, str] = {}
    work: dict[str, dict[str, list[Span]]] = {a.slug: {} for a in articles}
    for article in articles:
        hot = article.gaps()[:6]
        for s in range(students):
            name = f"Student {s + 1:02}"
            marks: list[Span] = []
            for note in article.notes:
                roll = rng.random()
                if roll < 0.4:
                    continue  # missed
                kind = note["kind"] if roll < 0.75 else rng.choice([k for k in KINDS if k != note["kind"]])
                span = words_inside(article.text, note["start"], note["end"], rng)
                if span:
                    marks.append(Span(*span, kind))
            for g, (start, end) in enumerate(hot):
                if rng.random() < (0.5 if g % 2 == 0 else 0.15):
                    span = around_middle(article.text, start, end, rng)
                    reason = rng.choice(["", f"{name} thinks it steers", "No source given"])
                    if span:
                        marks.append(Span(*span, rng.choice(KINDS), reason))
            if marks_each is not None:
                marks = _exactly(article, marks, marks_each, rng)
            rng.shuffle(marks)  # a file's marks come in any order
            work[article.slug][name] = marks
            files[f"marginalia-{article.slug}-student-{s + 1:02}.json"] = practice_file(article, name, marks)
    return ClassSet(files, {a.slug: expect(a, work[a.slug]) for a in articles})


def _exactly(article: Article, marks: list[Span], count: int, rng: random.Random) -> list[Span]:
    while len(marks) < count:
        note = rng.choice(article.notes)
        span = words_inside(article.text, note["start"], note["end"], rng)
        if span:
            marks.append(Span(*span, rng.choice(KINDS)))
    return marks[:count]


def expect(article: Article, work: dict[str, list[Span]]) -> Expected:
    """The overview of one article, counted from the students' marks."""
    text, result = article.text, Expected()
    matched: dict[str, set[int]] = {name: set() for name in work}
    for note in article.notes:
        who = {}
        for name, marks in work.items():
            hits = [i for i, m in enumerate(marks) if overlap(text, note, m)]
            matched[name].update(hits)
            if hits:
                who[name] = any(marks[i].kind == note["kind"] for i in hits)
        result.notes.append({"number": note["number"], "count": len(who),
                             "same": sum(who.values()), "who": who})
    for name, marks in work.items():
        found = [n for n in result.notes if name in n["who"]]
        result.students[name] = {"marks": len(marks), "found": len(found),
                                 "same": sum(1 for n in found if n["who"][name]),
                                 "unmatched": len(marks) - len(matched[name])}
    loose = sorted(((m, name) for name, marks in work.items() for i, m in enumerate(marks)
                    if i not in matched[name]), key=lambda x: (x[0].start, x[0].end))
    groups: list[dict] = []
    for mark, name in loose:  # marks are whole words, so overlapping spans share a word
        if groups and mark.start < groups[-1]["end"]:
            groups[-1]["end"] = max(groups[-1]["end"], mark.end)
        else:
            groups.append({"start": mark.start, "end": mark.end, "students": set(), "kinds": {}})
        groups[-1]["students"].add(name)
        groups[-1]["kinds"][mark.kind] = groups[-1]["kinds"].get(mark.kind, 0) + 1
    result.passages = groups
    return result
